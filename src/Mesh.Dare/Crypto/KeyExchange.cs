using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto;

namespace MeshConformance.Dare.Crypto;

/// <summary>
/// Recipient key exchange of dare-08 §13.3 as reproduced (formats.md §1.7): the key-encryption key is
/// HKDF-SHA-512(salt = none, IKM = the key agreement, info = "master") truncated to 32 bytes, and
/// <c>wmk</c> is the RFC 3394 AES key wrap of the master key under it.
/// </summary>
public static class KeyExchange
{
    private static readonly byte[] MasterInfo = Encoding.ASCII.GetBytes("master");

    public static byte[] KeyEncryptionKey(ReadOnlySpan<byte> agreement)
    {
        var kek = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA512, agreement, kek, [], MasterInfo);
        return kek;
    }

    public static byte[] Wrap(byte[] kek, byte[] masterKey)
    {
        var engine = new AesWrapEngine();
        engine.Init(true, new KeyParameter(kek));
        return engine.Wrap(masterKey, 0, masterKey.Length);
    }

    /// <summary>Unwraps, or returns false when the integrity check of RFC 3394 fails (wrong key-encryption key).</summary>
    public static bool TryUnwrap(byte[] kek, byte[] wrapped, out byte[] masterKey)
    {
        masterKey = [];
        if (wrapped.Length < 24 || wrapped.Length % 8 != 0) return false;
        var engine = new AesWrapEngine();
        engine.Init(false, new KeyParameter(kek));
        try
        {
            masterKey = engine.Unwrap(wrapped, 0, wrapped.Length);
            return true;
        }
        catch (InvalidCipherTextException)
        {
            return false;
        }
    }
}
