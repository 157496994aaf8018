namespace MeshConformance.Udf;

/// <summary>
/// Comparing UDFs (udf-10 §5): two UDFs of the same content, type and algorithm are equal or
/// one is a prefix of the other, so a short UDF printed on a card matches a longer one
/// computed later ("precision improvement", §3.1.1).
/// </summary>
public static class UdfComparison
{
    /// <summary>
    /// Default floor on the common precision: 100 bits, the draft's shortest worked example and
    /// the 20-character size §3.4.1 gives for a 92-bit work factor. Below it a "match" is too weak to mean anything.
    /// </summary>
    public const int DefaultMinimumBits = 100;

    /// <summary>
    /// True when the type bytes are equal, both carry at least <paramref name="minimumBits"/>
    /// bits, and the bits the two have in common are equal. Bits count the type byte (5 per
    /// character), so the comparison is on whole characters.
    /// </summary>
    public static bool PrefixMatch(UdfValue a, UdfValue b, int minimumBits = DefaultMinimumBits)
    {
        if (a.TypeByte != b.TypeByte) return false;
        var common = Math.Min(a.Bits, b.Bits);
        if (common < minimumBits) return false;
        var chars = common / 5;
        return string.CompareOrdinal(a.Compact, 0, b.Compact, 0, chars) == 0;
    }
}
