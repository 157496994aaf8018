using MeshConformance.Platform.Stress;

namespace MeshConformance.Reports.Stress;

/// <summary>The stress table for a terminal or a CI log: one row per scenario, then what went wrong, then the verdict.</summary>
public static class StressTextWriter
{
    public static void Write(IReadOnlyList<StressResult> results, TextWriter o)
    {
        string[] headings = ["scenario", "writers", "acked", "in doubt", "kills", "repairs", "appends/s", "lock wait p50/p99 µs", "anomalies", "verdict"];
        var rows = results.Select(r => new[]
        {
            r.Scenario.Name, StressFacts.WriterMix(r), r.Acknowledged.ToString(), r.InDoubt.ToString(), r.Kills.ToString(),
            r.Repairs.ToString(), StressFacts.Rate(r.AppendsPerSecond),
            $"{StressFacts.Micros(r.LockWait.P50)} / {StressFacts.Micros(r.LockWait.P99)}",
            r.Anomalies.Count().ToString(), StressFacts.Verdict(r),
        }).ToList();
        var widths = headings.Select((h, i) => rows.Select(row => row[i].Length).Append(h.Length).Max()).ToArray();
        o.WriteLine(Line(headings, widths));
        foreach (var row in rows) o.WriteLine(Line(row, widths));
        foreach (var r in results.Where(r => r.Passed && r.Scenario.ExpectAnomalies))
        {
            // Caught as intended: which kinds of anomaly, not every one of them (stress.json has them all).
            var kinds = r.Anomalies.GroupBy(f => f.Code).Select(g => $"{g.Key} × {g.Count()}");
            o.WriteLine($"{r.Scenario.Name}: caught {string.Join(", ", kinds)}");
        }
        foreach (var r in results.Where(r => !r.Passed))
        {
            var problems = r.Anomalies.Select(f => $"{StressFacts.RequirementOf(f)} {f}").Concat(r.Failures).ToList();
            if (r.Scenario.ExpectAnomalies && !r.Anomalies.Any())
                problems.Insert(0, "the writers were deliberately broken, yet the file and the readers show no anomaly: the run proves nothing");
            o.WriteLine();
            o.WriteLine($"{r.Scenario.Name} ({StressFacts.Settings(r.Scenario)}; container {r.Container}):");
            foreach (var p in problems.Take(10)) o.WriteLine("  " + p);
            if (problems.Count > 10) o.WriteLine($"  … and {problems.Count - 10} more");
        }
        o.WriteLine(results.All(r => r.Passed) ? "STRESS PASSED" : "STRESS FAILED");
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i is 0 or 1 or 9 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
}
