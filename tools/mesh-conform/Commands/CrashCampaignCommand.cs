using System.CommandLine;
using System.Text.Json;
using MeshConformance.Checks;
using MeshConformance.Dare.Model;
using MeshConformance.Platform.Stress;

namespace MeshConformance.Cli.Commands;

/// <summary>
/// `mesh-conform crash-campaign`: one writer (ours, the Python reference adapter, or any protocol-1 adapter) SIGKILLed
/// at random points of its appends, N times; after every kill the torn tail must be reported by the verifier and cut
/// by the restarted writer's next append, and verify-log with the ledger must find every acknowledged frame
/// (<see cref="CrashCampaign"/>).
/// </summary>
public static class CrashCampaignCommand
{
    private const string PythonAdapter = "tools/adapters/python/mesh_adapter.py";

    public static Command Create()
    {
        var writer = new Option<string>("--writer")
        {
            Description = "ours (this executable's adapter), python (tools/adapters/python/mesh_adapter.py) or a protocol-1 adapter command line, run by /bin/sh.",
            DefaultValueFactory = _ => "ours",
        };
        var kills = new Option<int>("--kills") { Description = "How many appends to kill.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed for appends between kills, kill modes and delays, payload sizes.", DefaultValueFactory = _ => 1 };
        var type = new Option<string>("--type") { Description = "Container type: Merkle (default), Chain, Tree, Digest, List.", DefaultValueFactory = _ => "Merkle" };
        var perContainer = new Option<int>("--kills-per-container") { Description = "A fresh container every N kills (default 100).", DefaultValueFactory = _ => 100 };
        var durable = new Option<bool>("--durable") { Description = "The writer fsyncs every frame." };
        var dir = new Option<string?>("--dir") { Description = "Put the Mesh roots here and keep them; default: a temporary folder, removed when the campaign passes." };
        var json = new Option<bool>("--json") { Description = "Write the result as JSON instead of text." };
        var command = new Command("crash-campaign", "Kill a writer at random points of its appends, over and over; after every kill check that the torn tail is detected and repaired and that no acknowledged frame is lost.")
        {
            writer, kills, seed, type, perContainer, durable, dir, json,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(kills) < 1) throw new CliFailure("--kills must be at least 1");
            if (parse.GetValue(perContainer) < 1) throw new CliFailure("--kills-per-container must be at least 1");
            if (!ContainerTypes.TryParse(parse.GetValue(type), out var containerType))
                throw new CliFailure($"--type: unknown container type '{parse.GetValue(type)}' (List, Digest, Chain, Tree, Merkle)");
            var options = new CrashCampaignOptions
            {
                Writer = Writer(parse.GetValue(writer)!),
                Kills = parse.GetValue(kills),
                Seed = parse.GetValue(seed),
                Type = containerType,
                KillsPerContainer = parse.GetValue(perContainer),
                Durable = parse.GetValue(durable),
                Directory = parse.GetValue(dir),
            };
            CrashCampaignResult result;
            try
            {
                result = CrashCampaign.Run(options, message => Console.Error.WriteLine(message));
            }
            catch (AdapterFailure e)
            {
                throw new CliFailure($"the writer: {e.Message}");
            }
            if (parse.GetValue(json)) WriteJson(result);
            else WriteText(result);
            return result.Passed ? ExitCodes.Valid : ExitCodes.Invalid;
        });
        return command;
    }

    private static AdapterCommandLine Writer(string writer) => writer switch
    {
        "ours" => OwnAdapter(),
        "python" => new AdapterCommandLine("python3", [FindPythonAdapter()]),
        _ when string.IsNullOrWhiteSpace(writer) => throw new CliFailure("--writer: ours, python or a command line"),
        _ => AdapterCommandLine.Shell(writer),
    };

    /// <summary>This executable's `adapter` command (flock binding): the apphost or AOT binary, or `dotnet exec mesh-conform.dll`.</summary>
    private static AdapterCommandLine OwnAdapter()
    {
        var self = Environment.ProcessPath ?? throw new CliFailure("cannot tell the path of this executable");
        List<string> arguments = Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? ["exec", Path.Combine(AppContext.BaseDirectory, "mesh-conform.dll")]
            : [];
        arguments.AddRange(["adapter", "--binding", "flock"]);
        return new AdapterCommandLine(self, arguments);
    }

    /// <summary>The Python reference adapter of this repository, looked for above the working directory and above this executable.</summary>
    private static string FindPythonAdapter()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, PythonAdapter.Replace('/', Path.DirectorySeparatorChar));
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new CliFailure($"--writer python: {PythonAdapter} is not above the working directory or this executable; give --writer \"python3 PATH/mesh_adapter.py\"");
    }

    private static void WriteText(CrashCampaignResult r)
    {
        var o = Console.Out;
        o.WriteLine($"crash campaign: {r.Implementation} ({r.Options.Writer}), {r.Options.Type}, seed {r.Options.Seed}");
        o.WriteLine($"  kills                        {r.Kills,8}   (adapter-torn {r.Tears}; SIGKILL {r.SigKills}, of which {r.SigKillsLanded} after the frame was written and {r.SigKills - r.SigKillsLanded} before)");
        o.WriteLine($"  kills that left a torn tail  {r.TornTails,8}   detected by the verifier {r.TornTailsDetected}, repaired by the next append {r.TailsRepaired}");
        o.WriteLine($"  acknowledged frames          {r.Acknowledged,8}");
        o.WriteLine($"  in-doubt frames              {r.InDoubt,8}   landed {r.InDoubtLanded}, did not land {r.InDoubtNotLanded}");
        o.WriteLine($"  lost acknowledged frames     {r.Lost,8}");
        o.WriteLine($"  anomalies                    {r.Anomalies.Count,8}");
        o.WriteLine($"  verify-log runs              {r.Verifications,8}   ({r.Containers} containers, {r.Frames} frames)");
        o.WriteLine($"  wall time                    {r.Elapsed.TotalSeconds,8:0.0} s");
        foreach (var anomaly in r.Anomalies.Take(50)) o.WriteLine($"  ANOMALY {anomaly}");
        if (r.Anomalies.Count > 50) o.WriteLine($"  … and {r.Anomalies.Count - 50} more");
        if (!r.Passed) o.WriteLine($"  the Mesh roots are kept in {r.Directory}");
        o.WriteLine(r.Passed ? "CRASH CAMPAIGN PASSED" : "CRASH CAMPAIGN FAILED");
    }

    private static void WriteJson(CrashCampaignResult r)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", 1);
            w.WriteString("tool", CheckRunner.ToolVersion);
            w.WriteString("writer", r.Options.Writer.ToString());
            w.WriteString("implementation", r.Implementation);
            w.WriteString("type", r.Options.Type.ToString());
            w.WriteNumber("seed", r.Options.Seed);
            w.WriteNumber("killsAsked", r.Options.Kills);
            w.WriteNumber("kills", r.Kills);
            w.WriteNumber("tears", r.Tears);
            w.WriteNumber("sigkills", r.SigKills);
            w.WriteNumber("sigkillsLanded", r.SigKillsLanded);
            w.WriteNumber("tornTails", r.TornTails);
            w.WriteNumber("tornTailsDetected", r.TornTailsDetected);
            w.WriteNumber("tailsRepaired", r.TailsRepaired);
            w.WriteNumber("acknowledged", r.Acknowledged);
            w.WriteNumber("inDoubt", r.InDoubt);
            w.WriteNumber("inDoubtLanded", r.InDoubtLanded);
            w.WriteNumber("inDoubtNotLanded", r.InDoubtNotLanded);
            w.WriteNumber("lost", r.Lost);
            w.WriteNumber("containers", r.Containers);
            w.WriteNumber("frames", r.Frames);
            w.WriteNumber("verifications", r.Verifications);
            w.WriteNumber("elapsedSeconds", Math.Round(r.Elapsed.TotalSeconds, 3));
            w.WriteString("directory", r.Directory);
            w.WriteBoolean("passed", r.Passed);
            w.WriteStartArray("anomalies");
            foreach (var anomaly in r.Anomalies) w.WriteStringValue(anomaly);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stdout.Write("\n"u8);
    }
}
