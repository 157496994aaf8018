using MeshConformance.Core;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using MeshConformance.Locking;

namespace MeshConformance.Platform.Stores;

/// <summary>How appends are made.</summary>
public sealed record AppendOptions
{
    /// <summary>The lock every append is made under (bindings.md ); null only for a writer that owns the file alone
    /// (the generator writing a fresh profile).</summary>
    public IMeshLock? Lock { get; init; }

    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>fsync every frame before the lock is released (a crash then loses no acknowledged append).</summary>
    public bool Durable { get; init; }
}

/// <summary>
/// Appends frames to one container file — the one append path of the suite. With a lock, every append follows the
/// protocol of platform-06 §3.2 done right (bindings.md X-6): take the lock; learn the true end of the file and the
/// frames other writers appended since our last look; cut off a torn tail a crashed writer left (never a complete
/// frame); create frame 0 if the file is empty; write the whole frame at the end; flush (and fsync when durable);
/// release. Readers need no lock to see new frames.
/// </summary>
public sealed class StoreAppender : IDisposable
{
    private readonly FileStream stream;
    private readonly ContainerWriter writer;
    private readonly AppendOptions options;

    private StoreAppender(FileStream stream, ContainerWriter writer, AppendOptions options)
    {
        this.stream = stream;
        this.writer = writer;
        this.options = options;
    }

    public string Path => stream.Name;

    /// <summary>The Index the next appended frame gets (as far as this writer knows; under the lock it is exact).</summary>
    public long NextIndex => writer.State.NextIndex;

    /// <summary>Torn tails this writer cut off (bytes), one entry per repair.</summary>
    public IReadOnlyList<long> Repairs => repairs;

    private readonly List<long> repairs = [];

    // Only a frame that cannot be delimited (cut short, or its closing length and tag missing or wrong) is torn.
    // A delimited frame with bad records inside is complete: it stays, and the checker reports it.
    private static readonly HashSet<string> Undelimited =
        [FramingCodes.FrameTruncated, FramingCodes.FrameTag, FramingCodes.TrailerTag, FramingCodes.TrailerLength];

    public static StoreAppender Open(string path, ContainerSettings settings, AppendOptions? options = null)
    {
        options ??= new AppendOptions();
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            var appender = new StoreAppender(stream, new ContainerWriter(settings), options);
            using (appender.Lease()) appender.CatchUp();
            return appender;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends one frame and returns its Index.</summary>
    public long Append(ReadOnlySpan<byte> plaintext, ContentMeta? meta = null, string? envelopeId = null)
    {
        using var lease = Lease();
        if (options.Lock is not null) CatchUp();
        stream.Position = writer.State.EndOffset;
        var index = writer.Append(stream, plaintext, meta, envelopeId);
        Flush();
        return index;
    }

    public void Dispose() => stream.Dispose();

    private ILockLease? Lease() => options.Lock?.Acquire(options.LockTimeout);

    private void Flush()
    {
        if (options.Durable) stream.Flush(flushToDisk: true);
        else stream.Flush();
    }

    /// <summary>
    /// Brings our view up to the file: the frames appended since our last look are added to the state; bytes after
    /// the last whole frame are a torn append (the lock is held, so nobody is writing them) and are cut off; an empty
    /// file gets frame 0.
    /// </summary>
    private void CatchUp()
    {
        var length = stream.Length;
        var state = writer.State;
        if (length < state.EndOffset) state.Clear(); // shorter than we saw it: someone cut it; learn it again
        if (length == 0)
        {
            stream.Position = 0;
            writer.WriteFrame0(stream);
            Flush();
            return;
        }
        if (length == state.EndOffset) return;
        using var source = new FileByteSource(stream.Name);
        var offset = state.EndOffset;
        while (offset < length)
        {
            var findings = new List<Finding>();
            var frame = FrameScanner.ReadFrameAt(source, offset, state.NextIndex, findings);
            if (frame is null || frame.End > length || findings.Any(f => Undelimited.Contains(f.Code)))
            {
                if (state.NextIndex == 0)
                    throw new MeshFormatException(FramingCodes.FrameTag, offset, $"{stream.Name} does not start with a DARE frame; refusing to append to it");
                repairs.Add(length - offset);
                stream.SetLength(offset);
                Flush();
                return;
            }
            state.Add(offset, frame.TotalLength);
            offset = frame.End;
        }
    }
}
