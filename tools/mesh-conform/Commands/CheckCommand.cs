using System.CommandLine;
using MeshConformance.Checks;
using MeshConformance.Core;
using MeshConformance.Reports;

namespace MeshConformance.Cli.Commands;

/// <summary>
/// `mesh-conform check DIR`: every applicable check over a Mesh root, findings mapped to requirements, reports in
/// any of the formats, and a verdict for CI (0 conformant, 1 failing findings, 2 usage/I-O, 3 stale expectations).
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "The Mesh root: the folder holding Profiles/ and Keys/ (or the draft-06 files)." };
        var format = new Option<string[]>("--format")
        {
            Description = "Report formats: text, json, junit, sarif, html (several with --report-dir; one without it goes to stdout).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => ["text"],
        };
        var reportDir = new Option<string?>("--report-dir") { Description = "Write each --format report into this directory (created if needed)." };
        var dialect = new Option<string?>("--dialect") { Description = "Judge the directory as this dialect (reference, draft-06, or a dialect file)." };
        var only = new Option<string?>("--only") { Description = "Only requirements whose ID starts with this prefix (e.g. DARE-, PLAT-3)." };
        var strict = new Option<bool>("--strict") { Description = "SHOULD-level findings fail the run too." };
        var expect = new Option<string?>("--expect") { Description = "Expectations file of known failures (REQUIREMENT-ID [FILE-GLOB] [# reason] per line)." };
        var update = new Option<bool>("--update-expectations") { Description = "Rewrite the --expect file from this run, keeping the reasons of entries that still apply." };
        var keys = new Option<string[]>("--keys") { Description = "More directories of key files for reading encrypted stores.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("check", "Check a Mesh root against every requirement that files at rest can be tested for.")
        {
            directory, format, reportDir, dialect, only, strict, expect, update, keys,
        };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(directory)!;
            if (FileKinds.Of(root) != FileKind.Directory) throw new CliFailure($"{root}: not a directory (symlinks are not followed)");
            var formats = ParseFormats(parse.GetValue(format) ?? ["text"]);
            var outputDir = parse.GetValue(reportDir);
            if (formats.Count > 1 && outputDir is null) throw new CliFailure("several --format values need --report-dir");
            var expectPath = parse.GetValue(expect);
            if (parse.GetValue(update) && expectPath is null) throw new CliFailure("--update-expectations needs --expect FILE");
            ExpectationFile expectations;
            try
            {
                expectations = expectPath is null ? ExpectationFile.Empty
                    : File.Exists(expectPath) ? ExpectationFile.Load(expectPath)
                    : parse.GetValue(update) ? ExpectationFile.Empty
                    : throw new CliFailure($"--expect: {expectPath} does not exist");
            }
            catch (ExpectationFileException e)
            {
                throw new CliFailure(e.Message);
            }

            CheckReport report;
            using (var progress = CheckProgress.ForStandardError())
            {
                report = CheckRunner.Run(root, new CheckOptions
                {
                    Dialect = DialectOption.Resolve(parse.GetValue(dialect)),
                    OnlyPrefix = parse.GetValue(only),
                    Strict = parse.GetValue(strict),
                    Expectations = expectations,
                    KeyDirectories = parse.GetValue(keys) ?? [],
                    OnContainerCount = progress.Start,
                    OnContainer = (_, file) => progress.Advance(file),
                });
            }

            if (parse.GetValue(update))
            {
                File.WriteAllText(expectPath!, expectations.Rewrite(report.Findings.Where(f => f.Fails)));
                Console.Error.WriteLine($"mesh-conform: expectations written to {expectPath}");
            }

            if (outputDir is not null)
            {
                Directory.CreateDirectory(outputDir);
                foreach (var f in formats)
                {
                    using var file = File.Create(Path.Combine(outputDir, ReportFormats.FileName(f)));
                    ReportWriter.Write(report, f, file);
                }
                if (!formats.Contains(ReportFormat.Text)) WriteToStdout(report, ReportFormat.Text);
            }
            else
            {
                WriteToStdout(report, formats[0]);
            }

            if (parse.GetValue(update)) return ExitCodes.Valid;
            if (report.Findings.Any(f => f.Fails && !f.Expected)) return ExitCodes.Invalid;
            return report.ExpectationProblems.Count > 0 ? ExitCodes.ExpectationsStale : ExitCodes.Valid;
        });
        return command;
    }

    private static List<ReportFormat> ParseFormats(IEnumerable<string> values)
    {
        try
        {
            return values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(ReportFormats.Parse).Distinct().ToList();
        }
        catch (FormatException e)
        {
            throw new CliFailure("--format: " + e.Message);
        }
    }

    private static void WriteToStdout(CheckReport report, ReportFormat format)
    {
        // The terminal text report gets colour on a terminal and plain text when redirected.
        if (format == ReportFormat.Text)
        {
            TextReportWriter.WriteToConsole(report);
            return;
        }
        using var stdout = Console.OpenStandardOutput();
        ReportWriter.Write(report, format, stdout);
    }
}
