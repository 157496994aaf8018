using System.Security.Cryptography;
using System.Text;
using MeshConformance.Dare.Crypto;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;

namespace MeshConformance.Tests.Dare;

/// <summary>
/// Containers and single records on which the verifier's fast paths are compared with the full parser:
/// the negative vectors, the drafts' containers, what our writer produces in every shape, and hand-made headers.
/// </summary>
internal static class FastHeaderCorpus
{
    public static IEnumerable<(string Name, byte[] Bytes)> Containers()
    {
        var negative = RepositoryPaths.Vectors("negative", "dare");
        foreach (var file in Directory.GetFiles(negative, "*.dare").Order())
            yield return ("negative/" + Path.GetFileName(file), File.ReadAllBytes(file));
        foreach (var vector in DraftVectors.Load("dare.json"))
        {
            if (vector.TryGetProperty("expected", out var expected) && expected.TryGetProperty("derived_full_file_hex", out var hex))
                yield return ("draft/" + vector.GetProperty("id").GetString(), Convert.FromHexString(hex.GetString()!));
        }
        foreach (var (name, settings) in WriterSettings())
        {
            var payloads = Enumerable.Range(0, 40).Select(i => Enumerable.Range(0, i * 7 % 300).Select(b => (byte)(b + i)).ToArray());
            yield return ("writer/" + name, ContainerWriter.WriteAll(settings, payloads,
                i => i % 3 == 0 ? null : new ContentMeta { UniqueId = $"id-{i}", Event = i % 2 == 0 ? "Update" : "New", Filename = i % 5 == 0 ? "f.txt" : null }));
        }
    }

    private static IEnumerable<(string, ContainerSettings)> WriterSettings()
    {
        foreach (var type in Enum.GetValues<ContainerType>())
        {
            foreach (var vocabulary in new[] { DareVocabulary.Dare08, DareVocabulary.Dare12 })
            {
                foreach (var shape in Enum.GetValues<FrameShape>())
                {
                    yield return ($"{type}-{vocabulary}-{shape}", new ContainerSettings
                    {
                        Type = type, Vocabulary = vocabulary, Shape = shape, ContentType = "application/mmm-catalog",
                        Clock = () => new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc),
                    });
                }
            }
            var salt = 0;
            yield return ($"{type}-encrypted", new ContainerSettings
            {
                Type = type,
                Encryption = new FrameEncryption(new byte[32], "EBQL-FP4Q-VW6U-OIXJ-T2XF-KVR2-IBEY", [], () => BitConverter.GetBytes(++salt).Concat(new byte[12]).ToArray()),
            });
            var secret = 0;
            var recipient = X448Recipient.PublicKey(Enumerable.Range(1, 56).Select(i => (byte)i).ToArray());
            yield return ($"{type}-isolated", new ContainerSettings
            {
                Type = type, Shape = FrameShape.Catalog,
                IsolatedEncryption = new IsolatedEncryption([new ExchangeRecipient("MB2G-STORE-KEY", recipient)], n => SHA512.HashData(BitConverter.GetBytes(++secret))[..n]),
            });
        }
    }

    /// <summary>Every header and trailer record of a container that frames cleanly enough to be walked.</summary>
    public static IEnumerable<(byte[] Record, bool IsHeader)> Records(byte[] container)
    {
        foreach (var layout in FrameScanner.ScanForward(new MemoryByteSource(container)).Frames)
        {
            yield return (container.AsSpan((int)layout.Header.DataOffset, (int)layout.Header.DataLength).ToArray(), true);
            if (layout.Trailer is { } t) yield return (container.AsSpan((int)t.DataOffset, (int)t.DataLength).ToArray(), false);
        }
    }

    private const string Digest = "z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg_SpIdNs6c5H0\n  NE8XYXysP-DGNKHfuwvY7kxvUdBeoGlODJ6-SfaPg";

    private static string Meta(string json) => Base64UrlText(json);

    public static string Base64UrlText(string json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    /// <summary>Hand-made headers: the common shape, and each way out of the fast path's subset.</summary>
    public static IEnumerable<string> Headers()
    {
        var info = "\"ContainerInfo\": {\n    \"Index\": 5,\n    \"TreePosition\": 1234}";
        yield return "{\n  \"ContentMetaData\": \"" + Meta("{\n  \"UniqueId\": \"7ea4\",\n  \"Event\": \"Update\"}") + "\",\n  " + info + "}";
        yield return "{\n  \"ContentMetaData\": \"e30\",\n  \"ContainerInfo\": {\n    \"DataEncoding\": \"JSON\",\n    \"ContainerType\": \"Merkle\",\n    \"Index\": 0}}";
        yield return "{" + info + "}";
        yield return "{}";
        yield return " {} ";
        yield return "{\t\"SequenceInfo\" : {\"Index\":1,\"IsMeta\":true,\"Default\":false,\"IndexPosition\":null,\"ExchangePosition\":-0}\r\n}";
        yield return "{\"SequenceInfo\": null}";
        yield return "{\"ContainerInfo\": {\"Index\": 1}, \"SequenceInfo\": {\"Index\": 1}}";
        yield return "{\"ContainerInfo\": {\"Index\": 1}, \"ContainerInfo\": {\"Index\": 2}}";
        yield return "{\"ContainerInfo\": {\"Index\": 1, \"Index\": 2}}";
        yield return "{\"ContainerInfo\": {\"Index\": \"1\"}}";
        yield return "{\"ContainerInfo\": {\"Index\": 1.5}}";
        yield return "{\"ContainerInfo\": {\"Index\": 1e3}}";
        yield return "{\"ContainerInfo\": {\"Index\": 01}}";
        yield return "{\"ContainerInfo\": {\"Index\": 123456789012345678}}";
        yield return "{\"ContainerInfo\": {\"Index\": 1234567890123456789}}";
        yield return "{\"ContainerInfo\": {\"Index\": 99999999999999999999}}";
        yield return "{\"ContainerInfo\": {\"Index\": -}}";
        yield return "{\"ContainerInfo\": {\"Index\": 1,}}";
        yield return "{\"ContainerInfo\": {\"Index\": 1 \"TreePosition\": 2}}";
        yield return "{\"ContainerInfo\": {\"IsMeta\": 1}}";
        yield return "{\"ContainerInfo\": {\"IsMeta\": tru}}";
        yield return "{\"ContainerInfo\": {\"Unknown\": {\"x\": 1}}}";
        yield return "{\"ContainerInfo\": {\"Unknown\": \"x\", \"Other\": null, \"B\": true}}";
        yield return "{\"ContainerInfo\": [1]}";
        yield return "{\"ContainerInfo\": \"x\"}";
        yield return "{\"PayloadDigest\": \"" + Digest + "\"}";
        yield return "{\"PayloadDigest\": null, \"ChainDigest\": \"" + Digest + "\", \"TreeDigest\": \"" + Digest + "\"}";
        yield return "{\"PayloadDigest\": \"AB\"}";
        yield return "{\"PayloadDigest\": \"AA\"}";
        yield return "{\"PayloadDigest\": \"AAB\"}";
        yield return "{\"PayloadDigest\": \"AAA\"}";
        yield return "{\"PayloadDigest\": \"A\"}";
        yield return "{\"PayloadDigest\": \"\"}";
        yield return "{\"PayloadDigest\": \"AA==\"}";
        yield return "{\"PayloadDigest\": \"AA+/\"}";
        yield return "{\"PayloadDigest\": \"AA AA\"}";
        yield return "{\"PayloadDigest\": \"AA\tAA\"}";
        yield return "{\"PayloadDigest\": \"AA\\nAA\"}";
        yield return "{\"PayloadDigest\": 5}";
        yield return "{\"PayloadDigest\": \"" + Digest + "\", \"PayloadDigest\": \"AA\"}";
        yield return "{\"enc\": \"A256CBC\", \"kid\": \"EBQL-FP4Q\", \"Salt\": \"AAECAwQFBgcICQoLDA0ODw\"}";
        yield return "{\"enc\": \"none\", \"Salt\": \"AAEC\", \"Malt\": \"AAEC\"}";
        yield return "{\"enc\": 1}";
        yield return "{\"kid\": true}";
        yield return "{\"dig\": \"S512\", \"Received\": \"2025-01-01T00:00:00Z\"}";
        yield return "{\"EnvelopeId\": \"e1\"}";
        yield return "{\"EnvelopeID\": \"e1\"}";
        yield return "{\"EnvelopeId\": \"e1\", \"EnvelopeID\": 5}";
        yield return "{\"EnvelopeId\": null, \"EnvelopeID\": 5}";
        yield return "{\"signatures\": []}";
        yield return "{\"recipients\": [{\"kid\": \"x\"}]}";
        yield return "{\"policy\": {}}";
        yield return "{\"annotations\": []}";
        yield return "{\"Annotations\": []}";
        yield return "{\"Unknown\": 5, \"Other\": \"x\"}";
        yield return "{\"Unknown\": [1]}";
        yield return "{\"na\\u006de\": 1}";
        yield return "{\"enc\": \"caf\u00e9\"}";
        yield return "{\"enc\": \"a\\\"b\"}";
        yield return "{\"enc\": \"a\nb\"}";
        yield return "{\"ContainerInfo\": {\"Index\": 1}}\f";
        yield return "{\"ContainerInfo\": {\"Index\": 1}} x";
        yield return "{\"ContainerInfo\": {\"Index\": 1}";
        yield return "";
        yield return "[]";
        yield return "5";
        yield return "{\"ContentMetaData\": null}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"cty\": \"application/mmm-catalog\"}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"cty\": 5}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"UniqueId\": \"a\", \"UniqueID\": 5}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"UniqueID\": \"a\"}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"Labels\": [\"a\"], \"Paths\": null}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"Labels\": null}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"First\": 1, \"Previous\": null, \"Expire\": \"x\", \"KeyValues\": 3}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"FileEntry\": {\"a\": 1}}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("[1]") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("not json") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"Filename\": \"caf\u00e9\"}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"Event\": \"x\", \"Event\": 5}") + "\"}";
    }

    public static IEnumerable<string> Trailers()
    {
        yield return "{\n  \"PayloadDigest\": \"" + Digest + "\",\n  \"TreeDigest\": \"" + Digest + "\"}";
        yield return "{}";
        yield return "{\"ChainDigest\": \"" + Digest + "\"}";
        yield return "{\"ChainDigest\": null, \"Other\": 1}";
        yield return "{\"signatures\": []}";
        yield return "{\"TreeDigest\": \"AB\"}";
        yield return "{\"TreeDigest\": 1}";
        yield return "{\"TreeDigest\": \"AA\", \"TreeDigest\": \"AA\"}";
        yield return "{\"Unknown\": {}}";
    }
}
