namespace MeshConformance.Dare.Digests;

/// <summary>The binary-tree navigation of Tree and Merkle containers (dare §4.1.1, Appendix C).</summary>
public static class TreeIndex
{
    /// <summary>
    /// The frame whose byte offset frame <paramref name="n"/> stores as TreePosition (Appendix C function).
    /// The §4.1.1 prose example is one-based and disagrees; the function and the §14.3 example agree.
    /// </summary>
    public static long PreviousFrame(long n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "frame 0 has no previous frame");
        long x2 = n + 1, d = 1;
        while (x2 > 0)
        {
            if ((x2 & 1) == 1) return x2 == 1 ? d / 2 - 1 : n - d;
            d *= 2;
            x2 /= 2;
        }
        return 0;
    }

    /// <summary>An apex frame's index is all ones in binary (0 counts as an apex).</summary>
    public static bool IsApex(long n) => ((n + 1) & n) == 0;
}
