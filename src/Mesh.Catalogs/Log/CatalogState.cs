using MeshConformance.Core;
using MeshConformance.Dare.Model;

namespace MeshConformance.Catalogs;

/// <summary>A live entry: the last frame written for its key, and what that frame held.</summary>
/// <param name="Key">The key (ContentMeta UniqueId).</param>
/// <param name="FrameIndex">The frame that wrote this version.</param>
/// <param name="Entry">The entry, or null when its payload was absent, unreadable or not decrypted.</param>
/// <param name="Meta">That frame's ContentMeta; null in a read that keeps no entry bodies (checking).</param>
public sealed record LiveEntry(string Key, long FrameIndex, CatalogEntry? Entry, ContentMeta? Meta);

/// <summary>The latest status a spool records for a message (a MessageComplete reference).</summary>
/// <param name="Status">The reference's <c>Relationship</c> (Accept, Reject, Read, Unread, …) or <c>MessageStatus</c>; null when neither is given.</param>
/// <param name="FrameIndex">The frame of the MessageComplete that set it.</param>
/// <param name="CompletionMessageId">The MessageId of that MessageComplete.</param>
/// <param name="ResponseId">The reference's <c>ResponseId</c>, when given.</param>
public sealed record MessageStatus(string? Status, long FrameIndex, string? CompletionMessageId, string? ResponseId);

/// <summary>
/// The frames written for one key, in order. Only the most recent <see cref="MaxRecorded"/> frame indices are kept,
/// so that memory depends on the number of keys and not on how often each was rewritten.
/// </summary>
public sealed class KeyHistory
{
    public const int MaxRecorded = 256;

    private readonly List<long> frames = [];

    internal KeyHistory(long frame) => Start(frame);

    /// <summary>Frame indices of the versions (New, Update and Delete frames), oldest first; the most recent <see cref="MaxRecorded"/>.</summary>
    public IReadOnlyList<long> Frames => frames;

    /// <summary>How many frames were written for the key in all.</summary>
    public long VersionCount { get; private set; }

    /// <summary>The first frame of the key's current life (its New, or the first version after a Delete).</summary>
    public long First { get; private set; }

    /// <summary>The most recent frame written for the key.</summary>
    public long Last { get; private set; }

    public bool IsTruncated => VersionCount > frames.Count;

    /// <summary>A version that starts a new life for the key (First moves to it).</summary>
    internal void Start(long frame)
    {
        Add(frame);
        First = frame;
    }

    internal void Add(long frame)
    {
        if (frames.Count == MaxRecorded) frames.RemoveAt(0);
        frames.Add(frame);
        VersionCount++;
        Last = frame;
    }
}

/// <summary>
/// What a catalog or spool holds after its frames are applied in order (reference-platform.md §4.2, §4.4), and every
/// anomaly met on the way.
/// </summary>
public sealed class CatalogState
{
    public required CatalogKind Kind { get; init; }

    /// <summary>Live entries by key: the last frame written for each key that is not deleted. For a spool, every message.</summary>
    public required IReadOnlyDictionary<string, LiveEntry> Live { get; init; }

    /// <summary>Deleted keys, with the frame index of the Delete.</summary>
    public required IReadOnlyDictionary<string, long> Deleted { get; init; }

    /// <summary>Per-key version history, for every key seen (live or deleted).</summary>
    public required IReadOnlyDictionary<string, KeyHistory> History { get; init; }

    /// <summary>
    /// host.dare keys deleted here that the reference still shows after a reload, because it ignores Delete frames in
    /// host.dare (REF-BUG, §4.1): key → frame index of the Delete. Add these to <see cref="Live"/> for the reference's view.
    /// </summary>
    public required IReadOnlyDictionary<string, long> DeletesIgnoredByReference { get; init; }

    /// <summary>Spools: the latest status of each message that has one.</summary>
    public required IReadOnlyDictionary<string, MessageStatus> MessageStatuses { get; init; }

    public required IReadOnlyList<Finding> Findings { get; init; }
}
