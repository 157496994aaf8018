using System.Buffers;
using MeshConformance.Dare.IO;
using Microsoft.Win32.SafeHandles;

namespace MeshConformance.Checks;

/// <summary>
/// A whole container file read once into a pooled buffer, so that the catalog reader and the verifier walk the same
/// bytes instead of each opening and reading the file. Opened exactly as <see cref="FileByteSource"/> opens it (read
/// only, writers may go on appending; the length is fixed at open time).
/// </summary>
internal sealed class ContainerBytes : IDisposable
{
    /// <summary>Larger files are read through a <see cref="FileByteSource"/> window as before, so memory stays bounded.</summary>
    public const long MaxBytes = 32L * 1024 * 1024;

    private byte[]? buffer;

    private ContainerBytes(byte[] buffer, int length)
    {
        this.buffer = buffer;
        Source = new MemoryByteSource(buffer.AsMemory(0, length));
    }

    public IByteSource Source { get; }

    /// <summary>
    /// The file's bytes, or null when it is larger than <see cref="MaxBytes"/>, cannot be opened or read, or shrank
    /// while being read: the callers then open the file themselves and report what goes wrong exactly as before.
    /// </summary>
    public static ContainerBytes? TryRead(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            if (length > MaxBytes) return null;
            var buffer = ArrayPool<byte>.Shared.Rent((int)length);
            if (ReadFully(handle, buffer.AsSpan(0, (int)length))) return new ContainerBytes(buffer, (int)length);
            ArrayPool<byte>.Shared.Return(buffer);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool ReadFully(SafeFileHandle handle, Span<byte> into)
    {
        var at = 0;
        while (at < into.Length)
        {
            var read = RandomAccess.Read(handle, into[at..], at);
            if (read <= 0) return false;
            at += read;
        }
        return true;
    }

    public void Dispose()
    {
        if (buffer is null) return;
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = null;
    }
}
