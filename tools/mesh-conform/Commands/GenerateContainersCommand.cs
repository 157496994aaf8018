using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using MeshConformance.Core;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;

namespace MeshConformance.Cli.Commands;

/// <summary>
/// `mesh-conform generate-containers --out DIR`: one deterministic container of every type, plain and
/// encrypted, in both vocabularies, through the same writer real appends use. It is the embedded default that
/// run-conformance.sh checks until the full profile generator exists.
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
            var dir = parse.GetValue(output)!;
            var count = parse.GetValue(entries);
            if (count is < 0 or > 10_000_000) throw new CliFailure("--entries must be between 0 and 10000000");
            Directory.CreateDirectory(dir);
            var s = parse.GetValue(seed);
            var key = Derive(s, "master-key", 32);
            Console.WriteLine($"master key (hex, for inspect --key): {Hex.Encode(key)}");
            foreach (var type in Enum.GetValues<ContainerType>())
            foreach (var vocabulary in Enum.GetValues<DareVocabulary>())
            foreach (var encrypted in new[] { false, true })
            {
                var saltCounter = 0;
                var settings = new ContainerSettings
                {
                    Type = type,
                    Vocabulary = vocabulary,
                    ContentType = "application/mmm-catalog",
                    Encryption = encrypted
                        ? new FrameEncryption(key, "EBQL-FP4Q-VW6U-OIXJ-T2XF-KVR2-IBEY", [], () => Derive(s, "salt" + saltCounter++, 16))
                        : null,
                };
                var name = $"{type}-{(vocabulary == DareVocabulary.Dare08 ? "dare08" : "dare12")}{(encrypted ? "-encrypted" : "")}.dare";
                var path = Path.Combine(dir, name);
                using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read))
                {
                    var writer = new ContainerWriter(settings);
                    writer.WriteFrame0(stream);
                    for (var i = 0; i < count; i++)
                    {
                        var payload = Encoding.UTF8.GetBytes($"{{\"Entry\": {i}, \"Note\": \"{Convert.ToHexString(Derive(s, name + i, 8 + i % 40))}\"}}");
                        writer.Append(stream, payload, new ContentMeta { UniqueId = "entry-" + (i % 7), Event = i < 7 ? "New" : "Update" });
                    }
                }
                Console.WriteLine(path);
            }
            return ExitCodes.Valid;
        });
        return command;
    }

    /// <summary>Deterministic bytes from the seed and a label, so the same seed gives byte-identical files.</summary>
    private static byte[] Derive(int seed, string label, int length)
    {
        var output = new byte[length];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, BitConverter.GetBytes(seed), output, [], Encoding.UTF8.GetBytes(label));
        return output;
    }
}
