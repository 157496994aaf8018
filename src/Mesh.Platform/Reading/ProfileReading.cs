using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Layout;
using MeshConformance.Platform.Keys;

namespace MeshConformance.Platform.Reading;

/// <summary>One store <see cref="ProfileReader"/> reads: its account (-1 for the host catalog), where it is, its label and kind.</summary>
public sealed record StoreToRead(int Account, string RelativePath, string Label, Catalogs.CatalogKind Kind)
{
    public bool IsHost => Account < 0;
}

/// <summary>What reading one store gave: its summary (null when it is no regular file or could not be read) and its findings.</summary>
public sealed record StoreResult(StoreSummary? Summary, List<Finding> Findings);

/// <summary>A store read that follows the verifier's walk (<see cref="ProfileReading.FollowStore"/>).</summary>
public sealed class StoreFollower
{
    private readonly Func<StoreResult> finish;

    internal StoreFollower(Dare.Reading.WalkFollower walk, Func<StoreResult> finish)
    {
        Walk = walk;
        this.finish = finish;
    }

    /// <summary>What the verifier feeds its frames to.</summary>
    public Dare.Reading.WalkFollower Walk { get; }

    /// <summary>The store's result, once the verifier is done (or has failed: the store is then read alone).</summary>
    public StoreResult Finish() => finish();
}

/// <summary>
/// A profile read in steps (<see cref="ProfileReader.Begin"/>): the layout and keys are known, the stores are read by
/// <see cref="ReadStore"/>, and <see cref="Finish"/> makes the same report <see cref="ProfileReader.Read"/> does.
/// </summary>
public sealed class ProfileReading
{
    private readonly string root;
    private readonly KeyRing keys;
    private readonly List<Finding> findings;

    internal ProfileReading(string root, LayoutReport layout, KeyRing keys, List<Finding> findings, IReadOnlyList<StoreToRead> stores)
    {
        this.root = root;
        this.keys = keys;
        this.findings = findings;
        Layout = layout;
        Stores = stores;
    }

    public LayoutReport Layout { get; }

    /// <summary>The host catalog first (when there is one), then every account's stores in layout order.</summary>
    public IReadOnlyList<StoreToRead> Stores { get; }

    /// <summary>Reads store <paramref name="index"/>; thread-safe. <paramref name="source"/>: the file's bytes when the caller holds them, else null.</summary>
    public StoreResult ReadStore(int index, IByteSource? source)
    {
        var store = Stores[index];
        // Only the host catalog's state is kept: its entries are listed in the report.
        return ProfileReader.ReadStore(root, store.RelativePath, store.Label, store.Kind, keys, keepState: store.IsHost, source);
    }

    /// <summary>
    /// Store <paramref name="index"/> read from the frames the verifier's walk over <paramref name="source"/> gives
    /// (pass <see cref="StoreFollower.Walk"/> to the verifier, then call <see cref="StoreFollower.Finish"/>): the same
    /// result as <see cref="ReadStore"/>, with the file walked once. Null when the store is no regular file: ReadStore then.
    /// </summary>
    public StoreFollower? FollowStore(int index, IByteSource source)
    {
        var store = Stores[index];
        return ProfileReader.FollowStore(root, store.RelativePath, store.Label, store.Kind, keys, keepState: store.IsHost, source);
    }

    /// <summary>The report, from every store's result (same order as <see cref="Stores"/>).</summary>
    public ProfileReport Finish(IReadOnlyList<StoreResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count != Stores.Count) throw new ArgumentException($"expected {Stores.Count} store results", nameof(results));
        var all = new List<Finding>(findings);
        StoreSummary? host = null;
        var hostEntries = new List<HostEntry>();
        for (var i = 0; i < Stores.Count; i++)
        {
            if (!Stores[i].IsHost) continue;
            all.AddRange(results[i].Findings);
            if (results[i].Summary is not { } hostSummary) continue;
            host = hostSummary;
            foreach (var live in hostSummary.State?.Live.Values ?? [])
                hostEntries.Add(new HostEntry(live.Key, live.Entry?.Tag, live.Entry?.EntryType?.DraftName, live.FrameIndex));
        }
        var accounts = new List<AccountSummary>();
        for (var a = 0; a < Layout.Accounts.Count; a++)
        {
            var account = Layout.Accounts[a];
            var stores = new List<StoreSummary>();
            for (var i = 0; i < Stores.Count; i++)
            {
                if (Stores[i].Account != a) continue;
                all.AddRange(results[i].Findings);
                if (results[i].Summary is { } summary) stores.Add(summary);
            }
            accounts.Add(new AccountSummary(account.DirectoryName, account.IsValidUdf, account.Kind, stores,
                account.MissingExpectedStores.Select(s => s.Label).ToList()));
        }
        return new ProfileReport(Layout.Root, Layout, host, hostEntries.OrderBy(e => e.FrameIndex).ToList(), accounts, keys.Count, all);
    }
}
