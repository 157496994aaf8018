using System.Collections.Concurrent;
using MeshConformance.Dare.IO;
using Microsoft.Win32.SafeHandles;

namespace MeshConformance.Checks;

/// <summary>
/// One worker's buffer for whole container files, so that the catalog reader and the verifier walk the same bytes
/// instead of each opening and reading the file. Files are opened exactly as <see cref="FileByteSource"/> opens them
/// (read only, writers may go on appending; the length is fixed at open time). The buffer grows to the largest file
/// read and is reused: each worker holds one, so memory is bounded by the worker count × <see cref="MaxBytes"/>.
/// </summary>
internal sealed class ContainerBytes
{
    /// <summary>Larger files are read through a <see cref="FileByteSource"/> window as before, so memory stays bounded.</summary>
    public const long MaxBytes = 32L * 1024 * 1024;

    private byte[] buffer = [];

    /// <summary>
    /// The buffers of one check run, each lent to one worker at a time. Parallel.For runs its local init again for every
    /// replica it starts (dozens in a run over many files): a buffer, grown to the largest file, goes back here for the
    /// next replica instead of being grown again from nothing (zeroed, on the large object heap) for each.
    /// </summary>
    public sealed class Pool
    {
        private readonly ConcurrentBag<ContainerBytes> kept = [];

        /// <summary>A buffer no other worker holds.</summary>
        public ContainerBytes Take() => kept.TryTake(out var buffer) ? buffer : new ContainerBytes();

        /// <summary>Gives back a buffer its worker no longer uses.</summary>
        public void Return(ContainerBytes buffer) => kept.Add(buffer);
    }

    /// <summary>
    /// The file's bytes, valid until the next call; or null when it is larger than <see cref="MaxBytes"/>, cannot be
    /// opened or read, or shrank while being read: the callers then open the file themselves and report what goes wrong
    /// exactly as before.
    /// </summary>
    public IByteSource? TryRead(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            if (length > MaxBytes) return null;
            if (buffer.Length < length) buffer = new byte[Math.Min(MaxBytes, Math.Max(length, 2L * buffer.Length))];
            return ReadFully(handle, buffer.AsSpan(0, (int)length)) ? new MemoryByteSource(buffer.AsMemory(0, (int)length)) : null;
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
}
