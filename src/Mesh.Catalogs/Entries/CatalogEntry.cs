using MeshConformance.Core;
using MeshConformance.JsonB;

namespace MeshConformance.Catalogs;

/// <summary>
/// One entry as read from a frame payload: <c>{"&lt;Tag&gt;":{…}}</c>.
/// </summary>
/// <param name="Tag">The single member name of the payload object.</param>
/// <param name="Key">The primary key computed from the body; null when a key field is missing or bad (a finding says why) or the tag is unknown.</param>
/// <param name="Body">The object under the tag.</param>
/// <param name="EntryType">The known type for the tag, or null for an unknown tag.</param>
public sealed record CatalogEntry(string Tag, string? Key, JsonBObject Body, CatalogEntryType? EntryType);

/// <summary>What parsing one payload produced: the entry (when the payload is a tagged object) and the findings.</summary>
public sealed record CatalogEntryParseResult(CatalogEntry? Entry, IReadOnlyList<Finding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);
}
