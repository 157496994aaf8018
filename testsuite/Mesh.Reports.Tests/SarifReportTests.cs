using System.Text.Json;
using System.Text.Json.Nodes;
using MeshConformance.Checks;
using MeshConformance.Reports;
using NUnit.Framework;

namespace MeshConformance.Tests.Reports;

public class SarifReportTests
{
    private static JsonDocument Parse(CheckReport report) =>
        JsonDocument.Parse(SampleReports.Bytes(report, ReportFormat.Sarif));

    private static JsonElement Run(JsonDocument document) => document.RootElement.GetProperty("runs")[0];

    [Test]
    public void The_mixed_report_is_valid_sarif_2_1_0()
    {
        var errors = Schemas.SarifErrors(SampleReports.Text(SampleReports.Mixed(), ReportFormat.Sarif));
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void The_clean_report_is_valid_sarif_2_1_0()
    {
        var errors = Schemas.SarifErrors(SampleReports.Text(SampleReports.Clean(), ReportFormat.Sarif));
        Assert.That(errors, Is.Empty);
    }

    [TestCase("level", "fatal")]
    [TestCase("ruleIndex", -5)]
    public void The_schema_check_rejects_a_broken_result(string property, object value)
    {
        // The validator must be able to fail: break one result and expect the schema to say so.
        var log = JsonNode.Parse(SampleReports.Text(SampleReports.Mixed(), ReportFormat.Sarif))!;
        var result = log["runs"]![0]!["results"]![0]!.AsObject();
        result[property] = value is string text ? JsonValue.Create(text) : JsonValue.Create((int)value);
        Assert.That(Schemas.SarifErrors(log.ToJsonString()), Is.Not.Empty);
    }

    [Test]
    public void The_schema_check_rejects_an_unknown_top_level_property()
    {
        var log = JsonNode.Parse(SampleReports.Text(SampleReports.Clean(), ReportFormat.Sarif))!.AsObject();
        log["notSarif"] = true;
        Assert.That(Schemas.SarifErrors(log.ToJsonString()), Is.Not.Empty);
    }

    [Test]
    public void The_schema_check_validates_uri_formats()
    {
        var log = JsonNode.Parse(SampleReports.Text(SampleReports.Clean(), ReportFormat.Sarif))!;
        log["runs"]![0]!["tool"]!["driver"]!["informationUri"] = "not a uri";
        Assert.That(Schemas.SarifErrors(log.ToJsonString()), Is.Not.Empty);
    }

    [Test]
    public void The_schema_check_requires_a_region_to_say_where()
    {
        // Holds only with the repaired region anyOf (Schemas.RepairRegionAnyOf).
        var log = JsonNode.Parse(SampleReports.Text(SampleReports.Mixed(), ReportFormat.Sarif))!;
        log["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!["region"] = new JsonObject();
        Assert.That(Schemas.SarifErrors(log.ToJsonString()), Is.Not.Empty);
    }

    [Test]
    public void The_driver_lists_every_requirement_as_a_rule()
    {
        using var sarif = Parse(SampleReports.Mixed());
        var driver = Run(sarif).GetProperty("tool").GetProperty("driver");
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(sarif.RootElement.GetProperty("version").GetString(), Is.EqualTo("2.1.0"));
            Assert.That(driver.GetProperty("name").GetString(), Is.EqualTo("mesh-conform"));
            Assert.That(driver.GetProperty("version").GetString(), Is.EqualTo("1.4.0-test"));
            Assert.That(Uri.IsWellFormedUriString(driver.GetProperty("informationUri").GetString(), UriKind.Absolute));
            Assert.That(rules.Select(r => r.GetProperty("id").GetString()),
                Is.EqualTo(SampleReports.MixedRequirements.Select(r => r.Id)));
        });

        var lockRule = rules[0];
        Assert.Multiple(() =>
        {
            Assert.That(lockRule.GetProperty("shortDescription").GetProperty("text").GetString(), Is.EqualTo(SampleReports.AppendLock.Text));
            Assert.That(lockRule.GetProperty("fullDescription").GetProperty("text").GetString(), Is.EqualTo(SampleReports.AppendLock.Quote));
            Assert.That(lockRule.GetProperty("help").GetProperty("text").GetString(), Is.EqualTo(SampleReports.AppendLock.Hint));
            Assert.That(lockRule.GetProperty("defaultConfiguration").GetProperty("level").GetString(), Is.EqualTo("error"));
            Assert.That(lockRule.GetProperty("properties").GetProperty("level").GetString(), Is.EqualTo("MUST"));
            Assert.That(lockRule.GetProperty("properties").GetProperty("specRef").GetString(), Is.EqualTo("draft-hallambaker-mesh-platform-06 §3.2"));
            Assert.That(lockRule.GetProperty("properties").GetProperty("status").GetString(), Is.EqualTo("fail"));

            // No quote, no hint: the optional descriptions are left out rather than written empty.
            Assert.That(rules[1].TryGetProperty("fullDescription", out _), Is.False);
            Assert.That(rules[1].TryGetProperty("help", out _), Is.False);
            Assert.That(rules[1].GetProperty("defaultConfiguration").GetProperty("level").GetString(), Is.EqualTo("warning"));
            Assert.That(rules[4].GetProperty("defaultConfiguration").GetProperty("level").GetString(), Is.EqualTo("note"));
        });
    }

    [Test]
    public void Results_point_at_their_rule_and_location()
    {
        using var sarif = Parse(SampleReports.Mixed());
        var results = Run(sarif).GetProperty("results").EnumerateArray().ToList();
        Assert.That(results, Has.Count.EqualTo(6));

        var lockResult = results[0];
        var location = lockResult.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Multiple(() =>
        {
            Assert.That(lockResult.GetProperty("ruleId").GetString(), Is.EqualTo("PLAT-3.2-APPEND-LOCK"));
            Assert.That(lockResult.GetProperty("ruleIndex").GetInt32(), Is.EqualTo(0));
            Assert.That(lockResult.GetProperty("level").GetString(), Is.EqualTo("error"));
            Assert.That(lockResult.GetProperty("message").GetProperty("text").GetString(), Is.EqualTo(SampleReports.ScriptMessage));
            Assert.That(location.GetProperty("artifactLocation").GetProperty("uri").GetString(),
                Is.EqualTo("Profiles/%C3%A5lice%20%3C%26%3E.dare"));
            Assert.That(location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString(), Is.EqualTo("PROFILEROOT"));
            Assert.That(location.GetProperty("region").GetProperty("byteOffset").GetInt64(), Is.EqualTo(1234));
            Assert.That(lockResult.GetProperty("properties").GetProperty("code").GetString(), Is.EqualTo("PLAT-LOCK-NAME"));
            Assert.That(lockResult.GetProperty("properties").GetProperty("frame").GetInt64(), Is.EqualTo(3));
            Assert.That(lockResult.GetProperty("properties").GetProperty("expected").GetBoolean(), Is.False);
            Assert.That(lockResult.TryGetProperty("suppressions", out _), Is.False);

            Assert.That(results[1].GetProperty("level").GetString(), Is.EqualTo("note"));
            Assert.That(results[2].GetProperty("level").GetString(), Is.EqualTo("warning"));
            Assert.That(results[2].GetProperty("ruleIndex").GetInt32(), Is.EqualTo(1));
            // Offset -1: a location without a region.
            Assert.That(results[2].GetProperty("locations")[0].GetProperty("physicalLocation").TryGetProperty("region", out _), Is.False);
            // No file: no location at all.
            Assert.That(results[4].TryGetProperty("locations", out _), Is.False);
            Assert.That(results[4].GetProperty("ruleIndex").GetInt32(), Is.EqualTo(6));
            Assert.That(results[4].GetProperty("properties").GetProperty("frame").ValueKind, Is.EqualTo(JsonValueKind.Null));
            // A finding whose requirement is not a rule keeps its ruleId and has no ruleIndex.
            Assert.That(results[5].GetProperty("ruleId").GetString(), Is.EqualTo("CHECK-NOT-IN-REGISTRY"));
            Assert.That(results[5].TryGetProperty("ruleIndex", out _), Is.False);
        });
    }

    [Test]
    public void Rule_indexes_name_the_rule_with_the_same_id()
    {
        using var sarif = Parse(SampleReports.Mixed());
        var run = Run(sarif);
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("ruleIndex", out var index))
                Assert.That(rules[index.GetInt32()].GetProperty("id").GetString(), Is.EqualTo(result.GetProperty("ruleId").GetString()));
        }
    }

    [Test]
    public void Expected_findings_are_suppressed_externally()
    {
        using var sarif = Parse(SampleReports.Mixed());
        var expected = Run(sarif).GetProperty("results")[3];
        var suppression = expected.GetProperty("suppressions")[0];
        Assert.Multiple(() =>
        {
            Assert.That(expected.GetProperty("ruleId").GetString(), Is.EqualTo("DARE-FRAME-TRAILER-LEN"));
            Assert.That(expected.GetProperty("properties").GetProperty("expected").GetBoolean(), Is.True);
            Assert.That(suppression.GetProperty("kind").GetString(), Is.EqualTo("external"));
            Assert.That(suppression.GetProperty("justification").GetString(), Does.Contain("expectations file"));
            Assert.That(expected.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region")
                .GetProperty("byteOffset").GetInt64(), Is.Zero);
        });
    }

    [Test]
    public void The_profile_root_is_a_file_uri_ending_in_a_slash()
    {
        using var sarif = Parse(SampleReports.Mixed());
        var uri = Run(sarif).GetProperty("originalUriBaseIds").GetProperty("PROFILEROOT").GetProperty("uri").GetString();
        Assert.That(uri, Is.EqualTo("file:///srv/mesh%20roots/%C3%A5lice%20%231/"));
        Assert.That(new Uri(uri!).LocalPath.TrimEnd('/'), Is.EqualTo(SampleReports.Root));
    }

    [Test]
    public void A_root_with_a_trailing_slash_gets_exactly_one()
    {
        Assert.That(SarifReportWriter.RootUri("/srv/clean/"), Is.EqualTo("file:///srv/clean/"));
    }

    [Test]
    public void A_relative_path_keeps_its_slashes_and_escapes_the_rest()
    {
        Assert.That(SarifReportWriter.RelativeUri("a b/c?d#e/100%.dare"), Is.EqualTo("a%20b/c%3Fd%23e/100%25.dare"));
    }
}
