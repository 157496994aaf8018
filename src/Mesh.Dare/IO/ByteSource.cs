using Microsoft.Win32.SafeHandles;

namespace MeshConformance.Dare.IO;

/// <summary>
/// Random-access bytes of a container. The scanner reads only the tags, lengths and headers it needs,
/// so a 1 GiB container or a hostile length prefix never makes us allocate more than the file backs.
/// </summary>
public interface IByteSource : IDisposable
{
    long Length { get; }

    /// <summary>Reads up to buffer.Length bytes at offset; returns the count read (short only at end of data).</summary>
    int Read(long offset, Span<byte> buffer);
}

public static class ByteSourceExtensions
{
    /// <summary>Reads exactly buffer.Length bytes or returns false (end of data).</summary>
    public static bool TryReadExactly(this IByteSource source, long offset, Span<byte> buffer)
    {
        if (offset < 0 || offset > source.Length - buffer.Length) return false;
        var done = 0;
        while (done < buffer.Length)
        {
            var n = source.Read(offset + done, buffer[done..]);
            if (n <= 0) return false;
            done += n;
        }
        return true;
    }

    /// <summary>Reads a range the caller has already checked lies inside the source.</summary>
    public static byte[] ReadRange(this IByteSource source, long offset, int length)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        if (!source.TryReadExactly(offset, bytes))
            throw new IOException($"could not read {length} bytes at offset {offset}");
        return bytes;
    }
}

/// <summary>A container held in memory (tests, vectors, freshly written buffers).</summary>
public sealed class MemoryByteSource(ReadOnlyMemory<byte> data) : IByteSource
{
    public long Length => data.Length;

    public int Read(long offset, Span<byte> buffer)
    {
        if (offset >= data.Length) return 0;
        var n = (int)Math.Min(buffer.Length, data.Length - offset);
        data.Span.Slice((int)offset, n).CopyTo(buffer);
        return n;
    }

    public void Dispose() { }
}

/// <summary>
/// A container file opened read-only with sharing that lets writers go on appending
/// (the checker never writes into what it checks). The length is fixed at open time, so a
/// concurrent append is seen as "not yet there", never as a torn read.
/// </summary>
public sealed class FileByteSource : IByteSource
{
    // Frames are walked with many small reads (tags, lengths, headers); a window keeps them off the kernel.
    private const int WindowSize = 256 * 1024;
    private readonly SafeFileHandle handle;
    private readonly byte[] window;
    private long windowStart = -1;
    private int windowLength;

    public FileByteSource(string path)
    {
        handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Length = RandomAccess.GetLength(handle);
        Path = path;
        // A small file needs no bigger window than itself: checking 10,000 tiny files must not cost 10,000 full windows.
        window = new byte[(int)Math.Clamp(Length, 16, WindowSize)];
    }

    public string Path { get; }

    public long Length { get; }

    public int Read(long offset, Span<byte> buffer)
    {
        if (offset >= Length || buffer.Length == 0) return 0;
        var wanted = (int)Math.Min(buffer.Length, Length - offset);
        if (wanted > window.Length / 2) return RandomAccess.Read(handle, buffer[..wanted], offset);
        if (windowStart < 0 || offset < windowStart || offset + wanted > windowStart + windowLength)
        {
            // The backward walk reads just before the window: refill so the window ends at the wanted bytes,
            // otherwise every step of a backward walk would reload the whole window.
            windowStart = offset < windowStart ? Math.Max(0, offset + wanted - window.Length) : offset;
            windowLength = RandomAccess.Read(handle, window.AsSpan(0, (int)Math.Min(window.Length, Length - windowStart)), windowStart);
            if (windowLength <= 0) return 0;
        }
        var available = (int)Math.Min(wanted, windowStart + windowLength - offset);
        window.AsSpan((int)(offset - windowStart), available).CopyTo(buffer);
        return available;
    }

    public void Dispose() => handle.Dispose();
}
