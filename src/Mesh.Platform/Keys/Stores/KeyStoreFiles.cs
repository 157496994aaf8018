using MeshConformance.Core;

namespace MeshConformance.Platform.Keys.Stores;

/// <summary>
/// The file operations every store needs in <c>Keys/</c>: read a key or locator file without following links or
/// reading something huge, and erase one so its bytes do not stay on the disk's free list in the clear.
/// </summary>
internal static class KeyStoreFiles
{
    /// <summary>The bytes of <c>directory/name</c> when it is a regular file of at most <see cref="KeyRing.MaxKeyFileBytes"/>, else null.</summary>
    public static byte[]? ReadRegular(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        var kind = FileKinds.Of(path);
        if (kind == FileKind.Missing) return null;
        if (kind != FileKind.Regular) throw new KeyStoreException($"{path} is not a regular file ({kind}); key files are never read through links or from devices");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > KeyRing.MaxKeyFileBytes)
            throw new KeyStoreException($"{path} is {stream.Length} bytes; key files over {KeyRing.MaxKeyFileBytes} bytes are not read");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>
    /// Overwrites a regular file with zeros, flushes that to the disk, then deletes it (bindings.md K-2). A symbolic
    /// link is only unlinked: zeroing would destroy whatever file it points at. False when nothing was there.
    /// </summary>
    public static bool Erase(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        switch (FileKinds.Of(path))
        {
            case FileKind.Missing:
                return false;
            case FileKind.Regular:
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None))
                {
                    var zeros = new byte[Math.Min(stream.Length, 64 * 1024)];
                    for (var left = stream.Length; left > 0; left -= zeros.Length)
                        stream.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
                    stream.Flush(flushToDisk: true);
                }
                File.Delete(path);
                return true;
            case FileKind.SymbolicLink:
                File.Delete(path);
                return true;
            case var other:
                throw new KeyStoreException($"{path} is not a key file ({other}); it was left alone");
        }
    }

    /// <summary>The names in <c>Keys/</c> that can be keys: regular files, not our temporary files (which start with a dot).</summary>
    public static IEnumerable<string> Names(string directory) =>
        FileKinds.Of(directory) != FileKind.Directory ? [] :
        Directory.EnumerateFiles(directory)
            .Where(p => FileKinds.Of(p) == FileKind.Regular)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => !n.StartsWith('.'))
            .Order(StringComparer.Ordinal);
}
