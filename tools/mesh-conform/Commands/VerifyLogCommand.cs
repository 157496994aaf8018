using System.CommandLine;
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
                JsonStdout.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("file", path);
                    w.WriteBoolean("clean", result.Clean);
                    w.WriteNumber("writers", result.Writers);
                    LogResultOutput.WriteFields(w, result);
                    w.WriteEndObject();
                });
            }
            else
            {
                LogResultOutput.WriteText(Console.Out, path, result, result.Clean);
            }
            return result.Clean ? ExitCodes.Valid : ExitCodes.Invalid;
        });
        return command;
    }
}
