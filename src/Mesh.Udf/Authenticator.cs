using System.Security.Cryptography;
using System.Text;

namespace MeshConformance.Udf;

/// <summary>
/// Authenticator UDFs (type A = 0, udf-10 §5.2): a keyed content digest.
/// The key is a string — the UTF-8 of the whole key UDF text, dashes included (that is what the
/// §5.2.2 example needs) — stretched by HKDF-SHA-512 with fixed labels. No compression applies.
/// </summary>
public static class Authenticator
{
    /// <summary>HKDF salt (extract step) used to turn the key string into a MAC key.</summary>
    public const string MasterLabel = "KeyedUDFMaster";
    /// <summary>HKDF info (expand step).</summary>
    public const string ExpandLabel = "KeyedUDFExpand";

    /// <summary>PRK = HMAC-SHA-512(key = "KeyedUDFMaster", message = UTF8(keyString)).</summary>
    public static byte[] Prk(string keyString) =>
        HKDF.Extract(HashAlgorithmName.SHA512, Encoding.UTF8.GetBytes(keyString), Encoding.UTF8.GetBytes(MasterLabel));

    /// <summary>OKM = HKDF-Expand-SHA-512(PRK, "KeyedUDFExpand", 64 bytes): the MAC key.</summary>
    public static byte[] MacKey(string keyString) =>
        HKDF.Expand(HashAlgorithmName.SHA512, Prk(keyString), 64, Encoding.UTF8.GetBytes(ExpandLabel));

    /// <summary>MAC = HMAC-SHA-512(MAC key, UTF8(contentType) ':' SHA-512(data)).</summary>
    public static byte[] Mac(ReadOnlySpan<byte> data, string contentType, string keyString)
    {
        ArgumentNullException.ThrowIfNull(keyString);
        var cdv = ContentDigest.ContentDigestValue(data, UdfDigestAlgorithm.Sha2_512);
        var tag = Encoding.UTF8.GetBytes(contentType);
        var input = new byte[tag.Length + 1 + cdv.Length];
        tag.CopyTo(input, 0);
        input[tag.Length] = (byte)':';
        cdv.CopyTo(input, tag.Length + 1);
        return HMACSHA512.HashData(MacKey(keyString), input);
    }

    /// <summary>Binary A-UDF: 0x00 || MAC[0 .. ceil(bits/8)-2].</summary>
    public static byte[] Binary(ReadOnlySpan<byte> data, string contentType, string keyString, int bits = ContentDigest.DefaultBits)
    {
        ContentDigest.CheckBits(bits);
        var mac = Mac(data, contentType, keyString);
        var result = new byte[(bits + 7) / 8];
        result[0] = (byte)UdfType.AuthenticatorHmacSha2_512;
        mac.AsSpan(0, result.Length - 1).CopyTo(result.AsSpan(1));
        return result;
    }
}
