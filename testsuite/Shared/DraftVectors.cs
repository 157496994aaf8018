using System.Text.Json;
using NUnit.Framework;

namespace MeshConformance.Tests;

/// <summary>
/// Reads the vector files copied from the drafts (vectors/drafts/*.json) and turns each vector into
/// its own NUnit test case, named by the vector's id so a failure says which draft example broke.
/// </summary>
public static class DraftVectors
{
    public static IEnumerable<JsonElement> Load(string fileName)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(RepositoryPaths.Vectors("drafts", fileName)));
        foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray())
        {
            yield return v.Clone();
        }
    }

    public static JsonElement ById(string fileName, string id) =>
        Load(fileName).Single(v => v.GetProperty("id").GetString() == id);

    /// <summary>Test cases for every vector of <paramref name="kind"/> in the file (all when kind is null).</summary>
    public static IEnumerable<TestCaseData> Cases(string fileName, params string[] kinds)
    {
        foreach (var v in Load(fileName))
        {
            var kind = v.TryGetProperty("kind", out var k) ? k.GetString() : null;
            if (kinds.Length > 0 && !kinds.Contains(kind)) continue;
            var id = v.GetProperty("id").GetString()!;
            yield return new TestCaseData(v).SetName($"{{m}}({id})");
        }
    }
}
