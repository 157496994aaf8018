using MeshConformance.Core;

namespace MeshConformance.Layout;

/// <summary>A catalog or spool file of an account, present or (in <see cref="AccountReport.MissingExpectedStores"/>) missing.</summary>
/// <param name="Label">The catalog label (MMM_Contact, CatalogContact, …).</param>
/// <param name="FileName">The file name.</param>
/// <param name="RelativePath">Root-relative path with '/' separators (where it is, or where it should be).</param>
/// <param name="Role">The store's role for the account's kind.</param>
/// <param name="Purpose">Which catalog or spool it is.</param>
/// <param name="ExpectedContainerType">The DARE container type its frame 0 should declare.</param>
/// <param name="ExpectedContentType">The content type its frame 0 should declare.</param>
public sealed record StoreReport(
    string Label,
    string FileName,
    string RelativePath,
    EntryRole Role,
    EntryPurpose Purpose,
    string? ExpectedContainerType,
    string? ExpectedContentType);

/// <summary>An account: a directory (and, in draft-06, a sibling device catalog) named by the account's UDF.</summary>
/// <param name="DirectoryName">The account's name in the tree (the UDF text, as found).</param>
/// <param name="RelativePath">Root-relative path of the account directory (where it is, or where it should be).</param>
/// <param name="DirectoryPresent">False when only an account-named file (draft-06 &lt;udf&gt;.dcat) was found.</param>
/// <param name="IsValidUdf">The name parses and validates as a content-digest UDF (lower case counts, with a wrong-case finding).</param>
/// <param name="Kind">User, group, or unknown, judged by the stores present.</param>
/// <param name="Stores">Stores present, in walk order.</param>
/// <param name="MissingExpectedStores">Stores the dialect expects for this kind of account that are absent.</param>
public sealed record AccountReport(
    string DirectoryName,
    string RelativePath,
    bool DirectoryPresent,
    bool IsValidUdf,
    AccountKind Kind,
    IReadOnlyList<StoreReport> Stores,
    IReadOnlyList<StoreReport> MissingExpectedStores);

/// <summary>A file in the key directory.</summary>
public sealed record KeyFileReport(string Name, string RelativePath, bool IsValidUdf);

/// <summary>How many of a dialect's expected files a directory holds (the evidence for the dialect choice).</summary>
public sealed record DialectScore(string DialectId, int ExpectedFilesPresent);

/// <summary>What <see cref="LayoutClassifier.Classify"/> found. All paths are root-relative with '/' separators.</summary>
public sealed record LayoutReport(
    string Root,
    LayoutDialect Dialect,
    bool DialectForced,
    IReadOnlyList<DialectScore> Scores,
    string? HostCatalogPath,
    IReadOnlyList<AccountReport> Accounts,
    IReadOnlyList<KeyFileReport> KeyFiles,
    IReadOnlyList<string> UnknownEntries,
    IReadOnlyList<Finding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);
}
