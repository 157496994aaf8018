using MeshConformance.Checks;

namespace MeshConformance.Reports;

/// <summary>
/// Findings grouped under the requirement they name, in report order, plus the findings whose requirement ID is not
/// in the report's requirement list (a registry bug, but the reports show them rather than drop them).
/// </summary>
internal sealed class ReportGroups
{
    private static readonly IReadOnlyList<CheckFinding> None = [];
    private readonly Dictionary<string, List<CheckFinding>> _byRequirement = new(StringComparer.Ordinal);

    public ReportGroups(CheckReport report)
    {
        var known = new HashSet<string>(report.Requirements.Select(r => r.Requirement.Id), StringComparer.Ordinal);
        var orphanIds = new List<string>();
        foreach (var finding in report.Findings)
        {
            if (!_byRequirement.TryGetValue(finding.RequirementId, out var list))
            {
                list = [];
                _byRequirement.Add(finding.RequirementId, list);
                if (!known.Contains(finding.RequirementId))
                    orphanIds.Add(finding.RequirementId);
            }
            list.Add(finding);
        }
        // Listed in the order their first finding appears, so the output does not depend on hashing.
        UnregisteredIds = orphanIds;
    }

    /// <summary>Requirement IDs that findings name but the report's requirement list does not have.</summary>
    public IReadOnlyList<string> UnregisteredIds { get; }

    /// <summary>The findings naming <paramref name="requirementId"/>, in report order.</summary>
    public IReadOnlyList<CheckFinding> FindingsOf(string requirementId) =>
        _byRequirement.TryGetValue(requirementId, out var list) ? list : None;

    /// <summary>Whether a finding counts against the verdict: it fails and is not a known failure.</summary>
    public static bool IsFailing(CheckFinding finding) => finding.Fails && !finding.Expected;
}
