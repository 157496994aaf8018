using MeshConformance.Dare.Model;
using MeshConformance.JsonB;

namespace MeshConformance.Catalogs;

/// <summary>
/// Produces the ContentMeta of each catalog frame exactly as the reference's persistence store writes it
/// (reference-platform.md §4.2; formats.md §1.4): New is <c>{UniqueId, Event:"New"}</c>; Update and Delete add
/// <c>First</c> (the frame index of the key's first version) and <c>Previous</c> (of its immediately prior version);
/// a Delete frame carries no payload. It tracks key → (first, previous) and the next frame index, so each call
/// describes the frame the caller writes next. Serialize the result with <c>HeaderWriter.ContentMetaBytes</c>,
/// which writes the members in the reference's order.
/// </summary>
public sealed class CatalogLogWriter
{
    private readonly Dictionary<string, (long First, long Previous)> live = new(StringComparer.Ordinal);

    /// <param name="nextFrameIndex">Index of the first frame to be written; 1 for a new store (frame 0 is the container header).</param>
    public CatalogLogWriter(long nextFrameIndex = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nextFrameIndex, 1);
        NextFrameIndex = nextFrameIndex;
    }

    /// <summary>The index the next frame will have.</summary>
    public long NextFrameIndex { get; private set; }

    public bool Contains(string key) => live.ContainsKey(key);

    /// <summary>(first, previous) frame indices of a live key, or null.</summary>
    public (long First, long Previous)? VersionsOf(string key) => live.TryGetValue(key, out var v) ? v : null;

    /// <summary>ContentMeta for a New frame. A live key is refused, as the reference refuses it (ObjectIdentifierNotUnique).</summary>
    public ContentMeta New(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (live.ContainsKey(key)) throw new InvalidOperationException($"'{key}' is live: write an Update, not a New");
        var index = Advance();
        live[key] = (index, index);
        return new ContentMeta { UniqueId = key, Event = CatalogEvents.New };
    }

    /// <summary>ContentMeta for an Update frame of a live key.</summary>
    public ContentMeta Update(string key)
    {
        var (first, previous) = Existing(key, CatalogEvents.Update);
        var index = Advance();
        live[key] = (first, index);
        return new ContentMeta { UniqueId = key, Event = CatalogEvents.Update, First = first, Previous = previous };
    }

    /// <summary>Update when the key is live, else New: what the reference's PrepareUpdate does.</summary>
    public ContentMeta Put(string key) => live.ContainsKey(key) ? Update(key) : New(key);

    /// <summary>ContentMeta for a Delete frame (write it with no payload). An absent key is refused: the reference writes nothing then.</summary>
    public ContentMeta Delete(string key)
    {
        var (first, previous) = Existing(key, CatalogEvents.Delete);
        Advance();
        live.Remove(key);
        return new ContentMeta { UniqueId = key, Event = CatalogEvents.Delete, First = first, Previous = previous };
    }

    /// <summary>
    /// For an entry: its key from the type's rule, the ContentMeta for New-or-Update, and the payload bytes.
    /// Throws when the tag is unknown or the body lacks its key fields: a writer must not produce an unkeyable entry.
    /// </summary>
    public (ContentMeta Meta, byte[] Payload) Put(string tag, JsonBObject body)
    {
        var type = EntryTypes.ByTag(tag) ?? throw new ArgumentException($"unknown entry tag '{tag}'", nameof(tag));
        var key = type.Key.Compute(body);
        if (key.Key is null) throw new ArgumentException($"{tag}: {key.Problem!.Message}", nameof(body));
        return (Put(key.Key), CatalogEntryWriter.Serialize(tag, body));
    }

    private (long First, long Previous) Existing(string key, string ev)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return live.TryGetValue(key, out var versions)
            ? versions
            : throw new InvalidOperationException($"'{key}' is not live: there is nothing to {ev.ToLowerInvariant()}");
    }

    private long Advance() => NextFrameIndex++;
}
