using System.Collections.Concurrent;
using MeshConformance.Checks;
using MeshConformance.Dare.IO;
using NUnit.Framework;

namespace MeshConformance.Tests.Checks;

/// <summary>
/// The runner's file buffers go from one Parallel.For replica to the next through a pool: a buffer given back is lent
/// again, never to two workers at once, and a reused buffer reads each file as a new one would.
/// </summary>
public class ContainerBytesPoolTests
{
    [Test]
    public void ABufferGivenBackIsLentAgain()
    {
        var pool = new ContainerBytes.Pool();
        var first = pool.Take();
        pool.Return(first);
        Assert.That(pool.Take(), Is.SameAs(first));
    }

    [Test]
    public void BuffersHeldAtTheSameTimeAreDistinct()
    {
        var pool = new ContainerBytes.Pool();
        var held = Enumerable.Range(0, 4).Select(_ => pool.Take()).ToList();
        Assert.That(held.Distinct().Count(), Is.EqualTo(held.Count));
        foreach (var buffer in held) pool.Return(buffer);
        var again = Enumerable.Range(0, 4).Select(_ => pool.Take()).ToList();
        Assert.That(again.Distinct().Count(), Is.EqualTo(again.Count));
        Assert.That(again, Is.EquivalentTo(held), "all four were lent again");

        // Many workers taking and giving back at once: no buffer is ever held by two.
        var holders = new ConcurrentDictionary<ContainerBytes, int>(ReferenceEqualityComparer.Instance);
        var shared = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var buffer = pool.Take();
                if (!holders.TryAdd(buffer, worker)) Interlocked.Increment(ref shared);
                Thread.SpinWait(50);
                holders.TryRemove(buffer, out _);
                pool.Return(buffer);
            }
        });
        Assert.That(shared, Is.Zero);
    }

    [Test]
    public void AReusedBufferReadsEachFileExactly()
    {
        using var temp = new TempDirectory("container-bytes");
        var random = new Random(20261201);
        var pool = new ContainerBytes.Pool();
        foreach (var length in new[] { 300_000, 10, 0, 70_000, 1, 300_001, 5 })
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            var path = Path.Combine(temp.Path, $"f{length}.dare");
            File.WriteAllBytes(path, bytes);
            var buffer = pool.Take();
            var source = buffer.TryRead(path);
            Assert.That(source, Is.Not.Null);
            Assert.That(source!.Length, Is.EqualTo(length));
            Assert.That(source.ReadRange(0, length), Is.EqualTo(bytes));
            pool.Return(buffer);
        }
    }
}
