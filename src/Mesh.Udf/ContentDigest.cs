using System.Numerics;
using System.Text;

namespace MeshConformance.Udf;

/// <summary>
/// Content-digest UDFs (types M and K, udf-10 §5.1). The algorithm follows the drafts' worked
/// examples, which disagree with the prose in two places (formats.md §3.3):
/// compression is read from the trailing zero bits at the END of the 64-byte TCDV (the text says
/// "the first 8 bytes"), and the BDS is the TCDV from byte 0 (the text says "the 9th octet").
/// </summary>
public static class ContentDigest
{
    /// <summary>Default precision: 140 bits = 28 characters (the drafts' "125 bit" label is stale).</summary>
    public const int DefaultBits = 140;
    /// <summary>Reference implementation's lower bound for generated UDFs.</summary>
    public const int MinimumBits = 128;
    /// <summary>Reference implementation's upper bound for generated UDFs.</summary>
    public const int MaximumBits = 440;
    /// <summary>Most bits a 512-bit digest plus the type byte can show.</summary>
    public const int DigestCapacityBits = 8 + 512;

    /// <summary>CDV = H(data).</summary>
    public static byte[] ContentDigestValue(ReadOnlySpan<byte> data, UdfDigestAlgorithm algorithm) =>
        Hashing.Digest(algorithm, data);

    /// <summary>TCDV = H(UTF8(contentType) ':' CDV), where CDV is already computed.</summary>
    public static byte[] TypedContentDigestValue(ReadOnlySpan<byte> cdv, string contentType, UdfDigestAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var tag = Encoding.UTF8.GetBytes(contentType);
        var input = new byte[tag.Length + 1 + cdv.Length];
        tag.CopyTo(input, 0);
        input[tag.Length] = (byte)':';
        cdv.CopyTo(input.AsSpan(tag.Length + 1));
        return Hashing.Digest(algorithm, input);
    }

    /// <summary>Number of zero bits at the end of <paramref name="tcdv"/>.</summary>
    public static int TrailingZeroBits(ReadOnlySpan<byte> tcdv)
    {
        var count = 0;
        for (var i = tcdv.Length - 1; i >= 0; i--)
        {
            if (tcdv[i] == 0) { count += 8; continue; }
            return count + BitOperations.TrailingZeroCount(tcdv[i]);
        }
        return count;
    }

    /// <summary>
    /// Compression level added to the base type: ≥50 trailing zero bits → 4, ≥40 → 3, ≥30 → 2,
    /// ≥20 → 1 (udf-10 §3.4.1 thresholds; the reference's GetCompression mis-tests the 40/50
    /// levels, which we do not copy).
    /// </summary>
    public static int CompressionLevel(ReadOnlySpan<byte> tcdv) => TrailingZeroBits(tcdv) switch
    {
        >= 50 => 4,
        >= 40 => 3,
        >= 30 => 2,
        >= 20 => 1,
        _ => 0,
    };

    /// <summary>
    /// Binary UDF from a TCDV: (base + compression) || TCDV[0 .. ceil(bits/8)-2].
    /// </summary>
    public static byte[] BinaryFromTcdv(ReadOnlySpan<byte> tcdv, UdfDigestAlgorithm algorithm, int bits)
    {
        CheckBits(bits);
        var bytes = (bits + 7) / 8;
        var result = new byte[bytes];
        result[0] = (byte)((byte)UdfTypes.DigestBase(algorithm) + CompressionLevel(tcdv));
        tcdv[..(bytes - 1)].CopyTo(result.AsSpan(1));
        return result;
    }

    /// <summary>Binary content-digest UDF of <paramref name="data"/>: type byte then BDS, ceil(bits/8) bytes.</summary>
    public static byte[] Binary(ReadOnlySpan<byte> data, string contentType,
        UdfDigestAlgorithm algorithm = UdfDigestAlgorithm.Sha2_512, int bits = DefaultBits)
    {
        var tcdv = TypedContentDigestValue(ContentDigestValue(data, algorithm), contentType, algorithm);
        return BinaryFromTcdv(tcdv, algorithm, bits);
    }

    /// <summary>Checks a requested precision: a multiple of 20 bits (udf-10 §3.1) that the digest can supply.</summary>
    internal static void CheckBits(int bits)
    {
        if (bits <= 0 || bits % 20 != 0 || bits > DigestCapacityBits)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits,
                "UDF precision must be a positive multiple of 20 bits, at most 520");
        }
    }
}
