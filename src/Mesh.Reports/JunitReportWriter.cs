using System.Globalization;
using System.Text;
using System.Xml;
using MeshConformance.Checks;

namespace MeshConformance.Reports;

/// <summary>
/// The JUnit XML report for CI test viewers, in the dialect of the Jenkins xUnit plugin's junit-10.xsd (which GitLab,
/// pytest and most viewers follow). One <c>&lt;testcase&gt;</c> per requirement, class name = area of the ID:
/// Fail → <c>&lt;failure&gt;</c> listing the failing findings; NotAutomated/Skipped → <c>&lt;skipped&gt;</c>;
/// Warn and ExpectedFail pass, with their findings in <c>&lt;system-out&gt;</c>.
/// </summary>
public static class JunitReportWriter
{
    /// <summary>The class name of the test case that reports problems with the expectations file.</summary>
    public const string ExpectationsClassName = "mesh-conform";

    /// <summary>The test case name that reports problems with the expectations file.</summary>
    public const string ExpectationsTestName = "expectations";

    private const string NotAutomatedMessage = "No automated check covers this requirement yet.";
    private const string SkippedMessage = "Left out of this run (--only).";
    private const string ExpectedFailNote =
        "Known failure: listed in the expectations file, so it does not fail this run.";

    public static void Write(CheckReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var cases = BuildCases(report);
        var failures = cases.Count(c => c.Failure is not null);
        var skipped = cases.Count(c => c.Skipped is not null);
        var time = Seconds(report.Duration);

        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            CloseOutput = false,
        };
        using (var xml = XmlWriter.Create(output, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", ReportNames.ToolName);
            xml.WriteAttributeString("tests", Number(cases.Count));
            xml.WriteAttributeString("failures", Number(failures));
            xml.WriteAttributeString("errors", "0");
            // junit-10.xsd has no 'skipped' on <testsuites>; the suite below carries it.
            xml.WriteAttributeString("time", time);

            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", ReportNames.ToolName);
            xml.WriteAttributeString("tests", Number(cases.Count));
            xml.WriteAttributeString("failures", Number(failures));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", Number(skipped));
            xml.WriteAttributeString("time", time);
            // Local-time form without a zone is what the Ant schema asks for; ours is the run's start in UTC.
            xml.WriteAttributeString("timestamp",
                report.Started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));

            xml.WriteStartElement("properties");
            WriteProperty(xml, "root", report.Root);
            WriteProperty(xml, "dialect", report.Dialect);
            WriteProperty(xml, "strict", report.Strict ? "true" : "false");
            WriteProperty(xml, "toolVersion", report.ToolVersion);
            WriteProperty(xml, "conformant", report.Conformant ? "true" : "false");
            WriteProperty(xml, "filesChecked", Number(report.FilesChecked));
            WriteProperty(xml, "bytesChecked", report.BytesChecked.ToString(CultureInfo.InvariantCulture));
            xml.WriteEndElement();

            foreach (var testCase in cases)
                WriteCase(xml, testCase);

            xml.WriteElementString("system-out", XmlSafe($"{ReportNames.Verdict(report)}: {report.Root}"));
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        output.WriteByte((byte)'\n');
    }

    private sealed record TestCase(
        string ClassName, string Name, string? Type, string? Failure, string? FailureBody, string? Skipped, string? Output);

    private static List<TestCase> BuildCases(CheckReport report)
    {
        var groups = new ReportGroups(report);
        var cases = new List<TestCase>(report.Requirements.Count + 1);
        foreach (var result in report.Requirements)
        {
            var requirement = result.Requirement;
            cases.Add(CaseFor(requirement.Id, ReportNames.LevelName(requirement.Level), requirement.Spec.Display,
                result.Status, groups.FindingsOf(requirement.Id)));
        }
        foreach (var id in groups.UnregisteredIds)
        {
            var findings = groups.FindingsOf(id);
            var status = findings.Any(ReportGroups.IsFailing) ? RequirementStatus.Fail : RequirementStatus.Warn;
            cases.Add(CaseFor(id, ReportNames.LevelName(findings[0].Level), findings[0].Spec.Display, status, findings));
        }
        if (report.ExpectationProblems.Count > 0)
        {
            var body = string.Join('\n', report.ExpectationProblems);
            cases.Add(new TestCase(ExpectationsClassName, ExpectationsTestName, "expectations",
                $"{Plural(report.ExpectationProblems.Count, "problem")} with the expectations file", body, null, null));
        }
        return cases;
    }

    private static TestCase CaseFor(
        string id, string level, string specRef, RequirementStatus status, IReadOnlyList<CheckFinding> findings)
    {
        var area = ReportNames.Area(id);
        switch (status)
        {
            case RequirementStatus.Fail:
            {
                var failing = findings.Where(ReportGroups.IsFailing).ToList();
                var others = findings.Where(f => !ReportGroups.IsFailing(f)).ToList();
                var message = $"{Plural(failing.Count, "finding")} {(failing.Count == 1 ? "violates" : "violate")} {id} ({level}, {specRef})";
                return new TestCase(area, id, level, message, Describe(failing), null, OutputOrNull(others));
            }
            case RequirementStatus.ExpectedFail:
                return new TestCase(area, id, null, null, null, null,
                    ExpectedFailNote + (findings.Count > 0 ? "\n" + Describe(findings) : ""));
            case RequirementStatus.NotAutomated:
                return new TestCase(area, id, null, null, null, NotAutomatedMessage, OutputOrNull(findings));
            case RequirementStatus.Skipped:
                return new TestCase(area, id, null, null, null, SkippedMessage, OutputOrNull(findings));
            case RequirementStatus.Pass:
            case RequirementStatus.Warn:
                return new TestCase(area, id, null, null, null, null, OutputOrNull(findings));
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown requirement status.");
        }
    }

    private static void WriteCase(XmlWriter xml, TestCase testCase)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", XmlSafe(testCase.ClassName));
        xml.WriteAttributeString("name", XmlSafe(testCase.Name));
        // Requirements are not timed one by one; the suite carries the run's time.
        xml.WriteAttributeString("time", "0");
        if (testCase.Failure is not null)
        {
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("message", XmlSafe(testCase.Failure));
            xml.WriteAttributeString("type", XmlSafe(testCase.Type ?? "failure"));
            xml.WriteString(XmlSafe(testCase.FailureBody ?? ""));
            xml.WriteEndElement();
        }
        if (testCase.Skipped is not null)
        {
            xml.WriteStartElement("skipped");
            xml.WriteAttributeString("message", testCase.Skipped);
            xml.WriteEndElement();
        }
        if (testCase.Output is not null)
            xml.WriteElementString("system-out", XmlSafe(testCase.Output));
        xml.WriteEndElement();
    }

    private static void WriteProperty(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", XmlSafe(value));
        xml.WriteEndElement();
    }

    private static string? OutputOrNull(IReadOnlyList<CheckFinding> findings) =>
        findings.Count == 0 ? null : Describe(findings);

    /// <summary>
    /// Findings as a stack-trace-like block, which CI viewers show in a monospace box:
    /// <c>error [CODE] message</c>, then <c>at file:offset (frame N)</c> and the hint, indented.
    /// </summary>
    private static string Describe(IEnumerable<CheckFinding> findings)
    {
        var text = new StringBuilder();
        foreach (var finding in findings)
        {
            if (text.Length > 0)
                text.Append('\n');
            text.Append(ReportNames.SeverityName(finding.Severity)).Append(" [").Append(finding.Code).Append("] ")
                .Append(finding.Message);
            if (finding.Expected)
                text.Append(" (expected)");
            text.Append("\n    at ").Append(finding.File ?? "(no file)");
            if (finding.Offset >= 0)
                text.Append(':').Append(finding.Offset.ToString(CultureInfo.InvariantCulture));
            if (finding.Frame is { } frame)
                text.Append(" (frame ").Append(frame.ToString(CultureInfo.InvariantCulture)).Append(')');
            if (!string.IsNullOrEmpty(finding.Hint))
                text.Append("\n    hint: ").Append(finding.Hint);
        }
        return text.ToString();
    }

    private static string Plural(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>
    /// XML 1.0 cannot carry most control characters even as references, and a message may quote bytes from a
    /// damaged file; those characters are written as <c>\uXXXX</c> instead of making the writer throw.
    /// </summary>
    internal static string XmlSafe(string value)
    {
        StringBuilder? safe = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var valid = XmlConvert.IsXmlChar(c)
                || (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]));
            if (valid && char.IsHighSurrogate(c))
            {
                safe?.Append(c).Append(value[i + 1]);
                i++;
                continue;
            }
            if (valid)
            {
                safe?.Append(c);
                continue;
            }
            safe ??= new StringBuilder(value, 0, i, value.Length + 16);
            safe.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return safe?.ToString() ?? value;
    }
}
