using System.Security.Cryptography;
using System.Text;

namespace MeshConformance.Dare.Crypto;

/// <summary>
/// Per-frame payload encryption as the dare-08 §13.3 example really does it (formats.md §1.7):
/// key = HKDF-SHA-256(IKM = master key, salt = frame Salt, info = "encrypt", 32 bytes),
/// IV = HKDF-SHA-256(…, info = "iv", 16 bytes), AES-256-CBC with PKCS#7 padding (<c>enc: "A256CBC"</c>).
/// The draft text's "dare-encrypt"/"dare-iv" labels do not reproduce its own example; see bindings.md.
/// </summary>
public static class FrameCipher
{
    public const string Algorithm = "A256CBC";

    private static readonly byte[] EncryptInfo = Encoding.ASCII.GetBytes("encrypt");
    private static readonly byte[] IvInfo = Encoding.ASCII.GetBytes("iv");
    private static readonly byte[] MacInfo = Encoding.ASCII.GetBytes("mac");

    public static byte[] PayloadKey(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> salt) => Derive(masterKey, salt, EncryptInfo, 32);

    public static byte[] PayloadIv(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> salt) => Derive(masterKey, salt, IvInfo, 16);

    public static byte[] MacKey(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> salt) => Derive(masterKey, salt, MacInfo, 32);

    public static byte[] Encrypt(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> plaintext)
    {
        using var aes = Aes.Create();
        aes.Key = PayloadKey(masterKey, salt);
        return aes.EncryptCbc(plaintext, PayloadIv(masterKey, salt), PaddingMode.PKCS7);
    }

    /// <summary>Decrypts, or returns false when the key is wrong or the ciphertext is damaged (padding does not check).</summary>
    public static bool TryDecrypt(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
    {
        plaintext = [];
        if (ciphertext.Length == 0 || ciphertext.Length % 16 != 0) return false;
        using var aes = Aes.Create();
        aes.Key = PayloadKey(masterKey, salt);
        try
        {
            plaintext = aes.DecryptCbc(ciphertext, PayloadIv(masterKey, salt), PaddingMode.PKCS7);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Ciphertext length for a plaintext length: PKCS#7 always adds 1–16 bytes.</summary>
    public static long CiphertextLength(long plaintextLength) => (plaintextLength / 16 + 1) * 16;

    private static byte[] Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info, int length)
    {
        var output = new byte[length];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, output, salt, info);
        return output;
    }
}
