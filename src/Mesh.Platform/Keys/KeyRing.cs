using System.Security;
using MeshConformance.Core;
using MeshConformance.Dare.Crypto;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Reading;
using MeshConformance.JsonB;

namespace MeshConformance.Platform.Keys;

/// <summary>
/// The X448 private keys found in key files, by the UDF a recipient's <c>kid</c> names, so encrypted catalogs
/// can be read to the entry level when the profile's keys are at hand. Only regular files are read (never through
/// a symlink), each at most <see cref="MaxKeyFileBytes"/>; a file that is not a key is skipped, not fatal, and listed
/// in <see cref="Skipped"/> when it is not a key file at all (so a store left at header level has a visible reason).
/// </summary>
public sealed class KeyRing
{
    /// <summary>A key file is a few hundred bytes; anything far larger is not one.</summary>
    public const int MaxKeyFileBytes = 64 * 1024;

    private readonly Dictionary<string, byte[]> x448 = new(StringComparer.Ordinal);
    private readonly List<SkippedKeyPath> skipped = [];

    public int Count => x448.Count;

    /// <summary>
    /// Key directories that could not be listed and regular files in them that could not be used as key files
    /// (unreadable, too large, not JSON-B, a malformed X448 key). Files holding another kind of key (the reference's
    /// seed files) are not listed: they are key files, just not exchange keys.
    /// </summary>
    public IReadOnlyList<SkippedKeyPath> Skipped => skipped;

    public static KeyRing Load(IEnumerable<string> directories)
    {
        var ring = new KeyRing();
        foreach (var directory in directories)
        {
            if (FileKinds.Of(directory) != FileKind.Directory) continue;
            List<string> files;
            try
            {
                // Listed up front so that a directory we may not read is one skipped entry, not an exception mid-walk.
                files = Directory.EnumerateFiles(directory).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException)
            {
                ring.skipped.Add(new SkippedKeyPath(directory, $"the key directory cannot be listed: {e.Message}"));
                continue;
            }
            foreach (var file in files)
            {
                if (FileKinds.Of(file) != FileKind.Regular) continue;
                if (ring.LoadFile(file) is { } problem) ring.skipped.Add(new SkippedKeyPath(file, problem));
            }
        }
        return ring;
    }

    /// <summary>Adds the key in a <c>PrivateKeyECDH</c> X448 file, named by its file name (the reference names key files by UDF).</summary>
    public bool TryAdd(string name, byte[] fileContent) => Add(name, fileContent) == KeyFileContent.ExchangeKey;

    /// <returns>Why the file is no usable key file, or null when it was loaded or holds another kind of key.</returns>
    private string? LoadFile(string file)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (stream.Length > MaxKeyFileBytes)
                return $"the file is {stream.Length} bytes; key files over {MaxKeyFileBytes} bytes are not read";
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message}";
        }
        return Add(Path.GetFileName(file), bytes) switch
        {
            KeyFileContent.NotJsonB => "not a key file: its content is not a JSON-B object",
            KeyFileContent.MalformedExchangeKey => $"a PrivateKeyECDH X448 key whose Private value is not {X448Recipient.KeySize} bytes",
            _ => null,
        };
    }

    private enum KeyFileContent { ExchangeKey, OtherKey, MalformedExchangeKey, NotJsonB }

    private KeyFileContent Add(string name, byte[] fileContent)
    {
        JsonBValue parsed;
        try
        {
            parsed = JsonBParser.Parse(fileContent);
        }
        catch (MeshFormatException)
        {
            return KeyFileContent.NotJsonB;
        }
        if (parsed is not JsonBObject tagged) return KeyFileContent.NotJsonB;
        if (tagged["PrivateKeyECDH"] is not JsonBObject key || key["crv"]?.AsString() != "X448") return KeyFileContent.OtherKey;
        if (key["Private"] is not { } value || !value.TryGetBytes(out var privateKey, out _) || privateKey.Length != X448Recipient.KeySize)
            return KeyFileContent.MalformedExchangeKey;
        x448[name] = privateKey;
        if (key["kid"]?.AsString() is { } kid) x448[kid] = privateKey;
        return KeyFileContent.ExchangeKey;
    }

    /// <summary>
    /// Decrypts a frame's payload with whichever of its recipients this ring holds a key for; null when it holds none.
    /// Holding the right key and still failing means the frame is damaged (or the key file is wrong): that throws a
    /// <see cref="System.Security.Cryptography.CryptographicException"/>, which the catalog reader reports, rather than
    /// passing for a missing key.
    /// </summary>
    public byte[]? Decrypt(DareFrame frame, ReadOnlyMemory<byte> ciphertext)
    {
        if (frame.Header is not { } header) return null;
        string? failure = null;
        foreach (var recipient in header.Recipients)
        {
            if (recipient.KeyIdentifier is null || !x448.TryGetValue(recipient.KeyIdentifier, out var privateKey)) continue;
            if (X448Recipient.TryUnwrap(recipient, privateKey) is not { } master)
            {
                failure = $"the key {recipient.KeyIdentifier} does not unwrap the frame's master key";
                continue;
            }
            if (header.Salt is { } salt && FrameCipher.TryDecrypt(master, salt, ciphertext.Span, out var plaintext)) return plaintext;
            failure = header.Salt is null ? "the frame has no Salt" : $"the payload does not decrypt under the key unwrapped with {recipient.KeyIdentifier}";
        }
        return failure is null ? null : throw new System.Security.Cryptography.CryptographicException(failure);
    }
}

/// <summary>A key directory or key file <see cref="KeyRing.Load"/> could not use, with the reason in words.</summary>
public sealed record SkippedKeyPath(string Path, string Reason);
