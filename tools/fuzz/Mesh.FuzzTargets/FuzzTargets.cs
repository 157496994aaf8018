using System.Text;
using System.Text.Json.Nodes;
using MeshConformance.Catalogs;
using MeshConformance.Checks;

using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Envelope;
using MeshConformance.Dare.Model;

using MeshConformance.Dare.Verification;
using MeshConformance.JsonB;
using MeshConformance.Layout;
using MeshConformance.Platform.Keys;
using MeshConformance.Platform.Stress;
using MeshConformance.Udf;

namespace MeshConformance.Fuzz;

/// <summary>
/// Every parser the checker exposes to untrusted input, as fuzz targets. Where the first input byte chooses a variant
/// (a catalog kind, a reader option) the rest of the input is the data, so one corpus explores all variants.
/// </summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("dare-container", "a whole container: framing, headers, digests and the catalog log, as `check` reads it", ["dare", "catalog", "jsonb"], DareContainer),
        new("dare-header", "one header or trailer record, by the full parser and the fast reader (which must agree)", ["dare", "jsonb"], DareHeader),
        new("content-meta", "ContentMetaData (a header's ContentMeta JSON), by both header readers", ["dare"], ContentMeta),
        new("jsonb", "JSON, JSON-B, JSON-C and JSON-D values and sequences", ["jsonb"], JsonB),
        new("envelope", "DARE envelopes and encoded data sequences", ["dare", "jsonb"], Envelope),
        new("udf", "UDF text: parse, strict validation, key-derivation seeds and Shamir shares", ["udf"], Udf),
        new("catalog-entry", "one catalog entry payload, by the parser and the fast reader (which must agree)", ["catalog", "jsonb"], CatalogEntry),
        new("key-file", "a key file's content: the checker's key checks and the key ring", ["key", "jsonb"], KeyFile),
        new("adapter-reply", "one line of an implementation adapter's output", ["adapter"], AdapterReply),
        new("expectations", "an expectations (known-failure) file", [], Expectations),
        new("layout-dialect", "a layout dialect description (--dialect FILE)", [], LayoutDialect),
    ];

    public static FuzzTarget? ByName(string name) => All.FirstOrDefault(t => t.Name == name);

    private static CatalogKind? KindOf(byte selector) => KindTable.Kinds[selector % KindTable.Kinds.Count];

    /// <summary>
    /// Apart, so that naming a target does not run the instrumented assemblies' static constructors: under SharpFuzz
    /// instrumented code must not run before the fuzzer's shared memory is attached.
    /// </summary>
    private static class KindTable
    {
        public static readonly IReadOnlyList<CatalogKind?> Kinds = [null, .. CatalogKinds.All, CatalogKinds.AnyCatalog, CatalogKinds.AnySpool];
    }

    /// <summary>Byte 0 picks the catalog kind the follower reads the frames as; the rest is the container file.</summary>
    private static void DareContainer(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty) return;
        var kind = KindOf(input[0]);
        var source = new MemoryByteSource(input[1..].ToArray());
        var follower = CatalogReader.Follow(source, kind, decrypt: null, keepEntryBodies: false);
        _ = ContainerVerifier.Verify(source, options: null, "fuzz.dcat", follower);
        _ = follower.Result();
        // The stand-alone read (no follower) is the path `check` takes for stores no container walk covered.
        _ = CatalogReader.Read(source, kind, decrypt: null, keepEntryBodies: true);
    }

    private static void DareHeader(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty) return;
        var record = input[1..].ToArray();
        var asTrailer = (input[0] & 1) == 1;
        var findings = new List<Finding>();
        if (asTrailer)
        {
            _ = DareHeaderParser.ParseTrailer(record, 0, 1, findings);
            if (FastHeaderReader.TryReadTrailer(record) is not null) RequireNoFindings(findings, "the fast trailer reader accepted a trailer");
        }
        else
        {
            _ = DareHeaderParser.ParseHeader(record, 0, 1, findings);
            if (FastHeaderReader.TryReadHeader(record, readContentMeta: true) is not null) RequireNoFindings(findings, "the fast header reader accepted a header");
        }
    }

    /// <summary>The input is the decoded ContentMetaData; it reaches both readers inside a minimal header.</summary>
    private static void ContentMeta(ReadOnlySpan<byte> input)
    {
        var header = Encoding.ASCII.GetBytes($"{{\"ContentMetaData\":\"{Base64Url.Encode(input)}\"}}");
        var findings = new List<Finding>();
        _ = DareHeaderParser.ParseHeader(header, 0, 1, findings);
        if (FastHeaderReader.TryReadHeader(header, readContentMeta: true) is not null) RequireNoFindings(findings, "the fast header reader accepted a ContentMeta");
    }

    private static void JsonB(ReadOnlySpan<byte> input)
    {
        var data = input.ToArray();
        try
        {
            _ = JsonBParser.Parse(data, out _);
        }
        catch (MeshFormatException)
        {
            // The documented bad-input error.
        }
        try
        {
            _ = JsonBParser.ParseSequence(data, out _);
        }
        catch (MeshFormatException)
        {
        }
    }

    private static void Envelope(ReadOnlySpan<byte> input)
    {
        var data = input.ToArray();
        _ = EnvelopeReader.TryRead(data, []);
        _ = EncodedDataSequence.TryDecode(data, out _, out _);
    }

    private static void Udf(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        _ = UDF.TryParse(text, out _, out _);
        _ = UdfValidator.Validate(text);
        _ = UdfValidator.Validate(text, new UdfValidationOptions { RequireUpperCase = true, MinimumBits = 200 });
        try
        {
            _ = KeyDerivationSeed.Parse(text);
        }
        catch (MeshFormatException)
        {
        }
        try
        {
            _ = ShamirShare.Parse(text);
        }
        catch (MeshFormatException)
        {
        }
    }

    /// <summary>Byte 0 picks the catalog kind; the rest is the entry payload.</summary>
    private static void CatalogEntry(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty) return;
        var kind = KindOf(input[0]);
        var payload = input[1..].ToArray();
        var findings = new List<Finding>();
        var parsed = CatalogEntryParser.Parse(payload, 0, kind, frameIndex: 1, findings);
        if (FastEntryReader.TryRead(payload, kind) is { } fast)
        {
            RequireNoFindings(findings, "the fast entry reader accepted an entry");
            if (parsed is null || parsed.Tag != fast.Tag || parsed.Key != fast.Key || parsed.EntryType != fast.EntryType)
                throw new OracleViolation($"the fast entry reader read {fast.Tag}/{fast.Key}, the parser {parsed?.Tag}/{parsed?.Key}");
        }
    }

    private static void KeyFile(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        _ = KeyFileChecks.Content(bytes, "MDXX-FUZZ", "Keys/MDXX-FUZZ");
        _ = KeyRing.Load([]).TryAdd("MDXX-FUZZ", bytes);
    }

    private static void AdapterReply(ReadOnlySpan<byte> input)
    {
        var line = Encoding.UTF8.GetString(input);
        try
        {
            JsonObject reply = AdapterReplies.ParseLine(line);
            _ = AdapterReplies.ReadAppend(reply);
            _ = AdapterReplies.ReadHello(reply);
            _ = AdapterReplies.RequireOk(reply);
        }
        catch (AdapterFailure)
        {
            // The documented error: the stress run reports it against that adapter.
        }
    }

    private static void Expectations(ReadOnlySpan<byte> input)
    {
        try
        {
            _ = ExpectationFile.Parse(Encoding.UTF8.GetString(input), "fuzz.expect");
        }
        catch (ExpectationFileException)
        {
        }
    }

    private static void LayoutDialect(ReadOnlySpan<byte> input)
    {
        try
        {
            _ = LayoutDialects.Parse(input, "fuzz-dialect.json");
        }
        catch (LayoutDialectException)
        {
        }
    }

    private static void RequireNoFindings(List<Finding> findings, string what)
    {
        if (findings.Count > 0)
            throw new OracleViolation($"{what} on which the full parser reports {findings[0].Code}: {findings[0].Message}");
    }
}
