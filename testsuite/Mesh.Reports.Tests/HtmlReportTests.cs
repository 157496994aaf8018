using System.Text.RegularExpressions;
using MeshConformance.Reports;
using NUnit.Framework;

namespace MeshConformance.Tests.Reports;

public class HtmlReportTests
{
    private static string Mixed() => SampleReports.Text(SampleReports.Mixed(), ReportFormat.Html);

    [Test]
    public void A_script_tag_in_a_message_comes_out_escaped()
    {
        var html = Mixed();
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("<script>alert"));
            Assert.That(html, Does.Contain("Lock name &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; differs"));
            // The only script element is the page's own filter.
            Assert.That(Regex.Matches(html, "<script", RegexOptions.IgnoreCase), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void File_names_and_hints_are_escaped_too()
    {
        var html = Mixed();
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("<&>"));
            Assert.That(html, Does.Contain("&lt;&amp;&gt;.dare"));
            Assert.That(html, Does.Contain("Hint with &quot;quotes&quot; &amp; &lt;angle&gt; brackets"));
        });
    }

    [Test]
    public void Control_characters_are_shown_not_passed_through()
    {
        var html = Mixed();
        Assert.That(html, Does.Not.Contain("\u0007"));
        Assert.That(html, Does.Contain("bell \\u0007 and"));
    }

    [Test]
    public void Every_requirement_id_is_in_the_matrix()
    {
        var html = Mixed();
        foreach (var requirement in SampleReports.MixedRequirements)
            Assert.That(html, Does.Contain($"<code class=\"id\">{requirement.Id}</code>"), requirement.Id);
    }

    [Test]
    public void The_header_has_verdict_root_dialect_version_and_time()
    {
        var html = Mixed();
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<h1>NOT CONFORMANT</h1>"));
            Assert.That(html, Does.Contain("/srv/mesh roots/&#229;lice #1"));
            Assert.That(html, Does.Contain("<dd>reference</dd>"));
            Assert.That(html, Does.Contain("mesh-conform 1.4.0-test"));
            Assert.That(html, Does.Contain("2025-03-14T13:09:26.535Z"));
        });
        Assert.That(SampleReports.Text(SampleReports.Clean(), ReportFormat.Html), Does.Contain("<h1>CONFORMANT</h1>"));
    }

    [Test]
    public void Findings_are_listed_under_their_requirement()
    {
        var html = Mixed();
        var lockRow = html.IndexOf("id=\"req-PLAT-3.2-APPEND-LOCK\"", StringComparison.Ordinal);
        var nextRow = html.IndexOf("id=\"req-PLAT-2.1-HOST-CATALOG\"", StringComparison.Ordinal);
        var message = html.IndexOf("Lock name &lt;script&gt;", StringComparison.Ordinal);
        Assert.That(lockRow, Is.GreaterThan(0));
        Assert.That(message, Is.GreaterThan(lockRow).And.LessThan(nextRow));
        var section = html[lockRow..nextRow];
        Assert.Multiple(() =>
        {
            Assert.That(section, Does.Contain(">1234<"));
            Assert.That(section, Does.Contain(">3<"));
            Assert.That(section, Does.Contain("PLAT-LOCK-NAME"));
        });
    }

    [Test]
    public void Requirements_are_grouped_by_area()
    {
        var html = Mixed();
        var headings = Regex.Matches(html, "<h3 id=\"area-([A-Z]+)\">").Select(m => m.Groups[1].Value);
        Assert.That(headings, Is.EqualTo(new[] { "PLAT", "DARE", "UDF", "JSONB", "KEY" }));
    }

    [Test]
    public void Findings_outside_the_registry_and_expectation_problems_are_shown()
    {
        var html = Mixed();
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("CHECK-NOT-IN-REGISTRY"));
            Assert.That(html, Does.Contain("Code XYZ has no requirement."));
            Assert.That(html, Does.Contain(SampleReports.ExpectationProblem));
        });
    }

    [Test]
    public void The_page_loads_nothing_from_elsewhere()
    {
        var html = Mixed();
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Match("<link\\b"));
            Assert.That(html, Does.Not.Match("\\bsrc\\s*="));
            Assert.That(html, Does.Not.Contain("@import"));
            Assert.That(html, Does.Not.Contain("url("));
            Assert.That(Regex.Matches(html, "href=\"(?!#)"), Is.Empty);
        });
    }
}
