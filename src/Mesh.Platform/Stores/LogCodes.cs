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

    /// <summary>An entry no writer appended (neither acknowledged nor in flight): a frame corrupted or invented.</summary>
    public const string Unexpected = "LOG-UNEXPECTED-ENTRY";

    /// <summary>A concurrent reader saw the file shrink below the whole frames it had read: a writer cut or rewrote frames.</summary>
    public const string ReaderShrank = "LOG-READER-SHRANK";

    /// <summary>A concurrent reader, holding the lock, read a whole frame with broken records: two appends interleaved.</summary>
    public const string ReaderTornFrame = "LOG-READER-TORN-FRAME";

    /// <summary>A frame a concurrent reader had read is not the same bytes in the final file: it was overwritten.</summary>
    public const string ReaderFrameChanged = "LOG-READER-FRAME-CHANGED";
}
