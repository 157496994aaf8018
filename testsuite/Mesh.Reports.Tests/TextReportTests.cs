using MeshConformance.Reports;
using NUnit.Framework;

namespace MeshConformance.Tests.Reports;

public class TextReportTests
{
    private const char Escape = '\u001b';

    [Test]
    public void Text_written_to_a_stream_has_no_escape_codes()
    {
        var text = SampleReports.Text(SampleReports.Mixed(), ReportFormat.Text);
        Assert.That(text, Does.Not.Contain(Escape));
        Assert.That(text, Does.Contain("NOT CONFORMANT"));
    }

    [Test]
    public void Redirected_text_has_no_escape_codes_and_ansi_text_has_them()
    {
        // The switch must matter: the same report with ANSI on does colour its output.
        var plain = new StringWriter();
        TextReportWriter.Write(SampleReports.Mixed(), plain, ansi: false);
        var coloured = new StringWriter();
        TextReportWriter.Write(SampleReports.Mixed(), coloured, ansi: true);
        Assert.Multiple(() =>
        {
            Assert.That(plain.ToString(), Does.Not.Contain(Escape));
            Assert.That(coloured.ToString(), Does.Contain(Escape));
        });
    }

    [Test]
    public void Failing_findings_are_listed_one_per_line()
    {
        var lines = SampleReports.Text(SampleReports.Mixed(), ReportFormat.Text).Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines, Does.Contain("error PLAT-3.2-APPEND-LOCK " + SampleReports.UnicodeFile + "@1234: " + SampleReports.ScriptMessage));
            // The bell is shown as \u0007 rather than rung.
            Assert.That(lines, Does.Contain("error KEY-PLAINTEXT-SEED -: " + SampleReports.ControlMessage.Replace("\u0007", "\\u0007")));
            Assert.That(lines, Does.Contain("error CHECK-NOT-IN-REGISTRY Profiles/x.dare@7: Code XYZ has no requirement."));
        });
    }

    [Test]
    public void Expected_and_informational_findings_are_not_listed_as_failing()
    {
        var text = SampleReports.Text(SampleReports.Mixed(), ReportFormat.Text);
        var failing = text[text.IndexOf("Failing findings (3):", StringComparison.Ordinal)..];
        failing = failing[..failing.IndexOf("\n\n", StringComparison.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(failing, Does.Not.Contain(SampleReports.TrailerExpected.Message));
            Assert.That(failing, Does.Not.Contain(SampleReports.LockInfo.Message));
            Assert.That(failing, Does.Not.Contain(SampleReports.HostWarning.Message));
        });
        // The SHOULD warning is still shown, apart, with its location (no offset).
        Assert.That(text, Does.Contain("warning PLAT-2.1-HOST-CATALOG Profiles/host.dare: " + SampleReports.HostWarning.Message));
    }

    [Test]
    public void Summary_tables_count_statuses_and_severities()
    {
        var lines = SampleReports.Text(SampleReports.Mixed(), ReportFormat.Text).Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\bFAIL\b\s*\S\s*2\b")), "FAIL 2");
            Assert.That(lines.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\bEXPECTED FAIL\b\s*\S\s*1\b")), "EXPECTED FAIL 1");
            Assert.That(lines.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\berror\b\s*\S\s*4\b")), "error 4");
            Assert.That(lines.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\bfailing\b\s*\S\s*3\b")), "failing 3");
        });
    }

    [Test]
    public void The_verdict_is_the_last_line()
    {
        var mixed = SampleReports.Text(SampleReports.Mixed(), ReportFormat.Text).TrimEnd('\n').Split('\n');
        var clean = SampleReports.Text(SampleReports.Clean(), ReportFormat.Text).TrimEnd('\n').Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(mixed[^1], Is.EqualTo("NOT CONFORMANT: 3 failing findings, 1 expected, 1 expectation problem"));
            Assert.That(clean[^1], Is.EqualTo("CONFORMANT: 0 failing findings, 0 expected, 0 expectation problems"));
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Control_characters_from_a_file_cannot_drive_the_terminal(bool ansi)
    {
        const string hostile = "title \u001b]0;pwned\u0007 then \u001b[2J\nsecond line";
        var finding = SampleReports.LockFinding with { Message = hostile };
        var report = SampleReports.Mixed();
        report = new MeshConformance.Checks.CheckReport
        {
            Root = report.Root, Dialect = report.Dialect, ToolVersion = report.ToolVersion, Strict = report.Strict,
            Started = report.Started, Duration = report.Duration, FilesChecked = report.FilesChecked,
            BytesChecked = report.BytesChecked, Requirements = report.Requirements, Findings = [finding],
        };
        var output = new StringWriter();
        TextReportWriter.Write(report, output, ansi);
        var text = output.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("\u001b]0;"));
            Assert.That(text, Does.Not.Contain("\u001b[2J"));
            Assert.That(text, Does.Not.Contain("\nsecond line"));
            // Shown, escaped (a terminal may wrap the line, so the pieces are checked one by one).
            Assert.That(text, Does.Contain("\\u001b]0;pwned\\u0007"));
            Assert.That(text, Does.Contain("\\u001b[2J\\u000asecond"));
        });
    }

    [Test]
    public void Square_brackets_in_text_are_not_read_as_markup()
    {
        var report = SampleReports.Mixed(root: "/srv/[bold]root[/]");
        var text = SampleReports.Text(report, ReportFormat.Text);
        Assert.That(text, Does.Contain("/srv/[bold]root[/]"));
    }
}
