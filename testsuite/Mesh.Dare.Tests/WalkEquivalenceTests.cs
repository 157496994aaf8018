using MeshConformance.Core;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Reading;
using MeshConformance.Dare.Verification;
using MeshConformance.Dare.Writing;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>
/// The allocation-free checking walk (framing read from spans the source lends, frames and facts refilled batch
/// after batch, the compact index set) must report exactly what the copying walk reports: a source that lends
/// nothing and returns short reads takes the old path, and every container gives the same findings either way.
/// </summary>
public class WalkEquivalenceTests
{
    private static readonly VerifierTuning Plain = new() { FastHeaders = false, ParallelDigests = false };

    /// <summary>An <see cref="IByteSource"/> that is not an <see cref="IByteWindow"/> and hands out at most a few bytes per read.</summary>
    private sealed class CopyingSource(byte[] data, int maxRead) : IByteSource
    {
        public long Length => data.Length;

        public int Read(long offset, Span<byte> buffer)
        {
            if (offset >= data.Length) return 0;
            var n = (int)Math.Min(Math.Min(buffer.Length, maxRead), data.Length - offset);
            data.AsSpan((int)offset, n).CopyTo(buffer);
            return n;
        }

        public void Dispose() { }
    }

    private static IEnumerable<TestCaseData> Containers() =>
        FastHeaderCorpus.Containers().Concat(Damaged()).Select(c => new TestCaseData(c.Bytes).SetName($"{{m}}({c.Name})"));

    /// <summary>Containers longer than a batch, damaged densely so that fast and full reads and errors alternate in refilled slots.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> Damaged()
    {
        var payloads = Enumerable.Range(0, 1300).Select(i => new byte[i % 250]).ToArray();
        foreach (var type in new[] { ContainerType.Merkle, ContainerType.Chain })
        {
            var bytes = ContainerWriter.WriteAll(new ContainerSettings { Type = type }, payloads,
                i => new ContentMeta { UniqueId = $"u{i}", Event = i % 2 == 0 ? "New" : "Update" });
            yield return ($"{type}-clean", bytes);
            foreach (var (step, mask) in new[] { (977, 0x20), (1531, 0x01), (4099, 0x7F) })
            {
                var damaged = (byte[])bytes.Clone();
                for (var at = 500; at < damaged.Length - 2000; at += step) damaged[at] ^= (byte)mask;
                yield return ($"{type}-every-{step}-xor-{mask:X2}", damaged);
            }
            yield return ($"{type}-torn", bytes[..(bytes.Length - 123)]);
        }
    }

    [TestCaseSource(nameof(Containers))]
    public void LentAndCopiedReadsGiveTheSameReport(byte[] container)
    {
        var expected = ContainerVerifier.Verify(new CopyingSource(container, 3), new VerifyOptions(), null, Plain);
        foreach (var tuning in new[] { VerifierTuning.Default, VerifierTuning.Default with { ParallelDigests = false }, Plain })
        {
            PerfReportComparison.AssertSame(ContainerVerifier.Verify(new MemoryByteSource(container), new VerifyOptions(), null, tuning), expected);
            PerfReportComparison.AssertSame(ContainerVerifier.Verify(new CopyingSource(container, 5), new VerifyOptions(), null, tuning), expected);
        }
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, container);
            PerfReportComparison.AssertSame(ContainerVerifier.Verify(path), expected);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCaseSource(nameof(Containers))]
    public void FramingWalksAgreeWithCopiedReads(byte[] container)
    {
        var copied = new CopyingSource(container, 2);
        var lent = new MemoryByteSource(container);
        var expected = FrameScanner.ScanForward(copied);
        var actual = FrameScanner.ScanForward(lent);
        Assert.That(actual.Findings.Select(Show), Is.EqualTo(expected.Findings.Select(Show)));
        Assert.That(actual.Frames.Select(Show), Is.EqualTo(expected.Frames.Select(Show)));
        Assert.That(actual.ValidEnd, Is.EqualTo(expected.ValidEnd));
        foreach (var end in new[] { container.Length, expected.ValidEnd, container.Length / 2 })
        {
            var (startsCopied, problemCopied) = FrameScanner.ScanBackward(copied, end);
            var (startsLent, problemLent) = FrameScanner.ScanBackward(lent, end);
            Assert.That(startsLent, Is.EqualTo(startsCopied));
            Assert.That(problemLent is null ? "" : Show(problemLent), Is.EqualTo(problemCopied is null ? "" : Show(problemCopied)));
        }
    }

    /// <summary>The walk state a caller sees while it handles each frame (catalog reading reports where a failure stopped it).</summary>
    [TestCaseSource(nameof(Containers))]
    public void CheckingWalkStateMovesOnWhenReadFramesDoes(byte[] container)
    {
        var source = new MemoryByteSource(container);
        var expectedWalk = new WalkState();
        var expected = ContainerReader.ReadFrames(source, [], expectedWalk).Select(f => $"{f.Layout.Offset}|{expectedWalk.ValidEnd}|{expectedWalk.FrameCount}").ToList();
        foreach (var keepParsed in new[] { false, true })
        {
            var walk = new WalkState();
            var actual = ContainerReader.ReadCheckedFrames(source, [], walk, keepParsed).Select(f => $"{f.Offset}|{walk.ValidEnd}|{walk.FrameCount}").ToList();
            Assert.That(actual, Is.EqualTo(expected));
            Assert.That((walk.ValidEnd, walk.FrameCount, walk.Broken), Is.EqualTo((expectedWalk.ValidEnd, expectedWalk.FrameCount, expectedWalk.Broken)));
        }
    }

    [Test]
    public void SeenIndexSetAnswersAsAHashSet()
    {
        var random = new Random(20261126);
        for (var round = 0; round < 400; round++)
        {
            var reference = new HashSet<long>();
            var compact = new SeenIndexSet();
            var length = random.Next(1, 300);
            for (var i = 0; i < length; i++)
            {
                long index = random.Next(6) switch
                {
                    0 => i, // in order
                    1 => random.Next(-3, 12), // small, duplicates, zero and negatives
                    2 => i + random.Next(1, 4), // a little ahead
                    3 => i - random.Next(0, 4), // a little behind
                    4 => random.Next(2) == 0 ? long.MaxValue - random.Next(3) : long.MinValue + random.Next(3),
                    _ => random.Next(0, length),
                };
                Assert.That(compact.Add(index), Is.EqualTo(reference.Add(index)), $"round {round}, add #{i}: {index}");
            }
        }
    }

    [Test]
    public void WindowsLendWhatTheyWouldRead()
    {
        var bytes = new byte[700_000];
        new Random(7).NextBytes(bytes);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            using var file = new FileByteSource(path);
            var memory = new MemoryByteSource(bytes);
            var random = new Random(11);
            long offset = 0;
            for (var i = 0; i < 3000; i++)
            {
                // Forward, backward and random steps, lengths up to past the half window a file source lends.
                offset = random.Next(3) switch
                {
                    0 => offset + random.Next(0, 5000),
                    1 => offset - random.Next(0, 5000),
                    _ => random.NextInt64(-10, bytes.Length + 10),
                };
                var length = random.Next(5) == 0 ? random.Next(100_000, 200_000) : random.Next(0, 2000);
                var inside = offset >= 0 && offset + length <= bytes.Length;
                foreach (var source in new IByteWindow[] { file, memory })
                {
                    if (source.TryGetSpan(offset, length, out var span))
                    {
                        Assert.That(inside, Is.True, $"lent [{offset}, +{length}) outside the source");
                        Assert.That(span.SequenceEqual(bytes.AsSpan((int)offset, length)), Is.True, $"[{offset}, +{length})");
                    }
                    else
                    {
                        // Memory lends whatever lies inside it; a file source only what fits half its 256 KiB window.
                        var lendable = inside && (source == memory || length <= 128 * 1024);
                        Assert.That(lendable, Is.False, $"{source.GetType().Name} refused [{offset}, +{length})");
                    }
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Show(Finding f) => $"{f.Code}|{f.Severity}|{f.Offset}|{f.FrameIndex}|{f.Message}";

    private static string Show(FrameLayout l) => $"{l.Ordinal}|{l.Offset}|{l.Tag}|{l.BodyLength}|{string.Join(",", l.Records)}";
}
