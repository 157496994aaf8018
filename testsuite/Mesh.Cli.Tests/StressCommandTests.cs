using System.Text.Json;
using NUnit.Framework;

namespace MeshConformance.Tests.Cli;

/// <summary>
/// `stress`: our adapter (mesh-conform adapter) and the Python reference adapter append concurrently to one container,
/// with readers, kills and deliberately broken writers; the verdicts are read from the JSON report.
/// </summary>
[Platform(Exclude = "Win")]
public class StressCommandTests
{
    private static readonly string Python = $"python3 \"{Path.Combine(RepositoryPaths.Root, "tools", "adapters", "python", "mesh_adapter.py")}\"";

    private static (CliRunner.Result Run, JsonElement Report) Stress(params string[] args)
    {
        // CliRunner kills the run after 60 s, so a hung writer fails the test instead of hanging it.
        var run = CliRunner.Run(["stress", "--json", .. args]);
        Assert.That(run.ExitCode, Is.AnyOf(0, 1), run.Stdout + run.Stderr);
        return (run, JsonDocument.Parse(run.Stdout).RootElement.Clone());
    }

    private static JsonElement Only(JsonElement report) => report.GetProperty("scenarios").EnumerateArray().Single();

    [Test]
    public void OurWritersAndThePythonAdapterWithReadersLeaveACleanLog()
    {
        var (run, report) = Stress("--writers", "4", "--appends", "100", "--readers", "2", "--adapter", Python);
        var s = Only(report);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout);
        Assert.That(s.GetProperty("verdict").GetString(), Is.EqualTo("PASS"));
        Assert.That(s.GetProperty("acknowledged").GetInt64(), Is.EqualTo(400));
        Assert.That(s.GetProperty("entries").GetInt64(), Is.EqualTo(400));
        Assert.That(s.GetProperty("frames").GetInt64(), Is.EqualTo(401), "frame 0 and one frame per acknowledged append");
        Assert.That(s.GetProperty("anomalies").GetArrayLength(), Is.Zero);
        Assert.That(s.GetProperty("writers").EnumerateArray().Select(w => w.GetProperty("implementation").GetString()).Distinct(),
            Is.EquivalentTo(new[] { "mesh-conform-csharp", "python-reference" }));
        Assert.That(s.GetProperty("lockWaitUs").GetProperty("count").GetInt32(), Is.EqualTo(400), "both adapters report their lock waits");
        Assert.That(s.GetProperty("readers").GetProperty("settles").GetInt64(), Is.GreaterThan(0), "the readers saw the file grow");
    }

    [Test]
    public void WritersKilledMidAppendLoseNoAcknowledgedEntryAndTheirTornTailsAreCut()
    {
        var (run, report) = Stress("--writers", "4", "--appends", "60", "--kill-rate", "0.1", "--separate-sessions", "--readers", "1", "--adapter", Python);
        var s = Only(report);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout);
        var kills = s.GetProperty("kills").GetInt32();
        Assert.That(kills, Is.GreaterThan(5), "with seed 1 about 24 of the 240 appends are killed");
        Assert.That(s.GetProperty("tears").GetInt32(), Is.GreaterThan(0), "some kills tear a frame for certain");
        Assert.That(s.GetProperty("inDoubt").GetInt64(), Is.EqualTo(kills));
        Assert.That(s.GetProperty("acknowledged").GetInt64() + s.GetProperty("inDoubt").GetInt64(), Is.EqualTo(240));
        Assert.That(s.GetProperty("entries").GetInt64(), Is.EqualTo(s.GetProperty("acknowledged").GetInt64() + s.GetProperty("inDoubtPresent").GetInt64()));
        Assert.That(s.GetProperty("repairs").GetInt32(), Is.GreaterThan(0), "a torn frame was cut by the next writer");
        Assert.That(s.GetProperty("lockRecovered").GetBoolean(), Is.True);
        Assert.That(s.GetProperty("anomalies").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void AWriterThatTakesNoLockIsCaught()
    {
        var (run, report) = Stress("--writers", "4", "--appends", "100", "--readers", "1", "--adapter", Python, "--broken", "none");
        var s = Only(report);
        Assert.That(run.ExitCode, Is.EqualTo(0), "a broken run passes when the harness reports its anomalies");
        Assert.That(s.GetProperty("verdict").GetString(), Is.EqualTo("PASS (anomalies caught)"));
        var anomalies = s.GetProperty("anomalies").EnumerateArray().ToList();
        Assert.That(anomalies.Select(a => a.GetProperty("id").GetString()).Distinct(), Is.EqualTo(new[] { "PLAT-3.2-APPEND-LOCK" }));
        Assert.That(anomalies.Select(a => a.GetProperty("code").GetString()),
            Has.Some.AnyOf("LOG-ENTRIES-VANISHED", "LOG-WRITER-GAP"), "overwritten entries are missing");
        Assert.That(s.GetProperty("writers")[0].GetProperty("command").GetString(), Does.EndWith("adapter --binding none"));
    }

    [Test]
    public void ABrokenRunThatShowsNoAnomaliesFails()
    {
        // One writer alone cannot collide with anybody, so the broken binding leaves a clean file: the run must say
        // the harness proved nothing rather than pass.
        var (run, report) = Stress("--writers", "1", "--appends", "20", "--broken", "none");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Stdout);
        Assert.That(Only(report).GetProperty("verdict").GetString(), Is.EqualTo("FAIL"));
        Assert.That(Only(report).GetProperty("clean").GetBoolean(), Is.True);
    }

    [Test]
    public void TheShortSuiteRunsEveryScenarioAndWritesTheReports()
    {
        var dir = Directory.CreateTempSubdirectory("stress-report-").FullName;
        try
        {
            var run = CliRunner.Run("stress", "--suite", "short", "--adapter", Python, "--report-dir", dir);
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout + run.Stderr);
            Assert.That(run.Stdout, Does.Contain("STRESS PASSED"));
            var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "stress.json"))).RootElement;
            var scenarios = report.GetProperty("scenarios").EnumerateArray().ToList();
            Assert.That(scenarios.Select(s => s.GetProperty("name").GetString()), Is.EqualTo(new[]
            {
                "same-session", "separate-sessions", "kills-5pct", "kills-5pct-separate-sessions", "reopen-per-append", "broken-writer-no-lock",
            }));
            Assert.That(scenarios.Select(s => s.GetProperty("passed").GetBoolean()), Is.All.True);
            Assert.That(scenarios.Where(s => s.GetProperty("expectAnomalies").GetBoolean()).Select(s => s.GetProperty("anomalies").GetArrayLength()),
                Is.All.GreaterThan(0));
            var html = File.ReadAllText(Path.Combine(dir, "stress.html"));
            Assert.That(html, Does.Contain("Stress PASSED"));
            foreach (var s in scenarios) Assert.That(html, Does.Contain($"id=\"scenario-{s.GetProperty("name").GetString()}\""));
            Assert.That(html, Does.Contain("Lock wait p50 / p99"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestCase("--durable")]
    [TestCase("--reopen-per-append")]
    [TestCase("--separate-sessions")]
    public void EachWriterModeLeavesACleanLog(string mode)
    {
        var (run, report) = Stress("--writers", "4", "--appends", "40", "--adapter", Python, mode);
        var s = Only(report);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout);
        Assert.That((s.GetProperty("acknowledged").GetInt64(), s.GetProperty("frames").GetInt64()), Is.EqualTo((160L, 161L)));
        var settings = s.GetProperty("settings");
        Assert.That(settings.GetProperty(mode switch { "--durable" => "durable", "--reopen-per-append" => "reopenPerAppend", _ => "separateSessions" }).GetBoolean(), Is.True);
    }

    [TestCase("Chain")]
    [TestCase("Tree")]
    [TestCase("List")]
    public void OurWritersAppendEveryContainerType(string type)
    {
        var (run, report) = Stress("--writers", "3", "--appends", "50", "--type", type);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout);
        Assert.That(Only(report).GetProperty("frames").GetInt64(), Is.EqualTo(151));
    }

    [Test]
    public void AnAdapterThatCannotWriteTheTypeIsAUsageError()
    {
        var run = CliRunner.Run("stress", "--type", "Chain", "--adapter", Python);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("does not append Chain containers"));
        Assert.That(run.Stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void AnAdapterThatFloodsItsOutputIsStoppedWithAClearError()
    {
        // Says hello properly, then answers an append with 2 MB and no line end: the harness must not hold it all.
        const string flood = "import sys,json\nfor line in sys.stdin:\n    op=json.loads(line)['op']\n    if op=='hello': print(json.dumps({'ok':True,'protocol':1,'implementation':'flood','capabilities':['append']}),flush=True)\n    elif op=='quit': break\n    else: sys.stdout.write('x'*2000000); sys.stdout.flush()\n";
        var script = Path.Combine(Path.GetTempPath(), $"flood-{Guid.NewGuid():N}.py");
        File.WriteAllText(script, flood);
        try
        {
            var (run, report) = Stress("--no-own", "--writers", "1", "--appends", "2", "--adapter", $"python3 \"{script}\"");
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Stdout);
            Assert.That(Only(report).GetProperty("failures").EnumerateArray().Select(f => f.GetString()), Has.Some.Contains("far longer than any protocol reply"));
        }
        finally
        {
            File.Delete(script);
        }
    }

    [TestCase("--kill-rate", "1.5")]
    [TestCase("--writers", "0")]
    [TestCase("--type", "Pile")]
    [TestCase("--suite", "huge")]
    [TestCase("--broken", "sometimes")]
    public void BadOptionsAreUsageErrors(string option, string value)
    {
        var run = CliRunner.Run("stress", option, value);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.Stdout + run.Stderr);
        Assert.That(run.Stderr, Does.Not.Contain("   at "));
    }
}
