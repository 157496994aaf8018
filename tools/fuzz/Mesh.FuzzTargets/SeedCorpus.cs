using System.Text;
using System.Text.Json;
using MeshConformance.Catalogs;
using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Reading;

namespace MeshConformance.Fuzz;

/// <summary>One input of a target's corpus.</summary>
public sealed record CorpusInput(string Target, string Name, byte[] Data);

/// <summary>
/// The seed corpus, built from the repository's golden and negative vectors and the drafts' vectors, so the fuzzers
/// start from every shape we know is valid and every one we know is broken. Deterministic: the same vectors give
/// the same inputs under the same names.
/// </summary>
public static class SeedCorpus
{
    /// <summary>Larger inputs make the fuzzer slow without reaching more code; longer containers are cut (a torn tail is a shape too).</summary>
    public const int MaxInputBytes = 64 * 1024;

    public static IEnumerable<CorpusInput> Build(string vectorsRoot) =>
        BuildUncut(vectorsRoot).Select(input => input.Data.Length <= MaxInputBytes ? input : input with { Data = input.Data[..MaxInputBytes] });

    private static IEnumerable<CorpusInput> BuildUncut(string vectorsRoot)
    {
        var containers = Directory.EnumerateFiles(vectorsRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".dare", StringComparison.Ordinal) || f.EndsWith(".dcat", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var kindSelector = (byte)(1 + CatalogKinds.All.Count); // AnyCatalog in FuzzTargets' kind list
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in containers)
        {
            var name = Path.GetRelativePath(vectorsRoot, file).Replace('/', '_');
            var bytes = File.ReadAllBytes(file);
            var cut = bytes[..Math.Min(bytes.Length, MaxInputBytes - 1)];
            foreach (var selector in new byte[] { 0, kindSelector })
                yield return new CorpusInput("dare-container", $"{name}.{selector}", [selector, .. cut]);
            foreach (var input in Records(name, bytes, kindSelector))
                if (FirstTime(seen, input.Target, input.Data)) yield return input;
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(vectorsRoot, "negative", "jsonb"), "*.bin").Order(StringComparer.Ordinal))
            yield return new CorpusInput("jsonb", Path.GetFileName(file), File.ReadAllBytes(file));
        var n = 0;
        foreach (var hex in Leaves(Path.Combine(vectorsRoot, "drafts", "jsonbcd.json"), key => key.EndsWith("_hex", StringComparison.Ordinal)))
            if (TryHex(hex) is { } bytes) yield return new CorpusInput("jsonb", $"draft-jsonbcd-{n++}", bytes);

        n = 0;
        foreach (var text in Leaves(Path.Combine(vectorsRoot, "drafts", "dare.json"), key => key.StartsWith("envelope", StringComparison.Ordinal) || key.EndsWith("_hex", StringComparison.Ordinal)))
        {
            var bytes = TryHex(text) ?? Encoding.UTF8.GetBytes(text);
            yield return new CorpusInput("envelope", $"draft-dare-{n}", bytes);
            yield return new CorpusInput("jsonb", $"draft-dare-{n++}", bytes);
        }

        n = 0;
        var udfs = Leaves(Path.Combine(vectorsRoot, "drafts", "udf.json"), _ => true)
            .Concat(Leaves(Path.Combine(vectorsRoot, "negative", "udf", "manifest.json"), key => key == "input_text"))
            .Where(LooksLikeUdf)
            .Distinct(StringComparer.Ordinal);
        foreach (var udf in udfs) yield return new CorpusInput("udf", $"udf-{n++}", Encoding.UTF8.GetBytes(udf));

        foreach (var file in Directory.EnumerateFiles(vectorsRoot, "*", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "Keys").Order(StringComparer.Ordinal))
        {
            var data = File.ReadAllBytes(file);
            if (FirstTime(seen, "key-file", data))
                yield return new CorpusInput("key-file", Path.GetRelativePath(vectorsRoot, file).Replace('/', '_'), data);
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(vectorsRoot, "layouts"), "*.json").Order(StringComparer.Ordinal))
            yield return new CorpusInput("layout-dialect", Path.GetFileName(file), File.ReadAllBytes(file));

        // Replies of the shapes docs/adapter-protocol.md defines, and expectation lines of the documented forms.
        string[] replies =
        [
            """{"ok":true,"protocol":1,"implementation":"python-adapter 1.0","capabilities":["reopen","tear","types"],"types":["Merkle","Chain","Tree","Digest","List"]}""",
            """{"ok":true,"index":17,"lockWaitUs":12.5,"repairedBytes":0}""",
            """{"ok":true,"frames":18,"lastIndex":17}""",
            """{"ok":false,"error":"lock timeout after 30000 ms"}""",
        ];
        for (var i = 0; i < replies.Length; i++) yield return new CorpusInput("adapter-reply", $"reply-{i}", Encoding.UTF8.GetBytes(replies[i]));
        string[] expectations =
        [
            "# mesh-conform expectations\nKEY-2-PERMISSIONS Keys/* reason: the reference writes keys readable by group\n",
            "PLAT-3.2-APPEND-LOCK\nDARE-FRAME-TRAILER-LEN Profiles/**/*.dcat   reason: torn by design\n# comment\n\n",
        ];
        for (var i = 0; i < expectations.Length; i++) yield return new CorpusInput("expectations", $"expect-{i}", Encoding.UTF8.GetBytes(expectations[i]));
    }

    /// <summary>The same bytes seed a target once (the golden profiles repeat headers, entries and key files).</summary>
    private static bool FirstTime(HashSet<string> seen, string target, byte[] data) =>
        seen.Add(target + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(data)));

    /// <summary>Header, trailer, ContentMeta and entry payload of every frame, as the record-level targets' seeds.</summary>
    private static IEnumerable<CorpusInput> Records(string name, byte[] bytes, byte kindSelector)
    {
        var findings = new List<Finding>();
        var frames = new List<DareFrame>();
        try
        {
            frames.AddRange(ContainerReader.ReadFrames(new MemoryByteSource(bytes), findings).Take(8));
        }
        catch (MeshFormatException)
        {
            // A negative vector may stop the walk; the frames before it still seed.
        }
        foreach (var frame in frames)
        {
            var records = frame.Layout.Records;
            yield return new CorpusInput("dare-header", $"{name}.{frame.Ordinal}.h", [0, .. Slice(bytes, records[0])]);
            if (records.Count > 2) yield return new CorpusInput("dare-header", $"{name}.{frame.Ordinal}.t", [1, .. Slice(bytes, records[2])]);
            if (frame.Header?.ContentMetaData is { } meta) yield return new CorpusInput("content-meta", $"{name}.{frame.Ordinal}", meta);
            if (records.Count > 1 && frame.Header is { IsEncrypted: false } && records[1].DataLength > 0)
                yield return new CorpusInput("catalog-entry", $"{name}.{frame.Ordinal}", [kindSelector, .. Slice(bytes, records[1])]);
        }
    }

    private static byte[] Slice(byte[] bytes, Dare.Framing.RecordLayout record) =>
        bytes.AsSpan((int)record.DataOffset, (int)Math.Min(record.DataLength, MaxInputBytes - 1)).ToArray();

    private static IEnumerable<string> Leaves(string jsonFile, Func<string, bool> keyFilter)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(jsonFile));
        var found = new List<string>();
        Walk(document.RootElement, "", keyFilter, found);
        return found;
    }

    private static void Walk(JsonElement element, string key, Func<string, bool> keyFilter, List<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject()) Walk(member.Value, member.Name, keyFilter, found);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Walk(item, key, keyFilter, found);
                break;
            case JsonValueKind.String when keyFilter(key):
                found.Add(element.GetString()!);
                break;
        }
    }

    private static byte[]? TryHex(string text)
    {
        try
        {
            return text.Length is > 0 and <= 2 * MaxInputBytes && text.Length % 2 == 0 ? Convert.FromHexString(text) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool LooksLikeUdf(string text) =>
        text.Length is > 0 and < 400 && text.All(c => c is '-' or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9'));
}
