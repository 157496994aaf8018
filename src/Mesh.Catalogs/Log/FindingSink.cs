using MeshConformance.Core;

namespace MeshConformance.Catalogs;

/// <summary>
/// Collects findings, keeping at most <see cref="MaxPerCode"/> of each code and counting the rest, so that a hostile
/// file with millions of bad frames cannot make the report grow with the file.
/// </summary>
internal sealed class FindingSink
{
    public const int MaxPerCode = 1000;

    private readonly List<Finding> kept = [];
    private readonly Dictionary<string, long> perCode = new(StringComparer.Ordinal);

    public void Add(Finding finding)
    {
        var count = perCode.GetValueOrDefault(finding.Code) + 1;
        perCode[finding.Code] = count;
        if (count <= MaxPerCode) kept.Add(finding);
    }

    public void AddRange(IEnumerable<Finding> findings)
    {
        foreach (var f in findings) Add(f);
    }

    /// <summary>The findings kept, followed by one CAT-FINDINGS-TRUNCATED for each code that overflowed.</summary>
    public List<Finding> ToList()
    {
        var result = new List<Finding>(kept);
        foreach (var (code, count) in perCode.Where(p => p.Value > MaxPerCode).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result.Add(new Finding(CatalogCodes.FindingsTruncated, Severity.Info, -1,
                $"{count} findings with code {code}; the first {MaxPerCode} are listed, {count - MaxPerCode} more are not"));
        }
        return result;
    }
}
