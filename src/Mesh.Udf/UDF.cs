using System.Security.Cryptography;
using System.Text;
using MeshConformance.Core;

namespace MeshConformance.Udf;

/// <summary>Content-type strings that matter for UDFs, with where each was found.</summary>
public static class UdfContentTypes
{
    /// <summary>What the reference actually hashes for key fingerprints (KeyPair.KeyIdentifier); the draft says application/pkix-keyinfo.
    /// Reproduces udf-13 §4.2's MD2N-37QO-... example.</summary>
    public const string PkixKey = "PKIXKey";
    /// <summary>The draft's (udf-10 §9.4.1) media type for key info.</summary>
    public const string PkixKeyInfo = "application/pkix-keyinfo";
    /// <summary>What the reference hashes for lock names; its design note says application/udf-lock.</summary>
    public const string UdfLock = "UDFLock";
    /// <summary>E-UDF identifier content type that reproduces udf-10 §1.2.2.</summary>
    public const string UdfEncryption = "application/udf-encryption";
    /// <summary>E-UDF identifier content type of later reference code; reproduces udf-13 §1.2.2 (udf-13's text says application/udf, which does not).</summary>
    public const string UdfEncryptionReference = "UDFEncryption";
}

/// <summary>
/// Named UDF, not Udf: a class Udf inside namespace MeshConformance.Udf cannot be named from any
/// other MeshConformance.* namespace (the namespace wins the lookup). UDF also matches the
/// reference implementation's class name, which helps when comparing call sites.
/// Entry points for Uniform Data Fingerprints (draft-hallambaker-mesh-udf-10). Precision
/// ("bits") always counts the type byte, as the drafts' examples do: 140 bits = 28 characters.
/// </summary>
public static class UDF
{
    public const int DefaultBits = 140;

    /// <summary>Precision of lock names and UDF-of-UDF identifiers: twice the default.</summary>
    public const int DoubleBits = 2 * DefaultBits;

    /// <summary>
    /// Lenient parse: case-insensitive, dashes ignored. Never throws anything but
    /// <see cref="MeshFormatException"/> (codes UDF-EMPTY, UDF-TOO-LONG, UDF-CHAR, UDF-TOO-SHORT,
    /// offset = character index) for any string; null is a programming error.
    /// </summary>
    public static UdfValue Parse(string text)
    {
        var binary = Base32.Decode(text, out var positions);
        if (binary.Length == 0)
        {
            throw new MeshFormatException(UdfCodes.TooShort, text.Length, "a UDF needs at least 2 Base32 characters for its type byte");
        }
        return new UdfValue(text, binary, positions);
    }

    public static bool TryParse(string text, out UdfValue? value, out MeshFormatException? error)
    {
        try
        {
            value = Parse(text);
            error = null;
            return true;
        }
        catch (MeshFormatException e)
        {
            value = null;
            error = e;
            return false;
        }
    }

    /// <summary>Content-digest UDF text (M for SHA-2-512, K for SHA-3-512), compressed when the TCDV allows.</summary>
    public static string ContentDigest(ReadOnlySpan<byte> data, string contentType,
        UdfDigestAlgorithm algorithm = UdfDigestAlgorithm.Sha2_512, int bits = DefaultBits) =>
        Presentation.Truncated(MeshConformance.Udf.ContentDigest.Binary(data, contentType, algorithm, bits), bits);

    /// <summary>Binary content-digest UDF: type byte then ceil(bits/8) − 1 BDS bytes.</summary>
    public static byte[] ContentDigestBinary(ReadOnlySpan<byte> data, string contentType,
        UdfDigestAlgorithm algorithm = UdfDigestAlgorithm.Sha2_512, int bits = DefaultBits) =>
        MeshConformance.Udf.ContentDigest.Binary(data, contentType, algorithm, bits);

    /// <summary>Authenticator UDF (type A, HMAC-SHA-2-512) keyed by <paramref name="keyString"/> (a UDF text, used as typed).</summary>
    public static string Authenticator(ReadOnlySpan<byte> data, string contentType, string keyString, int bits = DefaultBits) =>
        Presentation.Truncated(MeshConformance.Udf.Authenticator.Binary(data, contentType, keyString, bits), bits);

    /// <summary>E-UDF: 0x20 || key, untruncated.</summary>
    public static string EncryptionKey(ReadOnlySpan<byte> key) => Presentation.Fixed(UdfType.EncryptionKey, key);

    /// <summary>N-UDF of the given nonce bytes.</summary>
    public static string Nonce(ReadOnlySpan<byte> nonce) => Presentation.Fixed(UdfType.Nonce, nonce);

    /// <summary>N-UDF of a fresh random nonce (default 128 bits, which with the type byte gives the usual 28 characters).</summary>
    public static string Nonce(int randomBits = 128)
    {
        if (randomBits <= 0 || randomBits % 8 != 0) throw new ArgumentOutOfRangeException(nameof(randomBits));
        return Nonce(RandomNumberGenerator.GetBytes(randomBits / 8));
    }

    /// <summary>O-UDF: 0x70 || DER, untruncated.</summary>
    public static string Oid(ReadOnlySpan<byte> der) => Presentation.Fixed(UdfType.Oid, der);

    /// <summary>
    /// Identifier of an E-UDF: SHA-2-512 content digest of the E-UDF's text (dashes included) at
    /// 280 bits. The content type is application/udf-encryption in udf-10, "UDFEncryption" in the
    /// reference code that generated udf-13.
    /// </summary>
    public static string EncryptionKeyIdentifier(string encryptionKeyUdf, string contentType = UdfContentTypes.UdfEncryption, int bits = DoubleBits) =>
        ContentDigest(Encoding.UTF8.GetBytes(encryptionKeyUdf), contentType, UdfDigestAlgorithm.Sha2_512, bits);

    /// <summary>
    /// The reference's named-mutex name for a file (reference-platform.md §2.2):
    /// [0x60 + c] || SHA-512(UTF8("UDFLock") ':' UTF8(path)), 280 bits, dash-4. The path is used
    /// exactly as given (no canonicalisation) and is NOT hashed first: the reference passes it
    /// where a digest is expected.
    /// </summary>
    public static string LockName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var tcdv = MeshConformance.Udf.ContentDigest.TypedContentDigestValue(Encoding.UTF8.GetBytes(path), UdfContentTypes.UdfLock, UdfDigestAlgorithm.Sha2_512);
        return Presentation.Truncated(MeshConformance.Udf.ContentDigest.BinaryFromTcdv(tcdv, UdfDigestAlgorithm.Sha2_512, DoubleBits), DoubleBits);
    }

    /// <summary>
    /// Key fingerprint as the reference computes it (KeyPair.KeyIdentifier): SHA-2-512 content
    /// digest of the KeyInfo DER with content type "PKIXKey". Names key files and account directories.
    /// </summary>
    public static string PkixKeyFingerprint(ReadOnlySpan<byte> keyInfoDer, int bits = DefaultBits) =>
        ContentDigest(keyInfoDer, UdfContentTypes.PkixKey, UdfDigestAlgorithm.Sha2_512, bits);

    /// <summary>Strong Internet Name (udf-10 §7): address + ".mm--" + the UDF in lower case, dashes kept.</summary>
    public static string StrongInternetName(string address, string udf) => address + ".mm--" + udf.ToLowerInvariant();

    /// <summary>Prefix rule (udf-10 §5), see <see cref="UdfComparison.PrefixMatch(UdfValue, UdfValue, int)"/>.</summary>
    public static bool PrefixMatch(string a, string b, int minimumBits = UdfComparison.DefaultMinimumBits) =>
        UdfComparison.PrefixMatch(Parse(a), Parse(b), minimumBits);
}
