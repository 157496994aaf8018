namespace MeshConformance.Dare.Verification;

/// <summary>
/// The set of frame indices seen so far, with <see cref="HashSet{T}.Add"/>'s answers. Indices normally run 1, 2, 3, …
/// in file order, so the run [1, <c>contiguousEnd</c>) is kept as two numbers and only the other indices go into a
/// hash set: a container of millions of frames then costs no hashing and no memory per frame.
/// </summary>
internal sealed class SeenIndexSet
{
    /// <summary>Every index in [1, contiguousEnd) has been added.</summary>
    private long contiguousEnd = 1;

    /// <summary>Added indices outside [1, contiguousEnd).</summary>
    private readonly HashSet<long> others = [];

    /// <summary>Adds <paramref name="index"/>; false when it was already there.</summary>
    public bool Add(long index)
    {
        if (index >= 1 && index < contiguousEnd) return false;
        if (index != contiguousEnd) return others.Add(index);
        contiguousEnd++;
        // Indices added out of order may now continue the run.
        while (others.Count > 0 && others.Remove(contiguousEnd)) contiguousEnd++;
        return true;
    }
}
