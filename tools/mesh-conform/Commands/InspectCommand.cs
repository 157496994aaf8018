using System.CommandLine;
using MeshConformance.Cli.Output;
using MeshConformance.Core;
using MeshConformance.Dare.Verification;

namespace MeshConformance.Cli.Commands;

/// <summary>`mesh-conform inspect FILE`: list a container's frames and verify them.</summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The DARE container (sequence) file to read." };
        var json = new Option<bool>("--json") { Description = "Write the machine-readable report (docs/cli.md) instead of the listing." };
        var key = new Option<string?>("--key") { Description = "Master key (base seed) as hex, to decrypt encrypted payloads." };
        var plaintext = new Option<bool>("--show-plaintext") { Description = "With --key and --json, include each decrypted payload (base64url)." };
        var command = new Command("inspect", "List a container's frames (offset, length, index, tree position, digests, encryption, ContentMeta) and verify them.")
        {
            file, json, key, plaintext,
        };
        command.SetAction(parse =>
        {
            var path = InputFiles.RequireRegularFile(parse.GetValue(file)!);
            byte[]? masterKey = null;
            if (parse.GetValue(key) is { } hex)
            {
                try { masterKey = Hex.Decode(hex); }
                catch (FormatException) { throw new CliFailure("--key must be hexadecimal"); }
            }
            var report = ContainerVerifier.Verify(path, new VerifyOptions
            {
                CollectFrames = true,
                MasterKey = masterKey,
                KeepPlaintext = parse.GetValue(plaintext),
            });
            if (parse.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                InspectJson.Write(stdout, report);
                stdout.Write("\n"u8);
            }
            else
            {
                InspectText.Write(Console.Out, report);
            }
            return report.IsValid ? ExitCodes.Valid : ExitCodes.Invalid;
        });
        return command;
    }
}
