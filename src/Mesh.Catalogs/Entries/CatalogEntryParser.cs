using MeshConformance.Core;
using MeshConformance.JsonB;

namespace MeshConformance.Catalogs;

/// <summary>
/// Reads one frame payload as a catalog entry or spool message: tagged JSON <c>{"&lt;Tag&gt;":{…}}</c>, in Goedel-indented
/// or compact JSON text, or JSON-B (reference-platform.md §4.2, §4.3). Bad input is always a finding, never an exception.
/// </summary>
public static class CatalogEntryParser
{
    /// <summary>
    /// Parses <paramref name="payload"/>. <paramref name="baseOffset"/> is the file offset of its first byte, so that
    /// findings point into the file; <paramref name="kind"/> (when known) decides which tags are allowed.
    /// </summary>
    public static CatalogEntryParseResult Parse(ReadOnlyMemory<byte> payload, long baseOffset = 0, CatalogKind? kind = null, long? frameIndex = null)
    {
        var findings = new List<Finding>();
        var entry = Parse(payload, baseOffset, kind, frameIndex, findings);
        return new CatalogEntryParseResult(entry, findings);
    }

    /// <summary>As <see cref="Parse(ReadOnlyMemory{byte}, long, CatalogKind?, long?)"/>, appending findings to a caller's list.</summary>
    public static CatalogEntry? Parse(ReadOnlyMemory<byte> payload, long baseOffset, CatalogKind? kind, long? frameIndex, List<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        JsonBValue root;
        try
        {
            root = JsonBParser.Parse(payload, baseOffset);
        }
        catch (MeshFormatException e)
        {
            findings.Add(new Finding(CatalogCodes.PayloadNotJson, Severity.Error, e.Offset,
                $"the payload does not parse as JSON or JSON-B ({e.Code}: {e.Message})", frameIndex));
            return null;
        }

        if (root is not JsonBObject wrapper)
        {
            findings.Add(new Finding(CatalogCodes.PayloadNotObject, Severity.Error, root.Offset,
                $"the payload should be a tagged object {{\"<Type>\":{{…}}}} but is {root.Describe()}", frameIndex));
            return null;
        }
        if (wrapper.Members.Count != 1)
        {
            var names = wrapper.Members.Count == 0 ? "none" : string.Join(", ", wrapper.Members.Take(5).Select(m => $"'{m.Name}'"));
            findings.Add(new Finding(CatalogCodes.PayloadNotTagged, Severity.Error, wrapper.Offset,
                $"a tagged payload has exactly one member (the type tag); this one has {wrapper.Members.Count} ({names})", frameIndex));
            return null;
        }

        var (tag, value, tagOffset) = wrapper.Members[0];
        if (value is not JsonBObject body)
        {
            findings.Add(new Finding(CatalogCodes.TagValueNotObject, Severity.Error, value.Offset,
                $"the value under the tag '{tag}' should be an object but is {value.Describe()}", frameIndex));
            return null;
        }

        var type = EntryTypes.ByTag(tag);
        if (type is null)
        {
            findings.Add(new Finding(CatalogCodes.TagUnknown, Severity.Warning, tagOffset,
                $"the tag '{tag}' is not an entry type this checker knows" + (kind is null ? "" : $" (a {kind} store holds {string.Join(", ", kind.AllowedTags)})"),
                frameIndex));
            return new CatalogEntry(tag, null, body, null);
        }
        if (kind is not null && !kind.Allows(tag))
        {
            findings.Add(new Finding(CatalogCodes.TagNotAllowed, Severity.Error, tagOffset,
                $"a {tag} entry does not belong in {kind} (it holds {string.Join(", ", kind.AllowedTags)})", frameIndex));
        }

        var key = type.Key.Compute(body);
        if (key.Problem is { } problem)
            findings.Add(new Finding(problem.Code, Severity.Error, problem.Offset, $"{tag}: {problem.Message}; its key is {type.Key.Description}", frameIndex));
        if (type == EntryTypes.CatalogedAccess) CheckCapabilityTag(body, frameIndex, findings);
        return new CatalogEntry(tag, key.Key, body, type);
    }

    /// <summary>The Capability inside an Access entry is itself tagged; an unknown subtype is reported like an unknown entry tag.</summary>
    private static void CheckCapabilityTag(JsonBObject body, long? frameIndex, List<Finding> findings)
    {
        if (body["Capability"] is JsonBObject { Members.Count: 1 } tagged && EntryTypes.CapabilityByTag(tagged.Members[0].Name) is null)
        {
            findings.Add(new Finding(CatalogCodes.TagUnknown, Severity.Warning, tagged.Members[0].NameOffset,
                $"the Capability tag '{tagged.Members[0].Name}' is not a capability type this checker knows", frameIndex));
        }
    }
}
