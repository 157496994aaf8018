using System.CommandLine;
using MeshConformance.Core;
using MeshConformance.Platform.Generation;

namespace MeshConformance.Cli.Commands;

/// <summary>
/// `mesh-conform generate-containers --out DIR`: one deterministic container of every type, plain and
/// encrypted, in both vocabularies (<see cref="ContainerSamples"/>).
/// </summary>
public static class GenerateContainersCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Directory to write into (created; existing files are replaced).", Required = true };
        var entries = new Option<int>("--entries") { Description = "Data frames per container (default 25).", DefaultValueFactory = _ => 25 };
        var seed = new Option<int>("--seed") { Description = "Seed for payloads, salts and keys (default 1).", DefaultValueFactory = _ => 1 };
        var command = new Command("generate-containers", "Write one deterministic container per type, vocabulary and encryption setting.") { output, entries, seed };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(entries);
            if (count is < 0 or > 10_000_000) throw new CliFailure("--entries must be between 0 and 10000000");
            var s = parse.GetValue(seed);
            Console.WriteLine($"master key (hex, for inspect --key): {Hex.Encode(ContainerSamples.MasterKey(s))}");
            foreach (var path in ContainerSamples.Write(parse.GetValue(output)!, count, s)) Console.WriteLine(path);
            return ExitCodes.Valid;
        });
        return command;
    }
}
