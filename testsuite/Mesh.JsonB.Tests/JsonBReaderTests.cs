using System.Diagnostics;
using System.Numerics;
using System.Text;
using MeshConformance.Core;
using MeshConformance.JsonB;
using NUnit.Framework;

namespace MeshConformance.Tests.JsonB;

/// <summary>Mixed JSON text and binary tokens, reference-writer forms, options, round trips and robustness.</summary>
public class JsonBReaderTests
{
    private static byte[] B(params object[] parts)
    {
        var list = new List<byte>();
        foreach (var p in parts)
        {
            switch (p)
            {
                case string s: list.AddRange(Encoding.UTF8.GetBytes(s)); break;
                case int i: list.Add(checked((byte)i)); break;
                case byte[] a: list.AddRange(a); break;
            }
        }
        return [.. list];
    }

    [Test]
    public void MixedJsonTextAndBinaryTokens()
    {
        // {"text": <80 "Hello">, "list": [1, A0 02, B0], <80 "bin"> <88 01 02> "n": -7}
        var data = B("{\"text\": ", 0x80, 5, "Hello", ", \"list\": [1, ", 0xA0, 2, ", ", 0xB0, "], ",
            0x80, 3, "bin", 0x88, 2, 1, 2, " \"n\": -7}");
        var obj = (JsonBObject)JsonBParser.Parse(data, baseOffset: 100);
        Assert.That(obj.Members.Select(m => m.Name), Is.EqualTo(new[] { "text", "list", "bin", "n" }));
        Assert.That(((JsonBString)obj["text"]!).Value, Is.EqualTo("Hello"));
        Assert.That(((JsonBString)obj["text"]!).IsBinaryToken, Is.True);
        Assert.That(obj["text"]!.Offset, Is.EqualTo(100 + 9));
        var list = ((JsonBArray)obj["list"]!).Items;
        Assert.That(((JsonBNumber)list[0]).TryGetInt64(out var one) && one == 1, Is.True);
        Assert.That(((JsonBNumber)list[1]).TryGetInt64(out var two) && two == 2, Is.True);
        Assert.That(((JsonBBoolean)list[2]).Value, Is.True);
        Assert.That(((JsonBBinary)obj["bin"]!).Value, Is.EqualTo(new byte[] { 1, 2 }));
        Assert.That(((JsonBNumber)obj["n"]!).TryGetInt64(out var n) && n == -7, Is.True);
        Assert.That(obj.Members[2].NameOffset, Is.EqualTo(100 + data.AsSpan().IndexOf(B(0x80, 3, "bin"))));
        Assert.That(obj.Members[0].NameOffset, Is.EqualTo(101));
    }

    [Test]
    public void ReferenceWriterB4NamesWithoutCommas()
    {
        // What the reference JSON-B writer emits: B4 member names, no colons, no commas even after a nested object.
        var data = B("{", 0xB4, 4, "name", 0x80, 3, "val", 0xB4, 1, "o", "{", 0xB4, 1, "x", 0xA0, 5, "}", 0xB4, 1, "t", 0xB0, "}");
        var obj = (JsonBObject)JsonBParser.Parse(data);
        Assert.That(obj["name"]!.AsString(), Is.EqualTo("val"));
        Assert.That(((JsonBNumber)((JsonBObject)obj["o"]!)["x"]!).TryGetInt64(out var x) && x == 5, Is.True);
        Assert.That(((JsonBBoolean)obj["t"]!).Value, Is.True);

        var ex = Assert.Throws<MeshFormatException>(() => JsonBParser.Parse(data, options: new JsonBReaderOptions { StrictSeparators = true }))!;
        Assert.That(ex.Code, Is.EqualTo(JsonBErrorCodes.Syntax));
        Assert.That(ex.Offset, Is.EqualTo(Array.IndexOf(data, (byte)'}') + 1), "the member after the nested object needs a ',' under the strict grammar");
    }

    [Test]
    public void WriterOutputFollowsTheStrictGrammar()
    {
        var w = new JsonBWriter();
        w.BeginObject();
        w.WritePropertyName("a");
        w.BeginArray();
        w.WriteInteger(1);
        w.BeginObject();
        w.EndObject();
        w.WriteBoolean(false);
        w.EndArray();
        w.WritePropertyName("b");
        w.WriteNull();
        w.EndObject();
        Assert.That(Hex.Encode(w.ToArray()), Is.EqualTo("7b800161" + "5b" + "a001" + "7b7d" + "2c" + "b1" + "5d" + "2c" + "800162" + "b2" + "7d"));
        Assert.DoesNotThrow(() => JsonBParser.Parse(w.ToArray(), options: new JsonBReaderOptions { StrictSeparators = true }));
    }

    private static JsonBObject SampleTree() => new JsonBObject()
        .Add("s", new JsonBString("Grüße \"q\" \\ \u0001"))
        .Add("bin", new JsonBBinary(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray()))
        .Add("ints", new JsonBArray([
            JsonBNumber.FromInteger(0), JsonBNumber.FromInteger(-1), JsonBNumber.FromInteger(255), JsonBNumber.FromInteger(256),
            JsonBNumber.FromInteger(long.MinValue), JsonBNumber.FromInteger(ulong.MaxValue),
            JsonBNumber.FromInteger(BigInteger.Pow(2, 100)), JsonBNumber.FromInteger(-BigInteger.Pow(7, 200)),
        ]))
        .Add("f", JsonBNumber.FromDouble(3.14159265359))
        .Add("nested", new JsonBObject().Add("empty", new JsonBArray()).Add("o", new JsonBObject()))
        .Add("t", new JsonBBoolean(true)).Add("n", new JsonBNull());

    [Test]
    public void JsonBRoundTrip()
    {
        var tree = SampleTree();
        var parsed = JsonBParser.Parse(JsonBWriter.Serialize(tree));
        Assert.That(Describe(parsed), Is.EqualTo(Describe(tree)));
    }

    [Test]
    public void GoedelTextRoundTrip()
    {
        var tree = SampleTree();
        var text = GoedelJsonWriter.Serialize(tree);
        var parsed = (JsonBObject)JsonBParser.Parse(text);
        // Binary comes back as (wrapped) base64 text; everything else is identical.
        Assert.That(parsed["bin"]!.TryGetBytes(out var bin, out var wrapped), Is.True);
        Assert.That(bin, Is.EqualTo(((JsonBBinary)tree["bin"]!).Value));
        Assert.That(wrapped, Is.True);
        Assert.That(Describe(parsed["ints"]!), Is.EqualTo(Describe(tree["ints"]!)));
        Assert.That(parsed["s"]!.AsString(), Is.EqualTo(tree["s"]!.AsString()));
        Assert.That(GoedelJsonWriter.Serialize(parsed), Is.EqualTo(text));
    }

    private static string Describe(JsonBValue v) => v switch
    {
        JsonBObject o => "{" + string.Join(",", o.Members.Select(m => m.Name + ":" + Describe(m.Value))) + "}",
        JsonBArray a => "[" + string.Join(",", a.Items.Select(Describe)) + "]",
        JsonBString s => "s:" + s.Value,
        JsonBBinary b => "b:" + Hex.Encode(b.Value),
        JsonBNumber n => "n:" + n,
        _ => v.ToString()!,
    };

    [Test]
    public void IntegerWidthsAndJsonDTags()
    {
        Assert.That(Int("a801"), Is.EqualTo(new BigInteger(-1)));
        Assert.That(Int("a3ffffffffffffffff"), Is.EqualTo(new BigInteger(ulong.MaxValue)));
        Assert.That(Int("ab8000000000000000"), Is.EqualTo(new BigInteger(long.MinValue)));
        Assert.That(Int("a4" + "01" + new string('0', 30)), Is.EqualTo(BigInteger.Pow(2, 120)));
        Assert.That(Int("ac" + new string('0', 30) + "02"), Is.EqualTo(new BigInteger(-2)));
        Assert.That(Int("a6" + "01" + new string('0', 126)), Is.EqualTo(BigInteger.Pow(2, 504)));
        Assert.That(Int("a70002" + "0100"), Is.EqualTo(new BigInteger(256)), "Table 2 p-bignum16");
        Assert.That(Int("af0001" + "05"), Is.EqualTo(new BigInteger(-5)), "Table 2 n-bignum16");
        Assert.That(Int("ad0001" + "05"), Is.EqualTo(new BigInteger(-5)), "example-style negative bignum");
        var w = new JsonBWriter();
        w.WriteInteger(BigInteger.Pow(2, 120));
        Assert.That(Hex.Encode(w.ToArray()), Is.EqualTo("a4" + "01" + new string('0', 30)));
    }

    private static BigInteger Int(string hex)
    {
        Assert.That(((JsonBNumber)JsonBParser.Parse(Hex.Decode(hex))).TryGetBigInteger(out var v), Is.True);
        return v;
    }

    [Test]
    public void FloatTokens()
    {
        Assert.That(Dbl("903c00"), Is.EqualTo(1.0), "binary16");
        Assert.That(Dbl("91c0490fdb"), Is.EqualTo((double)-3.1415927f), "binary32");
        var raw = (JsonBNumber)JsonBParser.Parse(Hex.Decode("97" + "2238000000000001"));
        Assert.That(raw.Kind, Is.EqualTo(JsonBNumberKind.RawFloat));
        Assert.That(raw.RawBytes, Has.Length.EqualTo(8));
        var text = (JsonBNumber)JsonBParser.Parse("-1.25e2"u8.ToArray());
        Assert.That((text.Kind, text.Text), Is.EqualTo((JsonBNumberKind.DecimalText, "-1.25e2")));
        Assert.That(text.TryGetDouble(out var d) && d == -125.0, Is.True);
    }

    private static double Dbl(string hex)
    {
        Assert.That(((JsonBNumber)JsonBParser.Parse(Hex.Decode(hex))).TryGetDouble(out var v), Is.True);
        return v;
    }

    [Test]
    public void ChunkedDataAndStringSplitInsideACodePoint()
    {
        // The value is the concatenation, so a UTF-8 sequence may straddle a chunk boundary.
        Assert.That(JsonBParser.Parse(Hex.Decode("8401c38001a9")).AsString(), Is.EqualTo("é"));
        Assert.That(((JsonBBinary)JsonBParser.Parse(Hex.Decode("8c0101" + "8d00020202" + "8800"))).Value, Is.EqualTo(new byte[] { 1, 2, 2 }));
    }

    [Test]
    public void TextEscapes()
    {
        var s = JsonBParser.Parse("\"a\\u00e9\\ud83d\\ude00\\/\\t\""u8.ToArray()).AsString();
        Assert.That(s, Is.EqualTo("aé😀/\t"));
    }

    [Test]
    public void RawLineBreaksCanBeRefused()
    {
        var data = "{\"d\": \"abc\n  def\"}"u8.ToArray();
        Assert.That(((JsonBString)((JsonBObject)JsonBParser.Parse(data))["d"]!).HasRawLineBreaks, Is.True);
        var ex = Assert.Throws<MeshFormatException>(() => JsonBParser.Parse(data, options: new JsonBReaderOptions { AllowRawLineBreaksInStrings = false }))!;
        Assert.That((ex.Code, ex.Offset), Is.EqualTo((JsonBErrorCodes.RawLineBreak, 10L)));
    }

    [Test]
    public void FormFeedWhitespaceIsAcceptedButFlagged()
    {
        var data = B("[1,", 0x0C, "2", 0x08, "]");
        JsonBParser.Parse(data, out var warnings);
        Assert.That(warnings.Select(w => (w.Code, w.Offset)), Is.EqualTo(new[] { (JsonBErrorCodes.NonJsonWhitespace, 3L), (JsonBErrorCodes.NonJsonWhitespace, 5L) }));
        var ex = Assert.Throws<MeshFormatException>(() => JsonBParser.Parse(data, options: new JsonBReaderOptions { AllowReferenceWhitespace = false }))!;
        Assert.That((ex.Code, ex.Offset), Is.EqualTo((JsonBErrorCodes.Syntax, 3L)));
    }

    [Test]
    public void B0ProfileRefusesTextStringsAndNumbers()
    {
        var b0 = new JsonBReaderOptions { Profile = JsonBProfile.B0 };
        Assert.That(Assert.Throws<MeshFormatException>(() => JsonBParser.Parse("[true, 1]"u8.ToArray(), options: b0))!.Offset, Is.EqualTo(7));
        Assert.That(Assert.Throws<MeshFormatException>(() => JsonBParser.Parse("{\"a\": true}"u8.ToArray(), options: b0))!.Code, Is.EqualTo(JsonBErrorCodes.TextInB0));
        Assert.DoesNotThrow(() => JsonBParser.Parse(B("{", 0x80, 1, "a", 0xA0, 1, "}"), options: b0));
    }

    [Test]
    public void JsonCCodesAsMemberNames()
    {
        // C8 defines "kind" while naming the first member; C0 reuses it in the second object.
        var data = B("[{", 0xC8, 0x07, 0x80, 4, "kind", 0xA0, 1, "}, {", 0xC0, 0x07, 0xA0, 2, "}]");
        var arr = (JsonBArray)JsonBParser.Parse(data);
        Assert.That(arr.Items.Select(o => ((JsonBObject)o).Members[0].Name), Is.EqualTo(new[] { "kind", "kind" }));
    }

    [Test]
    public void HugeDeclaredLengthFailsFastWithoutAllocating()
    {
        var data = Hex.Decode("8b4000000000000000");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        var ex = Assert.Throws<MeshFormatException>(() => JsonBParser.Parse(data))!;
        Assert.That((ex.Code, ex.Offset), Is.EqualTo((JsonBErrorCodes.LengthOverrun, 0L)));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1_000_000));
        Assert.That(sw.ElapsedMilliseconds, Is.LessThan(1000));
    }

    [Test]
    public void DeepNestingUnderARaisedLimitNeverOverflowsTheStack()
    {
        // The tree builder uses an explicit stack, so even a limit far above 64 cannot crash the process.
        var data = Encoding.ASCII.GetBytes(new string('[', 200_000) + new string(']', 200_000));
        var v = JsonBParser.Parse(data, options: new JsonBReaderOptions { MaxDepth = 1_000_000 });
        Assert.That(v, Is.TypeOf<JsonBArray>());
    }

    [Test]
    public void MutatedInputOnlyEverRaisesMeshFormatException()
    {
        var seeds = new[]
        {
            JsonBWriter.Serialize(SampleTree()),
            GoedelJsonWriter.Serialize(SampleTree()),
            B("{", 0xB4, 1, "a", 0xC8, 1, 0x80, 1, "x", "[", 0xC0, 1, 0x84, 1, "y", 0x80, 0, "]}"),
        };
        var rng = new Random(20200727);
        var other = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var data = (byte[])seeds[i % seeds.Length].Clone();
            var edits = 1 + rng.Next(4);
            for (var e = 0; e < edits; e++) data[rng.Next(data.Length)] = (byte)rng.Next(256);
            if (rng.Next(4) == 0) data = data[..rng.Next(data.Length)];
            try
            {
                JsonBParser.Parse(data);
                JsonBParser.ParseSequence(data);
            }
            catch (MeshFormatException ex)
            {
                Assert.That(ex.Code, Does.StartWith("JSONB-"));
                Assert.That(ex.Offset, Is.InRange(0, data.Length));
            }
            catch (Exception ex)
            {
                other++;
                Assert.Fail($"input {Hex.Encode(data)} raised {ex.GetType().Name}: {ex.Message}");
            }
        }
        Assert.That(other, Is.Zero);
    }

    [Test]
    public void DomHelpers()
    {
        var obj = new JsonBObject().Add("a", new JsonBString("e30")).Add("a", new JsonBBinary([9]));
        Assert.That(obj["a"]!.AsString(), Is.EqualTo("e30"), "first member of the name wins");
        Assert.That(obj.DuplicateNames, Is.EqualTo(new[] { "a" }));
        Assert.That(obj.TryGetValue("b", out _), Is.False);
        Assert.That(obj.Members[1].Value.TryGetBytes(out var raw, out var wrapped) && raw[0] == 9 && !wrapped, Is.True);
        Assert.That(new JsonBString("not base64!").TryGetBinary(out _), Is.False);
    }
}
