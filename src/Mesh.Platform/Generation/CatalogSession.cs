using MeshConformance.Catalogs;
using MeshConformance.Dare.Model;
using MeshConformance.Platform.Stores;

namespace MeshConformance.Platform.Generation;

/// <summary>
/// Writes one catalog as a log of New/Update/Delete frames through the shared append path, with the ContentMeta
/// the reference writes (UniqueId = the entry's primary key; First/Previous on later versions).
/// </summary>
internal sealed class CatalogSession(StoreAppender appender) : IDisposable
{
    private readonly CatalogLogWriter log = new(appender.NextIndex);
    private readonly HashSet<string> live = new(StringComparer.Ordinal);

    public long Frames => appender.NextIndex;

    public int LiveEntries => live.Count;

    /// <summary>Adds an entry (or, when its key is live, writes an Update, as the reference's PrepareUpdate does).</summary>
    public string Put(EntryDraft entry)
    {
        var (meta, payload) = log.Put(entry.Tag, entry.Body);
        appender.Append(payload, meta);
        live.Add(meta.UniqueId!);
        return meta.UniqueId!;
    }

    /// <summary>Deletes a live entry: a frame with ContentMeta only and no payload.</summary>
    public void Delete(string key)
    {
        var meta = log.Delete(key);
        live.Remove(key);
        appender.Append([], meta);
    }

    /// <summary>A spool message: no Event, keyed by MessageId, typed by its tag.</summary>
    public void Post(EntryDraft message, DateTime created)
    {
        var key = KeyOf(message);
        var meta = new ContentMeta
        {
            UniqueId = key,
            MessageType = message.Tag,
            ContentType = CatalogKinds.MessageContentType,
            Created = JsonB.GoedelJsonWriter.FormatDateTime(created),
        };
        appender.Append(CatalogEntryWriter.Serialize(message.Tag, message.Body), meta, envelopeId: key);
        live.Add(key);
    }

    public void Dispose() => appender.Dispose();

    private static string KeyOf(EntryDraft entry)
    {
        var type = EntryTypes.ByTag(entry.Tag) ?? throw new InvalidOperationException($"unknown entry type {entry.Tag}");
        var result = type.Key.Compute(entry.Body);
        return result.Key ?? throw new InvalidOperationException($"{entry.Tag} has no key: {result.Problem?.Message}");
    }
}
