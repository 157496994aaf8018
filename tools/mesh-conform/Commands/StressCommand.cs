using System.CommandLine;
using System.Globalization;
using MeshConformance.Checks;
using MeshConformance.Dare.Model;
using MeshConformance.Platform.Stress;
using MeshConformance.Reports.Stress;

namespace MeshConformance.Cli.Commands;

/// <summary>
/// `mesh-conform stress`: concurrent writer processes — our adapter and any protocol-1 adapter (--adapter CMD) — append
/// to one container, optionally killed mid-append, with readers following it; then the log is judged. One scenario from
/// the options, or a standard set with --suite (see StressSuites).
/// </summary>
public static class StressCommand
{
    public static Command Create()
    {
        var suite = new Option<string?>("--suite") { Description = "Run a standard scenario set instead of one scenario: short (4 × 100) or full (8 × 2,000)." };
        var writers = new Option<int?>("--writers") { Description = "Writer processes in all, taking the implementations (ours, then each --adapter) in turn. Default 2; with --suite, the suite's." };
        var appends = new Option<int?>("--appends") { Description = "Appends per writer. Default 100; with --suite, the suite's." };
        var adapters = new Option<string[]>("--adapter") { Description = "Another implementation's protocol-1 adapter, a command line run by /bin/sh (repeatable)." };
        var noOwn = new Option<bool>("--no-own") { Description = "Leave our writer out: only the --adapter implementations write." };
        var readers = new Option<int?>("--readers") { Description = "Reader threads following the container (lock only to settle the end of file). Default 0; with --suite 2." };
        var type = new Option<string>("--type") { Description = "Container type: Merkle (default), Chain, Tree, Digest, List.", DefaultValueFactory = _ => "Merkle" };
        var separate = new Option<bool>("--separate-sessions") { Description = "Start every writer in a session of its own (setsid)." };
        var killRate = new Option<double>("--kill-rate") { Description = "Chance per append that its writer is killed with SIGKILL during it (0–1)." };
        var reopen = new Option<bool>("--reopen-per-append") { Description = "Writers open and close the container for every append." };
        var durable = new Option<bool>("--durable") { Description = "Writers fsync every frame before releasing the lock." };
        var seed = new Option<int>("--seed") { Description = "Seed for payload sizes and kills.", DefaultValueFactory = _ => 1 };
        var container = new Option<string?>("--container") { Description = "The container to append to (its folder is the Mesh root); default: a fresh temporary root, removed when the run passes." };
        var broken = new Option<string?>("--broken") { Description = "Make writer 1 our adapter with a binding that does not exclude (none or reference-mutex); the run then passes only if the harness reports anomalies." };
        var json = new Option<bool>("--json") { Description = "Write the JSON report to stdout instead of the table." };
        var reportDir = new Option<string?>("--report-dir") { Description = "Also write stress.json and stress.html into this directory." };
        var command = new Command("stress", "Run concurrent writers (ours and other implementations' adapters) against one container, with crashes and readers, and verify the log they leave.")
        {
            suite, writers, appends, adapters, noOwn, readers, type, separate, killRate, reopen, durable, seed, container, broken, json, reportDir,
        };
        command.SetAction(parse =>
        {
            var others = (parse.GetValue(adapters) ?? []).Select(AdapterCommandLine.Shell).ToList();
            var withOwn = !parse.GetValue(noOwn);
            if (!withOwn && others.Count == 0) throw new CliFailure("--no-own needs at least one --adapter");
            if (parse.GetValue(writers) is < 1) throw new CliFailure("--writers must be at least 1");
            if (parse.GetValue(appends) is < 1) throw new CliFailure("--appends must be at least 1");
            if (parse.GetValue(readers) is < 0) throw new CliFailure("--readers must not be negative");
            if (parse.GetValue(killRate) is < 0 or >= 1) throw new CliFailure("--kill-rate must be at least 0 and below 1");
            if (!ContainerTypes.TryParse(parse.GetValue(type), out var containerType)) throw new CliFailure($"--type: unknown container type '{parse.GetValue(type)}' (List, Digest, Chain, Tree, Merkle)");

            IReadOnlyList<StressScenario> scenarios;
            if (parse.GetValue(suite) is { } suiteName)
            {
                if (!StressSuites.Names.Contains(suiteName)) throw new CliFailure($"--suite: unknown suite '{suiteName}' ({string.Join(", ", StressSuites.Names)})");
                if (!withOwn) throw new CliFailure("--suite needs our writer (its broken scenarios use it); leave out --no-own");
                scenarios = StressSuites.Build(suiteName, OwnAdapter, others, parse.GetValue(writers), parse.GetValue(appends), parse.GetValue(readers), parse.GetValue(seed));
            }
            else
            {
                List<AdapterCommandLine> implementations = withOwn ? [OwnAdapter("flock"), .. others] : others;
                var mix = StressSuites.Mix(implementations, parse.GetValue(writers) ?? Math.Max(2, implementations.Count)).ToArray();
                var brokenBinding = parse.GetValue(broken);
                if (brokenBinding is not null)
                {
                    if (brokenBinding is not ("none" or "reference-mutex")) throw new CliFailure("--broken: none or reference-mutex");
                    mix[0] = OwnAdapter(brokenBinding);
                }
                scenarios =
                [
                    new StressScenario
                    {
                        Name = brokenBinding is null ? "stress" : "broken-writer-" + brokenBinding,
                        Writers = mix, Appends = parse.GetValue(appends) ?? 100, Readers = parse.GetValue(readers) ?? 0, Type = containerType,
                        SeparateSessions = parse.GetValue(separate), KillRate = parse.GetValue(killRate), ReopenPerAppend = parse.GetValue(reopen),
                        Durable = parse.GetValue(durable), Seed = parse.GetValue(seed), Container = parse.GetValue(container),
                        ExpectAnomalies = brokenBinding is not null,
                    },
                ];
            }

            var results = new List<StressResult>();
            foreach (var scenario in scenarios)
            {
                try
                {
                    results.Add(StressRunner.Run(scenario, message => Console.Error.WriteLine(message)));
                }
                catch (AdapterFailure e)
                {
                    throw new CliFailure($"{scenario.Name}: {e.Message}");
                }
                catch (DirectoryNotFoundException e)
                {
                    throw new CliFailure(e.Message);
                }
            }

            if (parse.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                StressJsonWriter.Write(results, CheckRunner.ToolVersion, stdout);
                stdout.Write("\n"u8);
            }
            else
            {
                StressTextWriter.Write(results, Console.Out);
            }
            if (parse.GetValue(reportDir) is { } dir)
            {
                Directory.CreateDirectory(dir);
                using (var file = File.Create(Path.Combine(dir, "stress.json"))) StressJsonWriter.Write(results, CheckRunner.ToolVersion, file);
                File.WriteAllText(Path.Combine(dir, "stress.html"), StressHtmlWriter.Render(results, CheckRunner.ToolVersion));
            }
            return results.All(r => r.Passed) ? ExitCodes.Valid : ExitCodes.Invalid;
        });
        return command;
    }

    /// <summary>This executable's `adapter` command with a binding: the apphost or AOT binary, or `dotnet exec mesh-conform.dll`.</summary>
    private static AdapterCommandLine OwnAdapter(string binding)
    {
        var self = Environment.ProcessPath ?? throw new CliFailure("cannot tell the path of this executable");
        List<string> arguments = Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? ["exec", Path.Combine(AppContext.BaseDirectory, "mesh-conform.dll")]
            : [];
        arguments.AddRange(["adapter", "--binding", binding]);
        return new AdapterCommandLine(self, arguments);
    }
}
