using System.Text;
using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Reading;
using MeshConformance.Dare.Verification;
using MeshConformance.Dare.Writing;
using MeshConformance.Locking;
using MeshConformance.Platform.Stores;
using NUnit.Framework;

namespace MeshConformance.Tests.Platform;

/// <summary>The append protocol under the lock: concurrent writers lose, tear and duplicate nothing; torn tails are cut.</summary>
[Platform(Exclude = "Win")]
public class LockedAppendTests
{
    private static ContainerSettings Merkle => new() { Type = ContainerType.Merkle, Vocabulary = DareVocabulary.Dare12, Shape = FrameShape.Catalog, Clock = () => new DateTime(2020, 7, 1, 0, 0, 0, DateTimeKind.Utc) };

    [Test]
    public void WritersWithTheirOwnHandlesAndStaleViewsInterleaveWithoutLosingAnything()
    {
        using var temp = new TempDirectory("append");
        var path = temp.Sub("MMM_Task.dcat");
        const int writers = 4, appends = 300;
        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, w =>
        {
            // Each writer has its own file handle, lock handle and view of the file, as separate processes would.
            using var lockFile = FlockLockFile.ForRoot(temp.Path);
            using var appender = StoreAppender.Open(path, Merkle, new AppendOptions { Lock = lockFile });
            for (var i = 0; i < appends; i++)
                appender.Append(Encoding.UTF8.GetBytes($"{{\"w\":{w},\"i\":{i}}}"), new ContentMeta { UniqueId = $"w{w}-{i}", Event = "New" });
        });

        var report = ContainerVerifier.Verify(path);
        Assert.That(report.Findings.Where(f => f.Severity == Severity.Error), Is.Empty);
        Assert.That(report.FrameCount, Is.EqualTo(1 + writers * appends));
        var frames = ContainerReader.ReadFrames(new FileByteSource(path), []).Skip(1).ToList();
        Assert.That(frames.Select(f => f.Index), Is.EqualTo(Enumerable.Range(1, writers * appends).Select(i => (long?)i)), "indices unique and contiguous");
        var ids = frames.Select(f => f.Header!.ContentMeta!.UniqueId!).ToList();
        Assert.That(ids, Is.Unique);
        for (var w = 0; w < writers; w++)
        {
            var mine = ids.Where(id => id.StartsWith($"w{w}-", StringComparison.Ordinal)).Select(id => int.Parse(id[(id.IndexOf('-') + 1)..])).ToList();
            Assert.That(mine, Is.EqualTo(Enumerable.Range(0, appends)), $"writer {w}'s entries all there, in its order");
        }
    }

    [Test]
    public void ATornTailIsCutUnderTheLockAndNoCompleteFrameIsLost()
    {
        using var temp = new TempDirectory("append");
        var path = temp.Sub("MMM_Task.dcat");
        using var lockFile = FlockLockFile.ForRoot(temp.Path);
        using (var first = StoreAppender.Open(path, Merkle, new AppendOptions { Lock = lockFile }))
            for (var i = 0; i < 5; i++) first.Append("{}"u8, new ContentMeta { UniqueId = $"a{i}", Event = "New" });
        var whole = File.ReadAllBytes(path);
        // A writer killed mid-append: the start of a sixth frame, cut short.
        var partial = ContainerWriter.WriteAll(Merkle, ["{\"x\":1}"u8.ToArray()]);
        File.WriteAllBytes(path, [.. whole, .. partial.AsSpan(partial.Length / 2, 40)]);

        using var second = StoreAppender.Open(path, Merkle, new AppendOptions { Lock = lockFile });
        Assert.That(second.Repairs, Is.EqualTo(new[] { 40L }));
        var index = second.Append("{}"u8, new ContentMeta { UniqueId = "b", Event = "New" });
        Assert.That(index, Is.EqualTo(6));
        var bytes = File.ReadAllBytes(path);
        Assert.That(bytes.AsSpan(0, whole.Length).SequenceEqual(whole), "the five complete frames are untouched");
        Assert.That(ContainerVerifier.Verify(path).Findings.Where(f => f.Severity == Severity.Error), Is.Empty);
    }

    [Test]
    public void AWholeLastFrameWithBrokenRecordsIsKeptNotCutAsTorn()
    {
        using var temp = new TempDirectory("append");
        var path = temp.Sub("MMM_Task.dcat");
        using var lockFile = FlockLockFile.ForRoot(temp.Path);
        using (var first = StoreAppender.Open(path, Merkle, new AppendOptions { Lock = lockFile }))
            for (var i = 0; i < 3; i++) first.Append("{}"u8, new ContentMeta { UniqueId = $"a{i}", Event = "New" });
        var offsets = FrameOffsets(path);
        // The last frame still delimits (both lengths agree) but its header record's tag is broken: it is a complete
        // append someone made, not a torn tail, and must survive the next writer's catch-up.
        var bytes = File.ReadAllBytes(path);
        var last = offsets[^1];
        bytes[last + 1 + (1 << (bytes[last] & 3))] = 0x20;
        File.WriteAllBytes(path, bytes);

        using var second = StoreAppender.Open(path, Merkle, new AppendOptions { Lock = lockFile });
        Assert.That(second.Repairs, Is.Empty);
        Assert.That(second.Append("{}"u8, new ContentMeta { UniqueId = "b", Event = "New" }), Is.EqualTo(4));
        Assert.That(File.ReadAllBytes(path).AsSpan(0, bytes.Length).SequenceEqual(bytes), "every byte before the new frame is as it was");
    }

    private static List<long> FrameOffsets(string path)
    {
        using var source = new FileByteSource(path);
        return ContainerReader.ReadFrames(source, []).Select(f => f.Offset).ToList();
    }

    [Test]
    public void FrameZeroIsWrittenOnceUnderTheLockWhenManyWritersStartTogether()
    {
        using var temp = new TempDirectory("append");
        var path = temp.Sub("host.dare");
        Parallel.For(0, 6, _ =>
        {
            using var lockFile = FlockLockFile.ForRoot(temp.Path);
            using var appender = StoreAppender.Open(path, Merkle, new AppendOptions { Lock = lockFile });
            appender.Append("{}"u8, new ContentMeta { UniqueId = Guid.NewGuid().ToString(), Event = "New" });
        });
        var frames = ContainerReader.ReadFrames(new FileByteSource(path), []).ToList();
        Assert.That(frames.Count(f => f.Index == 0), Is.EqualTo(1));
        Assert.That(frames, Has.Count.EqualTo(7));
    }
}
