using System.Text;
using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Verification;
using MeshConformance.Dare.Writing;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>
/// The fast header reader on the shapes Mesh catalogs and spools use (digests first in the header, EnvelopeId,
/// Received, recipients with an ephemeral key, a full ContentMeta): it either declines a record or reads exactly
/// what the full parser reads, including the whole ContentMeta catalog reading needs, on a record the parser has
/// no finding for.
/// </summary>
public class FastHeaderCatalogShapeTests
{
    /// <summary>Every container of the writer corpus, the negative vectors and every container under vectors/golden.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> AllContainers()
    {
        foreach (var container in FastHeaderCorpus.Containers()) yield return container;
        var golden = RepositoryPaths.Vectors("golden");
        foreach (var file in Directory.EnumerateFiles(golden, "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".dare", StringComparison.Ordinal) || f.EndsWith(".dcat", StringComparison.Ordinal)).Order())
            yield return ("golden/" + Path.GetRelativePath(golden, file), File.ReadAllBytes(file));
        var negative = RepositoryPaths.Vectors("negative", "profiles");
        foreach (var file in Directory.EnumerateFiles(negative, "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".dare", StringComparison.Ordinal) || f.EndsWith(".dcat", StringComparison.Ordinal)).Order())
            yield return ("negative-profiles/" + Path.GetRelativePath(negative, file), File.ReadAllBytes(file));
    }

    private static IEnumerable<TestCaseData> ContainerCases() =>
        AllContainers().Select(c => new TestCaseData(c.Bytes).SetName($"{{m}}({c.Name})"));

    [TestCaseSource(nameof(ContainerCases))]
    public void FastAndFullReadersAgreeOnEveryRecordWithTheWholeContentMeta(byte[] container)
    {
        foreach (var (record, isHeader) in FastHeaderCorpus.Records(container))
        {
            if (isHeader) AssertAgree(record);
        }
    }

    [TestCaseSource(nameof(ContainerCases))]
    public void VerifierReportIsTheSameWithAndWithoutTheFastReader(byte[] container)
    {
        foreach (var collect in new[] { false, true })
        {
            var options = new VerifyOptions { CollectFrames = collect };
            var fast = ContainerVerifier.Verify(new MemoryByteSource(container), options, null, VerifierTuning.Default);
            var full = ContainerVerifier.Verify(new MemoryByteSource(container), options, null, VerifierTuning.Default with { FastHeaders = false });
            PerfReportComparison.AssertSame(fast, full);
        }
    }

    /// <summary>What our writer produces for catalogs and spools, plaintext and with recipients, never needs the JSON tree.</summary>
    [Test]
    public void CatalogAndSpoolShapedHeadersTakeTheFastPath()
    {
        var shaped = FastHeaderCorpus.Containers().Where(c => c.Name.EndsWith("-Catalog", StringComparison.Ordinal)
                                                          || c.Name.EndsWith("-Spool", StringComparison.Ordinal)
                                                          || c.Name.EndsWith("-isolated", StringComparison.Ordinal)).ToList();
        Assert.That(shaped.Count(c => c.Name.EndsWith("-isolated", StringComparison.Ordinal)), Is.GreaterThan(0));
        foreach (var (name, bytes) in shaped)
        {
            var headers = FastHeaderCorpus.Records(bytes).Where(r => r.IsHeader).Select(r => r.Record).ToList();
            // Frame 0 of an isolated store may carry a policy, which stays with the full parser.
            var dataHeaders = headers.Skip(1).ToList();
            Assert.That(dataHeaders.Select(h => FastHeaderReader.TryReadHeader(h, readContentMeta: true)), Is.All.Not.Null, name);
            // Frames with an empty payload carry no key exchange; the others name their recipient.
            if (name.EndsWith("-isolated", StringComparison.Ordinal))
                Assert.That(dataHeaders.Select(h => FastHeaderReader.TryReadHeader(h)!.RecipientKeyIdentifiers.Count), Has.Some.GreaterThan(0), name);
        }
    }

    /// <summary>The reference's own catalogs (golden profiles): every data frame is read without the JSON tree.</summary>
    [Test]
    public void ReferenceCatalogFramesTakeTheFastPath()
    {
        var golden = RepositoryPaths.Vectors("golden");
        var files = Directory.EnumerateFiles(golden, "*.dcat", SearchOption.AllDirectories).ToList();
        Assert.That(files, Is.Not.Empty);
        long headers = 0, declined = 0;
        foreach (var file in files)
        {
            foreach (var (record, _) in FastHeaderCorpus.Records(File.ReadAllBytes(file)).Where(r => r.IsHeader).Skip(1))
            {
                headers++;
                if (FastHeaderReader.TryReadHeader(record, readContentMeta: true) is null) declined++;
            }
        }
        Assert.That(headers, Is.GreaterThan(0));
        Assert.That(declined, Is.Zero, $"{declined} of {headers} data-frame headers of the golden catalogs went to the full parser");
    }

    [Test]
    public void FastAndFullReadersAgreeOnHandMadeCatalogHeaders()
    {
        foreach (var text in Headers()) AssertAgree(Encoding.UTF8.GetBytes(text));
    }

    [Test]
    public void HandMadeCatalogHeadersOfTheCommonShapeAreRead()
    {
        foreach (var text in Headers().Take(3))
            Assert.That(FastHeaderReader.TryReadHeader(Encoding.UTF8.GetBytes(text), readContentMeta: true), Is.Not.Null, text);
    }

    /// <summary>Random edits of catalog-, spool- and recipient-shaped headers, and of the JSON inside their ContentMetaData.</summary>
    [Test]
    public void FastAndFullReadersAgreeOnMutatedCatalogHeaders()
    {
        var random = new Random(20261126);
        var seeds = Headers().Take(3).Select(Encoding.UTF8.GetBytes).ToArray();
        var metas = MetaSeeds().Select(Encoding.UTF8.GetBytes).ToArray();
        byte[] interesting = "\"\\{}[],: \t\n\r\f-0123456789.eEAZaz_+/=tfnul\u0080\u00ff"u8.ToArray();
        int[] accepted = [0, 0];
        for (var i = 0; i < 20_000; i++)
        {
            if (i % 2 == 0)
            {
                if (AssertAgree(Mutate(seeds[random.Next(seeds.Length)], random, interesting))) accepted[0]++;
            }
            else
            {
                // Edit the ContentMeta JSON, then wrap it the way the reference does.
                var meta = Mutate(metas[random.Next(metas.Length)], random, interesting);
                var base64 = Wrap(System.Buffers.Text.Base64Url.EncodeToString(meta), random.Next(2) == 0 ? 0 : 20 + random.Next(60));
                if (AssertAgree(Encoding.ASCII.GetBytes(CatalogHeader(base64)))) accepted[1]++;
            }
        }
        // Not a vacuous comparison: many mutants stay inside the fast path's subset (whitespace, digits, names, values).
        Assert.That(accepted, Is.All.GreaterThan(1000), $"mutants read by the fast path: headers {accepted[0]}, ContentMeta {accepted[1]} (of 10,000 each)");
        TestContext.Out.WriteLine($"mutants read by the fast path: headers {accepted[0]}, ContentMeta {accepted[1]} (of 10,000 each)");
    }

    /// <summary>Both readers on a header: the fast one declines, or it agrees with the parser, which then has no finding. True when the fast one read it.</summary>
    internal static bool AssertAgree(byte[] record)
    {
        var fast = FastHeaderReader.TryReadHeader(record, readContentMeta: true);
        var fastWithoutMeta = FastHeaderReader.TryReadHeader(record);
        Assert.That(fastWithoutMeta is null, Is.EqualTo(fast is null), "reading the whole ContentMeta must not change whether a record is declined");
        if (fast is null) return false; // declined: the full parser reads it, whatever it holds
        var findings = new List<Finding>();
        var parsed = DareHeaderParser.ParseHeader(record, 0, 0, findings) is { } h ? RecordFacts.From(h) : null;
        var shown = Encoding.UTF8.GetString(record);
        Assert.That(findings, Is.Empty, "the fast reader accepted a record the parser has findings for: " + shown);
        Assert.That(parsed, Is.Not.Null, shown);
        Assert.That(Describe(fast), Is.EqualTo(Describe(parsed!)), shown);
        Assert.That(Describe(fastWithoutMeta!, withMeta: false), Is.EqualTo(Describe(parsed!, withMeta: false)), shown);
        Assert.That(fastWithoutMeta!.ContentMeta, Is.Null, "the verifier's reading builds no ContentMeta");
        return true;
    }

    private static string Describe(RecordFacts f, bool withMeta = true) => string.Join("|",
        Hex(f.PayloadDigest), Hex(f.ChainDigest), Hex(f.TreeDigest), f.HasSignatures, f.HasWrappedBase64, f.InfoMemberName, f.Info,
        f.EncryptionAlgorithm, Hex(f.Salt), Hex(f.Malt), f.RecipientKeyIdentifiers.Count, string.Join(",", f.RecipientKeyIdentifiers.Select(k => k ?? "<null>")),
        f.ContentType, f.IsEncrypted, f.Vocabulary, withMeta ? DescribeMeta(f.ContentMeta) : "");

    internal static string DescribeMeta(ContentMeta? m) => m is null ? "no-meta" : string.Join("¦",
        m.UniqueId, m.Event, m.ContentType, m.First, m.Previous, m.MessageType, m.Filename, m.Created, m.Modified, m.Expire,
        "L:" + string.Join(",", m.Labels), "P:" + string.Join(",", m.Paths), "U:" + string.Join(",", m.UnknownMembers));

    private static string Hex(byte[]? bytes) => bytes is null ? "null" : Convert.ToHexString(bytes);

    private static byte[] Mutate(byte[] seed, Random random, byte[] interesting)
    {
        var bytes = new List<byte>(seed);
        for (var edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            var b = random.Next(3) == 0 ? (byte)random.Next(256) : interesting[random.Next(interesting.Length)];
            switch (random.Next(3))
            {
                case 0: bytes[at] = b; break;
                case 1: bytes.Insert(at, b); break;
                default: bytes.RemoveAt(at); break;
            }
        }
        return [.. bytes];
    }

    /// <summary>Line-wraps base64 as the reference does (a break and two spaces every <paramref name="width"/> characters); 0 leaves it whole.</summary>
    private static string Wrap(string base64, int width)
    {
        if (width <= 0) return base64;
        var text = new StringBuilder();
        for (var at = 0; at < base64.Length; at += width)
        {
            if (at > 0) text.Append("\n  ");
            text.Append(base64, at, Math.Min(width, base64.Length - at));
        }
        return text.ToString();
    }

    private const string Digest = "z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg_SpIdNs6c5H0\n  NE8XYXysP-DGNKHfuwvY7kxvUdBeoGlODJ6-SfaPg";

    private const string Epk = "{\n      \"PublicKeyECDH\": {\n        \"crv\": \"X448\",\n        \"Public\": \"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4\"}}";

    private static string Meta(string json) => FastHeaderCorpus.Base64UrlText(json);

    /// <summary>The reference's catalog frame (formats.md §1.7): digests first, ContentMetaData, SequenceInfo, Received.</summary>
    private static string CatalogHeader(string contentMetaData) =>
        "{\n  \"PayloadDigest\": \"" + Digest + "\",\n  \"TreeDigest\": \"" + Digest + "\",\n  \"ContentMetaData\": \"" + contentMetaData +
        "\",\n  \"SequenceInfo\": {\n    \"Index\": 7,\n    \"TreePosition\": 1234},\n  \"Received\": \"2021-05-01T02:03:00Z\"}";

    private static IEnumerable<string> MetaSeeds()
    {
        yield return "{\n  \"UniqueId\": \"MBGN-3K7X-IBFH\",\n  \"Event\": \"Update\",\n  \"First\": 3,\n  \"Previous\": 5}";
        yield return "{\n  \"UniqueId\": \"NCWK-X2\",\n  \"MessageType\": \"MessageContact\",\n  \"Created\": \"2021-05-01T02:03:00Z\",\n  \"Filename\": \"a.txt\",\n  \"Modified\": \"2021-05-02T02:03:00Z\",\n  \"Expire\": \"x\",\n  \"cty\": \"application/mmm\",\n  \"Extra\": 1}";
    }

    /// <summary>Catalog- and spool-shaped headers: the first three are the common shapes; the rest each probe one way out.</summary>
    private static IEnumerable<string> Headers()
    {
        var recipient = "{\n      \"kid\": \"MB2G-STORE-KEY\",\n      \"epk\": " + Epk + ",\n      \"wmk\": \"" + Digest + "\"}";
        var info = "\"SequenceInfo\": {\n    \"Index\": 7,\n    \"TreePosition\": 1234}";
        var meta = Meta("{\n  \"UniqueId\": \"MBGN-3K7X\",\n  \"Event\": \"New\"}");
        yield return CatalogHeader(Meta(MetaSeeds().First()));
        yield return "{\n  \"PayloadDigest\": \"" + Digest + "\",\n  \"TreeDigest\": \"" + Digest + "\",\n  \"enc\": \"A256CBC\",\n  \"dig\": \"S512\",\n  \"Salt\": \"AAECAwQFBgcICQoLDA0ODw\",\n  \"recipients\": [" + recipient + "],\n  \"ContentMetaData\": \"" + meta + "\",\n  " + info + ",\n  \"Received\": \"2021-05-01T02:03:00Z\"}";
        yield return "{\n  \"EnvelopeId\": \"NCWK-X2\",\n  \"ContentMetaData\": \"" + Meta(MetaSeeds().Last()) + "\",\n  " + info + ",\n  \"Received\": \"2021-05-01T02:03:00Z\"}";
        yield return "{\"recipients\": []}";
        yield return "{\"recipients\": null}";
        yield return "{\"recipients\": [" + recipient + ", {\"kid\": null}, {}]}";
        yield return "{\"recipients\": [{\"kid\": 5}]}";
        yield return "{\"recipients\": [{\"kid\": \"a\", \"kid\": \"b\"}]}";
        yield return "{\"recipients\": [{\"kwd\": 5}]}";
        yield return "{\"recipients\": [{\"kwd\": \"x\", \"epk\": null, \"wmk\": null}]}";
        yield return "{\"recipients\": [{\"wmk\": \"A\"}]}";
        yield return "{\"recipients\": [{\"wmk\": \"AA==\"}]}";
        yield return "{\"recipients\": [{\"wmk\": 5}]}";
        yield return "{\"recipients\": [{\"wmk\": \"AA\\nAA\"}]}";
        yield return "{\"recipients\": [{\"wmk\": \"AAAA\n  AAAA\"}]}";
        yield return "{\"recipients\": [{\"epk\": [1, \"a\", true, null, {\"x\": [[]]}]}]}";
        yield return "{\"recipients\": [{\"epk\": {\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {\"f\": {\"g\": {\"h\": {\"i\": 1}}}}}}}}}}]}";
        yield return "{\"recipients\": [{\"epk\": {\"a\": 1, \"a\": 2}}]}";
        yield return "{\"recipients\": [{\"epk\": {\"a\": 1,}}]}";
        yield return "{\"recipients\": [{\"epk\": [1,]}]}";
        yield return "{\"recipients\": [{\"epk\": {\"a\" 1}}]}";
        yield return "{\"recipients\": [{\"epk\": {\"a\": 1.5}}]}";
        yield return "{\"recipients\": [{\"other\": {\"a\": 1}}]}";
        yield return "{\"recipients\": [{\"other\": \"x\", \"kid\": \"y\"}]}";
        yield return "{\"recipients\": [5]}";
        yield return "{\"recipients\": [null]}";
        yield return "{\"recipients\": [[]]}";
        yield return "{\"recipients\": [{},]}";
        yield return "{\"recipients\": [{} {}]}";
        yield return "{\"recipients\": {}}";
        yield return "{\"recipients\": \"x\"}";
        yield return "{\"recipients\": [], \"recipients\": [{\"kid\": 5}]}";
        yield return "{\"recipients\": [{\"kid\": \"caf\u00e9\"}]}";
        yield return "{\"recipients\": [{\"kid\": \"a\\u0062\"}]}";
        yield return "{\"EnvelopeId\": \"e\", \"Received\": \"2021-05-01T02:03:00Z\", \"ContentMetaData\": \"" + meta + "\"}";
        yield return "{\"Received\": 5}";
        yield return "{\"Received\": null, \"EnvelopeId\": null}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"UniqueId\": null, \"Event\": null, \"First\": null, \"MessageType\": null}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"UniqueID\": \"dare08-name\", \"Event\": \"Delete\"}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"A\": 1, \"B\": 2, \"A\": 3, \"KeyValues\": null, \"FileEntry\": 4}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"First\": -1, \"Previous\": 123456789012345678}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"First\": 1234567890123456789}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"First\": \"1\"}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"Event\": \"New\nline\"}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"Event\": \"tab\there\"}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"Event\": \"del\u007f\"}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"Paths\": [\"a\"]}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Meta("{\"Labels\": null, \"Paths\": null}") + "\"}";
        yield return "{\"ContentMetaData\": \"" + Wrap(Meta(MetaSeeds().First()), 44) + "\"}";
        yield return "{\"ContentMetaData\": \"" + Wrap(Meta(MetaSeeds().First()), 44).Replace("\n", "\t", StringComparison.Ordinal) + "\"}";
        yield return "{\"ContentMetaData\": \"" + Wrap(Meta(MetaSeeds().First()), 44).Replace("\n", "\f", StringComparison.Ordinal) + "\"}";
        yield return "{\"ContentMetaData\": \"  \n  \"}";
        yield return "{\"ContentMetaData\": \"e30\n\"}";
        yield return "{\"ContentMetaData\": \"\ne30\"}";
        yield return "{\"ContentMetaData\": \"e3\n0=\"}";
    }
}
