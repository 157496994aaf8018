using System.Text;
using MeshConformance.Catalogs;
using MeshConformance.Core;
using MeshConformance.JsonB;
using NUnit.Framework;
using static MeshConformance.Tests.Catalogs.Tests.TestData;

namespace MeshConformance.Tests.Catalogs.Tests;

/// <summary>The payload shapes a catalog frame can hold, good and bad.</summary>
public class EntryParserTests
{
    [Test]
    public void GoedelIndentedPayloadParses()
    {
        var text = "{\n  \"CatalogedContact\": {\n    \"Key\": \"NCON-1\",\n    \"Self\": true}}";
        var result = CatalogEntryParser.Parse(Utf8(text), kind: CatalogKinds.Contact);
        Assert.That(result.Findings, Is.Empty);
        Assert.That(result.Entry!.Key, Is.EqualTo("NCON-1"));
        Assert.That(result.Entry.Body["Self"], Is.InstanceOf<JsonBBoolean>());
    }

    [Test]
    public void JsonBPayloadParses()
    {
        var body = new JsonBObject().Add("Uid", new JsonBString("NBK-9")).Add("Title", new JsonBString("t"));
        var bytes = JsonBWriter.Serialize(new JsonBObject().Add("CatalogedBookmark", body));
        Assert.That(bytes, Does.Contain((byte)0x80), "the payload really is JSON-B (string tokens)");
        var result = CatalogEntryParser.Parse(bytes, kind: CatalogKinds.Bookmark);
        Assert.That(result.Findings, Is.Empty);
        Assert.That(result.Entry!.Key, Is.EqualTo("NBK-9"));
    }

    [TestCase("", "JSONB-")]
    [TestCase("CatalogedContact", "JSONB-SYNTAX")]
    [TestCase("""{"CatalogedContact":{"Key":"a"}""", "JSONB-TRUNCATED")]
    [TestCase("""{"CatalogedContact":{"Key":"a"}} {}""", "JSONB-TRAILING-DATA")]
    public void NotJsonIsAnErrorNamingTheJsonCode(string text, string innerCode)
    {
        var result = CatalogEntryParser.Parse(Utf8(text));
        var finding = Single(result.Findings, CatalogCodes.PayloadNotJson);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        Assert.That(finding.Message, Does.Contain(innerCode));
        Assert.That(result.Entry, Is.Null);
    }

    [TestCase("""["CatalogedContact",{"Key":"a"}]""")]
    [TestCase("\"CatalogedContact\"")]
    [TestCase("42")]
    public void NotAnObjectIsAnError(string text)
    {
        var result = CatalogEntryParser.Parse(Utf8(text));
        Assert.That(Codes(result.Findings), Is.EqualTo(new[] { CatalogCodes.PayloadNotObject }));
        Assert.That(result.Entry, Is.Null);
    }

    [TestCase("{}")]
    [TestCase("""{"CatalogedContact":{"Key":"a"},"CatalogedBookmark":{"Uid":"b"}}""")]
    [TestCase("""{"Key":"a","Self":true}""")]
    public void NotExactlyOneMemberIsNotTagged(string text)
    {
        var result = CatalogEntryParser.Parse(Utf8(text));
        Assert.That(Codes(result.Findings), Is.EqualTo(new[] { CatalogCodes.PayloadNotTagged }));
        Assert.That(result.Findings[0].Severity, Is.EqualTo(Severity.Error));
    }

    [Test]
    public void ValueUnderTheTagMustBeAnObject()
    {
        var result = CatalogEntryParser.Parse(Utf8("""{"CatalogedContact":"NCON-1"}"""));
        Assert.That(Codes(result.Findings), Is.EqualTo(new[] { CatalogCodes.TagValueNotObject }));
    }

    [Test]
    public void UnknownTagIsAWarningAndStillYieldsAnEntryWithoutKey()
    {
        var result = CatalogEntryParser.Parse(Utf8("""{"CatalogedFuture":{"Key":"a"}}"""), kind: CatalogKinds.Contact);
        var finding = Single(result.Findings, CatalogCodes.TagUnknown);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(finding.Offset, Is.EqualTo(1), "points at the tag");
        Assert.That(result.Findings, Has.Count.EqualTo(1), "an unknown tag is not also 'not allowed'");
        Assert.That(result.Entry!.Tag, Is.EqualTo("CatalogedFuture"));
        Assert.That(result.Entry.Key, Is.Null);
        Assert.That(result.Entry.EntryType, Is.Null);
    }

    [Test]
    public void TagsAreCaseSensitive()
    {
        var result = CatalogEntryParser.Parse(Utf8("""{"catalogedcontact":{"Key":"a"}}"""), kind: CatalogKinds.Contact);
        Assert.That(Codes(result.Findings), Is.EqualTo(new[] { CatalogCodes.TagUnknown }));
    }

    [TestCase("Device", """{"CatalogedContact":{"Key":"a"}}""")]
    [TestCase("Host", """{"CatalogedDevice":{"DeviceUdf":"a"}}""")]
    [TestCase("Contact", """{"CatalogedStandard":{"Id":"a"}}""")]
    [TestCase("MMM_Inbound", """{"CatalogedContact":{"Key":"a"}}""")]
    [TestCase("Application", """{"CatalogedAccess":{"Capability":{"NullCapability":{"Id":"a"}}}}""")]
    public void KnownTagInTheWrongCatalogIsAnErrorButKeepsItsKey(string kindName, string text)
    {
        var result = CatalogEntryParser.Parse(Utf8(text), kind: CatalogKinds.Find(kindName));
        var finding = Single(result.Findings, CatalogCodes.TagNotAllowed);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        Assert.That(result.Entry!.Key, Is.EqualTo("a"));
    }

    [Test]
    public void WithoutAKindEveryKnownTagIsAllowed()
    {
        var result = CatalogEntryParser.Parse(Utf8("""{"CatalogedContact":{"Key":"a"}}"""));
        Assert.That(result.Findings, Is.Empty);
    }

    [Test]
    public void UnknownCapabilityTagInsideAccessIsAWarning()
    {
        var result = CatalogEntryParser.Parse(Utf8("""{"CatalogedAccess":{"Capability":{"CapabilityTeleport":{"Id":"MK"}}}}"""), kind: CatalogKinds.Access);
        Assert.That(Codes(result.Findings), Is.EqualTo(new[] { CatalogCodes.TagUnknown }));
        Assert.That(result.Findings[0].Message, Does.Contain("CapabilityTeleport"));
        Assert.That(result.Entry!.Key, Is.EqualTo("MK"));
    }

    // ---- hostile input: findings, never exceptions ----

    [Test]
    public void DeepNestingIsAFinding()
    {
        var text = "{\"CatalogedBookmark\":{\"Uid\":" + new string('[', 200_000) + new string(']', 200_000) + "}}";
        var result = CatalogEntryParser.Parse(Utf8(text));
        Assert.That(Single(result.Findings, CatalogCodes.PayloadNotJson).Message, Does.Contain("JSONB-DEPTH"));
    }

    [Test]
    public void HugeClaimedJsonBLengthIsAFinding()
    {
        // '{' then a JSON-B string whose 8-byte length (tag 0x83) claims 2^64-1 bytes.
        byte[] bytes = [(byte)'{', 0x83, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'a'];
        var result = CatalogEntryParser.Parse(bytes, baseOffset: 1000);
        var finding = Single(result.Findings, CatalogCodes.PayloadNotJson);
        Assert.That(finding.Offset, Is.GreaterThanOrEqualTo(1000));
        Assert.That(result.Entry, Is.Null);
    }

    [Test]
    public void HugeClaimedJsonBDataLengthInsideTheBodyIsAFinding()
    {
        var head = Encoding.ASCII.GetBytes("{\"CatalogedBookmark\":{\"Uid\":");
        byte[] bytes = [.. head, 0x8A, 0x7F, 0xFF, 0xFF, 0xFF, 1, 2, 3];
        var result = CatalogEntryParser.Parse(bytes);
        Assert.That(Codes(result.Findings), Is.EqualTo(new[] { CatalogCodes.PayloadNotJson }));
    }

    [Test]
    public void InvalidUtf8IsAFindingAtTheBadByte()
    {
        var head = Encoding.ASCII.GetBytes("{\"CatalogedBookmark\":{\"Uid\":\"ab");
        byte[] bytes = [.. head, 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\"}}")];
        var result = CatalogEntryParser.Parse(bytes, baseOffset: 50);
        var finding = Single(result.Findings, CatalogCodes.PayloadNotJson);
        Assert.That(finding.Message, Does.Contain("JSONB-INVALID-UTF8"));
        Assert.That(finding.Offset, Is.EqualTo(50 + head.Length));
    }

    [TestCase(new byte[] { 0xFF })]
    [TestCase(new byte[] { 0xF5, 0x00 })]
    [TestCase(new byte[] { (byte)'{', 0xB4 })]
    [TestCase(new byte[] { 0x00, 0x01, 0x02 })]
    public void BinaryGarbageIsAFinding(byte[] bytes)
    {
        var result = CatalogEntryParser.Parse(bytes);
        Assert.That(Codes(result.Findings), Is.EqualTo(new[] { CatalogCodes.PayloadNotJson }));
    }
}
