using MeshConformance.Core;
using MeshConformance.Dare.Model;
using MeshConformance.JsonB;

namespace MeshConformance.Catalogs;

/// <summary>
/// Applies a store's data frames in order and reports what it holds and what is wrong with the log
/// (reference-platform.md §4.2 for catalogs, §4.1 for the host catalog, §4.4 for spools). Pure logic: frames come
/// from the caller, already parsed. Frame-index gaps are not checked here (the DARE verifier reports them).
/// <para>
/// State follows the reference's reload: the last frame for a key wins; New and Update both replace-or-insert; Delete
/// removes a live key; a frame without a usable Event changes nothing. The state is keyed by ContentMeta UniqueId,
/// falling back to the entry's own key when UniqueId is missing.
/// </para>
/// </summary>
public sealed class CatalogLog
{
    private readonly Dictionary<string, LiveEntry> live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> deleted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KeyHistory> history = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> hostDeletes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MessageStatus> statuses = new(StringComparer.Ordinal);
    private readonly FindingSink findings = new();

    private readonly bool keepEntryBodies;

    /// <param name="kind">The store's kind.</param>
    /// <param name="keepEntryBodies">Keep each live entry's JSON body and ContentMeta. A checker needs only tags, keys and
    /// frames (the log checks each frame's ContentMeta as it is applied, against the keys' histories), and bodies are most
    /// of the memory a large catalog costs (a profile of 260,000 entries held ~300 MB of them); a ContentMeta kept per
    /// live entry outlived the young generation while its store was read and was copied on into the older ones.</param>
    public CatalogLog(CatalogKind kind, bool keepEntryBodies = true)
    {
        ArgumentNullException.ThrowIfNull(kind);
        Kind = kind;
        this.keepEntryBodies = keepEntryBodies;
    }

    /// <summary>The body of an entry whose body is not kept (never added to: it is shared).</summary>
    internal static readonly JsonB.JsonBObject NoBody = new();

    private CatalogEntry? Retained(CatalogEntry? entry) =>
        keepEntryBodies || entry is null || ReferenceEquals(entry.Body, NoBody) ? entry : entry with { Body = NoBody };

    private ContentMeta? Retained(ContentMeta? meta) => keepEntryBodies ? meta : null;

    public CatalogKind Kind { get; }

    /// <summary>Number of frames applied.</summary>
    public long FrameCount { get; private set; }

    /// <summary>Applies one frame (frame indices ascending).</summary>
    public void Apply(long frameIndex, ContentMeta? meta, CatalogEntry? entry) => Apply(new LogFrame(frameIndex, meta, entry));

    public void Apply(LogFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        FrameCount++;
        var key = ResolveKey(frame);
        if (Kind.IsSpool)
        {
            if (key is not null) ApplyMessage(frame, key);
            return;
        }

        var ev = frame.Meta?.Event;
        if (ev is null)
        {
            Report(CatalogCodes.EventMissing, Severity.Error, frame,
                $"the frame has no Event; every {Kind} frame says New, Update or Delete (the reference's reload rejects the store)");
            return;
        }
        if (!CatalogEvents.IsKnown(ev))
        {
            Report(CatalogCodes.EventUnknown, Severity.Error, frame,
                $"the Event '{ev}' is not New, Update or Delete (the reference's reload rejects the store)");
            return;
        }
        if (key is null) return;
        if (ev == CatalogEvents.Delete) ApplyDelete(frame, key);
        else ApplyPut(frame, key, ev);
    }

    /// <summary>The state after the frames applied so far.</summary>
    public CatalogState ToState() => new()
    {
        Kind = Kind,
        Live = new Dictionary<string, LiveEntry>(live, StringComparer.Ordinal),
        Deleted = new Dictionary<string, long>(deleted, StringComparer.Ordinal),
        History = new Dictionary<string, KeyHistory>(history, StringComparer.Ordinal),
        DeletesIgnoredByReference = new Dictionary<string, long>(hostDeletes, StringComparer.Ordinal),
        MessageStatuses = new Dictionary<string, MessageStatus>(statuses, StringComparer.Ordinal),
        Findings = findings.ToList(),
    };

    /// <summary>UniqueId, checked against the entry's own key; the entry's key stands in when UniqueId is missing.</summary>
    private string? ResolveKey(LogFrame frame)
    {
        var uniqueId = frame.Meta?.UniqueId;
        var entryKey = frame.Entry?.Key;
        if (uniqueId is null)
        {
            Report(CatalogCodes.UniqueIdMissing, Severity.Error, frame, frame.Meta is null
                ? "the frame has no ContentMeta, so no UniqueId: the entry cannot be indexed"
                : "the frame's ContentMeta has no UniqueId: the entry cannot be indexed" + (entryKey is null ? "" : $" (its own key '{entryKey}' is used instead)"));
        }
        else if (entryKey is not null && !string.Equals(uniqueId, entryKey, StringComparison.Ordinal))
        {
            Report(CatalogCodes.UniqueIdMismatch, Severity.Error, frame,
                $"UniqueId is '{uniqueId}' but the {frame.Entry!.Tag} entry's key ({frame.Entry.EntryType?.Key.Description}) is '{entryKey}'");
        }
        return uniqueId ?? entryKey;
    }

    private void ApplyPut(LogFrame frame, string key, string ev)
    {
        if (frame.Payload == PayloadState.Absent)
            Report(CatalogCodes.PayloadMissing, Severity.Error, frame, $"a {ev} frame for '{key}' has no payload, so there is no entry to index");

        var isLive = live.TryGetValue(key, out var current);
        if (ev == CatalogEvents.New && isLive)
        {
            Report(CatalogCodes.NewKeyLive, Severity.Warning, frame,
                $"New for '{key}', which is live since frame {current!.FrameIndex}: readers replace it, but a writer must say Update");
        }
        else if (ev == CatalogEvents.Update && !isLive)
        {
            Report(CatalogCodes.UpdateUnknownKey, Severity.Warning, frame, deleted.TryGetValue(key, out var at)
                ? $"Update of '{key}', which was deleted at frame {at}: readers insert it again, but a writer must say New"
                : $"Update of '{key}', which was never added: readers insert it, but a writer must say New");
        }
        if (ev == CatalogEvents.Update && isLive) CheckChain(frame, key);

        // New, and an Update of a key that is not live, start a new life: later versions name this frame as First.
        if (ev == CatalogEvents.New || !isLive) Record(key, frame.Index, startsLife: true);
        else Record(key, frame.Index, startsLife: false);
        live[key] = new LiveEntry(key, frame.Index, Retained(frame.Entry), Retained(frame.Meta));
        deleted.Remove(key);
        hostDeletes.Remove(key);
    }

    private void ApplyDelete(LogFrame frame, string key)
    {
        // An undecrypted payload may be the padding of an empty plaintext, so only a payload known to hold something counts.
        if (frame.Payload is PayloadState.Entry or PayloadState.Unreadable)
            Report(CatalogCodes.DeleteHasPayload, Severity.Info, frame, $"the Delete of '{key}' carries a payload; the reference writes none");
        if (!live.ContainsKey(key))
        {
            Report(CatalogCodes.DeleteUnknownKey, Severity.Error, frame, deleted.TryGetValue(key, out var at)
                ? $"Delete of '{key}', which was already deleted at frame {at} (the reference's reload rejects the store)"
                : $"Delete of '{key}', which was never added (the reference's reload rejects the store)");
            return;
        }
        CheckChain(frame, key);
        if (Kind.IsHost)
        {
            Report(CatalogCodes.HostDeleteIgnoredByReference, Severity.Warning, frame,
                $"Delete of '{key}' in host.dare: the reference ignores Delete frames in host.dare when it reloads (REF-BUG), " +
                "so a reference client still sees this entry; reported here as deleted");
            hostDeletes[key] = frame.Index;
        }
        Record(key, frame.Index, startsLife: false);
        live.Remove(key);
        deleted[key] = frame.Index;
    }

    /// <summary>First and Previous of an Update/Delete of a live key: the key's first version and its immediately prior one.</summary>
    private void CheckChain(LogFrame frame, string key)
    {
        var known = history[key];
        var ev = frame.Meta!.Event;
        if (frame.Meta.First is not { } first)
            Report(CatalogCodes.FirstMissing, Severity.Warning, frame, $"the {ev} of '{key}' has no First (expected {known.First})");
        else if (first != known.First)
            Report(CatalogCodes.FirstMismatch, Severity.Error, frame, $"the {ev} of '{key}' says First {first}, but its first version is frame {known.First}");
        if (frame.Meta.Previous is not { } previous)
            Report(CatalogCodes.PreviousMissing, Severity.Warning, frame, $"the {ev} of '{key}' has no Previous (expected {known.Last})");
        else if (previous != known.Last)
            Report(CatalogCodes.PreviousMismatch, Severity.Error, frame, $"the {ev} of '{key}' says Previous {previous}, but its prior version is frame {known.Last}");
    }

    /// <summary>Spools: every frame is a message keyed by UniqueId (MessageId); a MessageComplete also sets earlier messages' status.</summary>
    private void ApplyMessage(LogFrame frame, string key)
    {
        if (live.TryGetValue(key, out var earlier))
        {
            Report(CatalogCodes.SpoolMessageRepeated, Severity.Info, frame,
                $"the message '{key}' was already spooled at frame {earlier.FrameIndex}; this frame replaces it");
            history[key].Add(frame.Index);
        }
        else
        {
            Record(key, frame.Index, startsLife: true);
        }
        live[key] = new LiveEntry(key, frame.Index, Retained(frame.Entry), Retained(frame.Meta));
        if (frame.Entry is { Tag: "MessageComplete" } completion) ApplyStatus(frame, key, completion.Body);
    }

    private void ApplyStatus(LogFrame frame, string completionId, JsonBObject body)
    {
        if (body["References"] is not JsonBArray references)
        {
            Report(CatalogCodes.SpoolStatusMalformed, Severity.Warning, frame,
                $"the MessageComplete '{completionId}' has no References array, so it changes no message's status");
            return;
        }
        foreach (var item in references.Items)
        {
            if (item is not JsonBObject reference || reference["MessageId"] is not JsonBString { Value: var messageId })
            {
                Report(CatalogCodes.SpoolStatusMalformed, Severity.Warning, frame,
                    $"a reference in the MessageComplete '{completionId}' is not an object with a MessageId string");
                continue;
            }
            if (!live.ContainsKey(messageId) || messageId == completionId)
            {
                Report(CatalogCodes.SpoolStatusUnknownMessage, Severity.Warning, frame,
                    $"the MessageComplete '{completionId}' sets the status of '{messageId}', which is not an earlier message of this spool");
                continue;
            }
            var status = reference["Relationship"]?.AsString() ?? reference["MessageStatus"]?.AsString();
            statuses[messageId] = new MessageStatus(status, frame.Index, completionId, reference["ResponseId"]?.AsString());
        }
    }

    private void Record(string key, long frame, bool startsLife)
    {
        if (!history.TryGetValue(key, out var keyHistory)) history[key] = new KeyHistory(frame);
        else if (startsLife) keyHistory.Start(frame);
        else keyHistory.Add(frame);
    }

    private void Report(string code, Severity severity, LogFrame frame, string message) =>
        findings.Add(new Finding(code, severity, frame.Offset, message, frame.Index));
}
