using System.Text;
using MeshConformance.Platform.Stress;

namespace MeshConformance.Reports.Stress;

/// <summary>
/// The stress report as one self-contained HTML page in the check report's style: the verdict, the scenario table
/// (throughput, lock-wait and append-latency percentiles, kills and repairs) and, per scenario, its writers and anomalies.
/// </summary>
public static class StressHtmlWriter
{
    public static string Render(IReadOnlyList<StressResult> results, string toolVersion)
    {
        var passed = results.All(r => r.Passed);
        var html = new StringBuilder(8 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Stress ").Append(passed ? "PASSED" : "FAILED").Append(" — mesh-conform</title>\n<style>\n")
            .Append(HtmlPage.Style).Append("</style>\n</head>\n<body>\n")
            .Append("<header class=\"verdict ").Append(passed ? "ok" : "bad").Append("\">\n<h1>Stress ")
            .Append(passed ? "PASSED" : "FAILED").Append("</h1>\n<p class=\"because\">")
            .Append(E($"{results.Count(r => r.Passed)} of {results.Count} scenarios met their expectation. Concurrent writer processes append to one container; afterwards every acknowledged append must be there exactly once, in its writer's order, nothing torn (platform-06 §3.2, bindings.md X-1..X-6)."))
            .Append("</p>\n</header>\n");

        html.Append("<h2>Scenarios</h2>\n<table>\n<thead><tr><th>Scenario</th><th>Writers</th><th class=\"num\">Acknowledged</th>")
            .Append("<th class=\"num\">In doubt</th><th class=\"num\">Kills</th><th class=\"num\">Repairs</th><th class=\"num\">Appends/s</th>")
            .Append("<th class=\"num\">Lock wait p50 / p99 µs</th><th class=\"num\">Append p50 / p99 µs</th><th class=\"num\">Anomalies</th><th>Verdict</th></tr></thead>\n<tbody>\n");
        foreach (var r in results)
        {
            html.Append("<tr class=\"").Append(r.Passed ? "st-pass" : "st-fail").Append("\"><td><a href=\"#").Append(E(Anchor(r))).Append("\">")
                .Append(E(r.Scenario.Name)).Append("</a><div class=\"hint\">").Append(E(StressFacts.Settings(r.Scenario))).Append("</div></td><td>")
                .Append(E(StressFacts.WriterMix(r))).Append("</td>");
            Num(html, r.Acknowledged.ToString());
            Num(html, r.InDoubt.ToString());
            Num(html, r.Kills.ToString());
            Num(html, r.Repairs.ToString());
            Num(html, StressFacts.Rate(r.AppendsPerSecond));
            Num(html, $"{StressFacts.Micros(r.LockWait.P50)} / {StressFacts.Micros(r.LockWait.P99)}");
            Num(html, $"{StressFacts.Micros(r.AppendLatency.P50)} / {StressFacts.Micros(r.AppendLatency.P99)}");
            Num(html, r.Anomalies.Count().ToString());
            html.Append("<td><span class=\"badge ").Append(r.Passed ? "st-pass" : "st-fail").Append("\">").Append(E(StressFacts.Verdict(r)))
                .Append("</span></td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");

        foreach (var r in results) WriteScenario(html, r);
        html.Append("<footer>Written by ").Append(E(ReportNames.ToolName)).Append(' ').Append(E(toolVersion))
            .Append(". Anomaly IDs come from the requirement registry (vectors/requirements.json).</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void WriteScenario(StringBuilder html, StressResult r)
    {
        html.Append("<h2 id=\"").Append(E(Anchor(r))).Append("\">").Append(E(r.Scenario.Name)).Append(" <small>")
            .Append(E(StressFacts.Expectation(r))).Append("</small></h2>\n<dl class=\"facts\">\n");
        Fact(html, "Container", r.Container);
        Fact(html, "Settings", StressFacts.Settings(r.Scenario));
        Fact(html, "Frames / entries", $"{r.Log.Frames} / {r.Log.Entries}");
        Fact(html, "In doubt and present", r.Log.InDoubtPresent is { } p ? $"{p} of {r.InDoubt}" : "—");
        Fact(html, "Torn by the adapter itself", r.Tears.ToString());
        Fact(html, "Cut by the final catch-up", $"{r.FinalRepairBytes} bytes");
        Fact(html, "Lock free after the run", r.LockRecovered ? "yes" : "NO");
        Fact(html, "Readers (lock taken to settle the end)", $"{r.ReaderCount} ({r.ReaderSettles} settles)");
        Fact(html, "Elapsed", $"{r.Elapsed.TotalSeconds:0.00} s");
        html.Append("</dl>\n<table class=\"findings\">\n<thead><tr><th>Writer</th><th>Implementation</th><th class=\"num\">Acknowledged</th>")
            .Append("<th class=\"num\">In doubt</th><th class=\"num\">Kills</th><th class=\"num\">Repairs (bytes)</th><th>Errors</th></tr></thead>\n<tbody>\n");
        foreach (var w in r.Writers)
        {
            html.Append("<tr><td>").Append(E(w.Name)).Append("</td><td>").Append(E(w.Implementation)).Append("<div class=\"hint\"><code>")
                .Append(E(w.Command)).Append("</code></div></td>");
            Num(html, w.Acknowledged.ToString());
            Num(html, w.InDoubt.ToString());
            Num(html, w.Kills.ToString());
            Num(html, $"{w.Repairs} ({w.RepairedBytes})");
            html.Append("<td class=\"msg\">").Append(E(string.Join("\n", w.Errors.Take(5)))).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        var anomalies = r.Anomalies.ToList();
        var failures = r.Failures.ToList();
        if (anomalies.Count == 0 && failures.Count == 0)
        {
            html.Append("<p class=\"none\">No anomalies.</p>\n");
            return;
        }
        html.Append("<table class=\"findings\">\n<thead><tr><th>Requirement</th><th>Code</th><th class=\"num\">Offset</th><th>Message</th></tr></thead>\n<tbody>\n");
        foreach (var f in anomalies.Take(200))
        {
            html.Append("<tr><td>").Append(E(StressFacts.RequirementOf(f))).Append("</td><td><code>").Append(E(f.Code)).Append("</code></td>");
            Num(html, f.Offset.ToString());
            html.Append("<td class=\"msg\">").Append(E(f.Message)).Append("</td></tr>\n");
        }
        foreach (var f in failures.Take(50))
            html.Append("<tr><td>run</td><td></td><td></td><td class=\"msg\">").Append(E(f)).Append("</td></tr>\n");
        html.Append("</tbody>\n</table>\n");
        if (anomalies.Count > 200) html.Append("<p class=\"none\">… and ").Append(anomalies.Count - 200).Append(" more anomalies (see stress.json).</p>\n");
    }

    private static string Anchor(StressResult r) => "scenario-" + r.Scenario.Name;

    private static void Num(StringBuilder html, string value) => html.Append("<td class=\"num\">").Append(E(value)).Append("</td>");

    private static void Fact(StringBuilder html, string name, string value) =>
        html.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private static string E(string text) => HtmlPage.Encode(text);
}
