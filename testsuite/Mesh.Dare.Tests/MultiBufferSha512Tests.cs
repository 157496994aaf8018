using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using System.Text;
using MeshConformance.Dare.Digests;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Verification;
using MeshConformance.Dare.Writing;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>
/// The eight-lane SHA-512 gives exactly <see cref="SHA512.HashData(ReadOnlySpan{byte})"/>'s digests, vectorised and
/// through its fallback, and the verifier reports the same with multi-buffer hashing on and off.
/// </summary>
public class MultiBufferSha512Tests
{
    /// <summary>The vectorised path where the CPU has it (it would throw otherwise), and always the fallback.</summary>
    private static IEnumerable<bool> Paths() => MultiBufferSha512.IsAccelerated ? [true, false] : [false];

    [Test]
    public void ReportsWhetherAvx512IsUsed()
    {
        TestContext.Out.WriteLine($"Avx512F {Avx512F.IsSupported}, Avx512BW {Avx512BW.IsSupported}, Vector512 accelerated {Vector512.IsHardwareAccelerated}: " +
            $"multi-buffer SHA-512 {(MultiBufferSha512.IsAccelerated ? "vectorised" : "falls back to SHA512.HashData")}");
        Assert.That(MultiBufferSha512.IsAccelerated, Is.EqualTo(Avx512F.IsSupported && Avx512BW.IsSupported && Vector512.IsHardwareAccelerated));
    }

    [Test]
    public void NistVectors([ValueSource(nameof(Paths))] bool vectorised)
    {
        var source = Encoding.ASCII.GetBytes("abc");
        var digests = new byte[2 * 64];
        MultiBufferSha512.Hash(source, [0, 3], [3, 0], digests, vectorised);
        Assert.That(Convert.ToHexStringLower(digests[..64]), Is.EqualTo(
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"));
        Assert.That(Convert.ToHexStringLower(digests[64..]), Is.EqualTo(
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"));
    }

    [Test]
    public void EveryLengthUpTo600([ValueSource(nameof(Paths))] bool vectorised)
    {
        var random = new Random(600);
        var source = new byte[8 * 608];
        random.NextBytes(source);
        for (var length = 0; length <= 600; length++)
        {
            // Alone, and in a full batch next to seven neighbouring lengths (so each length sits in every lane once).
            AssertSameAsHashData(source, [length * 7 % 400], [length], vectorised);
            var starts = Enumerable.Range(0, 8).Select(j => j * 608 + length % 5).ToArray();
            var lengths = Enumerable.Range(0, 8).Select(j => Math.Min(600, length + (j - length % 8 + 8) % 8)).ToArray();
            AssertSameAsHashData(source, starts, lengths, vectorised);
        }
    }

    [Test]
    public void RandomLengthsAndBatchSizes([ValueSource(nameof(Paths))] bool vectorised)
    {
        var random = new Random(70_000);
        var source = new byte[80_000];
        for (var round = 0; round < 300; round++)
        {
            random.NextBytes(source);
            var count = 1 + round % 8;
            var lengths = Enumerable.Range(0, count).Select(_ => random.Next(4) switch
            {
                0 => random.Next(70_001),
                1 => random.Next(1_000),
                2 => 128 * random.Next(1, 20) + random.Next(-17, 18) is var n && n > 0 ? n : 0,
                _ => random.Next(250),
            }).ToArray();
            var starts = lengths.Select(l => random.Next(source.Length - l + 1)).ToArray();
            AssertSameAsHashData(source, starts, lengths, vectorised);
        }
    }

    [Test]
    public void EmptyBatchWritesNothing([ValueSource(nameof(Paths))] bool vectorised)
    {
        var digests = new byte[64];
        MultiBufferSha512.Hash([], [], [], digests, vectorised);
        Assert.That(digests, Is.All.EqualTo(0));
    }

    [Test]
    public void FoldChainsMatchFoldWithZero([ValueSource(nameof(Paths))] bool vectorised)
    {
        var random = new Random(6);
        var starts = new byte[8][];
        var lanes = new ulong[MultiBufferSha512.FoldLaneWords];
        for (var lane = 0; lane < 8; lane++)
        {
            starts[lane] = new byte[64];
            if (lane > 0) random.NextBytes(starts[lane]); // lane 0 folds the all-zero digest
            MultiBufferSha512.SetLane(lanes, lane, starts[lane]);
        }
        var got = new byte[64];
        for (var folds = 1; folds <= 6; folds++)
        {
            MultiBufferSha512.FoldWithZero(lanes, vectorised);
            for (var lane = 0; lane < 8; lane++)
            {
                MultiBufferSha512.GetLane(lanes, lane, got);
                var expected = DareDigests.FoldWithZero(starts[lane], folds);
                Assert.That(got, Is.EqualTo(expected), $"lane {lane}, {folds} folds");
                Assert.That(MultiBufferSha512.LaneEquals(lanes, lane, expected), Is.True);
                Assert.That(MultiBufferSha512.LaneEquals(lanes, lane, expected[..63]), Is.False);
            }
        }
    }

    [Test]
    public void FallbackAndVectorisedAgree()
    {
        if (!MultiBufferSha512.IsAccelerated) Assert.Ignore("no AVX-512 here: only the fallback runs");
        var random = new Random(8);
        var source = new byte[5_000];
        random.NextBytes(source);
        for (var round = 0; round < 200; round++)
        {
            var count = 1 + round % 8;
            var lengths = Enumerable.Range(0, count).Select(_ => random.Next(1_200)).ToArray();
            var starts = lengths.Select(l => random.Next(source.Length - l + 1)).ToArray();
            var vector = new byte[count * 64];
            var scalar = new byte[count * 64];
            MultiBufferSha512.Hash(source, starts, lengths, vector, vectorised: true);
            MultiBufferSha512.Hash(source, starts, lengths, scalar, vectorised: false);
            Assert.That(vector, Is.EqualTo(scalar));
        }
    }

    /// <summary>Containers in both tree conventions, several batches long, damaged and whole.</summary>
    private static IEnumerable<TestCaseData> Containers()
    {
        foreach (var container in FastHeaderCorpus.Containers()) yield return Case(container);
        var golden = RepositoryPaths.Vectors("golden");
        foreach (var file in Directory.EnumerateFiles(golden, "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".dare", StringComparison.Ordinal) || f.EndsWith(".dcat", StringComparison.Ordinal)).Order())
            yield return Case(("golden/" + Path.GetRelativePath(golden, file), File.ReadAllBytes(file)));
        foreach (var type in new[] { ContainerType.Merkle, ContainerType.Chain, ContainerType.Digest, ContainerType.Tree })
        {
            var payloads = Enumerable.Range(0, 1300).Select(i => Enumerable.Range(0, i % 41 == 0 ? 70_000 : i * 13 % 700).Select(b => (byte)(b ^ i)).ToArray()).ToArray();
            var bytes = ContainerWriter.WriteAll(new ContainerSettings { Type = type }, payloads, i => new ContentMeta { UniqueId = $"m{i}" });
            yield return Case(($"large-{type}", bytes));
            var damaged = (byte[])bytes.Clone();
            for (var at = 700; at < damaged.Length; at += damaged.Length / 11) damaged[at] ^= 0x04;
            yield return Case(($"large-{type}-flipped", damaged));
        }

        static TestCaseData Case((string Name, byte[] Bytes) c) => new TestCaseData(c.Bytes).SetName($"{{m}}({c.Name})");
    }

    [TestCaseSource(nameof(Containers))]
    public void VerifierReportsTheSameWithAndWithoutMultiBuffer(byte[] container)
    {
        foreach (var collect in new[] { false, true })
        {
            var options = new VerifyOptions { CollectFrames = collect };
            ContainerReport single;
            try
            {
                VerifierTuning.MultiBufferDigests = false;
                single = ContainerVerifier.Verify(new MemoryByteSource(container), options, null, VerifierTuning.Default);
            }
            finally
            {
                VerifierTuning.MultiBufferDigests = true;
            }
            foreach (var tuning in new[] { VerifierTuning.Default, VerifierTuning.Default with { ParallelDigests = false } })
            {
                var multi = ContainerVerifier.Verify(new MemoryByteSource(container), options, null, tuning);
                PerfReportComparison.AssertSame(multi, single);
                Assert.That(multi.Frames.Select(Digests), Is.EqualTo(single.Frames.Select(Digests)));
            }
        }
    }

    private static string Digests(FrameReport f) =>
        string.Join("|", f.Ordinal, f.PayloadDigest, f.ChainDigest, f.ChainDialect, f.TreeDigest, f.TreeConvention);

    private static void AssertSameAsHashData(byte[] source, int[] starts, int[] lengths, bool vectorised)
    {
        var digests = new byte[starts.Length * 64 + 64];
        digests.AsSpan(starts.Length * 64).Fill(0xA5);
        MultiBufferSha512.Hash(source, starts, lengths, digests, vectorised);
        for (var j = 0; j < starts.Length; j++)
        {
            Assert.That(digests.AsSpan(j * 64, 64).ToArray(), Is.EqualTo(SHA512.HashData(source.AsSpan(starts[j], lengths[j]))),
                $"message {j} of {starts.Length}, {lengths[j]} bytes, lengths [{string.Join(", ", lengths)}]");
        }
        Assert.That(digests.AsSpan(starts.Length * 64).ToArray(), Is.All.EqualTo(0xA5), "wrote past the last digest");
    }
}
