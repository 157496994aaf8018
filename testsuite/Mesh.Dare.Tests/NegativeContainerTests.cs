using System.Text.Json;
using System.Text.Json.Nodes;
using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Verification;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>Every broken container in vectors/negative/dare gets exactly its expected error findings, and no exception.</summary>
public class NegativeContainerTests
{
    private static string Folder => RepositoryPaths.Vectors("negative", "dare");

    private static IEnumerable<TestCaseData> Manifest()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!;
        foreach (var v in manifest["vectors"]!.AsArray())
            yield return new TestCaseData(v!["file"]!.GetValue<string>(), v["findings"]!.AsArray().Select(f => $"{f!["code"]}@{f["offset"]}").ToArray())
                .SetName($"{{m}}({v["id"]})");
    }

    [TestCaseSource(nameof(Manifest))]
    public void VerifierReportsExactlyTheExpectedErrors(string file, string[] expected)
    {
        using var source = new FileByteSource(Path.Combine(Folder, file));
        var report = ContainerVerifier.Verify(source, new VerifyOptions { CollectFrames = true });
        var errors = report.Findings.Where(f => f.Severity == Severity.Error).Select(f => $"{f.Code}@{f.Offset}").ToArray();
        Assert.That(errors, Is.EquivalentTo(expected), string.Join("\n", report.Findings));
    }

    [Test]
    public void FilesMatchCatalog()
    {
        var regenerate = Environment.GetEnvironmentVariable("MESH_REGENERATE_VECTORS") == "1";
        var entries = NegativeContainerCatalog.All;
        if (regenerate) Write(entries);
        foreach (var e in entries)
        {
            var path = Path.Combine(Folder, e.Id + ".dare");
            Assert.That(File.Exists(path), Is.True, $"{path} missing: run with MESH_REGENERATE_VECTORS=1");
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(e.Bytes), $"{e.Id} drifted from the catalog: run with MESH_REGENERATE_VECTORS=1 and review the diff");
        }
        Assert.That(File.ReadAllText(Path.Combine(Folder, "manifest.json")), Is.EqualTo(ManifestText(entries)));
    }

    private static void Write(IReadOnlyList<NegativeContainerCatalog.Entry> entries)
    {
        Directory.CreateDirectory(Folder);
        foreach (var e in entries) File.WriteAllBytes(Path.Combine(Folder, e.Id + ".dare"), e.Bytes);
        File.WriteAllText(Path.Combine(Folder, "manifest.json"), ManifestText(entries));
    }

    private static string ManifestText(IReadOnlyList<NegativeContainerCatalog.Entry> entries)
    {
        var root = new JsonObject
        {
            ["format"] = "MeshConformance negative vectors v1",
            ["area"] = "dare",
            ["note"] = "Each file must produce exactly these error-level findings (code at byte offset). Source: testsuite/Mesh.Dare.Tests/NegativeContainerCatalog.cs.",
            ["vectors"] = new JsonArray(entries.Select(e => (JsonNode)new JsonObject
            {
                ["id"] = e.Id,
                ["file"] = e.Id + ".dare",
                ["description"] = e.Description,
                ["findings"] = new JsonArray(e.Findings.Select(f => (JsonNode)new JsonObject { ["code"] = f.Code, ["offset"] = f.Offset }).ToArray()),
            }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
