namespace MeshConformance.Platform.Stores;

/// <summary>What <see cref="LogVerifier"/> finds beyond the container verifier: the marks of appends that were not excluded.</summary>
public static class LogCodes
{
    /// <summary>One entry (UniqueId) written twice: a retried or replayed append.</summary>
    public const string Duplicate = "LOG-DUPLICATE-ENTRY";

    /// <summary>Acknowledged appends missing from the file: overwritten by a writer at a stale offset.</summary>
    public const string Vanished = "LOG-ENTRIES-VANISHED";

    /// <summary>A writer's entries out of its own order.</summary>
    public const string OutOfOrder = "LOG-WRITER-ORDER";

    /// <summary>A writer's entries with some missing in between.</summary>
    public const string Gap = "LOG-WRITER-GAP";
}
