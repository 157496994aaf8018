namespace MeshConformance.Catalogs;

/// <summary>
/// Stable diagnostic codes for catalog and spool content (reference-platform.md §4, §5). The checker maps each
/// to a requirement; the severity each is reported with is fixed and listed beside it.
/// </summary>
public static class CatalogCodes
{
    // ---- one entry payload (CatalogEntryParser) ----

    /// <summary>Error: the payload is not JSON / JSON-B (the message names the JSONB-* code underneath).</summary>
    public const string PayloadNotJson = "CAT-PAYLOAD-NOT-JSON";
    /// <summary>Error: the payload is JSON but not an object.</summary>
    public const string PayloadNotObject = "CAT-PAYLOAD-NOT-OBJECT";
    /// <summary>Error: the payload object does not have exactly one member, so it is not tagged JSON.</summary>
    public const string PayloadNotTagged = "CAT-PAYLOAD-NOT-TAGGED";
    /// <summary>Error: the value under the tag is not an object.</summary>
    public const string TagValueNotObject = "CAT-TAG-VALUE-NOT-OBJECT";
    /// <summary>Warning: a tag this model does not know (an extension, or a newer reference type).</summary>
    public const string TagUnknown = "CAT-TAG-UNKNOWN";
    /// <summary>Error: a known entry type in a catalog that does not hold it (e.g. CatalogedContact in MMM_Device).</summary>
    public const string TagNotAllowed = "CAT-TAG-NOT-ALLOWED";
    /// <summary>Error: a field the primary key is built from is absent (or null).</summary>
    public const string KeyMissing = "CAT-KEY-MISSING";
    /// <summary>Error: a field the primary key is built from is the empty string.</summary>
    public const string KeyEmpty = "CAT-KEY-EMPTY";
    /// <summary>Error: a field the primary key is built from is not a string (or the Capability is not a tagged object).</summary>
    public const string KeyType = "CAT-KEY-TYPE";

    // ---- the log (CatalogLog) ----

    /// <summary>Error: a catalog frame without <c>Event</c> (the reference's strict reload throws UndefinedStoreAction).</summary>
    public const string EventMissing = "CAT-EVENT-MISSING";
    /// <summary>Error: an <c>Event</c> other than New, Update, Delete.</summary>
    public const string EventUnknown = "CAT-EVENT-UNKNOWN";
    /// <summary>Error: Delete of a key that is not live (the reference's strict reload asserts EntryNotFound).</summary>
    public const string DeleteUnknownKey = "CAT-DELETE-UNKNOWN-KEY";
    /// <summary>Warning: Update of a key that is not live; readers insert it, but no reference writer produces it.</summary>
    public const string UpdateUnknownKey = "CAT-UPDATE-UNKNOWN-KEY";
    /// <summary>Warning: New for a key that is already live; readers replace it, the reference writer refuses it.</summary>
    public const string NewKeyLive = "CAT-NEW-KEY-LIVE";
    /// <summary>Warning: Update/Delete without <c>First</c> (the reference always writes it; no reader checks it).</summary>
    public const string FirstMissing = "CAT-FIRST-MISSING";
    /// <summary>Warning: Update/Delete without <c>Previous</c>.</summary>
    public const string PreviousMissing = "CAT-PREVIOUS-MISSING";
    /// <summary>Error: <c>First</c> is not the frame index of the key's first version.</summary>
    public const string FirstMismatch = "CAT-FIRST-MISMATCH";
    /// <summary>Error: <c>Previous</c> is not the frame index of the key's immediately prior version.</summary>
    public const string PreviousMismatch = "CAT-PREVIOUS-MISMATCH";
    /// <summary>Error: a data frame without <c>UniqueId</c> (no ContentMeta at all counts as missing).</summary>
    public const string UniqueIdMissing = "CAT-UNIQUEID-MISSING";
    /// <summary>Error: <c>UniqueId</c> differs from the primary key computed from the entry.</summary>
    public const string UniqueIdMismatch = "CAT-UNIQUEID-KEY-MISMATCH";
    /// <summary>Info: a Delete frame that carries a payload (the reference writes none).</summary>
    public const string DeleteHasPayload = "CAT-DELETE-HAS-PAYLOAD";
    /// <summary>Error: a New or Update frame without a payload: there is no entry to index.</summary>
    public const string PayloadMissing = "CAT-PAYLOAD-MISSING";
    /// <summary>Warning: a Delete in host.dare. The reference ignores it on reload (REF-BUG, §4.1), so it keeps the entry.</summary>
    public const string HostDeleteIgnoredByReference = "CAT-HOST-DELETE";
    /// <summary>Warning: a spool status (MessageComplete reference) for a message not in this spool.</summary>
    public const string SpoolStatusUnknownMessage = "CAT-SPOOL-STATUS-UNKNOWN-MESSAGE";
    /// <summary>Warning: a MessageComplete whose References is absent or not an array of objects with MessageId.</summary>
    public const string SpoolStatusMalformed = "CAT-SPOOL-STATUS-MALFORMED";
    /// <summary>Info: a second frame with the UniqueId of an earlier spool message (the later frame wins).</summary>
    public const string SpoolMessageRepeated = "CAT-SPOOL-MESSAGE-REPEATED";
    /// <summary>Info: more findings with one code than are kept; the rest are counted, not listed.</summary>
    public const string FindingsTruncated = "CAT-FINDINGS-TRUNCATED";

    // ---- the container as a catalog (CatalogReader) ----

    /// <summary>Warning: frame 0 has no ContentMeta <c>cty</c>; the reference always writes one.</summary>
    public const string FrameZeroContentTypeMissing = "CAT-FRAME0-CTY-MISSING";
    /// <summary>Error: frame 0's <c>cty</c> is not the one this kind of store carries.</summary>
    public const string FrameZeroContentTypeMismatch = "CAT-FRAME0-CTY-MISMATCH";
    /// <summary>Info: the container type is not Merkle, the only type the reference writes for stores (§5).</summary>
    public const string ContainerTypeNotMerkle = "CAT-CONTAINER-TYPE";
    /// <summary>Info: encrypted payloads were not read (no decrypt delegate, or it returned null): header level only.</summary>
    public const string HeaderLevelOnly = "CAT-HEADER-LEVEL-ONLY";
    /// <summary>Warning: the decrypt delegate failed on a frame (treated as undecryptable).</summary>
    public const string DecryptFailed = "CAT-DECRYPT-FAILED";
    /// <summary>Error: a payload larger than <see cref="CatalogReader.MaxPayloadBytes"/>; it is not parsed.</summary>
    public const string PayloadTooLarge = "CAT-PAYLOAD-TOO-LARGE";
    /// <summary>Error: the container could not be read further (I/O or format failure outside the framing walk).</summary>
    public const string ReadFailed = "CAT-READ-FAILED";
}
