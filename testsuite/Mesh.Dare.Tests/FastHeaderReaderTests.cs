using System.Text;
using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Verification;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>
/// The fast header reader either declines a record or reads exactly what the full parser reads, on a record the
/// full parser has no finding for; and the verifier's report is the same with the fast path on and off.
/// </summary>
public class FastHeaderReaderTests
{
    private static IEnumerable<TestCaseData> ContainerCases() =>
        FastHeaderCorpus.Containers().Select(c => new TestCaseData(c.Bytes).SetName($"{{m}}({c.Name})"));

    [TestCaseSource(nameof(ContainerCases))]
    public void FastAndFullReadersAgreeOnEveryRecord(byte[] container)
    {
        foreach (var (record, isHeader) in FastHeaderCorpus.Records(container)) AssertAgree(record, isHeader);
    }

    [TestCaseSource(nameof(ContainerCases))]
    public void VerifierReportIsTheSameWithAndWithoutTheFastReader(byte[] container)
    {
        var fast = ContainerVerifier.Verify(new MemoryByteSource(container), null, null, VerifierTuning.Default);
        var full = ContainerVerifier.Verify(new MemoryByteSource(container), null, null, VerifierTuning.Default with { FastHeaders = false });
        PerfReportComparison.AssertSame(fast, full);
    }

    [Test]
    public void FastAndFullReadersAgreeOnHandMadeHeaders()
    {
        foreach (var text in FastHeaderCorpus.Headers()) AssertAgree(Encoding.UTF8.GetBytes(text), isHeader: true);
        foreach (var text in FastHeaderCorpus.Trailers()) AssertAgree(Encoding.UTF8.GetBytes(text), isHeader: false);
    }

    [Test]
    public void TheCommonShapesTakeTheFastPath()
    {
        var headers = FastHeaderCorpus.Headers().Take(3).Select(Encoding.UTF8.GetBytes);
        Assert.That(headers.Select(h => FastHeaderReader.TryReadHeader(h)), Is.All.Not.Null);
        Assert.That(FastHeaderReader.TryReadTrailer(Encoding.UTF8.GetBytes(FastHeaderCorpus.Trailers().First())), Is.Not.Null);
        var merkle = FastHeaderCorpus.Containers().Single(c => c.Name == "writer/Merkle-Dare08-Sequence").Bytes;
        Assert.That(FastHeaderCorpus.Records(merkle).Select(r => r.IsHeader ? FastHeaderReader.TryReadHeader(r.Record) : FastHeaderReader.TryReadTrailer(r.Record)),
            Is.All.Not.Null, "every record our writer produces for a Merkle container is read without the JSON tree");
    }

    [Test]
    public void FastAndFullReadersAgreeOnMutatedRecords()
    {
        var random = new Random(20251103);
        var seeds = FastHeaderCorpus.Headers().Take(3).Select(t => (Encoding.UTF8.GetBytes(t), true))
            .Concat(FastHeaderCorpus.Trailers().Take(1).Select(t => (Encoding.UTF8.GetBytes(t), false)))
            .ToArray();
        byte[] interesting = "\"\\{}[],: \t\n\r\f-0123456789.eEAZaz_+/=tfnul\u0080\u00ff"u8.ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            var (seed, isHeader) = seeds[random.Next(seeds.Length)];
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
            AssertAgree([.. bytes], isHeader);
        }
    }

    /// <summary>Decoded base64 where the last character carries unused bits: the fast decoder must accept and reject exactly as the parser does.</summary>
    [Test]
    public void FastAndFullReadersAgreeOnEveryTwoAndThreeCharacterBase64Tail()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        foreach (var a in alphabet)
        {
            foreach (var b in alphabet)
            {
                AssertAgree(Encoding.ASCII.GetBytes($"{{\"Salt\": \"AAAA{a}{b}\"}}"), isHeader: true);
                AssertAgree(Encoding.ASCII.GetBytes($"{{\"Salt\": \"AAAAA{a}{b}\"}}"), isHeader: true);
            }
        }
    }

    private static void AssertAgree(byte[] record, bool isHeader)
    {
        var fast = isHeader ? FastHeaderReader.TryReadHeader(record) : FastHeaderReader.TryReadTrailer(record);
        if (fast is null) return; // declined: the full parser reads it, whatever it holds
        var findings = new List<Finding>();
        var parsed = isHeader
            ? DareHeaderParser.ParseHeader(record, 0, 0, findings) is { } h ? RecordFacts.From(h) : null
            : DareHeaderParser.ParseTrailer(record, 0, 0, findings) is { } t ? RecordFacts.From(t) : null;
        var shown = Encoding.UTF8.GetString(record);
        Assert.That(findings, Is.Empty, "the fast reader accepted a record the parser has findings for: " + shown);
        Assert.That(parsed, Is.Not.Null, shown);
        Assert.That(Describe(fast), Is.EqualTo(Describe(parsed!)), shown);
    }

    private static string Describe(RecordFacts f) => string.Join("|",
        Hex(f.PayloadDigest), Hex(f.ChainDigest), Hex(f.TreeDigest), f.HasSignatures, f.HasWrappedBase64, f.InfoMemberName, f.Info,
        f.EncryptionAlgorithm, Hex(f.Salt), Hex(f.Malt), string.Join(",", f.RecipientKeyIdentifiers), f.ContentType, f.IsEncrypted, f.Vocabulary);

    private static string Hex(byte[]? bytes) => bytes is null ? "null" : Convert.ToHexString(bytes);
}

/// <summary>Two reports of the same container must be identical in every finding and every summary field.</summary>
internal static class PerfReportComparison
{
    public static void AssertSame(ContainerReport actual, ContainerReport expected)
    {
        Assert.That(actual.Findings.Select(Show), Is.EqualTo(expected.Findings.Select(Show)));
        Assert.That(Summary(actual), Is.EqualTo(Summary(expected)));
    }

    private static string Show(Finding f) => $"{f.Code}|{f.Severity}|{f.Offset}|{f.FrameIndex}|{f.Message}";

    private static string Summary(ContainerReport r) => string.Join("|", r.FrameCount, r.ValidEnd, r.FileLength, r.LastIndex, r.ContainerType,
        r.ContainerTypeText, r.DataEncoding, r.ContentType, r.Vocabulary, r.DigestDialect, r.TreeConvention, r.Frames.Count);
}
