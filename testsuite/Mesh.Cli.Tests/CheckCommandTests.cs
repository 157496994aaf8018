using System.Text.Json.Nodes;
using NUnit.Framework;

namespace MeshConformance.Tests.Cli;

/// <summary>`check` and `requirements` as CI runs them: exit codes, report files, the JSON shape, expectations.</summary>
public class CheckCommandTests
{
    private string dir = "";

    [SetUp]
    public void CreateDirectory() => dir = Directory.CreateTempSubdirectory("mesh-cli-check-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(dir, recursive: true);

    private string Generate(string name = "mesh")
    {
        var output = Path.Combine(dir, name);
        var result = CliRunner.Run("generate-profile", "--out", output, "--seed", "5");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        return output;
    }

    private static void Truncate(string root, string name, int bytes)
    {
        var file = Directory.GetFiles(root, name, SearchOption.AllDirectories)[0];
        using var s = new FileStream(file, FileMode.Open);
        s.SetLength(s.Length - bytes);
    }

    [Test]
    public void AFreshProfileIsConformantAndSaysSo()
    {
        var result = CliRunner.Run("check", Generate());
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stdout + result.Stderr);
        Assert.That(result.Stdout, Does.Contain("CONFORMANT"));
        Assert.That(result.Stdout, Does.Not.Contain("\u001b["), "no ANSI escapes when redirected");
        Assert.That(result.Stderr, Is.Empty);
    }

    [Test]
    public void ADamagedStoreFailsWithItsRequirementInTheJson()
    {
        var root = Generate();
        Truncate(root, "MMM_Task.dcat", 4);
        var result = CliRunner.Run("check", root, "--format", "json");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Stderr);
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.That(json["conformant"]!.GetValue<bool>(), Is.False);
        var findings = json["findings"]!.AsArray();
        var torn = findings.First(f => f!["code"]!.GetValue<string>() == "DARE-TORN-TAIL")!;
        foreach (var field in new[] { "id", "level", "file", "offset", "message", "specRef" })
            Assert.That(torn[field], Is.Not.Null, field);
        Assert.That(torn["file"]!.GetValue<string>(), Does.EndWith("/MMM_Task.dcat"));
        Assert.That(torn["fails"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void ReportDirGetsEveryFormat()
    {
        var reports = Path.Combine(dir, "reports");
        var result = CliRunner.Run("check", Generate(), "--report-dir", reports, "--format", "text", "json", "junit", "sarif", "html");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(Directory.GetFiles(reports).Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "mesh-conform.html", "mesh-conform.json", "mesh-conform.junit.xml", "mesh-conform.sarif", "mesh-conform.txt" }));
        Assert.That(File.ReadAllText(Path.Combine(reports, "mesh-conform.html")), Does.StartWith("<!DOCTYPE html>").IgnoreCase);
        Assert.That(JsonNode.Parse(File.ReadAllText(Path.Combine(reports, "mesh-conform.sarif")))!["version"]!.GetValue<string>(), Is.EqualTo("2.1.0"));
    }

    [Test]
    public void ExpectationsTurnKnownFailuresIntoAPassAndStaleOnesIntoExitThree()
    {
        var root = Generate();
        Truncate(root, "MMM_Task.dcat", 4);
        var expect = Path.Combine(dir, "known-failures.txt");

        var update = CliRunner.Run("check", root, "--expect", expect, "--update-expectations");
        Assert.That(update.ExitCode, Is.EqualTo(0), update.Stderr);
        var written = File.ReadAllText(expect);
        Assert.That(written, Does.Contain("MMM_Task.dcat"));

        // Give the entries reasons; a later rewrite must keep them.
        File.WriteAllText(expect, written.Replace("TODO: say why this failure is accepted", "known torn tail, issue 99"));
        Assert.That(CliRunner.Run("check", root, "--expect", expect).ExitCode, Is.EqualTo(0));

        File.AppendAllText(expect, "DARE-FRAME0-TYPE  # never happens\n");
        var stale = CliRunner.Run("check", root, "--expect", expect);
        Assert.That(stale.ExitCode, Is.EqualTo(3), stale.Stdout);

        Assert.That(CliRunner.Run("check", root, "--expect", expect, "--update-expectations").ExitCode, Is.EqualTo(0));
        var rewritten = File.ReadAllText(expect);
        Assert.That(rewritten, Does.Contain("known torn tail, issue 99"));
        Assert.That(rewritten, Does.Not.Contain("DARE-FRAME0-TYPE"));

        var unexpected = Generate("other");
        Truncate(unexpected, "MMM_Network.dcat", 4);
        Assert.That(CliRunner.Run("check", unexpected, "--expect", expect).ExitCode, Is.EqualTo(1), "an unlisted failure still fails");
    }

    [TestCase("--format", "pdf")]
    [TestCase("--expect", "/nonexistent/expectations.txt")]
    public void UsageErrorsExitTwoWithOneLine(string option, string value)
    {
        var result = CliRunner.Run("check", Generate(), option, value);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1), result.Stderr);
        Assert.That(result.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public void AMissingDirectoryExitsTwo()
    {
        var result = CliRunner.Run("check", Path.Combine(dir, "nothing-here"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("not a directory"));
    }

    [Test]
    public void RequirementsListsEveryRequirementAndTheCoverage()
    {
        var result = CliRunner.Run("requirements", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        var json = JsonNode.Parse(result.Stdout)!;
        var requirements = json["requirements"]!.AsArray();
        Assert.That(requirements.Count, Is.GreaterThan(50));
        Assert.That(requirements.Select(r => r!["id"]!.GetValue<string>()), Is.Unique);
        var coverage = json["coverage"]!;
        var normative = requirements.Count(r => r!["normative"]!.GetValue<bool>());
        var automated = requirements.Count(r => r!["normative"]!.GetValue<bool>() && r["automated"]!.GetValue<bool>());
        Assert.That(coverage["normativeStatements"]!.GetValue<int>(), Is.EqualTo(normative));
        Assert.That(coverage["automated"]!.GetValue<int>(), Is.EqualTo(automated));
        var text = CliRunner.Run("requirements");
        Assert.That(text.Stdout, Does.Contain("Seed draft coverage"));
    }
}
