using MeshConformance.Dare.IO;
using Microsoft.Win32.SafeHandles;

namespace MeshConformance.Platform.Stores;

/// <summary>
/// The bytes a writer has not seen yet — from its last known end to the end of the file — read with one pread from the
/// handle it already has open, into a buffer it keeps. Catching up under the lock then costs no open(2) and no fresh
/// window per append, which matters because every append of a contended writer catches up on the others' frames.
/// </summary>
internal sealed class TailBytes : IByteSource
{
    private byte[] buffer = new byte[16 * 1024];
    private long start;
    private int count;

    /// <summary>Reads [<paramref name="from"/>, <paramref name="to"/>) of the file; false if that is too large to hold.</summary>
    public bool Load(SafeFileHandle file, long from, long to)
    {
        if (to - from > 64 * 1024 * 1024) return false; // far behind (a fresh writer on a big file): let the caller stream it
        if (buffer.Length < to - from) buffer = new byte[(int)Math.Max(to - from, buffer.Length * 2L)];
        start = from;
        count = 0;
        while (count < to - from)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(count, (int)(to - from) - count), from + count);
            if (read <= 0) break; // the file shrank meanwhile: what is here is what there is
            count += read;
        }
        return true;
    }

    public long Length => start + count;

    public int Read(long offset, Span<byte> destination)
    {
        if (offset < start) throw new InvalidOperationException($"offset {offset} lies before the loaded tail at {start}");
        if (offset >= start + count) return 0;
        var n = (int)Math.Min(destination.Length, start + count - offset);
        buffer.AsSpan((int)(offset - start), n).CopyTo(destination);
        return n;
    }

    public void Dispose() { }
}
