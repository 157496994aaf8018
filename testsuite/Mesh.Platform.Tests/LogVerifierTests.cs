using System.Text;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using MeshConformance.Locking;
using MeshConformance.Platform.Stores;
using NUnit.Framework;

namespace MeshConformance.Tests.Platform;

/// <summary>verify-log's judgement on hand-made logs and on real concurrent runs with and without the lock.</summary>
public class LogVerifierTests
{
    private static ContainerSettings Merkle => new() { Type = ContainerType.Merkle, Vocabulary = DareVocabulary.Dare12, Shape = FrameShape.Catalog };

    private static string Write(TempDirectory temp, params string[] ids)
    {
        var path = temp.Sub("log.dcat");
        File.WriteAllBytes(path, ContainerWriter.WriteAll(Merkle, ids.Select(_ => "{}"u8.ToArray()), i => new ContentMeta { UniqueId = ids[i], Event = "New" }));
        return path;
    }

    [Test]
    public void AnOrderlyLogIsClean()
    {
        using var temp = new TempDirectory("log");
        var result = LogVerifier.Verify(Write(temp, "a/0", "b/0", "a/1", "b/1"), expectedEntries: 4);
        Assert.That(result.Clean, Is.True, string.Join("\n", result.Findings));
        Assert.That((result.Entries, result.Writers), Is.EqualTo((4L, 2)));
    }

    [TestCase(new[] { "a/0", "a/1", "a/1" }, LogCodes.Duplicate)]
    [TestCase(new[] { "a/0", "a/2", "a/1" }, LogCodes.Gap)]
    [TestCase(new[] { "a/0", "a/2", "a/1" }, LogCodes.OutOfOrder)]
    public void DuplicatesGapsAndReorderingsAreFound(string[] ids, string code)
    {
        using var temp = new TempDirectory("log");
        var result = LogVerifier.Verify(Write(temp, ids));
        Assert.That(result.Clean, Is.False);
        Assert.That(result.Findings.Select(f => f.Code), Does.Contain(code));
    }

    private static IEnumerable<string> GoldenContainers() =>
        Directory.EnumerateFiles(RepositoryPaths.Vectors("golden"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".dcat" or ".dare" or ".dlog" or ".dspool")
            .Select(f => Path.GetRelativePath(RepositoryPaths.Vectors("golden"), f)).Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(GoldenContainers))]
    public void EveryGoldenContainerIsCleanNoFalseAnomalies(string relative)
    {
        // Real catalog logs (New, Update, Delete of the same keys, spools, encrypted stores): no LOG-* anomaly.
        var result = LogVerifier.Verify(Path.Combine(RepositoryPaths.Vectors("golden"), relative));
        Assert.That(result.Findings.Where(f => f.Severity == MeshConformance.Core.Severity.Error), Is.Empty);
    }

    [Test]
    public void ACatalogsHistoryOfOneEntryIsNotADuplicate()
    {
        // New, Update, Delete of the same key: what every real catalog holds. Only one append written twice (same
        // entry, same event, same payload) is a duplicate.
        using var temp = new TempDirectory("log");
        var path = temp.Sub("catalog.dcat");
        (string Id, string Event, string Payload)[] frames =
            [("k1", "New", "{\"v\":1}"), ("k1", "Update", "{\"v\":2}"), ("k2", "New", "{\"v\":3}"), ("k1", "Delete", "{}"), ("k2", "New", "{\"v\":3}")];
        File.WriteAllBytes(path, ContainerWriter.WriteAll(Merkle, frames.Select(f => Encoding.UTF8.GetBytes(f.Payload)),
            i => new ContentMeta { UniqueId = frames[i].Id, Event = frames[i].Event }));
        var result = LogVerifier.Verify(path);
        var duplicate = result.Findings.Single(f => f.Code.StartsWith("LOG-"));
        Assert.That(duplicate.Code, Is.EqualTo(LogCodes.Duplicate));
        Assert.That(duplicate.FrameIndex, Is.EqualTo(5), "the replayed New of k2, not k1's Update or Delete");
    }

    [Test]
    public void AcknowledgedEntriesMissingFromTheFileAreReportedAsVanished()
    {
        using var temp = new TempDirectory("log");
        var result = LogVerifier.Verify(Write(temp, "a/0", "a/1"), expectedEntries: 5);
        Assert.That(result.Findings.Single(f => f.Code == LogCodes.Vanished).Message, Does.StartWith("3 of 5"));
    }

    [TestCase(true)]
    [TestCase(false)]
    [Platform(Exclude = "Win")]
    public void ConcurrentWritersAreCleanWithTheLockAndCaughtWithoutIt(bool locked)
    {
        using var temp = new TempDirectory("log");
        var path = temp.Sub("MMM_Task.dcat");
        const int writers = 4, appends = 200;
        using (var create = StoreAppender.Open(path, Merkle)) { }
        // All writers have opened (and so seen the same end of file) before any appends: the race is certain, not lucky.
        using var opened = new Barrier(writers);
        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, w =>
        {
            using var lockFile = locked ? FlockLockFile.ForRoot(temp.Path) : null;
            using var appender = StoreAppender.Open(path, Merkle, new AppendOptions { Lock = lockFile });
            opened.SignalAndWait();
            for (var i = 0; i < appends; i++)
                appender.Append(Encoding.UTF8.GetBytes($"{{\"i\":{i}}}"), new ContentMeta { UniqueId = $"w{w}/{i}", Event = "New" });
        });
        var result = LogVerifier.Verify(path, writers * appends);
        if (locked) Assert.That(result.Clean, Is.True, string.Join("\n", result.Findings.Take(5)));
        else Assert.That(result.Clean, Is.False, "writers without the lock overwrite each other; the verifier must notice");
    }
}
