using MeshConformance.Core;
using MeshConformance.Dare.Crypto;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Reading;
using MeshConformance.JsonB;

namespace MeshConformance.Platform.Keys;

/// <summary>
/// The X448 private keys found in key files, by the UDF a recipient's <c>kid</c> names, so encrypted catalogs
/// can be read to the entry level when the profile's keys are at hand. Only regular files are read (never through
/// a symlink), each at most <see cref="MaxKeyFileBytes"/>; a file that is not a key is skipped, not fatal.
/// </summary>
public sealed class KeyRing
{
    /// <summary>A key file is a few hundred bytes; anything far larger is not one.</summary>
    public const int MaxKeyFileBytes = 64 * 1024;

    private readonly Dictionary<string, byte[]> x448 = new(StringComparer.Ordinal);

    public int Count => x448.Count;

    public static KeyRing Load(IEnumerable<string> directories)
    {
        var ring = new KeyRing();
        foreach (var directory in directories)
        {
            if (FileKinds.Of(directory) != FileKind.Directory) continue;
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                if (FileKinds.Of(file) != FileKind.Regular) continue;
                try
                {
                    using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    if (stream.Length > MaxKeyFileBytes) continue;
                    var bytes = new byte[stream.Length];
                    stream.ReadExactly(bytes);
                    ring.TryAdd(Path.GetFileName(file), bytes);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // An unreadable key file only means fewer catalogs are read to the entry level.
                }
            }
        }
        return ring;
    }

    /// <summary>Adds the key in a <c>PrivateKeyECDH</c> X448 file, named by its file name (the reference names key files by UDF).</summary>
    public bool TryAdd(string name, byte[] fileContent)
    {
        try
        {
            if (JsonBParser.Parse(fileContent) is not JsonBObject tagged || tagged["PrivateKeyECDH"] is not JsonBObject key) return false;
            if (key["crv"]?.AsString() != "X448" || key["Private"] is not { } value || !value.TryGetBytes(out var privateKey, out _)) return false;
            if (privateKey.Length != X448Recipient.KeySize) return false;
            x448[name] = privateKey;
            if (key["kid"]?.AsString() is { } kid) x448[kid] = privateKey;
            return true;
        }
        catch (MeshFormatException)
        {
            return false;
        }
    }

    /// <summary>Decrypts a frame's payload with whichever of its recipients this ring holds a key for; null when none does.</summary>
    public byte[]? Decrypt(DareFrame frame, ReadOnlyMemory<byte> ciphertext)
    {
        if (frame.Header is not { Salt: { } salt } header) return null;
        foreach (var recipient in header.Recipients)
        {
            if (recipient.KeyIdentifier is null || !x448.TryGetValue(recipient.KeyIdentifier, out var privateKey)) continue;
            if (X448Recipient.TryUnwrap(recipient, privateKey) is { } master
                && FrameCipher.TryDecrypt(master, salt, ciphertext.Span, out var plaintext))
                return plaintext;
        }
        return null;
    }
}
