namespace MeshConformance.Platform.Stores;

/// <summary>
/// What a stress run's writers were told: the appends they acknowledged (each must be in the file exactly once) and
/// the appends in doubt — in flight when their writer was killed, so the file may or may not hold them (at most once).
/// Any other entry in the file is one nobody asked for.
/// </summary>
public sealed class LogLedger
{
    private readonly HashSet<string> acknowledged = new(StringComparer.Ordinal);
    private readonly HashSet<string> inDoubt = new(StringComparer.Ordinal);
    private readonly object gate = new();

    public void Acknowledge(string uniqueId)
    {
        lock (gate) acknowledged.Add(uniqueId);
    }

    public void Doubt(string uniqueId)
    {
        lock (gate) inDoubt.Add(uniqueId);
    }

    public long AcknowledgedCount
    {
        get { lock (gate) return acknowledged.Count; }
    }

    public long InDoubtCount
    {
        get { lock (gate) return inDoubt.Count; }
    }

    public bool IsAcknowledged(string uniqueId)
    {
        lock (gate) return acknowledged.Contains(uniqueId);
    }

    public bool IsInDoubt(string uniqueId)
    {
        lock (gate) return inDoubt.Contains(uniqueId);
    }

    /// <summary>The acknowledged entries that <paramref name="present"/> lacks, in ordinal order.</summary>
    public IReadOnlyList<string> MissingFrom(IReadOnlySet<string> present)
    {
        lock (gate) return acknowledged.Where(id => !present.Contains(id)).Order(StringComparer.Ordinal).ToList();
    }
}
