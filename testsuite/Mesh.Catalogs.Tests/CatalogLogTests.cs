using MeshConformance.Catalogs;
using MeshConformance.Core;
using NUnit.Framework;
using static MeshConformance.Tests.Catalogs.Tests.TestData;

namespace MeshConformance.Tests.Catalogs.Tests;

/// <summary>
/// Catalog log semantics with hand-built logs; every expected state and finding is worked out by hand from
/// reference-platform.md §4.2 (last frame wins, First/Previous = frame indices of the first and prior versions).
/// </summary>
public class CatalogLogTests
{
    private static CatalogLog Contacts() => new(CatalogKinds.Contact);

    private static CatalogEntry Contact(string key) => Entry("CatalogedContact", key);

    [Test]
    public void CleanLogGivesLastVersionPerKeyAndFullHistory()
    {
        var log = Contacts();
        log.Apply(1, Meta("a", "New"), Contact("a"));
        log.Apply(2, Meta("b", "New"), Contact("b"));
        log.Apply(3, Meta("a", "Update", 1, 1), Contact("a"));
        log.Apply(4, Meta("a", "Update", 1, 3), Contact("a"));
        log.Apply(5, Meta("b", "Delete", 2, 2), null);
        log.Apply(6, Meta("c", "New"), Contact("c"));
        var state = log.ToState();

        Assert.That(state.Findings, Is.Empty);
        Assert.That(state.Live.Keys, Is.EquivalentTo(new[] { "a", "c" }));
        Assert.That(state.Live["a"].FrameIndex, Is.EqualTo(4));
        Assert.That(state.Live["c"].FrameIndex, Is.EqualTo(6));
        Assert.That(state.Deleted, Is.EquivalentTo(new Dictionary<string, long> { ["b"] = 5 }));
        Assert.That(state.History["a"].Frames, Is.EqualTo(new long[] { 1, 3, 4 }));
        Assert.That(state.History["b"].Frames, Is.EqualTo(new long[] { 2, 5 }));
        Assert.That(state.History["a"].First, Is.EqualTo(1));
        Assert.That(state.History["a"].Last, Is.EqualTo(4));
        Assert.That(log.FrameCount, Is.EqualTo(6));
    }

    [Test]
    public void KeyReAddedAfterDeleteStartsANewLife()
    {
        var log = Contacts();
        log.Apply(1, Meta("a", "New"), Contact("a"));
        log.Apply(2, Meta("a", "Delete", 1, 1), null);
        log.Apply(3, Meta("a", "New"), Contact("a"));
        log.Apply(4, Meta("a", "Update", 3, 3), Contact("a"));
        var state = log.ToState();
        Assert.That(state.Findings, Is.Empty);
        Assert.That(state.Live["a"].FrameIndex, Is.EqualTo(4));
        Assert.That(state.Deleted, Is.Empty);
        Assert.That(state.History["a"].Frames, Is.EqualTo(new long[] { 1, 2, 3, 4 }));
        Assert.That(state.History["a"].First, Is.EqualTo(3));
    }

    [Test]
    public void MissingEventIsAnErrorAndChangesNothing()
    {
        var log = Contacts();
        log.Apply(1, Meta("a", null), Contact("a"));
        var state = log.ToState();
        var finding = Single(state.Findings, CatalogCodes.EventMissing);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        Assert.That(finding.FrameIndex, Is.EqualTo(1));
        Assert.That(state.Live, Is.Empty);
    }

    [Test]
    public void UnknownEventIsAnErrorAndChangesNothing()
    {
        var log = Contacts();
        log.Apply(1, Meta("a", "New"), Contact("a"));
        log.Apply(2, Meta("a", "Modify", 1, 1), Contact("a"));
        var state = log.ToState();
        Assert.That(Codes(state.Findings), Is.EqualTo(new[] { CatalogCodes.EventUnknown }));
        Assert.That(state.Findings[0].Message, Does.Contain("Modify"));
        Assert.That(state.Live["a"].FrameIndex, Is.EqualTo(1));
    }

    [Test]
    public void DeleteOfAKeyNeverAddedIsAnError()
    {
        var log = Contacts();
        log.Apply(1, Meta("ghost", "Delete", 1, 1), null);
        var state = log.ToState();
        var finding = Single(state.Findings, CatalogCodes.DeleteUnknownKey);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        Assert.That(finding.Message, Does.Contain("never added"));
        Assert.That(state.Deleted, Is.Empty);
    }

    [Test]
    public void SecondDeleteOfAKeyIsAnErrorNamingTheFirst()
    {
        var log = Contacts();
        log.Apply(1, Meta("a", "New"), Contact("a"));
        log.Apply(2, Meta("a", "Delete", 1, 1), null);
        log.Apply(3, Meta("a", "Delete", 1, 2), null);
        var finding = Single(log.ToState().Findings, CatalogCodes.DeleteUnknownKey);
        Assert.That(finding.Message, Does.Contain("already deleted at frame 2"));
        Assert.That(log.ToState().Deleted["a"], Is.EqualTo(2));
    }

    [Test]
    public void UpdateOfAKeyNeverAddedIsAWarningAndInsertsIt()
    {
        var log = Contacts();
        log.Apply(5, Meta("a", "Update", 1, 4), Contact("a"));
        var state = log.ToState();
        var finding = Single(state.Findings, CatalogCodes.UpdateUnknownKey);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(state.Findings, Has.Count.EqualTo(1), "First/Previous of an Update without earlier versions are not judged");
        Assert.That(state.Live["a"].FrameIndex, Is.EqualTo(5));
        Assert.That(state.History["a"].First, Is.EqualTo(5));
    }

    [Test]
    public void UpdateOfADeletedKeyIsAWarningNamingTheDelete()
    {
        var log = Contacts();
        log.Apply(1, Meta("a", "New"), Contact("a"));
        log.Apply(2, Meta("a", "Delete", 1, 1), null);
        log.Apply(3, Meta("a", "Update", 1, 2), Contact("a"));
        var state = log.ToState();
        Assert.That(Single(state.Findings, CatalogCodes.UpdateUnknownKey).Message, Does.Contain("deleted at frame 2"));
        Assert.That(state.Live.Keys, Is.EquivalentTo(new[] { "a" }));
        Assert.That(state.Deleted, Is.Empty);
    }

    [Test]
    public void NewForALiveKeyIsAWarningAndReplacesIt()
    {
        var log = Contacts();
        log.Apply(1, Meta("a", "New"), Contact("a"));
        log.Apply(2, Meta("a", "New"), Contact("a"));
        log.Apply(3, Meta("a", "Update", 2, 2), Contact("a"));
        var state = log.ToState();
        var finding = Single(state.Findings, CatalogCodes.NewKeyLive);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(finding.FrameIndex, Is.EqualTo(2));
        Assert.That(state.Findings, Has.Count.EqualTo(1), "the Update names the second New as First: no chain finding");
        Assert.That(state.Live["a"].FrameIndex, Is.EqualTo(3));
    }

    [Test]
    public void FirstAndPreviousAbsentOnUpdateAndDeleteAreWarnings()
    {
        var log = Contacts();
        log.Apply(1, Meta("a", "New"), Contact("a"));
        log.Apply(2, Meta("a", "Update"), Contact("a"));
        log.Apply(3, Meta("a", "Delete", first: 1), null);
        var findings = log.ToState().Findings;
        Assert.That(Codes(findings), Is.EqualTo(new[] { CatalogCodes.FirstMissing, CatalogCodes.PreviousMissing, CatalogCodes.PreviousMissing }));
        Assert.That(findings.Select(f => f.FrameIndex), Is.EqualTo(new long?[] { 2, 2, 3 }));
        Assert.That(findings.Select(f => f.Severity), Is.All.EqualTo(Severity.Warning));
        Assert.That(findings[2].Message, Does.Contain("expected 2"));
    }

    [Test]
    public void FirstAndPreviousNotMatchingTheEarlierFramesAreErrors()
    {
        var log = Contacts();
        log.Apply(1, Meta("x", "New"), Contact("x"));
        log.Apply(2, Meta("a", "New"), Contact("a"));
        log.Apply(3, Meta("a", "Update", 2, 2), Contact("a"));
        // Wrong: First should be 2 and Previous 3.
        log.Apply(4, Meta("a", "Update", 1, 2), Contact("a"));
        // Wrong Previous only: should be 4.
        log.Apply(5, Meta("a", "Delete", 2, 3), null);
        var findings = log.ToState().Findings;
        Assert.That(Codes(findings), Is.EqualTo(new[] { CatalogCodes.FirstMismatch, CatalogCodes.PreviousMismatch, CatalogCodes.PreviousMismatch }));
        Assert.That(findings.Select(f => f.FrameIndex), Is.EqualTo(new long?[] { 4, 4, 5 }));
        Assert.That(findings.Select(f => f.Severity), Is.All.EqualTo(Severity.Error));
        Assert.That(findings[0].Message, Does.Contain("First 1").And.Contain("frame 2"));
        Assert.That(findings[2].Message, Does.Contain("Previous 3").And.Contain("frame 4"));
    }

    [Test]
    public void MissingUniqueIdIsAnErrorAndTheEntryKeyStandsIn()
    {
        var log = Contacts();
        log.Apply(1, Meta(null, "New"), Contact("a"));
        log.Apply(new LogFrame(2, null, Contact("b"), PayloadState.Entry, Offset: 900));
        var state = log.ToState();
        Assert.That(Codes(state.Findings), Is.EqualTo(new[] { CatalogCodes.UniqueIdMissing, CatalogCodes.UniqueIdMissing, CatalogCodes.EventMissing }));
        Assert.That(state.Findings[1].Message, Does.Contain("no ContentMeta"));
        Assert.That(state.Findings[1].Offset, Is.EqualTo(900));
        Assert.That(state.Live.Keys, Is.EquivalentTo(new[] { "a" }), "frame 2 has no Event either, so only frame 1 is applied");
    }

    [Test]
    public void UniqueIdDifferentFromTheEntryKeyIsAnErrorAndUniqueIdIndexes()
    {
        var log = Contacts();
        log.Apply(1, Meta("NCON-X", "New"), Contact("NCON-Y"));
        var state = log.ToState();
        var finding = Single(state.Findings, CatalogCodes.UniqueIdMismatch);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        Assert.That(finding.Message, Does.Contain("NCON-X").And.Contain("NCON-Y"));
        Assert.That(state.Live.Keys, Is.EquivalentTo(new[] { "NCON-X" }));
    }

    [Test]
    public void DeleteCarryingAPayloadIsInfo()
    {
        var log = Contacts();
        log.Apply(1, Meta("a", "New"), Contact("a"));
        log.Apply(2, Meta("a", "Delete", 1, 1), Contact("a"));
        var state = log.ToState();
        Assert.That(Single(state.Findings, CatalogCodes.DeleteHasPayload).Severity, Is.EqualTo(Severity.Info));
        Assert.That(state.Deleted.Keys, Is.EquivalentTo(new[] { "a" }));
    }

    [Test]
    public void NewWithoutPayloadIsAnErrorButAnEncryptedOneIsNot()
    {
        var log = Contacts();
        log.Apply(new LogFrame(1, Meta("a", "New"), null, PayloadState.Absent));
        log.Apply(new LogFrame(2, Meta("b", "New"), null, PayloadState.Encrypted));
        var state = log.ToState();
        Assert.That(Codes(state.Findings), Is.EqualTo(new[] { CatalogCodes.PayloadMissing }));
        Assert.That(state.Findings[0].FrameIndex, Is.EqualTo(1));
        Assert.That(state.Live.Keys, Is.EquivalentTo(new[] { "a", "b" }));
        Assert.That(state.Live["b"].Entry, Is.Null, "header level only: the key is known, the entry is not");
    }

    [Test]
    public void HostDeleteIsAWarningNamingTheReferenceHazardAndIsReportedAsDeleted()
    {
        var log = new CatalogLog(CatalogKinds.Host);
        log.Apply(1, Meta("MDEV-1", "New"), Entry("CatalogedPending", "MDEV-1"));
        log.Apply(2, Meta("MDEV-1", "Update", 1, 1), Entry("CatalogedStandard", "MDEV-1"));
        log.Apply(3, Meta("MDEV-1", "Delete", 1, 2), null);
        var state = log.ToState();
        var finding = Single(state.Findings, CatalogCodes.HostDeleteIgnoredByReference);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(finding.Message, Does.Contain("ignores").And.Contain("REF-BUG"));
        Assert.That(state.Live, Is.Empty);
        Assert.That(state.Deleted["MDEV-1"], Is.EqualTo(3));
        Assert.That(state.DeletesIgnoredByReference["MDEV-1"], Is.EqualTo(3));
    }

    [Test]
    public void HostKeyAddedAgainAfterDeleteIsNoLongerAHazard()
    {
        var log = new CatalogLog(CatalogKinds.Host);
        log.Apply(1, Meta("MDEV-1", "New"), Entry("CatalogedStandard", "MDEV-1"));
        log.Apply(2, Meta("MDEV-1", "Delete", 1, 1), null);
        log.Apply(3, Meta("MDEV-1", "New"), Entry("CatalogedStandard", "MDEV-1"));
        var state = log.ToState();
        Assert.That(state.DeletesIgnoredByReference, Is.Empty);
        Assert.That(state.Live.Keys, Is.EquivalentTo(new[] { "MDEV-1" }));
    }

    [Test]
    public void DeleteInAnAccountCatalogIsNotAHostHazard()
    {
        var log = Contacts();
        log.Apply(1, Meta("a", "New"), Contact("a"));
        log.Apply(2, Meta("a", "Delete", 1, 1), null);
        Assert.That(log.ToState().Findings, Is.Empty);
        Assert.That(log.ToState().DeletesIgnoredByReference, Is.Empty);
    }

    [Test]
    public void FindingsOfOneCodeAreCappedAndCounted()
    {
        var log = Contacts();
        for (var i = 1; i <= 1005; i++) log.Apply(i, Meta("a" + i, null), Contact("a" + i));
        var findings = log.ToState().Findings;
        Assert.That(findings.Count(f => f.Code == CatalogCodes.EventMissing), Is.EqualTo(1000));
        var summary = Single(findings, CatalogCodes.FindingsTruncated);
        Assert.That(summary.Message, Does.Contain("1005").And.Contain("5 more"));
    }

    [Test]
    public void HistoryKeepsTheMostRecentFramesAndCountsAll()
    {
        var log = Contacts();
        log.Apply(1, Meta("a", "New"), Contact("a"));
        for (long i = 2; i <= 301; i++) log.Apply(i, Meta("a", "Update", 1, i - 1), Contact("a"));
        var state = log.ToState();
        Assert.That(state.Findings, Is.Empty);
        var history = state.History["a"];
        Assert.That(history.VersionCount, Is.EqualTo(301));
        Assert.That(history.Frames, Has.Count.EqualTo(KeyHistory.MaxRecorded));
        Assert.That(history.Frames[0], Is.EqualTo(301 - KeyHistory.MaxRecorded + 1));
        Assert.That(history.Frames[^1], Is.EqualTo(301));
        Assert.That(history.First, Is.EqualTo(1));
        Assert.That(history.IsTruncated, Is.True);
    }

    [Test]
    public void UndecryptedDeleteIsNotReportedAsCarryingAPayload()
    {
        var log = Contacts();
        log.Apply(new LogFrame(1, Meta("a", "New"), null, PayloadState.Encrypted));
        log.Apply(new LogFrame(2, Meta("a", "Delete", 1, 1), null, PayloadState.Encrypted));
        var state = log.ToState();
        Assert.That(state.Findings, Is.Empty);
        Assert.That(state.Deleted.Keys, Is.EquivalentTo(new[] { "a" }));
    }

    [Test]
    public void DeleteWithAnUnreadablePayloadIsStillInfo()
    {
        var log = Contacts();
        log.Apply(1, Meta("a", "New"), Contact("a"));
        log.Apply(new LogFrame(2, Meta("a", "Delete", 1, 1), null, PayloadState.Unreadable));
        Assert.That(Codes(log.ToState().Findings), Is.EqualTo(new[] { CatalogCodes.DeleteHasPayload }));
    }
}
