using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using MeshConformance.Udf;
using Org.BouncyCastle.Crypto.Digests;

namespace MeshConformance.Platform.Keys;

/// <summary>
/// How the reference implementation derives a profile's signature key from a <c>PrivateKeyUDF</c> seed and which bytes
/// it fingerprints to name the key — facts read from its code and confirmed by the seed-to-UDF examples of the schema
/// drafts (schema-06, schema-08), none of which the UDF drafts state (bindings.md U-12):
/// <list type="bullet">
/// <item>OKM = HKDF-SHA-512(salt: none, IKM: the seed's whole binary data (specifier + seed), info: the specifier's two
/// octets ‖ UTF-8 of the key name, e.g. "BaseDeviceProfile"), 56 octets;</item>
/// <item>the 56-octet OKM itself is the Ed448 secret (RFC 8032 hashes the 57-octet secret; the reference hashes these 56);</item>
/// <item>the fingerprinted SubjectPublicKeyInfo wraps the raw key in an OCTET STRING inside the BIT STRING and gives the
/// algorithm an explicit NULL parameter — not RFC 8410's form.</item>
/// </list>
/// </summary>
public static class ReferenceKeys
{
    /// <summary>The profile key names the reference derives for a seed's key specifier (a device seed may be a host's).</summary>
    public static IReadOnlyList<string> ProfileKeyNames(ushort specifier) => specifier switch
    {
        0x0102 => ["CompleteAccountProfile"],
        0x0100 => ["BaseDeviceProfile", "BaseHostProfile"],
        _ => [],
    };

    /// <summary>The reference's profile signature public key for a seed and key name (57 octets, Ed448).</summary>
    public static byte[] ProfileKey(UdfValue seed, string keyName)
    {
        var bds = seed.Bds;
        byte[] info = [bds[0], bds[1], .. Encoding.UTF8.GetBytes(keyName)];
        var secret = HKDF.DeriveKey(HashAlgorithmName.SHA512, bds.ToArray(), 56, salt: [], info: info);
        return Ed448Public(secret);
    }

    /// <summary>The UDF of the reference's profile signature key for a seed and key name.</summary>
    public static string ProfileKeyUdf(UdfValue seed, string keyName) => UDF.PkixKeyFingerprint(Spki("Ed448", ProfileKey(seed, keyName)));

    /// <summary>
    /// The reference's SubjectPublicKeyInfo: SEQUENCE { SEQUENCE { OID, NULL }, BIT STRING { OCTET STRING key } }. With
    /// <paramref name="oneOid"/>, the OID of Ed25519 whatever the curve, as later reference versions write it (their
    /// PKIX code maps all four CFRG curves to that one OID).
    /// </summary>
    public static byte[] Spki(string curve, ReadOnlySpan<byte> publicKey, bool oneOid = false)
    {
        var oid = KeyIdentities.CfrgOid(oneOid ? "Ed25519" : curve);
        // One length octet each: the outer SEQUENCE holds 14 octets besides the key, so the key may not pass 113.
        if (publicKey.Length > 113) throw new CryptographicException("a public key that long is not a CFRG key");
        var octets = 2 + publicKey.Length;
        byte[] prefix = [0x30, (byte)(9 + 2 + 1 + octets), 0x30, 0x07, 0x06, 0x03, 0x2B, 0x65, oid, 0x05, 0x00, 0x03, (byte)(1 + octets), 0x00, 0x04, (byte)publicKey.Length];
        return [.. prefix, .. publicKey];
    }

    // Ed448 (RFC 8032 §5.2): x² + y² = 1 + d·x²·y² over p = 2^448 − 2^224 − 1, d = −39081.
    private static readonly BigInteger P = BigInteger.Pow(2, 448) - BigInteger.Pow(2, 224) - 1;
    private static readonly BigInteger D = P - 39081;
    private static readonly BigInteger BaseX = BigInteger.Parse("224580040295924300187604334099896036246789641632564134246125461686950415467406032909029192869357953282578032075146446173674602635247710");
    private static readonly BigInteger BaseY = BigInteger.Parse("298819210078481492676017930443930673437544040154080242095928241372331506189835876003536878655418784733982303233503462500531545062832660");

    /// <summary>
    /// The Ed448 public key of a secret of any length, as RFC 8032 §5.2.5 computes it (SHAKE256 to 114 octets, clamp the
    /// first 57, multiply the base point) — BouncyCastle insists on 57-octet secrets, and the reference's are 56.
    /// </summary>
    public static byte[] Ed448Public(ReadOnlySpan<byte> secret)
    {
        var shake = new ShakeDigest(256);
        shake.BlockUpdate(secret.ToArray(), 0, secret.Length);
        var h = new byte[114];
        shake.OutputFinal(h, 0, h.Length);
        var s = h[..57];
        s[0] &= 0xFC;
        s[55] |= 0x80;
        s[56] = 0;
        var (x, y) = Multiply(new BigInteger(s, isUnsigned: true, isBigEndian: false));
        var encoded = new byte[57];
        y.TryWriteBytes(encoded, out _, isUnsigned: true, isBigEndian: false);
        if (!x.IsEven) encoded[56] |= 0x80;
        return encoded;
    }

    /// <summary>scalar · B, double-and-add in projective coordinates (complete formulas: d is not a square).</summary>
    private static (BigInteger X, BigInteger Y) Multiply(BigInteger scalar)
    {
        (BigInteger X, BigInteger Y, BigInteger Z) result = (0, 1, 1), addend = (BaseX, BaseY, 1);
        for (; !scalar.IsZero; scalar >>= 1)
        {
            if (!scalar.IsEven) result = Add(result, addend);
            addend = Add(addend, addend);
        }
        var zInverse = BigInteger.ModPow(result.Z, P - 2, P);
        return (result.X * zInverse % P, result.Y * zInverse % P);
    }

    private static (BigInteger X, BigInteger Y, BigInteger Z) Add((BigInteger X, BigInteger Y, BigInteger Z) p1, (BigInteger X, BigInteger Y, BigInteger Z) p2)
    {
        var a = p1.Z * p2.Z % P;
        var b = a * a % P;
        var c = p1.X * p2.X % P;
        var d = p1.Y * p2.Y % P;
        var e = D * c % P * d % P;
        var f = (b - e + P) % P;
        var g = (b + e) % P;
        var x3 = a * f % P * (((p1.X + p1.Y) * (p2.X + p2.Y) - c - d) % P + P) % P;
        var y3 = a * g % P * ((d - c + P) % P) % P;
        var z3 = f * g % P;
        return (x3, y3, z3);
    }
}
