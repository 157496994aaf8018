using MeshConformance.Dare.Model;

namespace MeshConformance.Catalogs;

/// <summary>The ContentMeta <c>Event</c> values a catalog frame carries (reference-platform.md §4.2).</summary>
public static class CatalogEvents
{
    public const string New = ContentMetaEvents.New;
    public const string Update = ContentMetaEvents.Update;
    public const string Delete = ContentMetaEvents.Delete;

    public static bool IsKnown(string? value) => value is New or Update or Delete;
}

/// <summary>What became of a frame's payload before it reached the log.</summary>
public enum PayloadState
{
    /// <summary>The payload was read and parsed into a tagged entry (which may still lack a key).</summary>
    Entry,
    /// <summary>The frame has no payload record, or an empty one.</summary>
    Absent,
    /// <summary>A payload is there but did not parse as a tagged entry (a finding says why).</summary>
    Unreadable,
    /// <summary>A payload is there but encrypted, and was not decrypted: only the header is known.</summary>
    Encrypted,
}

/// <summary>
/// One data frame as the log sees it: its Index, its ContentMeta, and its entry when the payload was read.
/// </summary>
/// <param name="Index">The frame index (frame 0 is the container header and never reaches the log).</param>
/// <param name="Meta">The frame's ContentMeta, or null when the header had none.</param>
/// <param name="Entry">The parsed entry, or null (see <paramref name="Payload"/>).</param>
/// <param name="Payload">What became of the payload; by default inferred from <paramref name="Entry"/>.</param>
/// <param name="Offset">File offset of the frame, for findings; -1 when unknown.</param>
public sealed record LogFrame(long Index, ContentMeta? Meta, CatalogEntry? Entry, PayloadState Payload, long Offset = -1)
{
    public LogFrame(long index, ContentMeta? meta, CatalogEntry? entry)
        : this(index, meta, entry, entry is null ? PayloadState.Absent : PayloadState.Entry) { }
}
