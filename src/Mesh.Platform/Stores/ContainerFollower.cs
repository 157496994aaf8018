using System.Security.Cryptography;
using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Locking;

namespace MeshConformance.Platform.Stores;

/// <summary>
/// A reader following a container while writers append to it, as platform-06 §3.2 says readers do: it looks at the
/// file's length without the lock (to see that the end moved), and takes the lock only to settle its end-of-file
/// position, so that no append is half written while it reads the new frames. What it reads it remembers (offset,
/// length, SHA-256 of the bytes), and it reports what a reader must never see: the file shorter than frames it has
/// already read, a frame whose records are broken although it is whole, a frame that changed after it was read.
/// </summary>
public sealed class ContainerFollower(string path, IMeshLock? settleLock, TimeSpan lockTimeout)
{
    private readonly List<(long Offset, long Length, byte[] Hash)> seen = [];
    private readonly List<Finding> anomalies = [];
    private long end;
    private bool reportedShrink;

    public string Path => path;

    public long Frames => seen.Count;

    /// <summary>How often the end had moved and the reader took the lock to settle it.</summary>
    public long Settles { get; private set; }

    public IReadOnlyList<Finding> Anomalies => anomalies;

    /// <summary>One look: the length without the lock; if it grew, the new whole frames under the lock.</summary>
    public void Poll()
    {
        var length = LengthNow();
        if (length < end)
        {
            // Once per reader: after the first shrink every later look would say the same.
            if (!reportedShrink)
                anomalies.Add(new Finding(LogCodes.ReaderShrank, Severity.Error, length,
                    $"the file became {length} bytes long, shorter than the {seen.Count} whole frames a reader had read (ending at {end})"));
            reportedShrink = true;
            return;
        }
        if (length == end) return;
        using var lease = settleLock?.Acquire(lockTimeout);
        Settles++;
        ReadNewFrames();
    }

    /// <summary>Every frame this reader read must still be in <paramref name="finalPath"/>, byte for byte, where it was.</summary>
    public void CompareWith(string finalPath)
    {
        using var source = new FileByteSource(finalPath);
        for (var i = 0; i < seen.Count; i++)
        {
            var (offset, length, hash) = seen[i];
            if (offset + length > source.Length || !hash.AsSpan().SequenceEqual(Hash(source, offset, length)))
            {
                anomalies.Add(new Finding(LogCodes.ReaderFrameChanged, Severity.Error, offset,
                    $"frame {i}, which a reader read while writers appended, is no longer the same bytes in the final file", i));
                return; // the frames after it moved with it: one finding says it
            }
        }
    }

    private long LengthNow()
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    private void ReadNewFrames()
    {
        using var source = new FileByteSource(path);
        var length = source.Length;
        while (end < length)
        {
            var findings = new List<Finding>();
            var frame = WholeFrames.TryRead(source, end, seen.Count, length, findings);
            if (frame is null) return; // bytes that are not a whole frame: under the lock, a torn tail for a writer to cut
            if (findings.Count > 0)
                anomalies.Add(new Finding(LogCodes.ReaderTornFrame, Severity.Error, frame.Value.Offset,
                    $"a reader read frame {seen.Count}, whole but with broken records ({findings[0].Code}: {findings[0].Message})", seen.Count));
            seen.Add((frame.Value.Offset, frame.Value.Length, Hash(source, frame.Value.Offset, frame.Value.Length)));
            end = frame.Value.End;
        }
    }

    // Kept between polls: one buffer for the reader's whole life rather than one per look at the file.
    private byte[] buffer = new byte[64 * 1024];

    /// <summary>SHA-256 of a frame's bytes, read through the same source that delimited it (no second open of the file).</summary>
    private byte[] Hash(IByteSource source, long offset, long length)
    {
        if (buffer.Length < length) buffer = new byte[length];
        var bytes = buffer.AsSpan(0, (int)length);
        if (!source.TryReadExactly(offset, bytes)) throw new IOException($"{path}: frame at {offset} could not be read again");
        return SHA256.HashData(bytes);
    }
}
