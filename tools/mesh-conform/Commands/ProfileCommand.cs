using System.CommandLine;
using MeshConformance.Cli.Output;
using MeshConformance.Core;
using MeshConformance.Layout;
using MeshConformance.Platform.Reading;

namespace MeshConformance.Cli.Commands;

/// <summary>`mesh-conform profile DIR`: what a Mesh root holds (dialect, accounts, stores, host entries). Read-only.</summary>
public static class ProfileCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "The Mesh root: the folder holding Profiles/ and Keys/ (or the draft-06 files)." };
        var json = new Option<bool>("--json") { Description = "Write the machine-readable report (docs/cli.md)." };
        var dialect = new Option<string?>("--dialect") { Description = "Judge the directory as this dialect (reference, draft-06, or a dialect file) instead of detecting it." };
        var keys = new Option<string[]>("--keys") { Description = "More directories of key files for reading encrypted stores (the profile's own key directory is always used).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("profile", "Show what a profile directory holds: dialect, accounts, stores with container type and entry count, host catalog entries.")
        {
            directory, json, dialect, keys,
        };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(directory)!;
            if (FileKinds.Of(root) != FileKind.Directory) throw new CliFailure($"{root}: not a directory (symlinks are not followed)");
            var report = ProfileReader.Read(root, DialectOption.Resolve(parse.GetValue(dialect)), parse.GetValue(keys) ?? []);
            if (parse.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                ProfileJson.Write(stdout, report);
                stdout.Write("\n"u8);
            }
            else
            {
                ProfileText.Write(Console.Out, report);
            }
            return report.Findings.Any(f => f.Severity == Severity.Error) ? ExitCodes.Invalid : ExitCodes.Valid;
        });
        return command;
    }
}

/// <summary>Reads a --dialect value: a known dialect id, or the path of a dialect data file.</summary>
public static class DialectOption
{
    public static LayoutDialect? Resolve(string? value)
    {
        if (value is null) return null;
        if (LayoutDialects.All.FirstOrDefault(d => d.Id == value) is { } known) return known;
        if (File.Exists(value))
        {
            try { return LayoutDialects.LoadFile(value); }
            catch (LayoutDialectException e) { throw new CliFailure(e.Message); }
        }
        throw new CliFailure($"--dialect: '{value}' is neither a known dialect ({string.Join(", ", LayoutDialects.All.Select(d => d.Id))}) nor a dialect file");
    }
}
