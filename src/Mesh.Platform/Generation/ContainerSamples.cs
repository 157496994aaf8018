using System.Security.Cryptography;
using System.Text;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;

namespace MeshConformance.Platform.Generation;

/// <summary>
/// One deterministic container of every type (List, Digest, Chain, Tree, Merkle), in both vocabularies, plain and
/// encrypted under one master key, written through the same writer real appends use.
/// </summary>
public static class ContainerSamples
{
    /// <summary>The <c>kid</c> the encrypted samples name their master key by.</summary>
    public const string MasterKeyIdentifier = "EBQL-FP4Q-VW6U-OIXJ-T2XF-KVR2-IBEY";

    /// <summary>The master key the encrypted samples of <paramref name="seed"/> use (print it so a user can decrypt them).</summary>
    public static byte[] MasterKey(int seed) => Derive(seed, "master-key", 32);

    /// <summary>Writes the 20 samples into <paramref name="directory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, int entries, int seed)
    {
        if (entries is < 0 or > 10_000_000) throw new ArgumentOutOfRangeException(nameof(entries), entries, "between 0 and 10000000 entries");
        Directory.CreateDirectory(directory);
        var key = MasterKey(seed);
        var paths = new List<string>();
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
                Encryption = encrypted ? new FrameEncryption(key, MasterKeyIdentifier, [], () => Derive(seed, "salt" + saltCounter++, 16)) : null,
            };
            var name = $"{type}-{(vocabulary == DareVocabulary.Dare08 ? "dare08" : "dare12")}{(encrypted ? "-encrypted" : "")}.dare";
            var path = Path.Combine(directory, name);
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read))
            {
                var writer = new ContainerWriter(settings);
                writer.WriteFrame0(stream);
                for (var i = 0; i < entries; i++)
                {
                    var payload = Encoding.UTF8.GetBytes($"{{\"Entry\": {i}, \"Note\": \"{Convert.ToHexString(Derive(seed, name + i, 8 + i % 40))}\"}}");
                    writer.Append(stream, payload, new ContentMeta { UniqueId = "entry-" + (i % 7), Event = i < 7 ? "New" : "Update" });
                }
            }
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>Deterministic bytes from the seed and a label, so the same seed gives byte-identical files.</summary>
    private static byte[] Derive(int seed, string label, int length)
    {
        var output = new byte[length];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, BitConverter.GetBytes(seed), output, [], Encoding.UTF8.GetBytes(label));
        return output;
    }
}
