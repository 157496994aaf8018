using MeshConformance.Catalogs;
using MeshConformance.Core;
using MeshConformance.Layout;

namespace MeshConformance.Platform.Reading;

/// <summary>What a profile directory holds: its dialect, host catalog entries, accounts and their stores.</summary>
public sealed record ProfileReport(
    string Root,
    LayoutReport Layout,
    StoreSummary? HostCatalog,
    IReadOnlyList<HostEntry> HostEntries,
    IReadOnlyList<AccountSummary> Accounts,
    int KeysLoaded,
    IReadOnlyList<Finding> Findings)
{
    public string Dialect => Layout.Dialect.Id;
}

/// <summary>One live entry of host.dare: its type tag, its key (the device profile UDF) and the frame that set it.</summary>
public sealed record HostEntry(string Key, string? Tag, string? DraftName, long FrameIndex);

public sealed record AccountSummary(string Udf, bool IsValidUdf, AccountKind Kind, IReadOnlyList<StoreSummary> Stores, IReadOnlyList<string> MissingStores);

/// <summary>
/// One store. <see cref="Entries"/> is the number of live entries (messages for spools) when every payload was read,
/// and null when the store could only be read to the header level (encrypted, keys not supplied). <see cref="State"/>
/// (the catalog state, entry bodies left out) is kept for the host catalog only, so that reading a large profile does
/// not hold every entry of every store in memory.
/// </summary>
public sealed record StoreSummary(
    string Name,
    string RelativePath,
    string Purpose,
    string? ContainerType,
    string? ContentType,
    long Frames,
    bool Encrypted,
    long? Entries,
    long FramesNotDecrypted,
    CatalogState? State);
