using System.Text;
using MeshConformance.Core;
using MeshConformance.JsonB;
using NUnit.Framework;

namespace MeshConformance.Tests.JsonB;

/// <summary>
/// The reference's indented JSON text: the exact header texts of the dare-08 and dare-12 §14.1
/// examples (their lengths are the record lengths in the framing), and the base64 wrapping rule
/// of formats.md §1.4.
/// </summary>
public class GoedelJsonWriterTests
{
    private static string Vector(string id, string field) =>
        DraftVectors.ById("dare.json", id).GetProperty("expected").GetProperty(field).GetString()!;

    // "e30" is base64url of "{}", the empty ContentMeta.
    private static readonly byte[] EmptyContentMeta = "{}"u8.ToArray();

    [Test]
    public void Dare08Frame0Header()
    {
        var w = new GoedelJsonWriter();
        w.BeginObject();
        w.WriteBinary("ContentMetaData", EmptyContentMeta);
        w.BeginObject("ContainerInfo");
        w.WriteString("DataEncoding", "JSON");
        w.WriteString("ContainerType", "List");
        w.WriteInteger("Index", 0);
        w.EndObject();
        w.EndObject();
        var expected = Vector("dare08-container-simple-list", "frame0_header_text");
        Assert.That(w.ToText(), Is.EqualTo(expected));
        Assert.That(w.ToArray(), Has.Length.EqualTo(0x7c), "record length shown in the framing");
    }

    [Test]
    public void Dare08Frame1Header()
    {
        var w = new GoedelJsonWriter();
        w.BeginObject();
        w.WriteBinary("ContentMetaData", EmptyContentMeta);
        w.BeginObject("ContainerInfo");
        w.WriteInteger("Index", 1);
        w.EndObject();
        w.EndObject();
        Assert.That(w.ToText(), Is.EqualTo(Vector("dare08-container-simple-list", "frame1_header_text")));
        Assert.That(w.ToArray(), Has.Length.EqualTo(0x43));
    }

    [Test]
    public void Dare12Frame0HeaderWithEmptyPolicy()
    {
        var w = new GoedelJsonWriter();
        w.BeginObject();
        w.BeginObject("policy");
        w.EndObject();
        w.WriteBinary("ContentMetaData", EmptyContentMeta);
        w.BeginObject("SequenceInfo");
        w.WriteString("DataEncoding", "JSON");
        w.WriteString("ContainerType", "List");
        w.WriteInteger("Index", 0);
        w.EndObject();
        w.EndObject();
        Assert.That(w.ToText(), Is.EqualTo(Vector("dare12-sequence-simple-list", "derived_frame0_header_text")));
        Assert.That(w.ToArray(), Has.Length.EqualTo(0x8b));
    }

    [Test]
    public void Dare12Frame1Header()
    {
        var w = new GoedelJsonWriter();
        w.BeginObject();
        w.WriteBinary("ContentMetaData", EmptyContentMeta);
        w.BeginObject("SequenceInfo");
        w.WriteInteger("Index", 1);
        w.EndObject();
        w.EndObject();
        Assert.That(w.ToText(), Is.EqualTo(Vector("dare12-sequence-simple-list", "derived_frame1_header_text")));
        Assert.That(w.ToArray(), Has.Length.EqualTo(0x42));
    }

    [TestCase("dare08-container-simple-list", "frame0_header_text")]
    [TestCase("dare08-container-simple-list", "frame1_header_text")]
    [TestCase("dare12-sequence-simple-list", "derived_frame0_header_text")]
    [TestCase("dare12-sequence-simple-list", "derived_frame1_header_text")]
    public void HeaderTextParsesAndReserializesByteExact(string id, string field)
    {
        var bytes = Encoding.UTF8.GetBytes(Vector(id, field));
        var header = (JsonBObject)JsonBParser.Parse(bytes, baseOffset: 2);
        Assert.That(header["ContentMetaData"]!.TryGetBytes(out var meta, out var wrapped), Is.True);
        Assert.That(meta, Is.EqualTo(EmptyContentMeta));
        Assert.That(wrapped, Is.False);
        Assert.That(header.Members[0].NameOffset, Is.EqualTo(2 + 4), "'{', LF, two spaces, then the name");
        Assert.That(GoedelJsonWriter.Serialize(header), Is.EqualTo(bytes));
    }

    private static byte[] Sequential(int n) => Enumerable.Range(0, n).Select(i => (byte)(i * 7 + 3)).ToArray();

    [Test]
    public void PayloadDigestWrapsAfter45Characters()
    {
        var digest = Sequential(64);
        var b64 = Convert.ToBase64String(digest).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.That(b64, Has.Length.EqualTo(86));
        var w = new GoedelJsonWriter();
        w.BeginObject();
        w.WriteBinary("PayloadDigest", digest);
        w.EndObject();
        var expected = "{\n  \"PayloadDigest\": \"" + b64[..45] + "\n  " + b64[45..] + "\"}";
        Assert.That(w.ToText(), Is.EqualTo(expected));
        Assert.That(b64[45..], Has.Length.EqualTo(41));
    }

    [Test]
    public void TreeDigestFirstLineHolds48Characters()
    {
        var text = Serialize("TreeDigest", Sequential(64));
        var value = text[(text.IndexOf(": \"", StringComparison.Ordinal) + 3)..];
        Assert.That(value.IndexOf('\n'), Is.EqualTo(48));
    }

    [TestCase("PayloadDigest", 45)]
    [TestCase("ContentMetaData", 43)]
    [TestCase("ChainDigest", 47)]
    [TestCase("signature", 49)]
    [TestCase("TreeDigest", 48)]
    [TestCase("PinWitness", 48)]
    [TestCase("Public", 52)]
    public void FirstLineLengthsObservedInReferenceFiles(string tag, int firstLine)
    {
        // formats.md §1.4 lists these counts as observed in reference-written files.
        var lines = BinaryValueLines(Serialize(tag, Sequential(200)));
        Assert.That(lines[0], Has.Length.EqualTo(firstLine));
        Assert.That(lines.Skip(1).Take(lines.Length - 2), Has.All.Length.EqualTo(62), "full continuation lines hold 62");
        Assert.That(lines.Skip(1), Has.All.Length.LessThanOrEqualTo(62));
    }

    [Test]
    public void WrapDoesNotDependOnNestingDepth()
    {
        var w = new GoedelJsonWriter();
        w.BeginObject();
        w.BeginObject("a");
        w.BeginArray("b");
        w.BeginObject();
        w.WriteBinary("Public", Sequential(57));
        w.EndObject();
        w.EndArray();
        w.EndObject();
        w.EndObject();
        var text = w.ToText();
        // Key at 8 spaces (four open containers); value first line still 52; continuation indent is 2 spaces.
        Assert.That(text, Does.Contain("\n        \"Public\": \""));
        var lines = BinaryValueLines(text);
        Assert.That(lines[0], Has.Length.EqualTo(52));
        Assert.That(text, Does.Contain("\n  " + lines[1]));
    }

    [Test]
    public void ArrayItemContinuesTheLastMemberColumn()
    {
        // An envelope [header, "body", trailer]: the body item keeps the column the header's last
        // member (ContentMetaData) left, so its first line holds 43 characters (formats.md §1.4).
        var w = new GoedelJsonWriter();
        w.BeginArray();
        w.BeginObject();
        w.WriteBinary("ContentMetaData", EmptyContentMeta);
        w.EndObject();
        w.WriteBinary(Sequential(100));
        w.EndArray();
        var text = w.ToText();
        var body = Base64Url.Encode(Sequential(100));
        Assert.That(text, Is.EqualTo("[{\n    \"ContentMetaData\": \"e30\"},\n  \"" + body[..43] + "\n  " + body[43..105] + "\n  " + body[105..] + "\"]"));
    }

    [Test]
    public void TopLevelBinaryBeforeAnyMemberUsesColumnZero()
    {
        var w = new GoedelJsonWriter();
        w.WriteBinary(Sequential(60));
        var body = Base64Url.Encode(Sequential(60));
        Assert.That(w.ToText(), Is.EqualTo("\"" + body[..63] + "\n  " + body[63..] + "\""));
    }

    [Test]
    public void ArrayLayout()
    {
        // Worked by hand from the reference's separator rules: no break before the first item,
        // ",\n" + indent before the others, and ']' / '}' straight after the last value.
        var w = new GoedelJsonWriter();
        w.BeginObject();
        w.BeginArray("a");
        w.WriteInteger(1);
        w.WriteInteger(2);
        w.EndArray();
        w.BeginArray("r");
        w.BeginObject();
        w.WriteInteger("k", 1);
        w.EndObject();
        w.BeginObject();
        w.WriteBoolean("k", false);
        w.EndObject();
        w.EndArray();
        w.BeginArray("e");
        w.EndArray();
        w.EndObject();
        Assert.That(w.ToText(), Is.EqualTo(
            "{\n  \"a\": [1,\n    2],\n  \"r\": [{\n      \"k\": 1},\n    {\n      \"k\": false}],\n  \"e\": []}"));
    }

    [Test]
    public void StringEscapesAndDateTime()
    {
        var w = new GoedelJsonWriter();
        w.BeginObject();
        w.WriteString("s", "a\"b\\c\td\ne\u0001é/");
        w.WriteDateTime("Received", new DateTime(2020, 7, 27, 1, 2, 3, DateTimeKind.Local));
        w.WriteNull("n");
        w.EndObject();
        Assert.That(w.ToText(), Is.EqualTo("{\n  \"s\": \"a\\\"b\\\\c\\u0009d\\ne\\u0001é/\",\n  \"Received\": \"2020-07-27T01:02:03Z\",\n  \"n\": null}"));
    }

    [Test]
    public void WrappedValueParsesBackWithRawLineBreaks()
    {
        var digest = Sequential(64);
        var text = Serialize("PayloadDigest", digest);
        var parsed = (JsonBObject)JsonBParser.Parse(Encoding.UTF8.GetBytes(text), out var warnings);
        var s = (JsonBString)parsed["PayloadDigest"]!;
        Assert.That(s.HasRawLineBreaks, Is.True);
        Assert.That(s.TryGetBytes(out var bytes, out var wrapped), Is.True);
        Assert.That(bytes, Is.EqualTo(digest));
        Assert.That(wrapped, Is.True);
        Assert.That(warnings.Select(x => x.Code), Is.EqualTo(new[] { JsonBErrorCodes.RawLineBreakWarning }));
        Assert.That(Encoding.UTF8.GetString(GoedelJsonWriter.Serialize(parsed)), Is.EqualTo(text));
    }

    private static string Serialize(string tag, byte[] data)
    {
        var w = new GoedelJsonWriter();
        w.BeginObject();
        w.WriteBinary(tag, data);
        w.EndObject();
        return w.ToText();
    }

    /// <summary>The base64 characters of each line of the (single) binary value in the text.</summary>
    private static string[] BinaryValueLines(string text)
    {
        var start = text.IndexOf(": \"", StringComparison.Ordinal) + 3;
        var end = text.IndexOf('"', start);
        var lines = text[start..end].Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            Assert.That(lines[i], Does.StartWith("  ").And.Not.StartWith("   "), "continuation indent is exactly two spaces");
            lines[i] = lines[i][2..];
        }
        return lines;
    }
}
