using MeshConformance.Core;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using MeshConformance.Platform.Stores;
using NUnit.Framework;

namespace MeshConformance.Tests.Platform;

/// <summary>verify-log given the ledger of a run with kills: acknowledged entries exactly once, in-doubt ones at most once.</summary>
public class LogLedgerTests
{
    private static string Write(TempDirectory temp, params string[] ids)
    {
        var path = temp.Sub("log.dcat");
        var settings = new ContainerSettings { Type = ContainerType.Merkle, Vocabulary = DareVocabulary.Dare12, Shape = FrameShape.Catalog };
        File.WriteAllBytes(path, ContainerWriter.WriteAll(settings, ids.Select(_ => "{}"u8.ToArray()), i => new ContentMeta { UniqueId = ids[i], Event = "New" }));
        return path;
    }

    // The container verifier's informational notes (wrapping style, digest dialect) are not the log's business here.
    private static IEnumerable<Finding> LogFindings(LogVerifier.Result result) => result.Findings.Where(f => f.Code.StartsWith("LOG-"));

    private static LogLedger Ledger(string[] acknowledged, string[] inDoubt)
    {
        var ledger = new LogLedger();
        foreach (var id in acknowledged) ledger.Acknowledge(id);
        foreach (var id in inDoubt) ledger.Doubt(id);
        return ledger;
    }

    [TestCase(false)]
    [TestCase(true)]
    public void InDoubtAppendsMayBeThereOrNot(bool landed)
    {
        // Not landed: an allowed gap in a's entries. Landed: allowed too, once.
        string[] inFile = landed ? ["a/0", "a/1", "a/2"] : ["a/0", "a/2"];
        using var temp = new TempDirectory("ledger");
        var result = LogVerifier.Verify(Write(temp, inFile), Ledger(["a/0", "a/2"], ["a/1"]));
        Assert.That(result.Clean, Is.True, string.Join("\n", result.Findings));
        Assert.That(result.InDoubtPresent, Is.EqualTo(inFile.Length - 2));
        Assert.That(result.Expected, Is.EqualTo(2));
    }

    [Test]
    public void AGapOfAcknowledgedEntriesIsStillAGapAndTheyAreNamedAsVanished()
    {
        using var temp = new TempDirectory("ledger");
        var result = LogVerifier.Verify(Write(temp, "a/0", "a/3"), Ledger(["a/0", "a/2", "a/3"], ["a/1"]));
        Assert.That(LogFindings(result).Select(f => f.Code), Is.EquivalentTo(new[] { LogCodes.Gap, LogCodes.Vanished }));
        Assert.That(result.Findings.Single(f => f.Code == LogCodes.Vanished).Message, Does.Contain("1 of 3").And.Contain("a/2"));
    }

    [Test]
    public void AnEntryNobodyAppendedIsUnexpected()
    {
        using var temp = new TempDirectory("ledger");
        var result = LogVerifier.Verify(Write(temp, "a/0", "x/0"), Ledger(["a/0"], []));
        Assert.That(LogFindings(result).Single().Code, Is.EqualTo(LogCodes.Unexpected));
        Assert.That(LogFindings(result).Single().Message, Does.Contain("'x/0'"));
    }

    [Test]
    public void AnInDoubtEntryTwiceIsADuplicate()
    {
        using var temp = new TempDirectory("ledger");
        var result = LogVerifier.Verify(Write(temp, "a/0", "a/0"), Ledger([], ["a/0"]));
        Assert.That(LogFindings(result).Select(f => f.Code), Is.EqualTo(new[] { LogCodes.Duplicate }));
    }
}
