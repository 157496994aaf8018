using System.Xml.Linq;
using MeshConformance.Checks;
using MeshConformance.Reports;
using NUnit.Framework;

namespace MeshConformance.Tests.Reports;

public class JunitReportTests
{
    private static XDocument Parse(CheckReport report) =>
        XDocument.Parse(SampleReports.Text(report, ReportFormat.Junit));

    private static XElement Case(XDocument junit, string name) =>
        junit.Descendants("testcase").Single(c => (string?)c.Attribute("name") == name);

    [Test]
    public void The_mixed_report_is_valid_against_junit_10_xsd()
    {
        Assert.That(Schemas.JunitErrors(SampleReports.Text(SampleReports.Mixed(), ReportFormat.Junit)), Is.Empty);
    }

    [Test]
    public void The_clean_report_is_valid_against_junit_10_xsd()
    {
        Assert.That(Schemas.JunitErrors(SampleReports.Text(SampleReports.Clean(), ReportFormat.Junit)), Is.Empty);
    }

    [Test]
    public void The_schema_check_rejects_a_test_case_without_a_name()
    {
        var junit = Parse(SampleReports.Clean());
        junit.Descendants("testcase").First().Attribute("name")!.Remove();
        Assert.That(Schemas.JunitErrors(junit.ToString()), Is.Not.Empty);
    }

    [Test]
    public void The_schema_check_rejects_an_element_junit_does_not_have()
    {
        var junit = Parse(SampleReports.Clean());
        junit.Descendants("testcase").First().Add(new XElement("verdict", "pass"));
        Assert.That(Schemas.JunitErrors(junit.ToString()), Is.Not.Empty);
    }

    [Test]
    public void One_test_case_per_requirement_named_by_id_in_its_area()
    {
        var junit = Parse(SampleReports.Mixed());
        var cases = junit.Descendants("testcase").ToList();
        var expectedNames = SampleReports.MixedRequirements.Select(r => r.Id)
            .Append("CHECK-NOT-IN-REGISTRY")
            .Append(JunitReportWriter.ExpectationsTestName);
        Assert.Multiple(() =>
        {
            Assert.That(cases.Select(c => (string?)c.Attribute("name")), Is.EqualTo(expectedNames));
            Assert.That((string?)Case(junit, "PLAT-3.2-APPEND-LOCK").Attribute("classname"), Is.EqualTo("PLAT"));
            Assert.That((string?)Case(junit, "DARE-FRAME-TRAILER-LEN").Attribute("classname"), Is.EqualTo("DARE"));
            Assert.That((string?)Case(junit, "UDF-TEXT-FORMAT").Attribute("classname"), Is.EqualTo("UDF"));
            Assert.That((string?)Case(junit, "expectations").Attribute("classname"), Is.EqualTo("mesh-conform"));
        });
    }

    [Test]
    public void Counts_match_the_test_cases()
    {
        var junit = Parse(SampleReports.Mixed());
        var suites = junit.Root!;
        var suite = suites.Element("testsuite")!;
        var cases = suite.Elements("testcase").ToList();
        Assert.Multiple(() =>
        {
            // 7 requirements, 1 unregistered ID, 1 expectations case.
            Assert.That(cases, Has.Count.EqualTo(9));
            // Two failing requirements, the unregistered error, the expectations problem.
            Assert.That(cases.Count(c => c.Element("failure") is not null), Is.EqualTo(4));
            Assert.That(cases.Count(c => c.Element("skipped") is not null), Is.EqualTo(2));
            foreach (var element in new[] { suites, suite })
            {
                Assert.That((int?)element.Attribute("tests"), Is.EqualTo(9), element.Name.LocalName);
                Assert.That((int?)element.Attribute("failures"), Is.EqualTo(4), element.Name.LocalName);
                Assert.That((int?)element.Attribute("errors"), Is.EqualTo(0), element.Name.LocalName);
                Assert.That((string?)element.Attribute("time"), Is.EqualTo("2.718"), element.Name.LocalName);
            }
            Assert.That((int?)suite.Attribute("skipped"), Is.EqualTo(2));
            Assert.That((string?)suite.Attribute("timestamp"), Is.EqualTo("2025-03-14T13:09:26"));
        });
    }

    [Test]
    public void A_failing_requirement_lists_its_failing_findings()
    {
        var failure = Case(Parse(SampleReports.Mixed()), "PLAT-3.2-APPEND-LOCK").Element("failure")!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)failure.Attribute("type"), Is.EqualTo("MUST"));
            Assert.That((string?)failure.Attribute("message"), Does.StartWith("1 finding violates PLAT-3.2-APPEND-LOCK"));
            Assert.That(failure.Value, Does.Contain(SampleReports.ScriptMessage));
            Assert.That(failure.Value, Does.Contain("at " + SampleReports.UnicodeFile + ":1234 (frame 3)"));
            Assert.That(failure.Value, Does.Contain("hint: " + SampleReports.LockFinding.Hint));
            // The info finding of the same requirement does not fail it: it is output, not failure.
            Assert.That(failure.Value, Does.Not.Contain(SampleReports.LockInfo.Message));
            Assert.That(failure.Parent!.Element("system-out")!.Value, Does.Contain(SampleReports.LockInfo.Message));
        });
    }

    [Test]
    public void A_finding_without_file_or_offset_says_so()
    {
        var failure = Case(Parse(SampleReports.Mixed()), "KEY-PLAINTEXT-SEED").Element("failure")!;
        Assert.That(failure.Value, Does.Contain("at (no file)\n"));
        // XML 1.0 cannot carry U+0007; it is written as an escape, and the emoji survives.
        Assert.That(failure.Value, Does.Contain("bell \\u0007 and a 🔑 in [red]brackets[/]"));
    }

    [Test]
    public void Warnings_and_expected_failures_pass_with_output()
    {
        var junit = Parse(SampleReports.Mixed());
        var warn = Case(junit, "PLAT-2.1-HOST-CATALOG");
        var expected = Case(junit, "DARE-FRAME-TRAILER-LEN");
        Assert.Multiple(() =>
        {
            Assert.That(warn.Element("failure"), Is.Null);
            Assert.That(warn.Element("skipped"), Is.Null);
            Assert.That(warn.Element("system-out")!.Value, Does.Contain(SampleReports.HostWarning.Message));
            Assert.That(warn.Element("system-out")!.Value, Does.Contain("at Profiles/host.dare\n").Or.EndWith("at Profiles/host.dare"));
            Assert.That(expected.Element("failure"), Is.Null);
            Assert.That(expected.Element("system-out")!.Value, Does.StartWith("Known failure"));
            Assert.That(expected.Element("system-out")!.Value, Does.Contain(SampleReports.TrailerExpected.Message));
        });
    }

    [Test]
    public void Not_automated_and_skipped_requirements_say_why()
    {
        var junit = Parse(SampleReports.Mixed());
        Assert.Multiple(() =>
        {
            Assert.That((string?)Case(junit, "UDF-TEXT-FORMAT").Element("skipped")!.Attribute("message"), Does.Contain("No automated check"));
            Assert.That((string?)Case(junit, "JSONB-FLOAT-64").Element("skipped")!.Attribute("message"), Does.Contain("--only"));
            Assert.That(Case(junit, "DARE-CHAIN-DIGEST").HasElements, Is.False);
        });
    }

    [Test]
    public void Expectation_problems_fail_their_own_test_case()
    {
        var failure = Case(Parse(SampleReports.Mixed()), JunitReportWriter.ExpectationsTestName).Element("failure")!;
        Assert.That(failure.Value, Is.EqualTo(SampleReports.ExpectationProblem));
    }

    [Test]
    public void A_clean_run_has_no_failures()
    {
        var suite = Parse(SampleReports.Clean()).Root!.Element("testsuite")!;
        Assert.Multiple(() =>
        {
            Assert.That((int?)suite.Attribute("tests"), Is.EqualTo(2));
            Assert.That((int?)suite.Attribute("failures"), Is.EqualTo(0));
            Assert.That((int?)suite.Attribute("skipped"), Is.EqualTo(1));
            Assert.That(suite.Descendants("testcase").Any(c => (string?)c.Attribute("name") == JunitReportWriter.ExpectationsTestName), Is.False);
        });
    }

    [Test]
    public void Properties_carry_the_run_facts()
    {
        var properties = Parse(SampleReports.Mixed()).Descendants("property")
            .ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.Multiple(() =>
        {
            Assert.That(properties["root"], Is.EqualTo(SampleReports.Root));
            Assert.That(properties["dialect"], Is.EqualTo("reference"));
            Assert.That(properties["strict"], Is.EqualTo("false"));
            Assert.That(properties["conformant"], Is.EqualTo("false"));
            Assert.That(properties["toolVersion"], Is.EqualTo("1.4.0-test"));
        });
    }
}
