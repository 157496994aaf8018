using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Verification;
using MeshConformance.Dare.Writing;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>
/// The verifier's speed-ups (fast header reader, batches hashed on a second thread) change how it works, never
/// what it reports: every combination gives the same findings, in the same order, and the same frame reports.
/// </summary>
public class PerfVerifierEquivalenceTests
{
    private static readonly VerifierTuning Plain = new() { FastHeaders = false, ParallelDigests = false };

    private static readonly VerifierTuning[] Tunings =
    [
        VerifierTuning.Default,
        VerifierTuning.Default with { ParallelDigests = false },
        VerifierTuning.Default with { FastHeaders = false },
    ];

    private static IEnumerable<TestCaseData> Containers() =>
        FastHeaderCorpus.Containers().Concat(LargeContainers()).Select(c => new TestCaseData(c.Bytes).SetName($"{{m}}({c.Name})"));

    /// <summary>Several batches' worth of frames, with damage in the middle and at the end, so batch edges are crossed.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> LargeContainers()
    {
        foreach (var type in new[] { ContainerType.Merkle, ContainerType.Chain, ContainerType.Digest })
        {
            var payloads = Enumerable.Range(0, 1500).Select(i => new byte[i % 97 == 0 ? 70_000 : i % 300]).ToArray();
            var bytes = ContainerWriter.WriteAll(new ContainerSettings { Type = type }, payloads, i => new ContentMeta { UniqueId = $"u{i}" });
            yield return ($"large-{type}", bytes);
            var damaged = (byte[])bytes.Clone();
            for (var at = 1000; at < damaged.Length; at += damaged.Length / 7) damaged[at] ^= 0x20;
            yield return ($"large-{type}-flipped", damaged);
            yield return ($"large-{type}-torn", bytes[..(bytes.Length - 300)]);
        }
    }

    [TestCaseSource(nameof(Containers))]
    public void EveryTuningGivesTheSameReport(byte[] container)
    {
        foreach (var collect in new[] { false, true })
        {
            var options = new VerifyOptions { CollectFrames = collect };
            var expected = ContainerVerifier.Verify(new MemoryByteSource(container), options, null, Plain);
            foreach (var tuning in Tunings)
            {
                var actual = ContainerVerifier.Verify(new MemoryByteSource(container), options, null, tuning);
                PerfReportComparison.AssertSame(actual, expected);
                Assert.That(actual.Frames.Select(Show), Is.EqualTo(expected.Frames.Select(Show)));
            }
        }
    }

    private static string Show(FrameReport f) => string.Join("|", f.Ordinal, f.Offset, f.Length, f.Index, f.TreePosition, f.IsMeta, f.RecordCount,
        f.PayloadLength, f.Trailer, f.DigestLocation, f.PayloadDigest, f.ChainDigest, f.ChainDialect, f.TreeDigest, f.TreeConvention, f.Encrypted,
        f.EncryptionAlgorithm, f.KeyIdentifier, f.Salt is null ? "" : Convert.ToHexString(f.Salt), string.Join(",", f.RecipientKeyIdentifiers),
        f.ContentMeta?.UniqueId, f.ContentMeta?.ContentType, f.InfoMemberName);
}
