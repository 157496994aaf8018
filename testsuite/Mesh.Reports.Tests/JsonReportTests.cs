using System.Text.Json;
using MeshConformance.Checks;
using MeshConformance.Reports;
using NUnit.Framework;

namespace MeshConformance.Tests.Reports;

public class JsonReportTests
{
    private static JsonDocument Parse(CheckReport report) =>
        JsonDocument.Parse(SampleReports.Bytes(report, ReportFormat.Json));

    [Test]
    public void Top_level_fields_have_the_run_facts()
    {
        using var json = Parse(SampleReports.Mixed());
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("tool").GetProperty("name").GetString(), Is.EqualTo("mesh-conform"));
            Assert.That(root.GetProperty("tool").GetProperty("version").GetString(), Is.EqualTo("1.4.0-test"));
            Assert.That(root.GetProperty("root").GetString(), Is.EqualTo(SampleReports.Root));
            Assert.That(root.GetProperty("dialect").GetString(), Is.EqualTo("reference"));
            Assert.That(root.GetProperty("strict").GetBoolean(), Is.False);
            Assert.That(root.GetProperty("conformant").GetBoolean(), Is.False);
            // 15:09:26.535 at +02:00 is 13:09:26.535 UTC.
            Assert.That(root.GetProperty("started").GetString(), Is.EqualTo("2025-03-14T13:09:26.535Z"));
            Assert.That(root.GetProperty("durationMs").GetInt64(), Is.EqualTo(2718));
            Assert.That(root.GetProperty("filesChecked").GetInt32(), Is.EqualTo(12));
            Assert.That(root.GetProperty("bytesChecked").GetInt64(), Is.EqualTo(1_234_567));
            Assert.That(root.GetProperty("expectationProblems").EnumerateArray().Select(e => e.GetString()),
                Is.EqualTo(new[] { SampleReports.ExpectationProblem }));
        });
    }

    [Test]
    public void Summary_counts_requirements_by_status_and_findings_by_severity()
    {
        using var json = Parse(SampleReports.Mixed());
        var requirements = json.RootElement.GetProperty("summary").GetProperty("requirements");
        var findings = json.RootElement.GetProperty("summary").GetProperty("findings");
        Assert.Multiple(() =>
        {
            Assert.That(Names(requirements), Is.EqualTo(new[] { "total", "fail", "warn", "expectedFail", "pass", "notAutomated", "skipped" }));
            Assert.That(requirements.GetProperty("total").GetInt32(), Is.EqualTo(7));
            Assert.That(requirements.GetProperty("fail").GetInt32(), Is.EqualTo(2));
            Assert.That(requirements.GetProperty("warn").GetInt32(), Is.EqualTo(1));
            Assert.That(requirements.GetProperty("expectedFail").GetInt32(), Is.EqualTo(1));
            Assert.That(requirements.GetProperty("pass").GetInt32(), Is.EqualTo(1));
            Assert.That(requirements.GetProperty("notAutomated").GetInt32(), Is.EqualTo(1));
            Assert.That(requirements.GetProperty("skipped").GetInt32(), Is.EqualTo(1));

            Assert.That(Names(findings), Is.EqualTo(new[] { "total", "error", "warning", "info", "failing", "expected" }));
            Assert.That(findings.GetProperty("total").GetInt32(), Is.EqualTo(6));
            Assert.That(findings.GetProperty("error").GetInt32(), Is.EqualTo(4));
            Assert.That(findings.GetProperty("warning").GetInt32(), Is.EqualTo(1));
            Assert.That(findings.GetProperty("info").GetInt32(), Is.EqualTo(1));
            // Lock error, plaintext key, unregistered; the expected trailer does not fail the run.
            Assert.That(findings.GetProperty("failing").GetInt32(), Is.EqualTo(3));
            Assert.That(findings.GetProperty("expected").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Requirements_are_listed_in_report_order_with_their_fields()
    {
        using var json = Parse(SampleReports.Mixed());
        var requirements = json.RootElement.GetProperty("requirements").EnumerateArray().ToList();
        Assert.That(requirements.Select(r => r.GetProperty("id").GetString()),
            Is.EqualTo(SampleReports.MixedRequirements.Select(r => r.Id)));

        var first = requirements[0];
        Assert.Multiple(() =>
        {
            Assert.That(Names(first), Is.EqualTo(new[] { "id", "level", "status", "specRef", "text", "findings", "automated" }));
            Assert.That(first.GetProperty("level").GetString(), Is.EqualTo("MUST"));
            Assert.That(first.GetProperty("status").GetString(), Is.EqualTo("fail"));
            Assert.That(first.GetProperty("specRef").GetString(), Is.EqualTo("draft-hallambaker-mesh-platform-06 §3.2"));
            Assert.That(first.GetProperty("text").GetString(), Is.EqualTo(SampleReports.AppendLock.Text));
            Assert.That(first.GetProperty("findings").GetInt32(), Is.EqualTo(2));
            Assert.That(requirements[1].GetProperty("level").GetString(), Is.EqualTo("SHOULD"));
            Assert.That(requirements[1].GetProperty("status").GetString(), Is.EqualTo("warn"));
            Assert.That(requirements[2].GetProperty("status").GetString(), Is.EqualTo("expectedFail"));
            Assert.That(requirements[4].GetProperty("level").GetString(), Is.EqualTo("MAY"));
            Assert.That(requirements[4].GetProperty("status").GetString(), Is.EqualTo("notAutomated"));
            Assert.That(requirements[4].GetProperty("automated").GetBoolean(), Is.False);
            Assert.That(requirements[5].GetProperty("status").GetString(), Is.EqualTo("skipped"));
            Assert.That(requirements[6].GetProperty("specRef").GetString(), Is.EqualTo("bindings.md B-15"));
        });
    }

    [Test]
    public void A_finding_keeps_every_field_and_every_character()
    {
        using var json = Parse(SampleReports.Mixed());
        var finding = json.RootElement.GetProperty("findings")[0];
        Assert.Multiple(() =>
        {
            Assert.That(Names(finding), Is.EqualTo(new[]
                { "id", "level", "severity", "code", "file", "offset", "frame", "message", "specRef", "hint", "fails", "expected" }));
            Assert.That(finding.GetProperty("id").GetString(), Is.EqualTo("PLAT-3.2-APPEND-LOCK"));
            Assert.That(finding.GetProperty("level").GetString(), Is.EqualTo("MUST"));
            Assert.That(finding.GetProperty("severity").GetString(), Is.EqualTo("error"));
            Assert.That(finding.GetProperty("code").GetString(), Is.EqualTo("PLAT-LOCK-NAME"));
            Assert.That(finding.GetProperty("file").GetString(), Is.EqualTo(SampleReports.UnicodeFile));
            Assert.That(finding.GetProperty("offset").GetInt64(), Is.EqualTo(1234));
            Assert.That(finding.GetProperty("frame").GetInt64(), Is.EqualTo(3));
            Assert.That(finding.GetProperty("message").GetString(), Is.EqualTo(SampleReports.ScriptMessage));
            Assert.That(finding.GetProperty("specRef").GetString(), Is.EqualTo("draft-hallambaker-mesh-platform-06 §3.2"));
            Assert.That(finding.GetProperty("hint").GetString(), Is.EqualTo(SampleReports.LockFinding.Hint));
            Assert.That(finding.GetProperty("fails").GetBoolean(), Is.True);
            Assert.That(finding.GetProperty("expected").GetBoolean(), Is.False);
        });
    }

    [Test]
    public void Missing_values_are_null_and_offset_minus_one()
    {
        using var json = Parse(SampleReports.Mixed());
        var findings = json.RootElement.GetProperty("findings");
        var plaintext = findings[4];
        var host = findings[2];
        var expected = findings[3];
        Assert.Multiple(() =>
        {
            Assert.That(plaintext.GetProperty("file").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(plaintext.GetProperty("offset").GetInt64(), Is.EqualTo(-1));
            Assert.That(plaintext.GetProperty("frame").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(plaintext.GetProperty("message").GetString(), Is.EqualTo(SampleReports.ControlMessage));
            Assert.That(host.GetProperty("hint").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(host.GetProperty("fails").GetBoolean(), Is.False);
            Assert.That(expected.GetProperty("expected").GetBoolean(), Is.True);
            Assert.That(expected.GetProperty("fails").GetBoolean(), Is.True);
            Assert.That(expected.GetProperty("frame").GetInt64(), Is.EqualTo(0));
            Assert.That(expected.GetProperty("file").GetString(), Is.EqualTo("Keys/κλειδί.dare"));
        });
    }

    [Test]
    public void A_clean_run_has_empty_lists_and_is_conformant()
    {
        using var json = Parse(SampleReports.Clean());
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("conformant").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("strict").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("findings").GetArrayLength(), Is.Zero);
            Assert.That(root.GetProperty("expectationProblems").GetArrayLength(), Is.Zero);
            Assert.That(root.GetProperty("summary").GetProperty("findings").GetProperty("total").GetInt32(), Is.Zero);
            Assert.That(root.GetProperty("durationMs").GetInt64(), Is.Zero);
        });
    }

    [Test]
    public void Output_is_utf8_without_bom_and_ends_with_a_newline()
    {
        var bytes = SampleReports.Bytes(SampleReports.Mixed(), ReportFormat.Json);
        Assert.Multiple(() =>
        {
            Assert.That(bytes[0], Is.EqualTo((byte)'{'));
            Assert.That(bytes[^1], Is.EqualTo((byte)'\n'));
            Assert.That(bytes, Does.Not.Contain((byte)'\r'));
            // Text stays readable: letters, apostrophes and angle brackets are not turned into \uXXXX.
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.That(text, Does.Contain("ålice"));
            Assert.That(text, Does.Contain("'quoted'"));
            // A control character is still escaped, so the JSON stays valid.
            Assert.That(text, Does.Contain("bell \\u0007 and"));
        });
    }

    [Test]
    public void Every_field_the_report_writes_is_documented()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "reports.md"));
        using var json = Parse(SampleReports.Mixed());
        var names = new SortedSet<string>(StringComparer.Ordinal);
        Collect(json.RootElement, names);
        var undocumented = names.Where(name => !doc.Contains($"`{name}`", StringComparison.Ordinal)).ToList();
        Assert.That(undocumented, Is.Empty, "fields missing from docs/reports.md");
    }

    private static void Collect(JsonElement element, ISet<string> names)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                names.Add(property.Name);
                Collect(property.Value, names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                Collect(item, names);
        }
    }

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
