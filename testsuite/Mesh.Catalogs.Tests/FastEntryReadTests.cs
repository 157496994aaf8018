using System.Text;
using MeshConformance.Catalogs;
using MeshConformance.Core;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using NUnit.Framework;

namespace MeshConformance.Tests.Catalogs.Tests;

/// <summary>
/// FastEntryReader (tag and key without a JSON tree, for reads that keep no entry bodies) changes how entries are
/// read, never what is found: on every payload of the golden and negative stores and of our writer, on hand-made
/// payloads at the edges of its subset and on thousands of damaged payloads, it either declines or gives the
/// parser's tag, type and key for a payload the parser reports nothing about; and CatalogReader gives the same
/// result (findings, state, counts) with it on and off, on whole stores and on stores with damaged payloads.
/// </summary>
public class FastEntryReadTests
{
    private static IEnumerable<TestCaseData> StoreCases() =>
        FastCatalogReadTests.Stores().Select(s => new TestCaseData(s.Bytes, s.Kind).SetName($"{{m}}({s.Name})"));

    [TestCaseSource(nameof(StoreCases))]
    public void StoresReadTheSameWithAndWithoutTheFastEntryReader(byte[] store, CatalogKind? kind)
    {
        foreach (var asKind in new[] { kind, null }.Distinct())
        {
            AssertSameRead(store, asKind, decrypting: false);
            AssertSameRead(store, asKind, decrypting: true);
        }
    }

    /// <summary>Bytes changed inside payload records (framing intact), and torn tails.</summary>
    [Test]
    public void StoresWithDamagedPayloadsReadTheSame()
    {
        var random = new Random(20261127);
        var stores = FastCatalogReadTests.Stores().Where(s => Payloads(s.Bytes).Any()).ToList();
        var damageFound = 0;
        for (var round = 0; round < 600; round++)
        {
            var (_, original, kind) = stores[random.Next(stores.Count)];
            var bytes = (byte[])original.Clone();
            var payloads = Payloads(original).ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var (offset, length) = payloads[random.Next(payloads.Count)];
                bytes[offset + random.Next(length)] = Damage(random);
            }
            if (round % 10 == 0) bytes = bytes[..random.Next(1, bytes.Length)];
            var result = AssertSameRead(bytes, kind, decrypting: round % 2 == 0);
            if (result.Findings.Concat(result.State.Findings).Any(f => f.Severity != Severity.Info)) damageFound++;
        }
        Assert.That(damageFound, Is.GreaterThan(100), "the damage reaches the findings");
    }

    private static IEnumerable<TestCaseData> PayloadCorpus()
    {
        foreach (var (name, bytes, kind) in FastCatalogReadTests.Stores())
        {
            var payloads = Payloads(bytes).Select(p => bytes.AsSpan(p.Offset, p.Length).ToArray()).ToList();
            if (payloads.Count > 0) yield return new TestCaseData(payloads, kind).SetName($"{{m}}({name})");
        }
    }

    [TestCaseSource(nameof(PayloadCorpus))]
    public void EveryStoredPayloadIsDeclinedOrReadAsTheParserReadsIt(List<byte[]> payloads, CatalogKind? kind)
    {
        foreach (var payload in payloads)
        {
            AssertAgrees(payload, kind);
            AssertAgrees(payload, null);
        }
    }

    /// <summary>Every catalog and spool entry of the plaintext golden profile takes the fast path, except the kinds it leaves to the parser.</summary>
    [Test]
    public void PlainGoldenEntriesTakeTheFastPath()
    {
        var read = 0;
        foreach (var (name, bytes, kind) in FastCatalogReadTests.Stores().Where(s => s.Name.Contains("reference-two-accounts-plaintext", StringComparison.Ordinal)))
        {
            foreach (var (offset, length) in Payloads(bytes))
            {
                var payload = bytes.AsSpan(offset, length);
                var parsed = CatalogEntryParser.Parse(payload.ToArray(), 0, kind);
                if (parsed.Entry is not { EntryType: { } type } || parsed.Findings.Count > 0) continue;
                if (type == EntryTypes.MessageComplete || type == EntryTypes.CatalogedAccess || payload.Contains((byte)'\\')) continue;
                Assert.That(FastEntryReader.TryRead(payload, kind), Is.Not.Null, $"{name} at {offset}: {Encoding.UTF8.GetString(payload)}");
                read++;
            }
        }
        Assert.That(read, Is.GreaterThan(50));
    }

    internal static readonly string[] EdgeCases =
    [
        """{"CatalogedBookmark":{"Uri":"https://a.example/","Title":"t"}}""",
        """  {"CatalogedBookmark" : {"Uid":"u1" , "Uri":"x"} }  """,
        "{\n  \"CatalogedBookmark\": {\n    \"Uid\": \"u\n1\"}}\r\n",
        """{"CatalogedBookmark":{"Uid":"u1","Uid":"u2"}}""",
        """{"CatalogedBookmark":{"Uid":5,"Uid":"u2"}}""",
        """{"CatalogedBookmark":{"Uid":null}}""",
        """{"CatalogedBookmark":{"Uid":""}}""",
        """{"CatalogedBookmark":{"Uid":"u1"},"Other":{}}""",
        """{"CatalogedBookmark":{"Uid":"u1"}} x""",
        """{"CatalogedBookmark":{"Uid":"u1"}}}""",
        """{"CatalogedBookmark":{"Uid":"u1",}}""",
        """{"CatalogedBookmark":{"Ui\u0064":"u1"}}""",
        """{"CatalogedBookmark":{"Uid":"u\u0031"}}""",
        """{"Cataloged\u0042ookmark":{"Uid":"u1"}}""",
        """{"CatalogedBookmark":{"Uid":"ü1"}}""",
        """{"CatalogedBookmark":{"Uid":"u1","N":01}}""",
        """{"CatalogedBookmark":{"Uid":"u1","N":1.5}}""",
        """{"CatalogedBookmark":{"Uid":"u1","N":-0,"M":[1,true,false,null,{"a":[]}]}}""",
        """{"CatalogedBookmark":{"Uid":"u1","N":[1,]}}""",
        """{"CatalogedBookmark":{"Uid":"u1","N":tru}}""",
        """{"CatalogedBookmark":{"Uid":"u1"}""",
        """{"CatalogedBookmark":["Uid"]}""",
        """{"CatalogedBookmark":{}}""",
        """{"CatalogedBookmark":"u1"}""",
        """{}""",
        """[]""",
        """{"CatalogedWhatever":{"Uid":"u1"}}""",
        """{"catalogedbookmark":{"Uid":"u1"}}""",
        """{"CatalogedCredential":{"Protocol":"ssh","Service":"host.example"}}""",
        """{"CatalogedCredential":{"Service":"host.example","Protocol":"ssh"}}""",
        """{"CatalogedCredential":{"Protocol":"ssh"}}""",
        """{"CatalogedApplicationMail":{"AccountAddress":"a@b.example"}}""",
        """{"CatalogedGroup":{"Key":"g1"}}""",
        """{"CatalogedAccess":{"Capability":{"CapabilitySign":{"Id":"c1"}}}}""",
        """{"CatalogedAccess":{"Capability":"c1"}}""",
        """{"MessageComplete":{"MessageId":"m1","References":[]}}""",
        """{"RequestContact":{"MessageId":"m1","Sender":"a@b.example"}}""",
        """{"CatalogedMachine":{"Id":"MDEV-1"}}""",
        """{"CatalogedBookmark":{"Uid":"u1","Deep":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}""",
        "{\"CatalogedBookmark\":{\"Uid\":\"u\t1\"}}",
        "{\"CatalogedBookmark\":{\"Uid\":\"u1\"}}\f",
        "\uFEFF{\"CatalogedBookmark\":{\"Uid\":\"u1\"}}",
    ];

    [Test]
    public void HandMadePayloadsAtTheEdgesOfTheSubset()
    {
        var accepted = 0;
        foreach (var text in EdgeCases)
        {
            var payload = Encoding.UTF8.GetBytes(text);
            foreach (var kind in new[] { null, CatalogKinds.Bookmark, CatalogKinds.Credential, CatalogKinds.AnySpool, CatalogKinds.Host })
                if (AssertAgrees(payload, kind)) accepted++;
        }
        Assert.That(accepted, Is.GreaterThan(10));
    }

    /// <summary>Every payload of the corpus with one to three bytes changed: the reader declines or agrees with the parser.</summary>
    [Test]
    public void DamagedPayloadsAreDeclinedOrReadAsTheParserReadsThem()
    {
        var random = new Random(20261128);
        var corpus = FastCatalogReadTests.Stores()
            .SelectMany(s => Payloads(s.Bytes).Select(p => (Payload: s.Bytes.AsSpan(p.Offset, p.Length).ToArray(), s.Kind)))
            .Where(p => p.Payload.Length > 0 && p.Payload[0] == '{')
            .Concat(EdgeCases.Select(t => (Payload: Encoding.UTF8.GetBytes(t), Kind: (CatalogKind?)null)))
            .ToList();
        var accepted = 0;
        for (var round = 0; round < 20000; round++)
        {
            var (original, kind) = corpus[random.Next(corpus.Count)];
            var payload = (byte[])original.Clone();
            for (var edits = random.Next(1, 4); edits > 0; edits--) payload[random.Next(payload.Length)] = Damage(random);
            if (round % 7 == 0) payload = payload[..random.Next(payload.Length + 1)];
            if (AssertAgrees(payload, round % 3 == 0 ? null : kind)) accepted++;
        }
        Assert.That(accepted, Is.GreaterThan(1000), "damaged payloads still reach the fast path");
    }

    /// <returns>Whether the fast reader accepted the payload.</returns>
    private static bool AssertAgrees(byte[] payload, CatalogKind? kind)
    {
        var fast = FastEntryReader.TryRead(payload, kind);
        if (fast is null) return false;
        var parsed = CatalogEntryParser.Parse(payload, 0, kind);
        var shown = Encoding.UTF8.GetString(payload);
        Assert.That(parsed.Findings.Select(f => $"{f.Code} {f.Message}"), Is.Empty, $"the parser reports on a payload the fast reader accepted: {shown}");
        Assert.That(parsed.Entry, Is.Not.Null, shown);
        Assert.That((fast.Tag, fast.Key, fast.EntryType), Is.EqualTo((parsed.Entry!.Tag, parsed.Entry.Key, parsed.Entry.EntryType)), shown);
        Assert.That(fast.Body.Members, Is.Empty);
        return true;
    }

    private static CatalogReadResult AssertSameRead(byte[] store, CatalogKind? kind, bool decrypting) =>
        FastCatalogReadTests.AssertSameRead(store, kind, decrypting,
            (source, decrypt) => CatalogReader.Read(source, kind, decrypt, keepEntryBodies: false, fastHeaders: true, fastEntries: true),
            (source, decrypt) => CatalogReader.Read(source, kind, decrypt, keepEntryBodies: false, fastHeaders: true, fastEntries: false));

    /// <summary>Where each frame's payload record is (frames with one).</summary>
    internal static IEnumerable<(int Offset, int Length)> Payloads(byte[] store) =>
        FrameScanner.ScanForward(new MemoryByteSource(store)).Frames
            .Select(f => f.Payload).OfType<RecordLayout>().Where(p => p.DataLength > 0)
            .Select(p => ((int)p.DataOffset, (int)p.DataLength));

    private static readonly byte[] Interesting = "\"\\{}[],: \t\n\r-0123456789.eEAZaz_tfnulU\u0080\u00ff"u8.ToArray();

    private static byte Damage(Random random) => random.Next(3) == 0 ? (byte)random.Next(256) : Interesting[random.Next(Interesting.Length)];
}
