using MeshConformance.Dare.Crypto;
using MeshConformance.Udf;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace MeshConformance.Platform.Keys;

/// <summary>A key pair the profile uses: its algorithm, raw private and public keys, and its UDF (the file name in <c>Keys/</c>).</summary>
public sealed record MeshKeyPair(UdfKeyAlgorithm Algorithm, byte[] PrivateKey, byte[] PublicKey)
{
    /// <summary>SubjectPublicKeyInfo DER (RFC 8410): the bytes the reference fingerprints with content type "PKIXKey".</summary>
    public byte[] SubjectPublicKeyInfo => MeshKeyPairs.SubjectPublicKeyInfo(Algorithm, PublicKey);

    /// <summary>The key's UDF: 140-bit SHA-2-512 fingerprint of the SPKI, as the reference names keys and account directories.</summary>
    public string Udf => UDF.PkixKeyFingerprint(SubjectPublicKeyInfo);
}

/// <summary>
/// Derives Ed448 signature keys and X448 exchange keys from Z-UDF seeds as udf-10 §4.4 says (the OKM is the
/// raw private key), using BouncyCastle because .NET has neither curve.
/// </summary>
public static class MeshKeyPairs
{
    // RFC 8410 §4: SEQUENCE { SEQUENCE { OID 1.3.101.111 (X448) | 1.3.101.113 (Ed448) }, BIT STRING }.
    private static readonly byte[] X448Prefix = [0x30, 0x42, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x6F, 0x03, 0x39, 0x00];
    private static readonly byte[] Ed448Prefix = [0x30, 0x43, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x71, 0x03, 0x3A, 0x00];

    public static MeshKeyPair FromSeed(string zudf, UdfKeyAlgorithm algorithm)
    {
        var privateKey = KeyDerivationSeed.Parse(zudf).DeriveRawPrivateKey(algorithm);
        // udf-10 §4.4.1 derives 448 bits for Ed448, but an RFC 8032 Ed448 secret is 57 octets: bindings.md U-11
        // completes it with one zero octet (the whole secret is hashed with SHAKE256, so any fixed octet will do).
        if (algorithm == UdfKeyAlgorithm.Ed448 && privateKey.Length == Ed448.SecretKeySize - 1) privateKey = [.. privateKey, 0];
        return FromPrivate(algorithm, privateKey);
    }

    public static MeshKeyPair FromPrivate(UdfKeyAlgorithm algorithm, byte[] privateKey) => algorithm switch
    {
        UdfKeyAlgorithm.X448 => new MeshKeyPair(algorithm, privateKey, X448Recipient.PublicKey(privateKey)),
        UdfKeyAlgorithm.Ed448 => new MeshKeyPair(algorithm, privateKey, Ed448Public(privateKey)),
        _ => throw new NotSupportedException($"{algorithm} keys are not used by the generator"),
    };

    public static byte[] SubjectPublicKeyInfo(UdfKeyAlgorithm algorithm, byte[] publicKey)
    {
        var prefix = algorithm switch
        {
            UdfKeyAlgorithm.X448 => X448Prefix,
            UdfKeyAlgorithm.Ed448 => Ed448Prefix,
            _ => throw new NotSupportedException($"no SPKI encoding for {algorithm}"),
        };
        return [.. prefix, .. publicKey];
    }

    private static byte[] Ed448Public(byte[] privateKey)
    {
        if (privateKey.Length != Ed448.SecretKeySize) throw new ArgumentException($"an Ed448 private key is {Ed448.SecretKeySize} bytes");
        var publicKey = new byte[Ed448.PublicKeySize];
        Ed448.GeneratePublicKey(privateKey, 0, publicKey, 0);
        return publicKey;
    }
}
