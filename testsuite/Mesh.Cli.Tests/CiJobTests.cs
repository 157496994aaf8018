using System.Text.Json.Nodes;
using NUnit.Framework;

namespace MeshConformance.Tests.Cli;

/// <summary>
/// The CI job of docs/ci.md in its shell form (tools/ci/conformance-job.sh): the page shows the script verbatim, and the
/// script run with this build's mesh-conform writes the reports it names and exits with the documented codes.
/// </summary>
[Platform(Exclude = "Win")]
public class CiJobTests
{
    private static readonly string Script = Path.Combine(RepositoryPaths.Root, "tools", "ci", "conformance-job.sh");
    private static readonly string[] Reports = ["mesh-conform.sarif", "mesh-conform.junit.xml", "mesh-conform.html"];

    private string dir = "";

    [SetUp]
    public void CreateDirectory() => dir = Directory.CreateTempSubdirectory("mesh-ci-job-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(dir, recursive: true);

    /// <summary>This build's mesh-conform, as the script's MESH_CONFORM (a command line split at spaces).</summary>
    private static string Tool()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "mesh-conform.dll");
        Assume.That(dll, Does.Not.Contain(' '), "MESH_CONFORM is split at spaces");
        return "dotnet exec " + dll;
    }

    private ProcessRunner.Result Job(Dictionary<string, string?> env)
    {
        env.TryAdd("MESH_CONFORM", Tool());
        return ProcessRunner.Run("bash", [Script], dir, env);
    }

    private string Generate(string name)
    {
        var profile = Path.Combine(dir, name);
        var result = CliRunner.Run("generate-profile", "--out", profile, "--seed", "9", "--accounts", "1", "--devices", "1", "--entries", "3");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        return profile;
    }

    /// <summary>The three reports are in reportDir, and the script said so (naming the folder as it was given).</summary>
    private void AssertReportsWritten(string reportDir, string named, ProcessRunner.Result run)
    {
        foreach (var report in Reports)
        {
            var path = Path.Combine(reportDir, report);
            Assert.That(File.Exists(path), Is.True, $"{path}\n{run.Stdout}\n{run.Stderr}");
            Assert.That(run.Stdout, Does.Contain($"report: {named}/{report}\n"));
        }
        Assert.That(JsonNode.Parse(File.ReadAllText(Path.Combine(reportDir, "mesh-conform.sarif")))!["version"]!.GetValue<string>(), Is.EqualTo("2.1.0"));
    }

    [Test]
    public void DocsCiShowsTheScriptVerbatim()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "ci.md")).ReplaceLineEndings("\n");
        var script = File.ReadAllText(Script).ReplaceLineEndings("\n");
        const string fence = "```bash\n#!/usr/bin/env bash\n# The mesh-conform CI job as a plain shell script";
        var start = page.IndexOf(fence, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "docs/ci.md has a ```bash block starting with the script's first lines");
        start += "```bash\n".Length;
        var end = page.IndexOf("\n```\n", start, StringComparison.Ordinal);
        Assert.That(page[start..(end + 1)], Is.EqualTo(script), "docs/ci.md shows tools/ci/conformance-job.sh as it is");
    }

    [Test]
    public void TheScriptRunsTheImplementersProgramChecksItsProfileAndWritesTheReports()
    {
        // The "implementer's program" is our own generator here: it writes a Mesh root into $MESH_PROFILE_DIR.
        var run = Job(new()
        {
            ["MESH_PRODUCE_PROFILE"] = Tool() + " generate-profile --out \"$MESH_PROFILE_DIR\" --seed 9 --accounts 1 --devices 1 --entries 3",
            ["MESH_PROFILE_DIR"] = Path.Combine(dir, "produced"),
        });
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout + run.Stderr);
        Assert.That(run.Stdout, Does.Contain("\nCONFORMANT: 0 failing findings").And.Contain("conformance-job: check exit 0 (conformant)"));
        Assert.That(Directory.Exists(Path.Combine(dir, "produced", "Profiles")), Is.True);
        AssertReportsWritten(Path.Combine(dir, "reports"), "reports", run);
    }

    [Test]
    public void TheScriptGatesOnTheExitCodesAndAlwaysLeavesTheReports()
    {
        var fresh = Generate("fresh");
        var torn = Generate("torn");
        var store = Directory.GetFiles(torn, "MMM_Task.dcat", SearchOption.AllDirectories).First();
        using (var s = new FileStream(store, FileMode.Open)) s.SetLength(s.Length - 4);

        // 1: a failing finding; the reports are written all the same (the CI uploads them with `if: always()`).
        var failing = Job(new() { ["MESH_PROFILE_DIR"] = torn, ["MESH_REPORT_DIR"] = Path.Combine(dir, "torn-reports") });
        Assert.That(failing.ExitCode, Is.EqualTo(1), failing.Stdout + failing.Stderr);
        Assert.That(failing.Stdout, Does.Contain("NOT CONFORMANT").And.Contain("conformance-job: check exit 1 (failing findings)"));
        AssertReportsWritten(Path.Combine(dir, "torn-reports"), Path.Combine(dir, "torn-reports"), failing);
        Assert.That(File.ReadAllText(Path.Combine(dir, "torn-reports", "mesh-conform.sarif")), Does.Contain("DARE-TORN-TAIL"));

        // 0: the failure is listed in conformance-expectations.txt, which the script uses when it is there.
        var expectations = Path.Combine(dir, "conformance-expectations.txt");
        var update = CliRunner.Run("check", torn, "--expect", expectations, "--update-expectations");
        Assert.That(update.ExitCode, Is.EqualTo(0), update.Stderr);
        var known = Job(new() { ["MESH_PROFILE_DIR"] = torn });
        Assert.That(known.ExitCode, Is.EqualTo(0), known.Stdout + known.Stderr);
        Assert.That(known.Stdout, Does.Contain("conformance-job: check exit 0 (conformant)"));
        AssertReportsWritten(Path.Combine(dir, "reports"), "reports", known);

        // 3: the listed failure no longer occurs.
        var stale = Job(new() { ["MESH_PROFILE_DIR"] = fresh });
        Assert.That(stale.ExitCode, Is.EqualTo(3), stale.Stdout + stale.Stderr);
        Assert.That(stale.Stdout, Does.Contain("conformance-job: check exit 3 (expectations file stale"));

        // 2: a named expectations file that does not exist; the previous run's reports are not left behind to upload.
        var usage = Job(new() { ["MESH_PROFILE_DIR"] = fresh, ["MESH_EXPECT"] = Path.Combine(dir, "missing.txt") });
        Assert.That(usage.ExitCode, Is.EqualTo(2), usage.Stdout + usage.Stderr);
        Assert.That(usage.Stdout, Does.Contain("conformance-job: check exit 2 (usage or I/O error)"));
        Assert.That(Reports.Where(r => File.Exists(Path.Combine(dir, "reports", r))), Is.Empty);
    }
}
