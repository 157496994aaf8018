using System.CommandLine;
using System.Text;
using MeshConformance.Core;
using MeshConformance.Udf;

namespace MeshConformance.Cli.Commands;

/// <summary>`mesh-conform udf …`: compute and check UDF fingerprints, and derive the reference's lock names.</summary>
public static class UdfCommand
{
    public static Command Create()
    {
        var command = new Command("udf", "Compute and check Uniform Data Fingerprints (draft-hallambaker-mesh-udf).");
        command.Subcommands.Add(Digest());
        command.Subcommands.Add(Check());
        command.Subcommands.Add(LockName());
        return command;
    }

    private static Option<string?> FileOption() => new("--file") { Description = "Read the content from this file." };

    private static Option<string?> TextOption() => new("--text") { Description = "Use this text (UTF-8) as the content." };

    private static Option<string?> ContentTypeOption() => new("--content-type") { Description = "The IANA content type bound into the digest (e.g. text/plain)." };

    private static Command Digest()
    {
        var file = FileOption();
        var text = TextOption();
        var contentType = ContentTypeOption();
        var sha3 = new Option<bool>("--sha3") { Description = "SHA-3-512 (K…) instead of SHA-2-512 (M…)." };
        var bits = new Option<int>("--bits") { Description = "Precision in bits, a multiple of 20 (default 140).", DefaultValueFactory = _ => UDF.DefaultBits };
        var key = new Option<string?>("--key") { Description = "Compute an authenticator (A…) UDF keyed by this UDF string instead." };
        var command = new Command("digest", "Compute the content-digest (or authenticator) UDF of some content.") { file, text, contentType, sha3, bits, key };
        command.SetAction(parse =>
        {
            var data = Content(parse.GetValue(file), parse.GetValue(text));
            var cty = parse.GetValue(contentType) ?? throw new CliFailure("--content-type is required");
            var precision = parse.GetValue(bits);
            if (precision % 20 != 0 || precision < 20 || precision > ContentDigest.MaximumBits)
                throw new CliFailure($"--bits must be a multiple of 20 between 20 and {ContentDigest.MaximumBits}");
            Console.WriteLine(parse.GetValue(key) is { } keyString
                ? UDF.Authenticator(data, cty, keyString, precision)
                : UDF.ContentDigest(data, cty, parse.GetValue(sha3) ? UdfDigestAlgorithm.Sha3_512 : UdfDigestAlgorithm.Sha2_512, precision));
            return ExitCodes.Valid;
        });
        return command;
    }

    private static Command Check()
    {
        var udf = new Argument<string>("udf") { Description = "The UDF text to check." };
        var file = FileOption();
        var text = TextOption();
        var contentType = ContentTypeOption();
        var key = new Option<string?>("--key") { Description = "For an authenticator UDF: the key (a UDF string)." };
        var uri = new Option<bool>("--uri") { Description = "The UDF appears in a URI path: upper case and dashes are required (udf §6)." };
        var minimum = new Option<int>("--min-bits") { Description = "Lowest acceptable precision (default 100; 200 for trust anchors).", DefaultValueFactory = _ => UdfComparison.DefaultMinimumBits };
        var command = new Command("check", "Check a UDF's syntax and type, and (with content) that it fingerprints that content.") { udf, file, text, contentType, key, uri, minimum };
        command.SetAction(parse =>
        {
            var value = parse.GetValue(udf)!;
            var options = new UdfValidationOptions { RequireUpperCase = parse.GetValue(uri), MinimumBits = parse.GetValue(minimum) };
            IReadOnlyList<UdfFinding> findings;
            if (parse.GetValue(file) is not null || parse.GetValue(text) is not null)
            {
                var cty = parse.GetValue(contentType) ?? throw new CliFailure("--content-type is required with --file or --text");
                findings = UdfValidator.ValidateAgainstContent(value, Content(parse.GetValue(file), parse.GetValue(text)), cty, parse.GetValue(key), options);
            }
            else
            {
                findings = UdfValidator.Validate(value, options);
            }
            if (UDF.TryParse(value, out var parsed, out _) && parsed is not null)
            {
                Console.WriteLine($"type      {parsed.TypeByte} ({parsed.Initial}) {parsed.TypeInfo?.Description ?? "unknown type"}");
                Console.WriteLine($"precision {parsed.Bits} bits, {parsed.DataCharacters} characters");
                Console.WriteLine($"binary    {Hex.Encode(parsed.Binary)}");
            }
            foreach (var finding in findings) Console.WriteLine(finding);
            var valid = findings.All(f => f.Severity != UdfSeverity.Error);
            Console.WriteLine(valid ? "VALID" : "INVALID");
            return valid ? ExitCodes.Valid : ExitCodes.Invalid;
        });
        return command;
    }

    private static Command LockName()
    {
        var path = new Argument<string>("path") { Description = "The container path exactly as a writer passes it (not canonicalised, like the reference)." };
        var command = new Command("lock-name", "Print the reference implementation's mutex name for a container path (280-bit UDF of \"UDFLock:\" + path).") { path };
        command.SetAction(parse =>
        {
            Console.WriteLine(UDF.LockName(parse.GetValue(path)!));
            return ExitCodes.Valid;
        });
        return command;
    }

    private static byte[] Content(string? file, string? text)
    {
        if (file is not null && text is not null) throw new CliFailure("give --file or --text, not both");
        if (text is not null) return Encoding.UTF8.GetBytes(text);
        if (file is null) throw new CliFailure("give the content with --file or --text");
        var path = InputFiles.RequireRegularFile(file);
        var length = new FileInfo(path).Length;
        if (length > 1L << 31) throw new CliFailure($"{file}: {length} bytes is more than this command hashes in memory");
        return File.ReadAllBytes(path);
    }
}
