using System.Text;
using MeshConformance.Core;
using MeshConformance.Dare.Digests;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Verification;
using MeshConformance.Dare.Writing;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>Our writer against the drafts' example containers, byte for byte where the draft allows it.</summary>
public class ContainerWriterTests
{
    private static readonly byte[] Payload300 = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();

    [Test]
    public void WriterReproducesTheDare08SimpleListExample()
    {
        var expected = DraftVectors.ById("dare.json", "dare08-container-simple-list").GetProperty("expected").GetProperty("derived_full_file_hex").GetString();
        var bytes = ContainerWriter.WriteAll(new ContainerSettings { Type = ContainerType.List }, [Payload300]);
        Assert.That(Hex.Encode(bytes), Is.EqualTo(expected));
    }

    [Test]
    public void WriterReproducesTheDare12SimpleListExample()
    {
        var expected = DraftVectors.ById("dare.json", "dare12-sequence-simple-list").GetProperty("expected").GetProperty("derived_full_file_hex").GetString();
        var settings = new ContainerSettings { Type = ContainerType.List, Vocabulary = DareVocabulary.Dare12, WriteEmptyPolicy = true };
        Assert.That(Hex.Encode(ContainerWriter.WriteAll(settings, [Payload300])), Is.EqualTo(expected));
    }

    [Test]
    public void WriterReproducesTheMerkleExampleLayoutAndDigests()
    {
        var expected = DraftVectors.ById("dare.json", "dare08-container-merkle").GetProperty("expected");
        var bytes = ContainerWriter.WriteAll(new ContainerSettings { Type = ContainerType.Merkle }, Enumerable.Repeat(Payload300, 6));
        using var source = new MemoryByteSource(bytes);
        var report = ContainerVerifier.Verify(source, new VerifyOptions { CollectFrames = true });

        var offsets = expected.GetProperty("derived_frame_start_offsets").EnumerateArray().Select(e => e.GetInt64()).ToList();
        Assert.That(report.Frames.Select(f => f.Offset), Is.EqualTo(offsets));
        foreach (var entry in expected.GetProperty("TreePosition").EnumerateObject())
            Assert.That(report.Frames[int.Parse(entry.Name)].TreePosition, Is.EqualTo(entry.Value.GetInt64()), "TreePosition " + entry.Name);

        var trailers = TrailerTexts(bytes);
        foreach (var entry in expected.GetProperty("TreeDigest").EnumerateObject())
        {
            var want = entry.Value.GetString()!;
            // The draft prints the value line-wrapped after 48 characters, as the reference writer does.
            Assert.That(trailers[int.Parse(entry.Name)], Does.Contain($"\"TreeDigest\": \"{want[..48]}\n  {want[48..]}\""), "TreeDigest " + entry.Name);
        }
        Assert.That(report.Findings.Where(f => f.Severity != Severity.Info), Is.Empty);
        Assert.That(report.DigestDialect, Is.EqualTo(DigestDialect.Reference));
        Assert.That(report.TreeConvention, Is.EqualTo("sequence"));
    }

    [Test]
    public void WriterReproducesTheChainExampleTrailers()
    {
        var expected = DraftVectors.ById("dare.json", "dare08-container-chain").GetProperty("expected").GetProperty("frames_1_2_3_trailer");
        var bytes = ContainerWriter.WriteAll(new ContainerSettings { Type = ContainerType.Chain }, Enumerable.Repeat(Payload300, 3));
        var trailers = TrailerTexts(bytes);
        var pd = expected.GetProperty("PayloadDigest").GetString()!;
        var cd = expected.GetProperty("ChainDigest").GetString()!;
        var text = $"{{\n  \"PayloadDigest\": \"{pd[..45]}\n  {pd[45..]}\",\n  \"ChainDigest\": \"{cd[..47]}\n  {cd[47..]}\"}}";
        Assert.That(trailers.Skip(1), Is.All.EqualTo(text));
    }

    [Test]
    public void EncryptedFrameHeaderIsTheDare08ExampleText()
    {
        var vector = DraftVectors.ById("dare.json", "dare08-container-encrypted-single-exchange").GetProperty("expected");
        var text = vector.GetProperty("frame1_header_text").GetString()!;
        var header = HeaderWriter.Header(new FrameHeaderFields
        {
            Vocabulary = DareVocabulary.Dare08,
            Index = 1,
            ContentMetaData = HeaderWriter.ContentMetaBytes(null),
            EncryptionAlgorithm = "A256CBC",
            KeyIdentifier = "EBQL-FP4Q-VW6U-OIXJ-T2XF-KVR2-IBEY",
            Salt = Base64Url.TryDecode("pfVBV9TTZNwDdLX_xrElXw", out var salt) ? salt : null,
        });
        Assert.That(Encoding.UTF8.GetString(header), Is.EqualTo(text));
        Assert.That(header, Has.Length.EqualTo(0xaa));
    }

    [Test]
    public void EncryptedDataFrameHasTheExampleFraming()
    {
        // dare08 §14.5: data frames are f5 01df | f0 aa header | f1 0130 304-byte ciphertext | df 01 f5, no trailer.
        var salts = new Queue<byte[]>(Enumerable.Range(1, 3).Select(i => Enumerable.Repeat((byte)i, 16).ToArray()));
        var settings = new ContainerSettings
        {
            Type = ContainerType.List,
            Encryption = new FrameEncryption(new byte[32], "EBQL-FP4Q-VW6U-OIXJ-T2XF-KVR2-IBEY", [], salts.Dequeue),
        };
        var bytes = ContainerWriter.WriteAll(settings, [Payload300]);
        using var source = new MemoryByteSource(bytes);
        var report = ContainerVerifier.Verify(source, new VerifyOptions { CollectFrames = true, MasterKey = new byte[32], KeepPlaintext = true });
        var frame1 = report.Frames[1];
        Assert.That(Hex.Encode(bytes.AsSpan((int)frame1.Offset, 3)), Is.EqualTo("f501df"));
        Assert.That(frame1.PayloadLength, Is.EqualTo(0x130));
        Assert.That(frame1.RecordCount, Is.EqualTo(2));
        Assert.That(report.Frames[0].PayloadLength, Is.EqualTo(16), "frame 0 payload is the padding of an empty plaintext");
        Assert.That(frame1.Decrypted, Is.True);
        Assert.That(frame1.Plaintext, Is.EqualTo(Payload300));
    }

    private static IEnumerable<TestCaseData> AllShapes()
    {
        foreach (var type in Enum.GetValues<ContainerType>())
            foreach (var vocabulary in Enum.GetValues<DareVocabulary>())
                foreach (var encrypted in new[] { false, true })
                    yield return new TestCaseData(type, vocabulary, encrypted).SetName($"{{m}}({type},{vocabulary},{(encrypted ? "encrypted" : "plain")})");
    }

    [TestCaseSource(nameof(AllShapes))]
    public void EveryContainerShapeVerifiesCleanAndDecrypts(ContainerType type, DareVocabulary vocabulary, bool encrypted)
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
        var counter = 0;
        var settings = new ContainerSettings
        {
            Type = type,
            Vocabulary = vocabulary,
            ContentType = "application/mmm-catalog",
            Encryption = encrypted ? new FrameEncryption(key, "EBQL-FP4Q-VW6U-OIXJ-T2XF-KVR2-IBEY", [], () => BitConverter.GetBytes(++counter).Concat(new byte[12]).ToArray()) : null,
        };
        var payloads = Enumerable.Range(0, 40).Select(i => Encoding.UTF8.GetBytes(new string('x', i * 13))).ToList();
        var bytes = ContainerWriter.WriteAll(settings, payloads, i => new ContentMeta { UniqueId = "id" + i % 5, Event = i < 5 ? "New" : "Update" });
        using var source = new MemoryByteSource(bytes);
        var report = ContainerVerifier.Verify(source, new VerifyOptions { CollectFrames = true, MasterKey = encrypted ? key : null, KeepPlaintext = true });

        Assert.That(report.Findings.Where(f => f.Severity != Severity.Info), Is.Empty);
        Assert.That(report.ContainerType, Is.EqualTo(type));
        Assert.That(report.Vocabulary, Is.EqualTo(vocabulary));
        Assert.That(report.ContentType, Is.EqualTo("application/mmm-catalog"));
        Assert.That(report.Frames.Select(f => f.Index), Is.EqualTo(Enumerable.Range(0, 41).Select(i => (long?)i)));
        Assert.That(report.Frames.Skip(1).Select(f => f.ContentMeta?.UniqueId), Is.EqualTo(payloads.Select((_, i) => "id" + i % 5)));
        if (encrypted)
            Assert.That(report.Frames.Skip(1).Select(f => f.Plaintext), Is.EqualTo(payloads));
        var expectedDialect = type is ContainerType.Chain or ContainerType.Merkle ? DigestDialect.Reference : DigestDialect.None;
        Assert.That(report.DigestDialect, Is.EqualTo(expectedDialect));
        Assert.That(report.Frames.Skip(1).Select(f => f.PayloadDigest),
            Is.All.EqualTo(type.HasPayloadDigest() ? DigestCheck.Verified : DigestCheck.Absent));
    }

    /// <summary>The trailer record of each frame as text (empty string when absent or empty).</summary>
    private static List<string> TrailerTexts(byte[] bytes)
    {
        using var source = new MemoryByteSource(bytes);
        return MeshConformance.Dare.Framing.FrameScanner.ScanForward(source).Frames
            .Select(f => f.Trailer is { } t ? Encoding.UTF8.GetString(bytes, (int)t.DataOffset, (int)t.DataLength) : "").ToList();
    }
}
