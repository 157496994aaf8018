using MeshConformance.Reports;
using NUnit.Framework;

namespace MeshConformance.Tests.Reports;

public class DeterminismTests
{
    [TestCase(ReportFormat.Json)]
    [TestCase(ReportFormat.Sarif)]
    [TestCase(ReportFormat.Junit)]
    [TestCase(ReportFormat.Html)]
    [TestCase(ReportFormat.Text)]
    public void The_same_report_gives_the_same_bytes(ReportFormat format)
    {
        // Two reports built separately (not the same object twice), with the same Started and Duration.
        var first = SampleReports.Bytes(SampleReports.Mixed(), format);
        var second = SampleReports.Bytes(SampleReports.Mixed(), format);
        Assert.That(second, Is.EqualTo(first));
    }

    [TestCase(ReportFormat.Json)]
    [TestCase(ReportFormat.Sarif)]
    [TestCase(ReportFormat.Junit)]
    public void A_different_start_changes_the_bytes(ReportFormat format)
    {
        // Guards the test above against passing because the writer ignores its input.
        var original = SampleReports.Mixed();
        var later = new MeshConformance.Checks.CheckReport
        {
            Root = original.Root,
            Dialect = original.Dialect,
            ToolVersion = original.ToolVersion,
            Strict = original.Strict,
            Started = original.Started.AddSeconds(1),
            Duration = original.Duration,
            FilesChecked = original.FilesChecked,
            BytesChecked = original.BytesChecked,
            Findings = original.Findings,
            Requirements = original.Requirements,
            ExpectationProblems = original.ExpectationProblems,
        };
        Assert.That(SampleReports.Bytes(later, format), Is.Not.EqualTo(SampleReports.Bytes(original, format)));
    }
}
