using System.Text;
using MeshConformance.Core;
using MeshConformance.Dare.Model;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>
/// The fast header reader hands out the shared <see cref="ContentMetaEvents"/> strings for the three Event values a
/// catalog writes (one string less per catalog frame, and none kept per live entry), and the parser's value for
/// anything else: the Event read is always the parser's.
/// </summary>
public class SharedEventStringTests
{
    [TestCase("New")]
    [TestCase("Update")]
    [TestCase("Delete")]
    public void KnownEventsAreTheSharedStrings(string written)
    {
        // Not passed in from the attribute: its argument is a string of its own, not the shared literal.
        var shared = written switch
        {
            "New" => ContentMetaEvents.New,
            "Update" => ContentMetaEvents.Update,
            _ => ContentMetaEvents.Delete,
        };
        var (fast, parsed) = ReadBoth(written);
        Assert.That(fast, Is.SameAs(shared));
        Assert.That(fast, Is.EqualTo(parsed));
    }

    [TestCase("new")]
    [TestCase("NEW")]
    [TestCase("Ne")]
    [TestCase("News")]
    [TestCase("Updated")]
    [TestCase("Updat")]
    [TestCase("Delet")]
    [TestCase("Deletf")]
    [TestCase("Create")]
    [TestCase("")]
    public void OtherEventsAreReadAsWritten(string written)
    {
        var (fast, parsed) = ReadBoth(written);
        Assert.That(fast, Is.EqualTo(written));
        Assert.That(fast, Is.EqualTo(parsed));
    }

    /// <summary>The Event of a reference-shaped catalog header, read by the fast reader and by the parser.</summary>
    private static (string? Fast, string? Parsed) ReadBoth(string ev)
    {
        var meta = FastHeaderCorpus.Base64UrlText("{\n  \"UniqueId\": \"MBGN-3K7X\",\n  \"Event\": \"" + ev + "\",\n  \"First\": 1,\n  \"Previous\": 1}");
        var record = Encoding.ASCII.GetBytes("{\n  \"ContentMetaData\": \"" + meta + "\",\n  \"SequenceInfo\": {\n    \"Index\": 7,\n    \"TreePosition\": 1234}}");
        var fast = FastHeaderReader.TryReadHeader(record, readContentMeta: true);
        Assert.That(fast?.ContentMeta, Is.Not.Null, "the header takes the fast path");
        var findings = new List<Finding>();
        var parsed = DareHeaderParser.ParseHeader(record, 0, 0, findings);
        Assert.That(findings, Is.Empty);
        return (fast!.ContentMeta!.Event, parsed!.ContentMeta!.Event);
    }
}
