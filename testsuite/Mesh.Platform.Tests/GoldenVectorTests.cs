using MeshConformance.Platform.Vectors;
using MeshConformance.Tests;
using NUnit.Framework;

namespace MeshConformance.Tests.Platform;

/// <summary>
/// The committed vectors (vectors/golden, vectors/negative/profiles) against their manifests, the generator and the
/// checker. When the generator's output changes on purpose, regenerate them with
/// <c>dotnet run --project tools/mesh-conform -- vectors generate --out vectors</c> (or run these tests with
/// MESH_REGENERATE_VECTORS=1), review the diff, and commit.
/// </summary>
public class GoldenVectorTests
{
    private static string VectorsRoot => RepositoryPaths.Vectors();

    [Test]
    public void CommittedVectorsVerifyAgainstTheirManifests()
    {
        var outcomes = VectorSet.Verify(VectorsRoot);
        Assert.That(outcomes.Select(o => o.Id), Is.SupersetOf(GoldenVectors.All.Select(v => v.Id)).And.SupersetOf(NegativeProfileVectors.All.Select(v => v.Id)));
        var failures = outcomes.Where(o => !o.Passed).Select(o => $"{o.Set}/{o.Id}:\n  " + string.Join("\n  ", o.Problems)).ToList();
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    [Test]
    public void RegeneratingGivesTheCommittedBytes()
    {
        if (Environment.GetEnvironmentVariable("MESH_REGENERATE_VECTORS") == "1")
        {
            VectorSet.Generate(VectorsRoot);
            Assert.Pass("vectors regenerated; review the diff before committing");
        }
        using var temp = new TempDirectory("vectors");
        VectorSet.Generate(temp.Path);
        var differences = new List<string>();
        foreach (var (set, _, _) in VectorSet.Sets)
        {
            var fresh = Files(Path.Combine(temp.Path, set));
            var committed = Files(Path.Combine(VectorsRoot, set));
            foreach (var missing in fresh.Keys.Except(committed.Keys)) differences.Add($"{set}/{missing}: generated but not committed");
            foreach (var extra in committed.Keys.Except(fresh.Keys)) differences.Add($"{set}/{extra}: committed but no longer generated");
            foreach (var name in fresh.Keys.Intersect(committed.Keys))
            {
                var a = File.ReadAllBytes(committed[name]);
                var b = File.ReadAllBytes(fresh[name]);
                if (!a.AsSpan().SequenceEqual(b)) differences.Add(SnapshotDiff.Describe($"{set}/{name}", a, b));
            }
        }
        Assert.That(differences, Is.Empty,
            "the generator's output drifted from the committed vectors (regenerate with `mesh-conform vectors generate --out vectors` if intended):\n"
            + string.Join("\n", differences.Take(5)));
    }

    private static IEnumerable<TestCaseData> EveryVector() =>
        VectorSet.Sets.SelectMany(s => s.Definitions.Select(d => new TestCaseData(s.Directory, d.Id).SetArgDisplayNames($"{s.Directory}/{d.Id}")));

    /// <summary>Flip one byte in each file of a vector (one at a time) and the vector must fail verification.</summary>
    [TestCaseSource(nameof(EveryVector))]
    public void OneByteChangeInAnyFileIsCaught(string set, string id)
    {
        var manifest = VectorManifest.Parse(File.ReadAllBytes(Path.Combine(VectorsRoot, set, VectorSet.ManifestName)), set);
        var vector = manifest.Vectors.Single(v => v.Id == id);
        using var temp = new TempDirectory("flip");
        var copy = Path.Combine(temp.Path, id);
        CopyTree(Path.Combine(VectorsRoot, set, id), copy);
        Assert.That(VectorSet.VerifyOne(set, copy, vector).Passed, "the untouched copy must verify");
        Assert.That(vector.Files, Is.Not.Empty);
        foreach (var file in vector.Files)
        {
            var path = Path.Combine(copy, file.Path);
            var original = File.ReadAllBytes(path);
            var changed = (byte[])original.Clone();
            changed[changed.Length / 2] ^= 0x01;
            File.WriteAllBytes(path, changed);
            var outcome = VectorSet.VerifyOne(set, copy, vector);
            Assert.That(outcome.Passed, Is.False, $"a flipped byte in {file.Path} went unnoticed");
            Assert.That(outcome.Problems, Has.Some.StartsWith(file.Path + ": content differs"));
            File.WriteAllBytes(path, original);
        }
    }

    [Test]
    public void ExpectedFindingsAreComparedBothWays()
    {
        var reported = new[] { new Core.Finding("CAT-X", Core.Severity.Error, 0, "x", File: "a"), new Core.Finding("I", Core.Severity.Info, 0, "i") };
        Assert.That(VectorSet.CompareFindings([new("CAT-X", "a")], reported), Is.Empty);
        Assert.That(VectorSet.CompareFindings([new("CAT-X", "b")], reported).Count(), Is.EqualTo(2), "wrong file: expected missing and reported unexpected");
        Assert.That(VectorSet.CompareFindings([], reported).Single(), Does.StartWith("unexpected finding"));
        Assert.That(VectorSet.CompareFindings([new("CAT-Y")], []).Single(), Does.StartWith("expected finding CAT-Y"));
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            : [];

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
