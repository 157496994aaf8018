using System.Globalization;
using MeshConformance.Checks;
using MeshConformance.Core;
using MeshConformance.Platform.Stress;

namespace MeshConformance.Reports.Stress;

/// <summary>What every stress report format says of a scenario, worded once.</summary>
internal static class StressFacts
{
    /// <summary>PASS, PASS (anomalies caught) or FAIL.</summary>
    public static string Verdict(StressResult r) =>
        !r.Passed ? "FAIL" : r.Scenario.ExpectAnomalies ? "PASS (anomalies caught)" : "PASS";

    /// <summary>What the scenario set out to show, for a reader who did not write it.</summary>
    public static string Expectation(StressResult r) =>
        r.Scenario.ExpectAnomalies ? "deliberately broken writers: the harness must find anomalies" : "every acknowledged append exactly once, nothing torn";

    /// <summary>"2 × mesh-conform-csharp + 2 × python-reference".</summary>
    public static string WriterMix(StressResult r) =>
        string.Join(" + ", r.Writers.GroupBy(w => w.Implementation).Select(g => $"{g.Count()} × {g.Key}"));

    /// <summary>The options that shaped the run, as words.</summary>
    public static string Settings(StressScenario s)
    {
        var parts = new List<string> { $"{s.Writers.Count} writers × {s.Appends} appends", s.Type.ToString() };
        if (s.Readers > 0) parts.Add($"{s.Readers} readers");
        if (s.SeparateSessions) parts.Add("separate sessions");
        if (s.KillRate > 0) parts.Add($"kill rate {s.KillRate.ToString("P1", CultureInfo.InvariantCulture)}");
        if (s.ReopenPerAppend) parts.Add("reopen per append");
        if (s.Durable) parts.Add("durable");
        parts.Add($"seed {s.Seed}");
        return string.Join(", ", parts);
    }

    /// <summary>The requirement an anomaly violates (every LOG code maps to one; see vectors/requirements.json).</summary>
    public static string RequirementOf(Finding f) =>
        RequirementRegistry.Default.ForCode(f.Code)?.Id ?? RequirementRegistry.InternalRequirementId;

    public static string Micros(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    public static string Rate(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}
