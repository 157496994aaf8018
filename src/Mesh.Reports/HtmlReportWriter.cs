using System.Globalization;
using System.Net;
using System.Text;
using MeshConformance.Checks;
using MeshConformance.Core;

namespace MeshConformance.Reports;

/// <summary>
/// The HTML report: one self-contained page (inline CSS, a few lines of inline JS for a filter, nothing fetched from
/// anywhere) with the verdict and facts of the run, the counts, and the requirement matrix grouped by area, with the
/// findings of each requirement listed under it. Every string from the report is HTML-encoded.
/// </summary>
public static class HtmlReportWriter
{
    public static void Write(CheckReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        writer.NewLine = "\n";
        writer.Write(Render(report));
    }

    /// <summary>The whole page as a string.</summary>
    public static string Render(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var summary = new ReportSummary(report);
        var groups = new ReportGroups(report);
        var html = new StringBuilder(16 * 1024);

        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(ReportNames.Verdict(report))).Append(" — ").Append(E(report.Root))
            .Append(" — mesh-conform</title>\n<style>\n").Append(HtmlPage.Style).Append("</style>\n</head>\n<body>\n");

        WriteHeader(html, report, summary);
        WriteSummary(html, summary);
        WriteExpectationProblems(html, report);
        WriteMatrix(html, report, groups);
        WriteUnregistered(html, groups);

        html.Append("<footer>Written by ").Append(E(ReportNames.ToolName)).Append(' ').Append(E(report.ToolVersion))
            .Append(". Requirement IDs, levels and spec references come from the requirement registry (vectors/requirements.json).</footer>\n")
            .Append("<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void WriteHeader(StringBuilder html, CheckReport report, ReportSummary summary)
    {
        var verdictClass = report.Conformant ? "ok" : "bad";
        html.Append("<header class=\"verdict ").Append(verdictClass).Append("\">\n<h1>")
            .Append(E(ReportNames.Verdict(report))).Append("</h1>\n<p class=\"because\">")
            .Append(E(VerdictReason(report, summary))).Append("</p>\n<dl class=\"facts\">\n");
        Fact(html, "Root", report.Root, code: true);
        Fact(html, "Dialect", report.Dialect);
        Fact(html, "Strict", report.Strict ? "yes (SHOULD violations fail)" : "no (SHOULD violations warn)");
        Fact(html, "Tool", ReportNames.ToolName + " " + report.ToolVersion);
        Fact(html, "Started", ReportNames.Timestamp(report.Started));
        Fact(html, "Duration", report.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s");
        Fact(html, "Files checked", report.FilesChecked.ToString("N0", CultureInfo.InvariantCulture));
        Fact(html, "Bytes checked", report.BytesChecked.ToString("N0", CultureInfo.InvariantCulture));
        html.Append("</dl>\n</header>\n");
    }

    private static string VerdictReason(CheckReport report, ReportSummary summary)
    {
        var parts = new List<string> { Count(summary.FailingFindings, "finding fails", "findings fail") + " the run" };
        if (summary.ExpectedFindings > 0)
            parts.Add(Count(summary.ExpectedFindings, "known failure", "known failures") + " from the expectations file");
        if (report.ExpectationProblems.Count > 0)
            parts.Add(Count(report.ExpectationProblems.Count, "problem", "problems") + " with the expectations file");
        return string.Join("; ", parts) + ".";
    }

    private static void Fact(StringBuilder html, string name, string value, bool code = false)
    {
        html.Append("<dt>").Append(E(name)).Append("</dt><dd>");
        html.Append(code ? "<code>" : "").Append(E(value)).Append(code ? "</code>" : "").Append("</dd>\n");
    }

    private static void WriteSummary(StringBuilder html, ReportSummary summary)
    {
        html.Append("<section class=\"summary\">\n<h2>Requirements <small>")
            .Append(summary.Requirements.ToString(CultureInfo.InvariantCulture)).Append("</small></h2>\n<ul class=\"counts\">\n");
        foreach (var status in ReportNames.StatusOrder)
        {
            html.Append("<li>").Append(Badge(status)).Append(" <b>")
                .Append(summary.Count(status).ToString(CultureInfo.InvariantCulture)).Append("</b></li>\n");
        }
        html.Append("</ul>\n<h2>Findings <small>").Append(summary.Findings.ToString(CultureInfo.InvariantCulture))
            .Append("</small></h2>\n<ul class=\"counts\">\n");
        foreach (var severity in ReportNames.SeverityOrder)
        {
            var name = ReportNames.SeverityName(severity);
            html.Append("<li><span class=\"sev sev-").Append(name).Append("\">").Append(name).Append("</span> <b>")
                .Append(summary.Count(severity).ToString(CultureInfo.InvariantCulture)).Append("</b></li>\n");
        }
        html.Append("<li><span class=\"sev\">failing</span> <b>")
            .Append(summary.FailingFindings.ToString(CultureInfo.InvariantCulture)).Append("</b></li>\n")
            .Append("<li><span class=\"sev\">expected</span> <b>")
            .Append(summary.ExpectedFindings.ToString(CultureInfo.InvariantCulture)).Append("</b></li>\n")
            .Append("</ul>\n</section>\n");
    }

    private static void WriteExpectationProblems(StringBuilder html, CheckReport report)
    {
        if (report.ExpectationProblems.Count == 0)
            return;
        html.Append("<section class=\"problems\">\n<h2>Expectations file</h2>\n")
            .Append("<p>Each of these fails the run on its own: the expectations file no longer matches what was found.</p>\n<ul>\n");
        foreach (var problem in report.ExpectationProblems)
            html.Append("<li>").Append(E(problem)).Append("</li>\n");
        html.Append("</ul>\n</section>\n");
    }

    private static void WriteMatrix(StringBuilder html, CheckReport report, ReportGroups groups)
    {
        // Areas in the order they first appear, which is the registry's order.
        var areas = new List<string>();
        foreach (var result in report.Requirements)
        {
            var area = ReportNames.Area(result.Requirement.Id);
            if (!areas.Contains(area, StringComparer.Ordinal))
                areas.Add(area);
        }

        html.Append("<section class=\"matrix\">\n<h2>Requirement matrix</h2>\n")
            .Append("<p class=\"tools\"><label><input type=\"checkbox\" id=\"only-findings\"> Show only requirements with findings</label>");
        if (areas.Count > 1)
        {
            html.Append(" · Areas:");
            foreach (var area in areas)
                html.Append(" <a href=\"#").Append(E(AreaAnchor(area))).Append("\">").Append(E(area)).Append("</a>");
        }
        html.Append("</p>\n");

        foreach (var area in areas)
        {
            var results = report.Requirements.Where(r => ReportNames.Area(r.Requirement.Id) == area).ToList();
            var failing = results.Count(r => r.Status == RequirementStatus.Fail);
            html.Append("<h3 id=\"").Append(E(AreaAnchor(area))).Append("\">").Append(E(area)).Append(" <small>")
                .Append(Count(results.Count, "requirement", "requirements"));
            if (failing > 0)
                html.Append(", ").Append(failing.ToString(CultureInfo.InvariantCulture)).Append(" failing");
            html.Append("</small></h3>\n<table class=\"requirements\">\n<colgroup><col class=\"c-req\"><col class=\"c-level\"><col class=\"c-spec\"><col class=\"c-status\"><col class=\"c-count\"></colgroup>\n<thead><tr><th>Requirement</th><th>Level</th><th>Spec</th><th>Status</th><th class=\"num\">Findings</th></tr></thead>\n<tbody>\n");
            foreach (var result in results)
                WriteRequirementRow(html, result, groups.FindingsOf(result.Requirement.Id));
            html.Append("</tbody>\n</table>\n");
        }
        html.Append("</section>\n");
    }

    private static void WriteRequirementRow(StringBuilder html, RequirementResult result, IReadOnlyList<CheckFinding> findings)
    {
        var requirement = result.Requirement;
        var status = ReportNames.StatusName(result.Status);
        html.Append("<tr class=\"req st-").Append(status).Append("\" data-findings=\"")
            .Append(findings.Count > 0 ? "yes" : "no").Append("\" id=\"").Append(E("req-" + requirement.Id)).Append("\">")
            .Append("<td><code class=\"id\">").Append(E(requirement.Id)).Append("</code><div class=\"text\">")
            .Append(E(requirement.Text)).Append("</div>");
        if (!string.IsNullOrEmpty(requirement.Quote))
            html.Append("<blockquote>").Append(E(requirement.Quote)).Append("</blockquote>");
        html.Append("</td><td>").Append(E(ReportNames.LevelName(requirement.Level))).Append("</td><td>")
            .Append(E(requirement.Spec.Display)).Append("</td><td>").Append(Badge(result.Status))
            .Append("</td><td class=\"num\">").Append(result.FindingCount.ToString(CultureInfo.InvariantCulture))
            .Append("</td></tr>\n");
        if (findings.Count > 0)
        {
            html.Append("<tr class=\"found\" data-findings=\"yes\"><td colspan=\"5\">");
            WriteFindings(html, findings, requirement.Hint);
            html.Append("</td></tr>\n");
        }
    }

    private static void WriteUnregistered(StringBuilder html, ReportGroups groups)
    {
        if (groups.UnregisteredIds.Count == 0)
            return;
        html.Append("<section class=\"unregistered\">\n<h2>Findings outside the registry</h2>\n")
            .Append("<p>These findings name a requirement ID the registry does not list (a bug in the checker, shown rather than hidden).</p>\n");
        foreach (var id in groups.UnregisteredIds)
        {
            html.Append("<h3><code>").Append(E(id)).Append("</code></h3>\n");
            WriteFindings(html, groups.FindingsOf(id), requirementHint: null);
        }
        html.Append("</section>\n");
    }

    private static void WriteFindings(StringBuilder html, IReadOnlyList<CheckFinding> findings, string? requirementHint)
    {
        html.Append("<table class=\"findings\">\n<thead><tr><th>Severity</th><th>Code</th><th>File</th><th class=\"num\">Offset</th><th class=\"num\">Frame</th><th>Message</th></tr></thead>\n<tbody>\n");
        foreach (var finding in findings)
        {
            var severity = ReportNames.SeverityName(finding.Severity);
            html.Append("<tr class=\"").Append(ReportGroups.IsFailing(finding) ? "failing" : "not-failing").Append("\">")
                .Append("<td><span class=\"sev sev-").Append(severity).Append("\">").Append(severity).Append("</span>");
            if (finding.Expected)
                html.Append(" <span class=\"tag\">expected</span>");
            else if (!finding.Fails && finding.Severity != Severity.Info)
                html.Append(" <span class=\"tag\">does not fail</span>");
            html.Append("</td><td><code>").Append(E(finding.Code)).Append("</code></td><td>")
                .Append(finding.File is null ? "<span class=\"none\">—</span>" : "<code>" + E(finding.File) + "</code>")
                .Append("</td><td class=\"num\">")
                .Append(finding.Offset >= 0 ? finding.Offset.ToString(CultureInfo.InvariantCulture) : "<span class=\"none\">—</span>")
                .Append("</td><td class=\"num\">")
                .Append(finding.Frame is { } frame ? frame.ToString(CultureInfo.InvariantCulture) : "<span class=\"none\">—</span>")
                .Append("</td><td><div class=\"msg\">").Append(E(finding.Message)).Append("</div>");
            // A finding without a hint of its own gets the requirement's, except an info finding: nothing to fix there.
            var hint = finding.Hint ?? (finding.Severity == Severity.Info ? null : requirementHint);
            if (!string.IsNullOrEmpty(hint))
                html.Append("<div class=\"hint\">Hint: ").Append(E(hint)).Append("</div>");
            html.Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>");
    }

    private static string Badge(RequirementStatus status) =>
        "<span class=\"badge st-" + ReportNames.StatusName(status) + "\">" + E(ReportNames.StatusLabel(status)) + "</span>";

    private static string AreaAnchor(string area) => "area-" + area;

    private static string Count(int count, string one, string many) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);

    private static string E(string text) => HtmlPage.Encode(text);

    // Optional: the page is complete without it; it only hides rows without findings on request.
    private const string Script = """
        document.getElementById('only-findings').addEventListener('change', function (e) {
          document.body.classList.toggle('only-findings', e.target.checked);
        });

        """;
}
