using System.Text.Json;
using System.Text.Json.Nodes;
using MeshConformance.Core;
using MeshConformance.JsonB;
using NUnit.Framework;

namespace MeshConformance.Tests.JsonB;

/// <summary>Runs every entry of vectors/negative/jsonb/manifest.json: exact code and offset.</summary>
public class NegativeVectorTests
{
    private const string Format = "MeshConformance negative vectors v1";

    private static string Dir => RepositoryPaths.Vectors("negative", "jsonb");

    public static IEnumerable<TestCaseData> ManifestEntries()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, "manifest.json")))!;
        foreach (var v in manifest["vectors"]!.AsArray())
        {
            yield return new TestCaseData(
                    v!["file"]!.GetValue<string>(),
                    v["expected"]!["code"]!.GetValue<string>(),
                    v["expected"]!["offset"]!.GetValue<long>())
                .SetArgDisplayNames(v["id"]!.GetValue<string>());
        }
    }

    [TestCaseSource(nameof(ManifestEntries))]
    public void RaisesExpectedDiagnostic(string file, string code, long offset)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Dir, file));
        var ex = Assert.Throws<MeshFormatException>(() => JsonBParser.Parse(bytes))!;
        Assert.That((ex.Code, ex.Offset), Is.EqualTo((code, offset)), ex.Message);
    }

    [TestCaseSource(nameof(ManifestEntries))]
    public void OffsetsAreAbsolute(string file, string code, long offset)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Dir, file));
        var ex = Assert.Throws<MeshFormatException>(() => JsonBParser.Parse(bytes, baseOffset: 1_000_000))!;
        Assert.That((ex.Code, ex.Offset), Is.EqualTo((code, offset + 1_000_000)));
    }

    [Test]
    public void ManifestHasTheAgreedShape()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, "manifest.json")))!;
        Assert.That(manifest["format"]!.GetValue<string>(), Is.EqualTo(Format));
        Assert.That(manifest["area"]!.GetValue<string>(), Is.EqualTo("jsonb"));
        Assert.That(manifest["vectors"]!.AsArray(), Has.Count.EqualTo(NegativeVectorCatalog.All.Count));
    }

    /// <summary>
    /// The files are generated from <see cref="NegativeVectorCatalog"/>. Set
    /// MESH_REGENERATE_VECTORS=1 to (re)write them; otherwise this checks they are up to date.
    /// </summary>
    [Test]
    public void FilesMatchCatalog()
    {
        var manifest = new JsonObject
        {
            ["format"] = Format,
            ["area"] = "jsonb",
            ["vectors"] = new JsonArray(NegativeVectorCatalog.All.Select(e => (JsonNode)new JsonObject
            {
                ["id"] = e.Id,
                ["file"] = e.Id + ".bin",
                ["description"] = e.Description,
                ["expected"] = new JsonObject { ["code"] = e.Code, ["offset"] = e.Offset },
            }).ToArray()),
        };
        var text = manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

        if (Environment.GetEnvironmentVariable("MESH_REGENERATE_VECTORS") == "1")
        {
            Directory.CreateDirectory(Dir);
            foreach (var e in NegativeVectorCatalog.All) File.WriteAllBytes(Path.Combine(Dir, e.Id + ".bin"), e.Bytes);
            File.WriteAllText(Path.Combine(Dir, "manifest.json"), text);
        }

        Assert.That(File.ReadAllText(Path.Combine(Dir, "manifest.json")), Is.EqualTo(text), "manifest.json is stale; regenerate");
        foreach (var e in NegativeVectorCatalog.All)
            Assert.That(File.ReadAllBytes(Path.Combine(Dir, e.Id + ".bin")), Is.EqualTo(e.Bytes), e.Id);
    }
}
