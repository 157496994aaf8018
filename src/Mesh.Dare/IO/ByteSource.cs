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

/// <summary>
/// A source that can lend its bytes instead of copying them: the checking walk reads every tag, length, header and
/// trailer, and a copy (through an interface call) per small field is most of what framing costs.
/// </summary>
internal interface IByteWindow
{
    /// <summary>
    /// The bytes [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>) when they can be lent;
    /// false when not (out of range, or larger than the source lends), and the caller reads them with <see cref="IByteSource.Read"/>.
    /// The span is valid until the next read of the source.
    /// </summary>
    bool TryGetSpan(long offset, int length, out ReadOnlySpan<byte> span);
}

/// <summary>A container held in memory (tests, vectors, freshly written buffers).</summary>
public sealed class MemoryByteSource(ReadOnlyMemory<byte> data) : IByteSource, IByteWindow
{
    public long Length => data.Length;

    bool IByteWindow.TryGetSpan(long offset, int length, out ReadOnlySpan<byte> span)
    {
        span = default;
        if (offset < 0 || length < 0 || offset > data.Length - length) return false;
        span = data.Span.Slice((int)offset, length);
        return true;
    }

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
public sealed class FileByteSource : IByteSource, IByteWindow
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
        if (!EnsureWindowed(offset, wanted)) return 0;
        var available = (int)Math.Min(wanted, windowStart + windowLength - offset);
        window.AsSpan((int)(offset - windowStart), available).CopyTo(buffer);
        return available;
    }

    bool IByteWindow.TryGetSpan(long offset, int length, out ReadOnlySpan<byte> span)
    {
        span = default;
        // The same rule as Read: what Read would not serve from the window is not lent either.
        if (offset < 0 || length < 0 || offset > Length - length || length > window.Length / 2) return false;
        if (length == 0) return true;
        if (!EnsureWindowed(offset, length) || offset + length > windowStart + windowLength) return false;
        span = window.AsSpan((int)(offset - windowStart), length);
        return true;
    }

    /// <summary>Refills the window unless it holds the start of [offset, offset + wanted); false when nothing could be read.</summary>
    private bool EnsureWindowed(long offset, int wanted)
    {
        if (windowStart >= 0 && offset >= windowStart && offset + wanted <= windowStart + windowLength) return true;
        // The backward walk reads just before the window: refill so the window ends at the wanted bytes,
        // otherwise every step of a backward walk would reload the whole window.
        windowStart = offset < windowStart ? Math.Max(0, offset + wanted - window.Length) : offset;
        windowLength = RandomAccess.Read(handle, window.AsSpan(0, (int)Math.Min(window.Length, Length - windowStart)), windowStart);
        return windowLength > 0;
    }

    public void Dispose() => handle.Dispose();
}
