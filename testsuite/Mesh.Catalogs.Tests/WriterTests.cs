using System.Text;
using MeshConformance.Catalogs;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using MeshConformance.JsonB;
using NUnit.Framework;
using static MeshConformance.Tests.Catalogs.Tests.TestData;

namespace MeshConformance.Tests.Catalogs.Tests;

/// <summary>The writer half: payload bytes and ContentMeta as the reference writes them (formats.md §1.4, reference-platform.md §4.2).</summary>
public class WriterTests
{
    [Test]
    public void PayloadIsTaggedGoedelJsonByteForByte()
    {
        var body = Body(("Uid", "NBK-1"), ("Uri", "https://example.com/"), ("Title", "Example"));
        var bytes = CatalogEntryWriter.Serialize("CatalogedBookmark", body);
        // Hand-written from the rules: '{', each member on a new line indented two spaces per depth, '}' right after the last value.
        const string expected = "{\n  \"CatalogedBookmark\": {\n    \"Uid\": \"NBK-1\",\n    \"Uri\": \"https://example.com/\",\n    \"Title\": \"Example\"}}";
        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo(expected));
    }

    [Test]
    public void NestedTaggedCapabilityAndBooleansAreWrittenInPlace()
    {
        var capability = new JsonBObject().Add("CapabilitySign", Body(("Id", "MK")));
        var body = new JsonBObject().Add("Capability", capability).Add("Self", new JsonBBoolean(true));
        var text = Encoding.UTF8.GetString(CatalogEntryWriter.Serialize("CatalogedAccess", body));
        const string expected = "{\n  \"CatalogedAccess\": {\n    \"Capability\": {\n      \"CapabilitySign\": {\n        \"Id\": \"MK\"}},\n    \"Self\": true}}";
        Assert.That(text, Is.EqualTo(expected));
    }

    [Test]
    public void LogWriterProducesTheReferenceContentMetaForNewUpdateDelete()
    {
        var writer = new CatalogLogWriter();
        var metas = new[]
        {
            writer.New("a"),       // frame 1
            writer.New("b"),       // frame 2
            writer.Update("a"),    // frame 3: First 1, Previous 1
            writer.Put("a"),       // frame 4: Update, First 1, Previous 3
            writer.Delete("b"),    // frame 5: First 2, Previous 2
            writer.Put("b"),       // frame 6: New again
        };
        Assert.That(metas, Is.EqualTo(new[]
        {
            Meta("a", "New"), Meta("b", "New"), Meta("a", "Update", 1, 1), Meta("a", "Update", 1, 3), Meta("b", "Delete", 2, 2), Meta("b", "New"),
        }));
        Assert.That(writer.NextFrameIndex, Is.EqualTo(7));
        Assert.That(writer.VersionsOf("a"), Is.EqualTo((1L, 4L)));
        Assert.That(writer.VersionsOf("b"), Is.EqualTo((6L, 6L)));
    }

    [Test]
    public void ContentMetaSerializesAsTheReferenceFilesShow()
    {
        // formats.md §1.4: a first version holds exactly {"UniqueId", "Event": "New"}; a later one adds First and Previous.
        var writer = new CatalogLogWriter();
        var newBytes = HeaderWriter.ContentMetaBytes(writer.New("NCON-1"));
        var updateBytes = HeaderWriter.ContentMetaBytes(writer.Update("NCON-1"));
        Assert.That(Encoding.UTF8.GetString(newBytes), Is.EqualTo("{\n  \"UniqueId\": \"NCON-1\",\n  \"Event\": \"New\"}"));
        Assert.That(Encoding.UTF8.GetString(updateBytes), Is.EqualTo("{\n  \"UniqueId\": \"NCON-1\",\n  \"Event\": \"Update\",\n  \"First\": 1,\n  \"Previous\": 1}"));
    }

    [Test]
    public void LogWriterRefusesWhatTheReferenceRefuses()
    {
        var writer = new CatalogLogWriter(nextFrameIndex: 10);
        writer.New("a");
        Assert.Throws<InvalidOperationException>(() => writer.New("a"));
        Assert.Throws<InvalidOperationException>(() => writer.Update("b"));
        Assert.Throws<InvalidOperationException>(() => writer.Delete("b"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new CatalogLogWriter(0));
        Assert.That(writer.NextFrameIndex, Is.EqualTo(11), "refused calls do not use up a frame index");
    }

    [Test]
    public void PutForAnEntryComputesTheKeyFromTheTypeRule()
    {
        var writer = new CatalogLogWriter();
        var (meta, payload) = writer.Put("CatalogedCredential", Body(("Protocol", "ftp"), ("Service", "ftp.example.com")));
        Assert.That(meta, Is.EqualTo(Meta("ftp:ftp.example.com", "New")));
        Assert.That(CatalogEntryParser.Parse(payload).Entry!.Key, Is.EqualTo("ftp:ftp.example.com"));
        Assert.Throws<ArgumentException>(() => writer.Put("CatalogedCredential", Body(("Protocol", "ftp"))));
        Assert.Throws<ArgumentException>(() => writer.Put("CatalogedNothing", Body()));
    }

    /// <summary>A minimal body for each type: its key fields set to distinct strings (Access gets a tagged Capability).</summary>
    private static JsonBObject MinimalBody(CatalogEntryType type)
    {
        if (type == EntryTypes.CatalogedAccess)
            return new JsonBObject().Add("Capability", new JsonBObject().Add("CapabilityDecryptServiced", Body(("Id", "MKEY-1"))));
        var body = new JsonBObject();
        foreach (var field in type.Key.Fields) body.Add(field, new JsonBString("v-" + field));
        return body;
    }

    [TestCaseSource(typeof(EntryTypes), nameof(EntryTypes.All))]
    public void EveryEntryTypeRoundTripsThroughWriterAndParser(CatalogEntryType type)
    {
        var body = MinimalBody(type);
        var bytes = CatalogEntryWriter.Serialize(type.Tag, body);
        var result = CatalogEntryParser.Parse(bytes);
        Assert.That(result.Findings, Is.Empty);
        Assert.That(result.Entry!.Tag, Is.EqualTo(type.Tag));
        Assert.That(result.Entry.Key, Is.EqualTo(type.Key.Compute(body).Key).And.Not.Null);
        Assert.That(CatalogEntryWriter.Serialize(result.Entry), Is.EqualTo(bytes), "re-serializing the parsed entry is byte-exact");
    }

    [Test]
    public void WhatTheWritersProduceTheLogAcceptsWithoutFindings()
    {
        var writer = new CatalogLogWriter();
        var log = new CatalogLog(CatalogKinds.Credential);
        void Write(ContentMeta meta, byte[]? payload)
        {
            var index = writer.NextFrameIndex - 1;
            var entry = payload is null ? null : CatalogEntryParser.Parse(payload, kind: CatalogKinds.Credential).Entry;
            log.Apply(index, meta, entry);
        }
        var ftp = Body(("Protocol", "ftp"), ("Service", "s1"));
        var ssh = Body(("Protocol", "ssh"), ("Service", "s2"));
        var (m1, p1) = writer.Put("CatalogedCredential", ftp); Write(m1, p1);
        var (m2, p2) = writer.Put("CatalogedCredential", ssh); Write(m2, p2);
        var (m3, p3) = writer.Put("CatalogedCredential", ftp); Write(m3, p3);
        Write(writer.Delete("ssh:s2"), null);
        var (m5, p5) = writer.Put("CatalogedCredential", ssh); Write(m5, p5);
        var state = log.ToState();
        Assert.That(state.Findings, Is.Empty);
        Assert.That(state.Live.ToDictionary(p => p.Key, p => p.Value.FrameIndex),
            Is.EquivalentTo(new Dictionary<string, long> { ["ftp:s1"] = 3, ["ssh:s2"] = 5 }));
        Assert.That(state.History["ssh:s2"].Frames, Is.EqualTo(new long[] { 2, 4, 5 }));
    }
}
