using System.Numerics;
using System.Security.Cryptography;

namespace MeshConformance.Platform.Keys.Stores;

/// <summary>
/// A Secret Service session's transfer encryption (bindings.md K-5): <c>dh-ietf1024-sha256-aes128-cbc-pkcs7</c> as the
/// Secret Service API spec defines it — Diffie-Hellman in the RFC 2409 1024-bit MODP group (generator 2), public values
/// as unsigned big-endian bytes, the AES-128 key is HKDF-SHA-256 (no salt, no info) of the shared secret, and every
/// secret is AES-128-CBC with PKCS#7 padding under a fresh IV carried as the secret's <c>parameters</c> — or
/// <c>plain</c>, for services that offer nothing else.
/// </summary>
internal sealed class SecretServiceSession
{
    public const string DhAlgorithm = "dh-ietf1024-sha256-aes128-cbc-pkcs7";
    public const string PlainAlgorithm = "plain";

    /// <summary>RFC 2409 §6.2, the Second Oakley Group: 2^1024 − 2^960 − 1 + 2^64 · (⌊2^894 · π⌋ + 129093).</summary>
    private static readonly BigInteger Prime = new(Convert.FromHexString(
        "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
        "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
        "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF"), isUnsigned: true, isBigEndian: true);

    private const int PrimeBytes = 128;

    private readonly byte[]? aesKey;

    private SecretServiceSession(string path, byte[]? aesKey)
    {
        Path = path;
        this.aesKey = aesKey;
    }

    /// <summary>The session's object path, named in every secret sent or received.</summary>
    public string Path { get; }

    public string Algorithm => aesKey is null ? PlainAlgorithm : DhAlgorithm;

    public static SecretServiceSession Plain(string path) => new(path, null);

    /// <summary>A private value and the public value to send in <c>OpenSession</c>.</summary>
    public sealed record KeyPair(BigInteger Private, byte[] Public);

    public static KeyPair NewKeyPair()
    {
        // A 1023-bit private exponent, never zero: below the prime and as long as libsecret's.
        var random = RandomNumberGenerator.GetBytes(PrimeBytes);
        random[0] &= 0x7F;
        random[^1] |= 1;
        var x = new BigInteger(random, isUnsigned: true, isBigEndian: true);
        return new KeyPair(x, BigInteger.ModPow(2, x, Prime).ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    /// <summary>
    /// The session keyed by the service's public value, or null when the shared secret happens to be shorter than the
    /// prime (one time in 256). Services disagree on whether such a secret is padded with zeros before HKDF (older
    /// gnome-keyring does not, libsecret now does), so that session is given up and another one opened instead.
    /// </summary>
    /// <exception cref="KeyStoreException">The service's public value is not in the group.</exception>
    public static SecretServiceSession? Agree(string path, KeyPair ours, byte[] servicePublic)
    {
        var y = new BigInteger(servicePublic, isUnsigned: true, isBigEndian: true);
        if (y <= 1 || y >= Prime - 1) throw new KeyStoreException("the Secret Service sent a Diffie-Hellman public value outside the group");
        var shared = BigInteger.ModPow(y, ours.Private, Prime).ToByteArray(isUnsigned: true, isBigEndian: true);
        if (shared.Length != PrimeBytes) return null;
        return new SecretServiceSession(path, HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 16, salt: [], info: []));
    }

    /// <summary>The secret's <c>parameters</c> (the IV) and <c>value</c>.</summary>
    public (byte[] Parameters, byte[] Value) Encrypt(byte[] plaintext)
    {
        if (aesKey is null) return ([], plaintext);
        using var aes = Aes.Create();
        aes.Key = aesKey;
        var iv = RandomNumberGenerator.GetBytes(16);
        return (iv, aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7));
    }

    /// <exception cref="KeyStoreException">The secret does not decrypt under this session's key.</exception>
    public byte[] Decrypt(byte[] parameters, byte[] value)
    {
        if (aesKey is null) return value;
        try
        {
            using var aes = Aes.Create();
            aes.Key = aesKey;
            return aes.DecryptCbc(value, parameters, PaddingMode.PKCS7);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new KeyStoreException("the secret from the Secret Service does not decrypt under the session key", e);
        }
    }
}
