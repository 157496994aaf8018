using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MeshConformance.Core;
using MeshConformance.JsonB;
using NUnit.Framework;

namespace MeshConformance.Tests.JsonB;

/// <summary>
/// Every vector of vectors/drafts/jsonbcd.json, one test case each (named by the vector id):
/// decode the draft's bytes and check the value, then encode the value and check the bytes.
/// </summary>
public class JsonBcdVectorTests
{
    private const string File = "jsonbcd.json";

    private static readonly string[] HandledKinds = ["jsonb-value", "jsonc", "jsonb-in-dare", "jbcd-frame"];

    [Test]
    public void EveryVectorKindIsCovered()
    {
        var kinds = DraftVectors.Load(File).Select(v => v.GetProperty("kind").GetString()).Distinct().ToList();
        Assert.That(kinds, Is.SubsetOf(HandledKinds), "a new vector kind needs a test");
    }

    private static byte[] ExpectedBytes(JsonElement v) => Hex.Decode(v.GetProperty("expected").GetProperty("encoding_hex").GetString()!);

    // ---- jsonb-value: §4.1 examples ----

    [TestCaseSource(typeof(VectorCases), nameof(VectorCases.JsonBcd), new object[] { "jsonb-value" })]
    public void JsonBValueDecodes(JsonElement v)
    {
        var id = v.GetProperty("id").GetString()!;
        var bytes = ExpectedBytes(v);
        var parsed = JsonBParser.Parse(bytes);
        var input = v.GetProperty("input").GetProperty("value");

        switch (input.ValueKind)
        {
            case JsonValueKind.Number when id.StartsWith("binary64", StringComparison.Ordinal):
                var n = (JsonBNumber)parsed;
                Assert.That(n.Kind, Is.EqualTo(JsonBNumberKind.BinaryFloat));
                Assert.That(n.TryGetDouble(out var d), Is.True);
                Assert.That(d, Is.EqualTo(input.GetDouble()));
                break;
            case JsonValueKind.Number when id == "bignum-42":
                // INCONSISTENT vector: the draft labels A5 00 01 42 as "42", but the magnitude byte
                // is 0x42 = 66. We test what the bytes are: tag A5, 16-bit length 1, value 66.
                Assert.That(((JsonBNumber)parsed).TryGetInt64(out var big), Is.True);
                Assert.That(big, Is.EqualTo(0x42));
                Assert.That(((JsonBNumber)parsed).Tag, Is.EqualTo(0xA5));
                break;
            case JsonValueKind.Number:
                Assert.That(((JsonBNumber)parsed).TryGetInt64(out var i), Is.True);
                Assert.That(i, Is.EqualTo(input.GetInt64()));
                Assert.That(((JsonBNumber)parsed).Tag, Is.EqualTo(bytes[0]));
                break;
            case JsonValueKind.String:
                Assert.That(parsed, Is.TypeOf<JsonBString>());
                Assert.That(((JsonBString)parsed).Value, Is.EqualTo(input.GetString()));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.That(((JsonBBoolean)parsed).Value, Is.EqualTo(input.GetBoolean()));
                break;
            case JsonValueKind.Null:
                Assert.That(parsed, Is.TypeOf<JsonBNull>());
                break;
            default:
                Assert.Fail($"unexpected input kind {input.ValueKind}");
                break;
        }
        Assert.That(parsed.Offset, Is.Zero);
    }

    [TestCaseSource(typeof(VectorCases), nameof(VectorCases.JsonBcd), new object[] { "jsonb-value" })]
    public void JsonBValueEncodes(JsonElement v)
    {
        var id = v.GetProperty("id").GetString()!;
        var input = v.GetProperty("input");
        var value = input.GetProperty("value");
        var form = input.TryGetProperty("as", out var a) ? a.GetString() : null;
        var w = new JsonBWriter();
        switch (id)
        {
            case "int8-42": w.WriteInteger(value.GetInt64(), width: 1); break;
            case "int16-42": w.WriteInteger(value.GetInt64(), width: 2); break;
            case "int32-42": w.WriteInteger(value.GetInt64(), width: 4); break;
            case "int64-42": w.WriteInteger(value.GetInt64(), width: 8); break;
            // The draft's bytes hold 0x42 (66), not 42: encode the value the bytes carry (see decode test).
            case "bignum-42": w.WriteBignum(0x42); break;
            case "string-hello-8": w.WriteString(value.GetString()!); break;
            case "string-hello-16": w.WriteString(value.GetString()!, lengthWidth: 2); break;
            case "string-hello-chunked":
                Assert.That(form, Is.EqualTo("two chunks"));
                w.WriteStringChunk(Encoding.UTF8.GetBytes(value.GetString()!), isFinal: false);
                w.WriteStringChunk([], isFinal: true);
                break;
            case "true" or "false": w.WriteBoolean(value.GetBoolean()); break;
            case "null": w.WriteNull(); break;
            default:
                Assert.That(id, Does.StartWith("binary64"), "unhandled vector");
                w.WriteDouble(value.GetDouble());
                break;
        }
        Assert.That(Hex.Encode(w.ToArray()), Is.EqualTo(Hex.Encode(ExpectedBytes(v))));
    }

    [Test]
    public void ShortestIntegerIsWhatTheReferenceWriterEmits()
    {
        // formats.md §2.4: the reference always narrows; 42 is A0 2A whatever the example width.
        var w = new JsonBWriter();
        w.WriteInteger(42);
        Assert.That(Hex.Encode(w.ToArray()), Is.EqualTo("a02a"));
    }

    [Test]
    public void WiderIntegerWidthIsAWarningNotAnError()
    {
        JsonBParser.Parse(Hex.Decode("a1002a"), out var warnings);
        Assert.That(warnings.Select(x => x.Code), Is.EqualTo(new[] { JsonBErrorCodes.IntegerNotShortest }));
        JsonBParser.Parse(Hex.Decode("a02a"), out var none);
        Assert.That(none, Is.Empty);
    }

    // ---- jsonc: §5.1 examples ----

    private static readonly byte[] DefineAndUse20 = Hex.Decode("c820800548656c6c6f");

    [TestCaseSource(typeof(VectorCases), nameof(VectorCases.JsonBcd), new object[] { "jsonc" })]
    public void JsonCDecodes(JsonElement v)
    {
        var id = v.GetProperty("id").GetString()!;
        var bytes = ExpectedBytes(v);
        switch (id)
        {
            case "jsonc-0":
            {
                // C8: the value "Hello" and, at the same time, code 0x20 = "Hello".
                var reader = new JsonBReader(bytes, allowMultipleValues: true);
                Assert.That(reader.Read(), Is.True);
                Assert.That(reader.TokenType, Is.EqualTo(JsonBTokenType.String));
                Assert.That(reader.StringValue, Is.EqualTo("Hello"));
                Assert.That(reader.DefinedCodes[0x20], Is.EqualTo("Hello"));
                Assert.That(reader.Read(), Is.False);
                break;
            }
            case "jsonc-1":
            {
                // C4: defines code 0x21 and produces no value.
                var reader = new JsonBReader(bytes, allowMultipleValues: true);
                Assert.That(reader.Read(), Is.False);
                Assert.That(reader.DefinedCodes[0x21], Is.EqualTo("Hello"));
                break;
            }
            case "jsonc-2":
            case "jsonc-3":
            {
                // Alone, a reference names an undefined code (§5: MUST be defined before use).
                var ex = Assert.Throws<MeshFormatException>(() => JsonBParser.Parse(bytes))!;
                Assert.That((ex.Code, ex.Offset), Is.EqualTo((JsonBErrorCodes.CodeUndefined, 0L)));
                // After jsonc-0 has defined 0x20, the 8-bit and 16-bit forms both stand for "Hello".
                var values = JsonBParser.ParseSequence(DefineAndUse20.Concat(bytes).ToArray());
                Assert.That(values.Select(x => x.AsString()), Is.EqualTo(new[] { "Hello", "Hello" }));
                Assert.That(values[1].Offset, Is.EqualTo(DefineAndUse20.Length));
                break;
            }
            case "jsonc-dict-hash":
            {
                // Framing: D0, offset 256, length 32, 32 bytes. The bytes are SHA-256 of the EMPTY
                // string, not a digest of the dictionary the draft shows (INCONSISTENT vector), so we
                // check what they are and that they do not match the dictionary.
                var reader = new JsonBReader(bytes, allowMultipleValues: true);
                Assert.That(reader.Read(), Is.False);
                var hash = reader.DictionaryHashes.Single();
                Assert.That(hash.CodeOffset, Is.EqualTo(256u));
                Assert.That(hash.Fingerprint, Is.EqualTo(SHA256.HashData(Array.Empty<byte>())));
                Assert.That(hash.Fingerprint, Is.Not.EqualTo(SHA256.HashData(Hex.Decode("c421800548656c6c6f"))));
                Assert.That(reader.Warnings.Select(x => x.Code), Does.Contain(JsonBErrorCodes.DictionaryUnresolved));
                break;
            }
            default:
                Assert.Fail("unhandled vector " + id);
                break;
        }
    }

    [TestCaseSource(typeof(VectorCases), nameof(VectorCases.JsonBcd), new object[] { "jsonc" })]
    public void JsonCEncodes(JsonElement v)
    {
        var id = v.GetProperty("id").GetString()!;
        var w = new JsonBWriter();
        switch (id)
        {
            case "jsonc-0": w.WriteCodeReferenceAndDefinition(0x20, "Hello"); break;
            case "jsonc-1": w.WriteCodeDefinition(0x21, "Hello"); break;
            case "jsonc-2": w.WriteCodeReference(0x20, codeWidth: 1); break;
            case "jsonc-3": w.WriteCodeReference(0x20, codeWidth: 2); break;
            case "jsonc-dict-hash": w.WriteDictionaryHash(256, SHA256.HashData(Array.Empty<byte>())); break;
            default: Assert.Fail("unhandled vector " + id); break;
        }
        Assert.That(Hex.Encode(w.ToArray()), Is.EqualTo(Hex.Encode(ExpectedBytes(v))));
    }

    // ---- jsonb-in-dare: the EDS of dare-08 §3.3 ----

    [TestCaseSource(typeof(VectorCases), nameof(VectorCases.JsonBcd), new object[] { "jsonb-in-dare" })]
    public void EdsIsThreeDataTokens(JsonElement v)
    {
        var input = v.GetProperty("input");
        var salt = Hex.Decode(input.GetProperty("salt_prefix_hex").GetString()!);
        var body = Encoding.UTF8.GetBytes(input.GetProperty("body_utf8").GetString()!);
        var tag = Hex.Decode(input.GetProperty("tag_hex").GetString()!);

        var items = JsonBParser.ParseSequence(ExpectedBytes(v));
        Assert.That(items, Has.Count.EqualTo(3));
        Assert.That(items.Select(x => ((JsonBBinary)x).Value), Is.EqualTo(new[] { salt, body, tag }));

        var w = new JsonBWriter();
        w.WriteBinary(salt);
        w.WriteBinary(body);
        w.WriteBinary(tag);
        Assert.That(Hex.Encode(w.ToArray()), Is.EqualTo(Hex.Encode(ExpectedBytes(v))));
    }

    // ---- jbcd-frame: the F0–F7 tags shown in dare-08 §14.1 ----

    [TestCaseSource(typeof(VectorCases), nameof(VectorCases.JsonBcd), new object[] { "jbcd-frame" })]
    public void FrameTagsAreFramingNotValues(JsonElement v)
    {
        // Framing itself is the DARE layer's job. Here: every head/record/tail uses a frame or
        // record tag whose low two bits give the length width actually shown, and the JSON-B
        // value reader refuses those tags (they may not appear inside a value).
        var e = v.GetProperty("expected");
        var heads = new List<string> { e.GetProperty("frame0_head_hex").GetString()!, e.GetProperty("frame1_head_hex").GetString()! };
        heads.AddRange(e.GetProperty("frame0_records_hex").EnumerateArray().Select(x => x.GetString()!));
        heads.AddRange(e.GetProperty("frame1_records_hex").EnumerateArray().Select(x => x.GetString()!));
        foreach (var hex in heads)
        {
            var b = Hex.Decode(hex);
            Assert.That(JsonBTag.IsFrameTag(b[0]), Is.True, hex);
            Assert.That(JsonBTag.LengthWidth(b[0]), Is.EqualTo(b.Length - 1), hex);
            var ex = Assert.Throws<MeshFormatException>(() => JsonBParser.Parse(b, baseOffset: 1000))!;
            Assert.That((ex.Code, ex.Offset), Is.EqualTo((JsonBErrorCodes.ReservedTag, 1000L)), hex);
        }
        foreach (var tail in new[] { e.GetProperty("frame0_tail_hex").GetString()!, e.GetProperty("frame1_tail_hex").GetString()! })
        {
            var b = Hex.Decode(tail);
            Assert.That(b[^1], Is.InRange(JsonBTag.Frame, (byte)(JsonBTag.Frame + 3)), tail);
            Assert.That(JsonBTag.LengthWidth(b[^1]), Is.EqualTo(b.Length - 1), tail);
        }
    }
}
