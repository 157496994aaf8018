using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Verification;
using MeshConformance.Dare.Writing;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>
/// The verifier's batches take their storage from the thread's previous verification, with that file's frames still in
/// it: the frame instances with their header and trailer facts and digest arrays, the per-frame results and the payload
/// buffers with that file's bytes. Verifying containers one after another on one thread, in either order, gives for each
/// the report a thread that never verified anything gives.
/// </summary>
public class ReusedPayloadBufferTests
{
    /// <summary>The corpus, and containers of several batches whose payloads fill and grow the buffers, clean, damaged and torn.</summary>
    private static List<(string Name, byte[] Bytes)> Containers()
    {
        var random = new Random(20261126);
        var list = FastHeaderCorpus.Containers().ToList();
        foreach (var (frames, largest) in new[] { (1500, 1200), (700, 9000), (40, 70000), (2, 200000) })
        {
            var payloads = Enumerable.Range(0, frames).Select(_ => { var p = new byte[random.Next(largest)]; random.NextBytes(p); return p; }).ToArray();
            var bytes = ContainerWriter.WriteAll(new ContainerSettings { Type = ContainerType.Merkle }, payloads,
                i => new ContentMeta { UniqueId = $"u{i}", Event = "New" });
            list.Add(($"{frames}x{largest}", bytes));
            var damaged = (byte[])bytes.Clone();
            for (var edit = 0; edit < 12; edit++) damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            list.Add(($"{frames}x{largest}-damaged", damaged));
            list.Add(($"{frames}x{largest}-torn", bytes[..(bytes.Length * 2 / 3)]));
        }
        return list;
    }

    [Test]
    public void ReportsDoNotDependOnWhatTheThreadVerifiedBefore()
    {
        var containers = Containers();
        var fresh = containers.Select(c => OnNewThread(() => ContainerVerifier.Verify(new MemoryByteSource(c.Bytes)))).ToList();
        // In file order, reversed, and each after the container that grows both buffers the most (so both are large and dirty).
        var largest = containers.FindIndex(c => c.Name == "700x9000");
        var afterLargest = Enumerable.Range(0, containers.Count).SelectMany(i => new[] { largest, i });
        foreach (var order in new[] { Enumerable.Range(0, containers.Count), Enumerable.Range(0, containers.Count).Reverse(), afterLargest })
        {
            OnNewThread(() =>
            {
                // One thread hashing too: it reads the next batch before hashing this one, so two batches sharing a buffer would show.
                foreach (var tuning in new[] { VerifierTuning.Default, VerifierTuning.Default with { ParallelDigests = false } })
                {
                    foreach (var i in order)
                        PerfReportComparison.AssertSame(ContainerVerifier.Verify(new MemoryByteSource(containers[i].Bytes), new VerifyOptions(), null, tuning), fresh[i]);
                }
                return 0;
            });
        }
    }

    private static T OnNewThread<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = e; }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) throw new AggregateException(failure);
        return result;
    }
}
