using MeshConformance.Catalogs;
using MeshConformance.Dare.IO;
using NUnit.Framework;

namespace MeshConformance.Tests.Catalogs.Tests;

/// <summary>
/// A read that keeps no entry bodies (the checker's) keeps neither the bodies nor the ContentMeta of live entries, and
/// nothing else changes: the same findings, counts, keys, frames, tags, histories and statuses as a read that keeps them.
/// </summary>
public class CheckingReadStateTests
{
    private static IEnumerable<TestCaseData> StoreCases() =>
        FastCatalogReadTests.Stores().Select(s => new TestCaseData(s.Bytes, s.Kind).SetName($"{{m}}({s.Name})"));

    [TestCaseSource(nameof(StoreCases))]
    public void CheckingReadKeepsNoBodyOrContentMetaAndTheSameEverythingElse(byte[] store, CatalogKind? kind)
    {
        var full = CatalogReader.Read(new MemoryByteSource(store), kind, keepEntryBodies: true);
        var checking = CatalogReader.Read(new MemoryByteSource(store), kind, keepEntryBodies: false);
        Assert.That(checking.State.Live.Values.Select(l => l.Meta), Is.All.Null);
        Assert.That(checking.State.Live.Values.Select(l => l.Entry?.Body.Members.Count ?? 0), Is.All.Zero);
        Assert.That(FastCatalogReadTests.Describe(checking), Is.EqualTo(FastCatalogReadTests.Describe(WithoutBodiesOrMeta(full))));
    }

    /// <summary>The ContentMeta is kept when bodies are: the test above compares something.</summary>
    [Test]
    public void FullReadsKeepTheContentMeta()
    {
        var kept = FastCatalogReadTests.Stores()
            .SelectMany(s => CatalogReader.Read(new MemoryByteSource(s.Bytes), s.Kind, keepEntryBodies: true).State.Live.Values)
            .Count(l => l.Meta is not null);
        Assert.That(kept, Is.GreaterThan(20));
    }

    private static CatalogReadResult WithoutBodiesOrMeta(CatalogReadResult read)
    {
        var live = read.State.Live.ToDictionary(p => p.Key,
            p => p.Value with { Meta = null, Entry = p.Value.Entry is { } entry ? entry with { Body = CatalogLog.NoBody } : null }, StringComparer.Ordinal);
        return new CatalogReadResult
        {
            Kind = read.Kind,
            FrameCount = read.FrameCount,
            ContainerType = read.ContainerType,
            FrameZeroContentType = read.FrameZeroContentType,
            IsEncrypted = read.IsEncrypted,
            HeaderLevelOnly = read.HeaderLevelOnly,
            EntriesRead = read.EntriesRead,
            FramesNotDecrypted = read.FramesNotDecrypted,
            Findings = read.Findings,
            State = new CatalogState
            {
                Kind = read.State.Kind,
                Live = live,
                Deleted = read.State.Deleted,
                History = read.State.History,
                DeletesIgnoredByReference = read.State.DeletesIgnoredByReference,
                MessageStatuses = read.State.MessageStatuses,
                Findings = read.State.Findings,
            },
        };
    }
}
