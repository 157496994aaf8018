namespace MeshConformance.Catalogs;

/// <summary>
/// One entry type as the reference writes it: the JSON tag that wraps the body (<c>{"&lt;Tag&gt;":{…}}</c>),
/// the rule that makes its unique key, the body fields §4 lists, and what the draft calls it where the draft
/// has it at all.
/// </summary>
/// <param name="Tag">The tag, e.g. <c>CatalogedDevice</c>.</param>
/// <param name="Key">How the unique key (ContentMeta <c>UniqueId</c>) is built from the body.</param>
/// <param name="Fields">The body fields reference-platform.md §4 lists, inherited ones included.</param>
/// <param name="DraftName">The draft's name for this kind of entry, or null when the draft has none.</param>
public sealed record CatalogEntryType(string Tag, PrimaryKeyRule Key, IReadOnlyList<string> Fields, string? DraftName = null)
{
    public override string ToString() => $"{Tag} (key {Key.Description})";
}

/// <summary>A Capability subtype carried inside a CatalogedAccess entry (reference-platform.md §4.3).</summary>
/// <param name="Tag">The tag inside <c>Capability</c>, e.g. <c>CapabilityDecryptServiced</c>.</param>
/// <param name="Fields">Its fields, the common Capability ones included.</param>
/// <param name="DraftName">The draft's name where it has one (CatalogRecrypt for the serviced decryption share).</param>
public sealed record CapabilityType(string Tag, IReadOnlyList<string> Fields, string? DraftName = null);
