namespace MeshConformance.Catalogs;

/// <summary>Whether a store is the host catalog, an account catalog (New/Update/Delete log) or a spool (message queue).</summary>
public enum StoreClass
{
    Host,
    Catalog,
    Spool,
}

/// <summary>
/// One kind of store (reference-platform.md §1.2, §4, §5): how the reference names it, what the drafts call it,
/// the frame-0 content type it carries, and the entry tags it may hold.
/// </summary>
/// <param name="Name">Our name for the kind, e.g. <c>Device</c>.</param>
/// <param name="ReferenceLabel">The reference's store name, e.g. <c>MMM_Device</c>; null for the host catalog, which it names only by file.</param>
/// <param name="FileName">The file name the reference gives it, e.g. <c>MMM_Device.dcat</c> or <c>host.dare</c>.</param>
/// <param name="DraftName">The platform draft's name (e.g. <c>CatalogDevice</c>), or null when the draft has none.</param>
/// <param name="SchemaDraftName">The schema draft's name (e.g. <c>mmm_Device</c>), or null when it has none.</param>
/// <param name="Class">Host catalog, account catalog or spool: decides the log semantics.</param>
/// <param name="FrameZeroContentType">The ContentMeta <c>cty</c> of frame 0.</param>
/// <param name="EntryTypes">The entry types (tags) this store may hold.</param>
public sealed record CatalogKind(
    string Name,
    string? ReferenceLabel,
    string FileName,
    string? DraftName,
    string? SchemaDraftName,
    StoreClass Class,
    string FrameZeroContentType,
    IReadOnlyList<CatalogEntryType> EntryTypes)
{
    public bool IsSpool => Class == StoreClass.Spool;

    public bool IsHost => Class == StoreClass.Host;

    /// <summary>Catalogs carry Event on every data frame; spools do not.</summary>
    public bool HasEvents => Class != StoreClass.Spool;

    public IEnumerable<string> AllowedTags => EntryTypes.Select(t => t.Tag);

    /// <summary>A loop rather than <c>Any</c> with a lambda: readers ask once per entry, and the lambda's closure and enumerator were two objects each time.</summary>
    public bool Allows(string tag)
    {
        for (var i = 0; i < EntryTypes.Count; i++)
        {
            if (EntryTypes[i].Tag == tag) return true;
        }
        return false;
    }

    public override string ToString() => ReferenceLabel ?? FileName;
}
