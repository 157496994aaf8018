using MeshConformance.Catalogs;
using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Layout;
using MeshConformance.Platform.Generation;
using MeshConformance.Platform.Keys;

namespace MeshConformance.Platform.Reading;

/// <summary>
/// Reads a profile directory end to end without writing to it: classifies the layout, reads host.dare to the
/// entry level, and every account store to the entry level when its keys are found (in the profile's key
/// directory or the extra directories given), else to the header level. Only regular files are opened.
/// </summary>
public static class ProfileReader
{
    public static ProfileReport Read(string root, LayoutDialect? dialect = null, IEnumerable<string>? extraKeyDirectories = null)
    {
        var reading = Begin(root, dialect, extraKeyDirectories);
        // Stores are independent files: read them on every core; Finish puts the results back in layout order so the
        // report does not depend on scheduling.
        var results = new StoreResult[reading.Stores.Count];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => results[i] = reading.ReadStore(i, source: null));
        return reading.Finish(results);
    }

    /// <summary>
    /// The first step of <see cref="Read"/>: classifies the layout and loads the keys. The stores are then read one by
    /// one (<see cref="ProfileReading.ReadStore"/>, in any order, on any thread) and the report is made by
    /// <see cref="ProfileReading.Finish"/>. A caller that opens every container anyway (the checker) hands each store
    /// the bytes it already holds, so a file is read from disk once.
    /// </summary>
    public static ProfileReading Begin(string root, LayoutDialect? dialect = null, IEnumerable<string>? extraKeyDirectories = null)
    {
        var layout = LayoutClassifier.Classify(root, dialect);
        var findings = new List<Finding>(layout.Findings);
        var keys = LoadKeys(root, layout, extraKeyDirectories ?? [], findings);
        var stores = new List<StoreToRead>();
        if (layout.HostCatalogPath is { } hostPath) stores.Add(new StoreToRead(-1, hostPath, "host", CatalogKinds.Host));
        stores.AddRange(layout.Accounts.SelectMany((account, a) => account.Stores
            .Select(store => (Account: a, Store: store, Kind: KindOf(store.Purpose)))
            .Where(w => w.Kind is not null)
            .Select(w => new StoreToRead(w.Account, w.Store.RelativePath, w.Store.Label, w.Kind!))));
        return new ProfileReading(root, layout, keys, findings, stores);
    }

    /// <summary>The catalog kind a layout purpose names; the draft's CatalogRecrypt holds the reference's Access entries.</summary>
    public static CatalogKind? KindOf(EntryPurpose purpose) => purpose switch
    {
        EntryPurpose.Host => CatalogKinds.Host,
        EntryPurpose.Recrypt => CatalogKinds.Access,
        _ => CatalogKinds.Find(purpose.ToString()),
    };

    private static KeyRing LoadKeys(string root, LayoutReport layout, IEnumerable<string> extraKeyDirectories, List<Finding> findings)
    {
        var keyDirectories = new List<string>();
        // A root that is a symlink (or no directory) is not followed by the layout walk, so its key directory is not read either.
        if (FileKinds.Of(root) == FileKind.Directory) keyDirectories.Add(Path.Combine(root, StoreLocator.KeysDirectory(layout.Dialect)));
        foreach (var extra in extraKeyDirectories)
        {
            var kind = FileKinds.Of(extra);
            if (kind == FileKind.Directory) keyDirectories.Add(extra);
            else findings.Add(new Finding(ProfileCodes.KeyDirectoryUnusable, Severity.Warning, -1,
                kind switch
                {
                    FileKind.Missing => "the key directory does not exist",
                    FileKind.SymbolicLink => "a symbolic link, which is not followed: name the directory it points to",
                    _ => "not a directory, so no keys were read from it",
                },
                File: extra));
        }
        var keys = KeyRing.Load(keyDirectories);
        foreach (var skipped in keys.Skipped)
        {
            var isDirectory = keyDirectories.Contains(skipped.Path);
            findings.Add(new Finding(isDirectory ? ProfileCodes.KeyDirectoryUnusable : ProfileCodes.KeyFileSkipped, Severity.Warning, -1,
                skipped.Reason + "; stores encrypted under its keys are read to the header level only", File: DisplayPath(root, skipped.Path)));
        }
        return keys;
    }

    /// <summary>Root-relative with '/' for paths in the profile (as the layout's findings are), the path as given for others.</summary>
    private static string DisplayPath(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        var outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative);
        return outside ? path : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <param name="keepState">Keep the catalog state in the summary (the host catalog's entries are listed); account
    /// stores keep only their counts, so a large profile does not hold every entry in memory.</param>
    /// <param name="source">The file's bytes when the caller holds them already; null to open the file.</param>
    internal static StoreResult ReadStore(string root, string relativePath, string name, CatalogKind kind, KeyRing keys, bool keepState, IByteSource? source)
    {
        var path = Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        if (!IsRegularFile(path)) return new StoreResult(null, []);
        return Summarize(() =>
        {
            using var opened = source is null ? new FileByteSource(path) : null;
            return CatalogReader.Read(source ?? opened!, kind, keys.Decrypt, keepEntryBodies: false);
        }, relativePath, name, kind, keepState);
    }

    /// <summary>
    /// The store read from the frames of the verifier's walk over <paramref name="source"/> (so the file is walked once),
    /// giving what <see cref="ReadStore"/> gives; null when the store is no regular file (ReadStore says so).
    /// </summary>
    internal static StoreFollower? FollowStore(string root, string relativePath, string name, CatalogKind kind, KeyRing keys, bool keepState, IByteSource source)
    {
        var path = Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        if (!IsRegularFile(path)) return null;
        var follower = CatalogReader.Follow(source, kind, keys.Decrypt, keepEntryBodies: false);
        return new StoreFollower(follower, () => Summarize(follower.Result, relativePath, name, kind, keepState));
    }

    /// <summary>The layout walk already reported symlinks and special files; as stores they are simply never opened.</summary>
    private static bool IsRegularFile(string path) => FileKinds.Of(path) == FileKind.Regular;

    private static StoreResult Summarize(Func<CatalogReadResult> read, string relativePath, string name, CatalogKind kind, bool keepState)
    {
        var findings = new List<Finding>();
        CatalogReadResult result;
        try
        {
            result = read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            findings.Add(new Finding(ProfileCodes.Unreadable, Severity.Error, -1, $"cannot read: {e.Message}", File: relativePath));
            return new StoreResult(null, findings);
        }
        findings.AddRange(result.Findings.Select(f => f with { File = relativePath }));
        var state = result.State;
        long? entries = result.HeaderLevelOnly ? null : kind.IsSpool ? state.History.Count : state.Live.Count;
        return new StoreResult(new StoreSummary(name, relativePath, kind.Name, result.ContainerType, result.FrameZeroContentType, result.FrameCount,
            result.IsEncrypted, entries, result.FramesNotDecrypted, keepState ? state : null), findings);
    }
}
