using MeshConformance.Layout;

namespace MeshConformance.Platform.Generation;

/// <summary>
/// Where a dialect puts each store, read from the dialect's data file rather than written into code, so the
/// generator and the classifier can never disagree about a name.
/// </summary>
public static class StoreLocator
{
    public const string AccountPlaceholder = "{account-udf}";
    public const string KeyPlaceholder = "{key-udf}";

    /// <summary>The root-relative path of <paramref name="purpose"/> (with '/' separators), or null when the dialect has no such store.</summary>
    public static string? RelativePath(LayoutDialect dialect, EntryPurpose purpose, string? accountUdf = null) =>
        Find(dialect.Entries, purpose, "", accountUdf);

    /// <summary>The directory that holds key files.</summary>
    public static string KeysDirectory(LayoutDialect dialect) =>
        Find(dialect.Entries, EntryPurpose.Keys, "", null) ?? "Keys";

    private static string? Find(IEnumerable<LayoutEntry> entries, EntryPurpose purpose, string prefix, string? accountUdf)
    {
        foreach (var entry in entries)
        {
            var name = entry.Name ?? (accountUdf is null ? null : entry.Pattern!.Replace(AccountPlaceholder, accountUdf, StringComparison.Ordinal));
            if (name is null || name.Contains('{', StringComparison.Ordinal)) continue;
            var path = prefix + name;
            if (entry.Purpose == purpose) return path;
            if (entry.Entries.Count > 0 && Find(entry.Entries, purpose, path + "/", accountUdf) is { } inner) return inner;
        }
        return null;
    }
}
