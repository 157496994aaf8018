using System.Text;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using MeshConformance.Locking;
using MeshConformance.Platform.Stores;
using NUnit.Framework;

namespace MeshConformance.Tests.Platform;

/// <summary>A reader following a growing container: it sees whole frames only and reports what a reader must never see.</summary>
[Platform(Exclude = "Win")]
public class ContainerFollowerTests
{
    private static readonly ContainerSettings Merkle = new() { Type = ContainerType.Merkle, Vocabulary = DareVocabulary.Dare12, Shape = FrameShape.Catalog };

    private static void Append(StoreAppender appender, int i) =>
        appender.Append(Encoding.UTF8.GetBytes($"{{\"i\":{i}}}"), new ContentMeta { UniqueId = $"w/{i}", Event = "New" });

    [Test]
    public void ItSeesEveryWholeFrameAndNoPartOfAnAppendInProgress()
    {
        using var temp = new TempDirectory("follow");
        var path = temp.Sub("MMM_Task.dcat");
        using var lockFile = FlockLockFile.ForRoot(temp.Path);
        using var appender = StoreAppender.Open(path, Merkle, new AppendOptions { Lock = lockFile });
        using var readerLock = FlockLockFile.ForRoot(temp.Path);
        var reader = new ContainerFollower(path, readerLock, TimeSpan.FromSeconds(5));
        for (var i = 0; i < 5; i++) Append(appender, i);
        reader.Poll();
        Assert.That(reader.Frames, Is.EqualTo(6));
        // Half a frame at the end: an append in progress, or a torn tail; either way not a frame yet.
        var whole = new FileInfo(path).Length;
        File.AppendAllText(path, "\u00f5\u0001");
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) stream.SetLength(whole + 3);
        reader.Poll();
        Assert.That(reader.Frames, Is.EqualTo(6));
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) stream.SetLength(whole);
        for (var i = 5; i < 8; i++) Append(appender, i);
        reader.Poll();
        reader.CompareWith(path);
        Assert.That(reader.Frames, Is.EqualTo(9));
        Assert.That(reader.Anomalies, Is.Empty);
        Assert.That(reader.Settles, Is.EqualTo(3), "it takes the lock only when the end moved");
    }

    /// <summary>A log of frame 0 and four entries, and a reader (without a lock) that has read all of it.</summary>
    private static (string Path, ContainerFollower Reader) FollowedLogOfFourEntries(TempDirectory temp)
    {
        var path = temp.Sub("MMM_Task.dcat");
        using (var appender = StoreAppender.Open(path, Merkle))
            for (var i = 0; i < 4; i++) Append(appender, i);
        var reader = new ContainerFollower(path, null, TimeSpan.FromSeconds(5));
        reader.Poll();
        Assert.That(reader.Frames, Is.EqualTo(5));
        return (path, reader);
    }

    [Test]
    public void AFileCutBelowTheFramesItReadIsReportedOnce()
    {
        using var temp = new TempDirectory("follow");
        var (path, reader) = FollowedLogOfFourEntries(temp);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write)) stream.SetLength(stream.Length - 10);
        reader.Poll();
        reader.Poll();
        Assert.That(reader.Anomalies.Select(f => f.Code), Is.EqualTo(new[] { LogCodes.ReaderShrank }));
    }

    [Test]
    public void AFrameOverwrittenAfterItWasReadIsReported()
    {
        using var temp = new TempDirectory("follow");
        var (path, reader) = FollowedLogOfFourEntries(temp);
        var bytes = File.ReadAllBytes(path);
        bytes[^20] ^= 0x01; // inside the last frame's payload or trailer; its framing still holds
        File.WriteAllBytes(path, bytes);
        reader.CompareWith(path);
        Assert.That(reader.Anomalies.Single().Code, Is.EqualTo(LogCodes.ReaderFrameChanged));
        Assert.That(reader.Anomalies.Single().FrameIndex, Is.EqualTo(4));
    }

    [Test]
    public void AWholeFrameWithBrokenRecordsIsATornFrame()
    {
        using var temp = new TempDirectory("follow");
        var path = temp.Sub("MMM_Task.dcat");
        using (var appender = StoreAppender.Open(path, Merkle)) Append(appender, 0);
        var good = File.ReadAllBytes(path);
        // Frame 1 with its header record's tag broken: the frame still delimits, its records do not.
        var frame1 = new FileInfo(path).Length;
        using (var appender = StoreAppender.Open(path, Merkle)) Append(appender, 1);
        var bytes = File.ReadAllBytes(path);
        var headerTag = frame1 + 1 + (1 << (bytes[frame1] & 3));
        bytes[headerTag] = 0x20;
        File.WriteAllBytes(path, bytes);
        var reader = new ContainerFollower(path, null, TimeSpan.FromSeconds(5));
        reader.Poll();
        Assert.That(reader.Anomalies.Select(f => f.Code), Is.EqualTo(new[] { LogCodes.ReaderTornFrame }));
        Assert.That(good.Length, Is.LessThan(bytes.Length));
    }
}
