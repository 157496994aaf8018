using System.Text;
using System.Text.Json;
using MeshConformance.Core;
using MeshConformance.Dare.Digests;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Verification;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>The container examples of dare-08 §14 and dare-12 §14, read back by our reader and verifier.</summary>
public class DraftContainerVectorTests
{
    private static IEnumerable<TestCaseData> FullFileVectors() =>
        DraftVectors.Cases("dare.json", "container-framing")
            .Where(c => ((JsonElement)c.Arguments[0]!).GetProperty("expected").TryGetProperty("derived_full_file_hex", out _));

    [TestCaseSource(nameof(FullFileVectors))]
    public void ReconstructedFileReadsBackWithTheDraftFraming(JsonElement vector)
    {
        var expected = vector.GetProperty("expected");
        var bytes = Hex.Decode(expected.GetProperty("derived_full_file_hex").GetString()!);
        using var source = new MemoryByteSource(bytes);
        var report = ContainerVerifier.Verify(source, new VerifyOptions { CollectFrames = true });

        Assert.That(report.Findings.Where(f => f.Severity != Severity.Info), Is.Empty);
        Assert.That(report.ContainerType, Is.EqualTo(ContainerType.List));
        Assert.That(report.Frames.Select(f => f.Index), Is.EqualTo(new long?[] { 0, 1 }));
        Assert.That(report.DataEncoding, Is.EqualTo("JSON"));

        // Every framing token the draft prints must be where our layout says the tags and lengths are.
        var shown = expected.GetProperty("framing_hex_as_shown").EnumerateArray().Select(e => e.GetString()!).ToList();
        var scan = FrameScanner.ScanForward(source);
        var tokens = new List<string>();
        foreach (var frame in scan.Frames)
        {
            tokens.Add(Hex.Encode(bytes.AsSpan((int)frame.Offset, 1 + frame.LengthWidth)));
            foreach (var record in frame.Records)
                tokens.Add(Hex.Encode(bytes.AsSpan((int)record.TagOffset, (int)(record.DataOffset - record.TagOffset))));
            tokens.Add(Hex.Encode(bytes.AsSpan((int)(frame.End - 1 - frame.LengthWidth), 1 + frame.LengthWidth)));
        }
        Assert.That(tokens, Is.EqualTo(shown));
    }

    [Test]
    public void Dare08SimpleListHeadersAreTheDraftTexts()
    {
        var vector = DraftVectors.ById("dare.json", "dare08-container-simple-list").GetProperty("expected");
        var bytes = Hex.Decode(vector.GetProperty("derived_full_file_hex").GetString()!);
        using var source = new MemoryByteSource(bytes);
        var frames = FrameScanner.ScanForward(source).Frames;
        string HeaderText(int i) => Encoding.UTF8.GetString(bytes, (int)frames[i].Header.DataOffset, (int)frames[i].Header.DataLength);
        Assert.That(HeaderText(0), Is.EqualTo(vector.GetProperty("frame0_header_text").GetString()));
        Assert.That(HeaderText(1), Is.EqualTo(vector.GetProperty("frame1_header_text").GetString()));
        // The draft's frame 1 has no trailer record at all: two records, not three.
        Assert.That(frames[1].Records, Has.Count.EqualTo(2));
        Assert.That(frames[1].Payload!.Value.DataLength, Is.EqualTo(300));
    }

    [Test]
    public void Dare12SimpleListUsesTheSequenceInfoVocabulary()
    {
        var vector = DraftVectors.ById("dare.json", "dare12-sequence-simple-list").GetProperty("expected");
        using var source = new MemoryByteSource(Hex.Decode(vector.GetProperty("derived_full_file_hex").GetString()!));
        var report = ContainerVerifier.Verify(source, new VerifyOptions { CollectFrames = true });
        Assert.That(report.Vocabulary, Is.EqualTo(DareVocabulary.Dare12));
        Assert.That(report.Frames.Select(f => f.InfoMemberName), Is.All.EqualTo("SequenceInfo"));
    }

    [Test]
    public void BackwardWalkVisitsTheSameFramesAsTheForwardWalk()
    {
        var vector = DraftVectors.ById("dare.json", "dare08-container-simple-list").GetProperty("expected");
        using var source = new MemoryByteSource(Hex.Decode(vector.GetProperty("derived_full_file_hex").GetString()!));
        var (starts, problem) = FrameScanner.ScanBackward(source, source.Length);
        Assert.That(problem, Is.Null);
        // Frame 0 is 130 + 4 bytes long (f4 82 … 82 f4), so frame 1 starts at 134.
        Assert.That(starts, Is.EqualTo(new long[] { 134, 0 }));
    }

    [TestCaseSource(typeof(DraftVectors), nameof(DraftVectors.Cases), new object[] { "dare.json", new[] { "tree-index" } })]
    public void PreviousFrameFollowsAppendixC(JsonElement vector)
    {
        foreach (var entry in vector.GetProperty("expected").GetProperty("PreviousFrame").EnumerateObject())
        {
            Assert.That(TreeIndex.PreviousFrame(long.Parse(entry.Name)), Is.EqualTo(entry.Value.GetInt64()), $"PreviousFrame({entry.Name})");
        }
    }

    [Test]
    public void ChainExampleDigestsAreTheReferenceComputationNotTheDraftFormula()
    {
        var vector = DraftVectors.ById("dare.json", "dare08-container-chain").GetProperty("expected");
        var payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var payloadDigest = DareDigests.Hash(payload);
        Assert.That(Hex.Encode(payloadDigest), Is.EqualTo(vector.GetProperty("PayloadDigest_hex").GetString()));
        var chain = vector.GetProperty("ChainDigest_hex").GetString();
        Assert.That(Hex.Encode(DareDigests.ReferenceChain(payloadDigest)), Is.EqualTo(chain));
        // The draft formula H(PD[n-1] || PD[n]) gives another value for frames 2 and 3 (whose predecessors carry the same payload).
        Assert.That(Hex.Encode(DareDigests.DraftChain(payloadDigest, payloadDigest)), Is.Not.EqualTo(chain));
    }

    [TestCase("dare08-container-merkle")]
    [TestCase("dare08-container-signed")]
    public void MerkleExampleTreeDigestsAreZeroFoldsOfThePayloadDigest(string id)
    {
        var expected = DraftVectors.ById("dare.json", id).GetProperty("expected");
        var payloadDigest = DareDigests.Hash(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray());
        foreach (var entry in expected.GetProperty("TreeDigest").EnumerateObject())
        {
            var index = long.Parse(entry.Name);
            Assert.That(Base64Url.Encode(DareDigests.ReferenceTree(payloadDigest, index, TreeDigestConvention.Sequence)),
                Is.EqualTo(entry.Value.GetString()), $"TreeDigest of frame {index}");
        }
    }

    [Test]
    public void MerkleExampleTreePositionsAreOffsetsOfThePreviousFrame()
    {
        var expected = DraftVectors.ById("dare.json", "dare08-container-merkle").GetProperty("expected");
        var offsets = expected.GetProperty("derived_frame_start_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        foreach (var entry in expected.GetProperty("TreePosition").EnumerateObject())
        {
            var n = long.Parse(entry.Name);
            Assert.That(offsets[TreeIndex.PreviousFrame(n)], Is.EqualTo(entry.Value.GetInt64()), $"TreePosition of frame {n}");
        }
    }
}
