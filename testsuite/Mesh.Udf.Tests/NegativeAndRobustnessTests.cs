using System.Text;
using System.Text.Json;
using MeshConformance.Core;
using MeshConformance.Udf;
using NUnit.Framework;

namespace MeshConformance.Tests.Udf;

/// <summary>vectors/negative/udf/manifest.json: each bad UDF text must produce its code at its offset.</summary>
public class NegativeVectorTests
{
    private static readonly HashSet<string> TextLevelCodes = [UdfCodes.Empty, UdfCodes.TooLong, UdfCodes.Character, UdfCodes.TooShort];

    private static IEnumerable<TestCaseData> Manifest()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(RepositoryPaths.Vectors("negative", "udf", "manifest.json")));
        Assert.That(doc.RootElement.GetProperty("format").GetString(), Is.EqualTo("MeshConformance negative vectors v1"));
        foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var id = v.GetProperty("id").GetString()!;
            yield return new TestCaseData(v.Clone()).SetName($"{{m}}({id})");
        }
    }

    private static string Input(JsonElement v)
    {
        if (v.GetProperty("file").ValueKind == JsonValueKind.String)
        {
            return File.ReadAllText(RepositoryPaths.Vectors("negative", "udf", v.GetProperty("file").GetString()!));
        }
        return v.GetProperty("input_text").GetString()!;
    }

    [TestCaseSource(nameof(Manifest))]
    public void NegativeVector(JsonElement v)
    {
        var text = Input(v);
        var code = v.GetProperty("expected").GetProperty("code").GetString()!;
        var offset = v.GetProperty("expected").GetProperty("offset").GetInt32();
        var findings = UdfValidator.Validate(text);
        Assert.That(findings.Select(f => (f.Code, f.Offset)), Does.Contain((code, offset)),
            v.GetProperty("description").GetString() + "\nfindings: " + string.Join("; ", findings));
        if (TextLevelCodes.Contains(code))
        {
            // Text-level problems also stop the lenient parser, with the same code and offset.
            var e = Assert.Throws<MeshFormatException>(() => UDF.Parse(text));
            Assert.That((e!.Code, e.Offset), Is.EqualTo((code, (long)offset)));
        }
    }

    [Test]
    public void ManifestIdsAreUnique()
    {
        var ids = Manifest().Select(c => ((JsonElement)c.Arguments[0]!).GetProperty("id").GetString()).ToList();
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Has.Count.GreaterThanOrEqualTo(20));
    }
}

public class ValidatorTests
{
    [Test]
    public void LowerCaseIsWarningUnlessUpperCaseIsRequired()
    {
        var lower = "mddk-7n6a-727a-jzno-strx-xks7-djaf";
        Assert.That(UdfValidator.Validate(lower).Single(), Is.EqualTo(new UdfFinding(UdfCodes.LowerCase, 0, UdfSeverity.Warning, UdfValidator.Validate(lower).Single().Message)));
        var strict = UdfValidator.Validate(lower, new UdfValidationOptions { RequireUpperCase = true }).Single();
        Assert.That((strict.Code, strict.Severity), Is.EqualTo((UdfCodes.LowerCase, UdfSeverity.Error)));
    }

    [Test]
    public void TrustAnchorFloorOf200Bits()
    {
        var options = new UdfValidationOptions { MinimumBits = 200 }; // udf-10 §5.3.1
        Assert.That(UdfValidator.Validate("MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF", options).Select(f => f.Code), Is.EqualTo(new[] { UdfCodes.PrecisionLow }));
        Assert.That(UdfValidator.Validate("MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF-XI6O-ZSLU-2VOA", options), Is.Empty);
    }

    [Test]
    public void EveryRegisteredTypeHasItsInitial()
    {
        // The type bytes were chosen so the first Base32 character (top 5 bits) is the mnemonic.
        foreach (var info in UdfTypes.All)
        {
            Assert.That(Base32.Alphabet[(byte)info.Type >> 3], Is.EqualTo(info.Initial), info.Type.ToString());
        }
        Assert.That(UdfTypes.All.Select(i => (int)i.Type).Order(),
            Is.EqualTo(new[] { 0, 1, 32, 33, 80, 81, 82, 83, 84, 96, 97, 98, 99, 100, 104, 112, 136, 144, 200 }));
    }
}

/// <summary>Any string in gives a MeshFormatException (UDF-*) or findings out; nothing else, never a crash.</summary>
public class RobustnessTests
{
    private static IEnumerable<TestCaseData> Hostile()
    {
        yield return new TestCaseData("", UdfCodes.Empty, 0L).SetArgDisplayNames("empty");
        yield return new TestCaseData("-----", UdfCodes.Empty, 0L).SetArgDisplayNames("only-dashes");
        yield return new TestCaseData(new string('A', 10_000_000), UdfCodes.TooLong, (long)Base32.MaximumTextLength).SetArgDisplayNames("10MB");
        yield return new TestCaseData("MDDK-\u00e9", UdfCodes.Character, 5L).SetArgDisplayNames("non-ascii");
        yield return new TestCaseData("MD\U0001F600DK", UdfCodes.Character, 2L).SetArgDisplayNames("emoji-surrogate");
        yield return new TestCaseData("MD\0DK", UdfCodes.Character, 2L).SetArgDisplayNames("nul");
        yield return new TestCaseData("\uFF2DDDK", UdfCodes.Character, 0L).SetArgDisplayNames("fullwidth-M");
        yield return new TestCaseData("7", UdfCodes.TooShort, 1L).SetArgDisplayNames("one-char");
    }

    [TestCaseSource(nameof(Hostile))]
    public void ParseFailsWithUdfCodeAndOffset(string text, string code, long offset)
    {
        var e = Assert.Throws<MeshFormatException>(() => UDF.Parse(text));
        Assert.That((e!.Code, e.Offset), Is.EqualTo((code, offset)));
        Assert.That(UdfValidator.Validate(text).Select(f => (f.Code, (long)f.Offset)), Does.Contain((code, offset)));
    }

    [Test]
    public void RandomStringsOnlyEverGiveMeshFormatException()
    {
        var rng = new Random(20200727);
        const string pool = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-=_ \u00e9\u0000";
        for (var i = 0; i < 5000; i++)
        {
            var chars = new char[rng.Next(0, 120)];
            for (var j = 0; j < chars.Length; j++) chars[j] = pool[rng.Next(pool.Length)];
            var text = new string(chars);
            Assert.DoesNotThrow(() => UdfValidator.Validate(text), text);
            try
            {
                var value = UDF.Parse(text);
                _ = value.TypeInfo;
                _ = value.Canonical;
            }
            catch (MeshFormatException e)
            {
                Assert.That(e.Code, Does.StartWith("UDF-"));
                Assert.That(e.Offset, Is.InRange(0, text.Length));
            }
        }
    }

    [Test]
    public void TypedParsersOnRandomValidBase32OnlyGiveMeshFormatException()
    {
        var rng = new Random(7);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = new byte[rng.Next(1, 40)];
            rng.NextBytes(bytes);
            if (i % 2 == 0) bytes[0] = (byte)(i % 4 == 0 ? 0x90 : 0xC8);
            var text = Presentation.Full(bytes);
            Assert.DoesNotThrow(() => UdfValidator.Validate(text));
            foreach (var parse in new Action[] { () => ShamirShare.Parse(text), () => KeyDerivationSeed.Parse(text) })
            {
                try { parse(); }
                catch (MeshFormatException e) { Assert.That(e.Code, Does.StartWith("UDF-")); }
            }
        }
    }
}
