using System.Diagnostics;
using System.Text.Json;
using NUnit.Framework;

namespace MeshConformance.Tests.Robustness;

/// <summary>
/// The crash campaign (issue 7, part 3), run as users run it: <c>mesh-conform crash-campaign --json</c>, a short one for
/// our writer and for the Python reference adapter (the full 1,000-kill runs are recorded in docs/robustness.md), and
/// two deliberately broken writers (BrokenWriters/*.py) that it must catch.
/// </summary>
[Platform(Exclude = "Win")]
[NonParallelizable]
public class CrashCampaignTests
{
    private const int Kills = 30;

    private static readonly string AdapterDirectory = Path.Combine(RepositoryPaths.Root, "tools", "adapters", "python");

    private static string BrokenWriter(string script) =>
        $"python3 \"{Path.Combine(RepositoryPaths.Root, "testsuite", "Mesh.Robustness.Tests", "BrokenWriters", script)}\" \"{AdapterDirectory}\"";

    [TestCase("ours")]
    [TestCase("python")]
    public void EveryKillIsRecoveredAndNoAcknowledgedFrameIsLost(string writer)
    {
        var (exit, report, output) = Campaign("--writer", writer, "--kills", Kills.ToString(System.Globalization.CultureInfo.InvariantCulture));
        TestContext.Out.WriteLine(output);
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(report.GetProperty("implementation").GetString(), Is.EqualTo(writer == "ours" ? "mesh-conform-csharp" : "python-reference"));
        Assert.That(report.GetProperty("kills").GetInt32(), Is.EqualTo(Kills));
        Assert.That(report.GetProperty("tears").GetInt32(), Is.GreaterThan(0), "some kills tear the frame (protocol tearAt)");
        var sigkills = report.GetProperty("sigkills").GetInt32();
        Assert.That(sigkills, Is.GreaterThan(0), "some kills are SIGKILLs at a random moment");
        // The aim works: with AdapterProcess.Kill (which walks every process before it signals: 60-180 ms on a loaded
        // machine) all 54 SIGKILLs of a 100-kill run landed after the frame was written.
        Assert.That(sigkills - report.GetProperty("sigkillsLanded").GetInt32(), Is.GreaterThan(0), "some SIGKILLs land before the frame is written");
        var torn = report.GetProperty("tornTails").GetInt32();
        Assert.That(torn, Is.GreaterThanOrEqualTo(report.GetProperty("tears").GetInt32()), "every torn append leaves a torn tail");
        Assert.That(report.GetProperty("tornTailsDetected").GetInt32(), Is.EqualTo(torn), "the verifier reports every torn tail");
        Assert.That(report.GetProperty("tailsRepaired").GetInt32(), Is.EqualTo(torn), "the next append cuts every torn tail");
        Assert.That(report.GetProperty("acknowledged").GetInt64(), Is.GreaterThanOrEqualTo(Kills), "at least the recovery append after each kill");
        Assert.That(report.GetProperty("inDoubt").GetInt64(), Is.EqualTo(Kills));
        Assert.That(report.GetProperty("inDoubtLanded").GetInt64() + report.GetProperty("inDoubtNotLanded").GetInt64(), Is.EqualTo(Kills));
        Assert.That(report.GetProperty("verifications").GetInt32(), Is.EqualTo(Kills), "verify-log after every kill");
        Assert.That(report.GetProperty("lost").GetInt64(), Is.Zero);
        Assert.That(report.GetProperty("anomalies").GetArrayLength(), Is.Zero);
        Assert.That(report.GetProperty("passed").GetBoolean(), Is.True);
    }

    /// <summary>A writer that appends after a torn tail instead of cutting it: the garbage stays mid-log and hides what follows.</summary>
    [Test]
    public void AWriterThatDoesNotCutTornTailsIsCaught()
    {
        using var roots = new TempDirectory("crash-broken"); // a failed campaign keeps its Mesh roots for inspection
        var (exit, report, output) = Campaign("--writer", BrokenWriter("no_repair.py"), "--kills", "8", "--dir", roots.Path);
        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(report.GetProperty("passed").GetBoolean(), Is.False);
        Assert.That(report.GetProperty("tornTails").GetInt32(), Is.GreaterThan(0));
        Assert.That(report.GetProperty("tailsRepaired").GetInt32(), Is.Zero);
        var anomalies = report.GetProperty("anomalies").EnumerateArray().Select(a => a.GetString()!).ToList();
        Assert.That(anomalies, Has.Some.Contains("the recovery append cut 0 bytes, but the crash left a torn tail of"));
        Assert.That(anomalies, Has.Some.Contains("DARE-"), "verify-log reports the garbage in the middle of the log");
        Assert.That(report.GetProperty("lost").GetInt64(), Is.GreaterThan(0), "frames after the garbage cannot be read: lost");
    }

    /// <summary>A writer that acknowledges before it writes: a crash in between loses an acknowledged frame.</summary>
    [Test]
    public void AWriterThatAcknowledgesBeforeWritingIsCaught()
    {
        using var roots = new TempDirectory("crash-broken");
        var (exit, report, output) = Campaign("--writer", BrokenWriter("ack_before_write.py"), "--kills", "8", "--dir", roots.Path);
        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(report.GetProperty("lost").GetInt64(), Is.GreaterThan(0), output);
        Assert.That(report.GetProperty("anomalies").EnumerateArray().Select(a => a.GetString()!),
            Has.Some.Contains("LOG-ENTRIES-VANISHED"), "verify-log with the ledger names the vanished acknowledged entries");
    }

    [TestCase("--kills", "0")]
    [TestCase("--type", "Pile")]
    [TestCase("--writer", "/nonexistent/adapter")]
    public void BadOptionsAreUsageErrors(string option, string value)
    {
        var (exit, _, output) = Run([option, value, "--kills", option == "--kills" ? value : "1"]);
        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
    }

    private static (int Exit, JsonElement Report, string Output) Campaign(params string[] args)
    {
        var (exit, stdout, output) = Run([.. args, "--json"]);
        Assert.That(exit, Is.AnyOf(0, 1), output);
        return (exit, JsonDocument.Parse(stdout).RootElement.Clone(), output);
    }

    /// <summary>mesh-conform crash-campaign from the repository root (so that <c>--writer python</c> finds the adapter), bounded in time.</summary>
    private static (int Exit, string Stdout, string Output) Run(string[] args)
    {
        var result = CliRunner.Run(["crash-campaign", .. args], TimeSpan.FromSeconds(180), RepositoryPaths.Root);
        return (result.ExitCode, result.Stdout, result.Stdout + result.Stderr);
    }
}
