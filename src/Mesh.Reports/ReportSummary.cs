using MeshConformance.Checks;
using MeshConformance.Core;

namespace MeshConformance.Reports;

/// <summary>
/// The counts every report shows, computed once. Counts are kept in arrays indexed by the enum value, never in a
/// dictionary, so that listing them is in a fixed order (<see cref="ReportNames.StatusOrder"/>, <see cref="ReportNames.SeverityOrder"/>).
/// </summary>
public sealed class ReportSummary
{
    private readonly int[] _byStatus;
    private readonly int[] _bySeverity;

    public ReportSummary(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _byStatus = new int[ReportNames.StatusOrder.Count];
        _bySeverity = new int[ReportNames.SeverityOrder.Count];
        foreach (var result in report.Requirements)
            _byStatus[Slot(result.Status)]++;
        foreach (var finding in report.Findings)
        {
            _bySeverity[Slot(finding.Severity)]++;
            if (finding.Fails && !finding.Expected)
                FailingFindings++;
            if (finding.Expected)
                ExpectedFindings++;
        }
        Requirements = report.Requirements.Count;
        Findings = report.Findings.Count;
    }

    /// <summary>How many requirements the report lists.</summary>
    public int Requirements { get; }

    /// <summary>How many findings the report lists.</summary>
    public int Findings { get; }

    /// <summary>Findings that fail the run: <see cref="CheckFinding.Fails"/> and not <see cref="CheckFinding.Expected"/>.</summary>
    public int FailingFindings { get; }

    /// <summary>Findings listed as known failures in the expectations file.</summary>
    public int ExpectedFindings { get; }

    public int Count(RequirementStatus status) => _byStatus[Slot(status)];

    public int Count(Severity severity) => _bySeverity[Slot(severity)];

    private static int Slot(RequirementStatus status) => IndexOrThrow(ReportNames.StatusOrder, status);

    private static int Slot(Severity severity) => IndexOrThrow(ReportNames.SeverityOrder, severity);

    private static int IndexOrThrow<T>(IReadOnlyList<T> order, T value) where T : struct, Enum
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(order[i], value))
                return i;
        }
        throw new ArgumentOutOfRangeException(nameof(value), value, "Not a value the reports know.");
    }
}
