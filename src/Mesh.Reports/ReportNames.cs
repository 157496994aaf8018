using MeshConformance.Checks;
using MeshConformance.Core;

namespace MeshConformance.Reports;

/// <summary>
/// The words every report uses for levels, severities and statuses, so that the JSON, SARIF, JUnit, HTML and text
/// reports say the same thing the same way (and docs/reports.md can list them once).
/// </summary>
public static class ReportNames
{
    /// <summary>The tool's name as reports show it.</summary>
    public const string ToolName = "mesh-conform";

    /// <summary>Statuses in the order summaries list them: the worst first.</summary>
    public static IReadOnlyList<RequirementStatus> StatusOrder { get; } =
    [
        RequirementStatus.Fail, RequirementStatus.Warn, RequirementStatus.ExpectedFail,
        RequirementStatus.Pass, RequirementStatus.NotAutomated, RequirementStatus.Skipped,
    ];

    /// <summary>Severities in the order summaries list them: the worst first.</summary>
    public static IReadOnlyList<Severity> SeverityOrder { get; } = [Severity.Error, Severity.Warning, Severity.Info];

    /// <summary><c>MUST</c>, <c>SHOULD</c> or <c>MAY</c>, as RFC 2119 writes them.</summary>
    public static string LevelName(RequirementLevel level) => level switch
    {
        RequirementLevel.Must => "MUST",
        RequirementLevel.Should => "SHOULD",
        RequirementLevel.May => "MAY",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown requirement level."),
    };

    /// <summary><c>error</c>, <c>warning</c> or <c>info</c>, the words the other mesh-conform commands use.</summary>
    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Info => "info",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    /// <summary>camelCase status names for machine-read reports: <c>pass</c>, <c>fail</c>, <c>warn</c>, <c>expectedFail</c>, <c>notAutomated</c>, <c>skipped</c>.</summary>
    public static string StatusName(RequirementStatus status) => status switch
    {
        RequirementStatus.Pass => "pass",
        RequirementStatus.Fail => "fail",
        RequirementStatus.Warn => "warn",
        RequirementStatus.ExpectedFail => "expectedFail",
        RequirementStatus.NotAutomated => "notAutomated",
        RequirementStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown requirement status."),
    };

    /// <summary>Status names for people: <c>PASS</c>, <c>FAIL</c>, <c>WARN</c>, <c>EXPECTED FAIL</c>, <c>NOT AUTOMATED</c>, <c>SKIPPED</c>.</summary>
    public static string StatusLabel(RequirementStatus status) => status switch
    {
        RequirementStatus.Pass => "PASS",
        RequirementStatus.Fail => "FAIL",
        RequirementStatus.Warn => "WARN",
        RequirementStatus.ExpectedFail => "EXPECTED FAIL",
        RequirementStatus.NotAutomated => "NOT AUTOMATED",
        RequirementStatus.Skipped => "SKIPPED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown requirement status."),
    };

    /// <summary>The verdict line's words: <c>CONFORMANT</c> or <c>NOT CONFORMANT</c>.</summary>
    public static string Verdict(CheckReport report) => report.Conformant ? "CONFORMANT" : "NOT CONFORMANT";

    /// <summary>
    /// The area of a requirement ID: the part before the first '-' (<c>PLAT-3.2-APPEND-LOCK</c> → <c>PLAT</c>).
    /// JUnit uses it as the class name and HTML groups the matrix by it.
    /// </summary>
    public static string Area(string requirementId)
    {
        ArgumentNullException.ThrowIfNull(requirementId);
        var dash = requirementId.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? requirementId[..dash] : requirementId;
    }

    /// <summary>Where a finding is, for one-line listings: <c>file@offset</c>, <c>file</c>, <c>@offset</c> or <c>-</c>.</summary>
    public static string Location(CheckFinding finding)
    {
        var offset = finding.Offset >= 0 ? "@" + finding.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        return finding.File is null ? (offset.Length > 0 ? offset : "-") : finding.File + offset;
    }

    /// <summary>One line per finding: <c>severity ID file@offset: message</c>.</summary>
    public static string FindingLine(CheckFinding finding) =>
        $"{SeverityName(finding.Severity)} {finding.RequirementId} {Location(finding)}: {finding.Message}";

    /// <summary>The start of the run as reports print it: UTC, ISO 8601, to the millisecond.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
