using MeshConformance.Catalogs;
using MeshConformance.Core;
using MeshConformance.Dare.Model;
using MeshConformance.JsonB;
using NUnit.Framework;
using static MeshConformance.Tests.Catalogs.Tests.TestData;

namespace MeshConformance.Tests.Catalogs.Tests;

/// <summary>Spool semantics (reference-platform.md §4.4): no Event, keyed by MessageId, MessageComplete sets status.</summary>
public class SpoolLogTests
{
    private static ContentMeta MessageMeta(string id, string type) =>
        new() { UniqueId = id, MessageType = type, ContentType = "application/mmm/object", Created = "2022-05-03T10:00:00Z" };

    private static CatalogEntry Message(string tag, string id) => Entry(tag, id, Body(("MessageId", id)));

    private static CatalogEntry Completion(string id, params JsonBValue[] references)
    {
        var body = Body(("MessageId", id));
        body.Add("References", new JsonBArray(references));
        return Entry("MessageComplete", id, body);
    }

    private static JsonBObject Reference(string messageId, string relationship) =>
        Body(("MessageId", messageId), ("Relationship", relationship));

    [Test]
    public void MessagesWithoutEventAreNormalAndCompletionSetsStatus()
    {
        var log = new CatalogLog(CatalogKinds.Inbound);
        log.Apply(1, MessageMeta("NMSG-1", "RequestConnection"), Message("RequestConnection", "NMSG-1"));
        log.Apply(2, MessageMeta("NMSG-2", "RequestContact"), Message("RequestContact", "NMSG-2"));
        log.Apply(3, MessageMeta("NMSG-3", "MessageComplete"), Completion("NMSG-3", Reference("NMSG-1", "Accept")));
        log.Apply(4, MessageMeta("NMSG-4", "MessageComplete"), Completion("NMSG-4", Reference("NMSG-1", "Read")));
        var state = log.ToState();

        Assert.That(state.Findings, Is.Empty);
        Assert.That(state.Live.Keys, Is.EquivalentTo(new[] { "NMSG-1", "NMSG-2", "NMSG-3", "NMSG-4" }));
        Assert.That(state.MessageStatuses.Keys, Is.EquivalentTo(new[] { "NMSG-1" }));
        Assert.That(state.MessageStatuses["NMSG-1"], Is.EqualTo(new MessageStatus("Read", 4, "NMSG-4", null)));
    }

    [Test]
    public void MessageStatusMemberIsAcceptedWhenRelationshipIsAbsent()
    {
        var log = new CatalogLog(CatalogKinds.Local);
        log.Apply(1, MessageMeta("NMSG-1", "MessagePin"), Message("MessagePin", "NMSG-1"));
        log.Apply(2, MessageMeta("NMSG-2", "MessageComplete"),
            Completion("NMSG-2", Body(("MessageId", "NMSG-1"), ("MessageStatus", "Closed"), ("ResponseId", "NRSP"))));
        var state = log.ToState();
        Assert.That(state.Findings, Is.Empty);
        Assert.That(state.MessageStatuses["NMSG-1"], Is.EqualTo(new MessageStatus("Closed", 2, "NMSG-2", "NRSP")));
    }

    [Test]
    public void StatusForAnUnknownMessageIsAWarning()
    {
        var log = new CatalogLog(CatalogKinds.Inbound);
        log.Apply(1, MessageMeta("NMSG-9", "MessageComplete"), Completion("NMSG-9", Reference("NMSG-404", "Reject")));
        var state = log.ToState();
        var finding = Single(state.Findings, CatalogCodes.SpoolStatusUnknownMessage);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(finding.Message, Does.Contain("NMSG-404"));
        Assert.That(state.MessageStatuses, Is.Empty);
    }

    [Test]
    public void StatusForAMessageThatComesLaterIsUnknownAtThatPoint()
    {
        var log = new CatalogLog(CatalogKinds.Inbound);
        log.Apply(1, MessageMeta("NMSG-9", "MessageComplete"), Completion("NMSG-9", Reference("NMSG-1", "Read")));
        log.Apply(2, MessageMeta("NMSG-1", "RequestContact"), Message("RequestContact", "NMSG-1"));
        Assert.That(Codes(log.ToState().Findings), Is.EqualTo(new[] { CatalogCodes.SpoolStatusUnknownMessage }));
    }

    [Test]
    public void CompletionWithoutReferencesOrWithBadReferencesIsMalformed()
    {
        var log = new CatalogLog(CatalogKinds.Inbound);
        log.Apply(1, MessageMeta("NMSG-1", "RequestContact"), Message("RequestContact", "NMSG-1"));
        log.Apply(2, MessageMeta("NMSG-2", "MessageComplete"), Entry("MessageComplete", "NMSG-2", Body(("MessageId", "NMSG-2"))));
        log.Apply(3, MessageMeta("NMSG-3", "MessageComplete"),
            Completion("NMSG-3", new JsonBString("NMSG-1"), Body(("Relationship", "Read")), Reference("NMSG-1", "Read")));
        var state = log.ToState();
        Assert.That(Codes(state.Findings), Is.EqualTo(new[]
            { CatalogCodes.SpoolStatusMalformed, CatalogCodes.SpoolStatusMalformed, CatalogCodes.SpoolStatusMalformed }));
        Assert.That(state.MessageStatuses["NMSG-1"].FrameIndex, Is.EqualTo(3), "the good reference after the bad ones still applies");
    }

    [Test]
    public void MissingUniqueIdInASpoolIsAnError()
    {
        var log = new CatalogLog(CatalogKinds.Outbound);
        log.Apply(1, new ContentMeta { MessageType = "RequestContact" }, Message("RequestContact", "NMSG-1"));
        var state = log.ToState();
        Assert.That(Codes(state.Findings), Is.EqualTo(new[] { CatalogCodes.UniqueIdMissing }));
        Assert.That(state.Live.Keys, Is.EquivalentTo(new[] { "NMSG-1" }));
    }

    [Test]
    public void UniqueIdOtherThanMessageIdIsAnError()
    {
        var log = new CatalogLog(CatalogKinds.Archive);
        log.Apply(1, MessageMeta("NMSG-A", "RequestContact"), Message("RequestContact", "NMSG-B"));
        Assert.That(Codes(log.ToState().Findings), Is.EqualTo(new[] { CatalogCodes.UniqueIdMismatch }));
    }

    [Test]
    public void RepeatedMessageIsInfoAndTheLaterFrameWins()
    {
        var log = new CatalogLog(CatalogKinds.Inbound);
        log.Apply(1, MessageMeta("NMSG-1", "RequestContact"), Message("RequestContact", "NMSG-1"));
        log.Apply(2, MessageMeta("NMSG-1", "RequestContact"), Message("RequestContact", "NMSG-1"));
        var state = log.ToState();
        Assert.That(Single(state.Findings, CatalogCodes.SpoolMessageRepeated).Severity, Is.EqualTo(Severity.Info));
        Assert.That(state.Live["NMSG-1"].FrameIndex, Is.EqualTo(2));
        Assert.That(state.History["NMSG-1"].Frames, Is.EqualTo(new long[] { 1, 2 }));
    }

    [Test]
    public void EncryptedMessagesAreKnownByUniqueIdOnly()
    {
        var log = new CatalogLog(CatalogKinds.Inbound);
        log.Apply(new LogFrame(1, MessageMeta("NMSG-1", "RequestContact"), null, PayloadState.Encrypted));
        var state = log.ToState();
        Assert.That(state.Findings, Is.Empty);
        Assert.That(state.Live["NMSG-1"].Entry, Is.Null);
        Assert.That(state.Live["NMSG-1"].Meta!.MessageType, Is.EqualTo("RequestContact"));
    }
}
