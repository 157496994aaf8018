using System.Security.Cryptography;

namespace MeshConformance.Udf;

/// <summary>
/// The two 512-bit digests UDFs use. SHA-3 comes from the platform when its crypto library has
/// it (OpenSSL ≥ 1.1.1, Windows 11) and from BouncyCastle otherwise, so results never depend on
/// where the suite runs.
/// </summary>
internal static class Hashing
{
    public const int DigestBytes = 64;

    public static byte[] Digest(UdfDigestAlgorithm algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        UdfDigestAlgorithm.Sha2_512 => SHA512.HashData(data),
        UdfDigestAlgorithm.Sha3_512 => Sha3_512(data),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    private static byte[] Sha3_512(ReadOnlySpan<byte> data)
    {
        if (SHA3_512.IsSupported) return SHA3_512.HashData(data);
        var digest = new Org.BouncyCastle.Crypto.Digests.Sha3Digest(512);
        digest.BlockUpdate(data);
        var output = new byte[DigestBytes];
        digest.DoFinal(output, 0);
        return output;
    }
}
