using System.CommandLine;
using System.Text.Json;
using MeshConformance.Cli.Output;
using MeshConformance.Platform.Stores;

namespace MeshConformance.Cli.Commands;

/// <summary>`mesh-conform verify-log FILE [--expect-entries N] [--json]`: what concurrent writers left in a container.</summary>
public static class VerifyLogCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The container written by concurrent appenders." };
        var expect = new Option<long?>("--expect-entries") { Description = "How many appends the writers acknowledged: entries missing from the file are reported as vanished." };
        var json = new Option<bool>("--json") { Description = "Machine-readable result." };
        var command = new Command("verify-log", "Check a concurrently written container: framing, indices, tree positions, digests, duplicate, missing and reordered entries.")
        {
            file, expect, json,
        };
        command.SetAction(parse =>
        {
            var path = InputFiles.RequireRegularFile(parse.GetValue(file)!);
            var result = LogVerifier.Verify(path, parse.GetValue(expect));
            if (parse.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
                {
                    w.WriteStartObject();
                    w.WriteString("file", path);
                    w.WriteBoolean("clean", result.Clean);
                    w.WriteNumber("frames", result.Frames);
                    w.WriteNumber("entries", result.Entries);
                    w.WriteNumber("writers", result.Writers);
                    if (result.Expected is { } e) w.WriteNumber("expectedEntries", e);
                    w.WriteStartArray("findings");
                    foreach (var f in result.Findings) InspectJson.WriteFinding(w, f);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                stdout.Write("\n"u8);
            }
            else
            {
                Console.WriteLine($"{path}: {result.Frames} frames, {result.Entries} entries from {result.Writers} writer(s)");
                foreach (var f in result.Findings.Where(f => f.Severity != Core.Severity.Info)) Console.WriteLine(f);
                Console.WriteLine(result.Clean ? "CLEAN" : "ANOMALIES");
            }
            return result.Clean ? ExitCodes.Valid : ExitCodes.Invalid;
        });
        return command;
    }
}
