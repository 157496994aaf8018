namespace MeshConformance.Catalogs;

/// <summary>Every kind of store the reference keeps under a profile directory, as data (reference-platform.md §1.2, §4, §5).</summary>
public static class CatalogKinds
{
    /// <summary>Frame-0 content type of host.dare.</summary>
    public const string HostContentType = "application/mmm-host";

    /// <summary>Frame-0 content type of every account catalog and spool.</summary>
    public const string CatalogContentType = "application/mmm-catalog";

    /// <summary>ContentMeta <c>cty</c> of a spool message frame (§4.4).</summary>
    public const string MessageContentType = "application/mmm/object";

    public static readonly CatalogKind Host = new("Host", null, "host.dare", "CatalogHost", null, StoreClass.Host, HostContentType, EntryTypes.Host);

    public static readonly CatalogKind Device = Catalog("Device", "CatalogDevice", [EntryTypes.CatalogedDevice]);
    public static readonly CatalogKind Contact = Catalog("Contact", "CatalogContact", [EntryTypes.CatalogedContact]);
    public static readonly CatalogKind Application = Catalog("Application", "CatalogApplication", EntryTypes.Application);
    public static readonly CatalogKind Credential = Catalog("Credential", null, [EntryTypes.CatalogedCredential]);
    public static readonly CatalogKind Network = Catalog("Network", null, [EntryTypes.CatalogedNetwork]);
    public static readonly CatalogKind Bookmark = Catalog("Bookmark", null, [EntryTypes.CatalogedBookmark]);

    /// <summary>The schema draft names this one <c>mmm_CatalogTask</c> [sic].</summary>
    public static readonly CatalogKind Task = Catalog("Task", null, [EntryTypes.CatalogedTask], schemaDraftName: "mmm_CatalogTask");

    public static readonly CatalogKind Publication = Catalog("Publication", null, [EntryTypes.CatalogedPublication]);
    public static readonly CatalogKind Member = Catalog("Member", null, [EntryTypes.CatalogedMember]);

    /// <summary>Where the draft's CatalogRecrypt lives: its CapabilityDecryptServiced entries (§4.3 [DISAGREE]).</summary>
    public static readonly CatalogKind Access = Catalog("Access", "CatalogRecrypt", [EntryTypes.CatalogedAccess]);

    public static readonly CatalogKind Inbound = Spool("Inbound");
    public static readonly CatalogKind Outbound = Spool("Outbound");
    public static readonly CatalogKind Local = Spool("Local");
    public static readonly CatalogKind Archive = Spool("Archive");

    public static readonly IReadOnlyList<CatalogKind> All =
        [Host, Device, Contact, Application, Credential, Network, Bookmark, Task, Publication, Member, Access, Inbound, Outbound, Local, Archive];

    /// <summary>
    /// Stand-in when the caller does not say which catalog a file is and frame 0 says "catalog": any catalog entry
    /// type is allowed, so only unknown tags are reported.
    /// </summary>
    public static readonly CatalogKind AnyCatalog = new("AnyCatalog", null, "*.dcat", null, null, StoreClass.Catalog, CatalogContentType,
        All.Where(k => k.Class == StoreClass.Catalog).SelectMany(k => k.EntryTypes).ToList());

    /// <summary>Stand-in for a spool of unknown name.</summary>
    public static readonly CatalogKind AnySpool = new("AnySpool", null, "*.dcat", null, null, StoreClass.Spool, CatalogContentType, EntryTypes.Messages);

    /// <summary>The kind with this reference label (<c>MMM_Device</c>), file name (<c>MMM_Device.dcat</c>, <c>host.dare</c>) or name (<c>Device</c>); null if none.</summary>
    public static CatalogKind? Find(string name) =>
        All.FirstOrDefault(k => k.ReferenceLabel == name || k.FileName == name || k.Name == name);

    private static CatalogKind Catalog(string name, string? draftName, IReadOnlyList<CatalogEntryType> types, string? schemaDraftName = null) =>
        new(name, "MMM_" + name, $"MMM_{name}.dcat", draftName, schemaDraftName ?? "mmm_" + name, StoreClass.Catalog, CatalogContentType, types);

    private static CatalogKind Spool(string name) =>
        new(name, "MMM_" + name, $"MMM_{name}.dcat", null, null, StoreClass.Spool, CatalogContentType, EntryTypes.Messages);
}
