using MeshConformance.Core;

namespace MeshConformance.Platform.Vectors;

/// <summary>
/// The golden and negative vector sets: where they live under a vectors directory, how they are generated, and
/// how a tree is verified against its manifest. One definition list drives both directions, so a vector cannot be
/// generated one way and checked another.
/// </summary>
public static class VectorSet
{
    public const string ManifestName = "manifest.json";

    /// <summary>(set directory relative to the vectors root, description, definitions).</summary>
    public static IReadOnlyList<(string Directory, string Description, IReadOnlyList<VectorDefinition> Definitions)> Sets { get; } =
    [
        ("golden", "Positive vectors: deterministic profiles of both dialects and containers of every type, with their test keys.", GoldenVectors.All),
        ("negative/profiles", "Negative profile vectors: each breaks one layout or catalog-log rule and names the finding it must produce.", NegativeProfileVectors.All),
    ];

    /// <summary>Writes every set under <paramref name="vectorsRoot"/>, replacing the set directories.</summary>
    public static IReadOnlyList<VectorManifest> Generate(string vectorsRoot)
    {
        var manifests = new List<VectorManifest>();
        foreach (var (directory, description, definitions) in Sets)
        {
            var setRoot = Path.Combine(vectorsRoot, directory.Replace('/', Path.DirectorySeparatorChar));
            if (Directory.Exists(setRoot)) Directory.Delete(setRoot, recursive: true);
            Directory.CreateDirectory(setRoot);
            var entries = new List<VectorEntry>();
            foreach (var definition in definitions)
            {
                var vectorRoot = Path.Combine(setRoot, definition.Id);
                var built = definition.Build(vectorRoot);
                entries.Add(new VectorEntry(definition.Id, definition.Description, definition.Kind, built.Result,
                    built.Findings, built.Parameters, VectorManifest.Describe(vectorRoot)));
            }
            var manifest = new VectorManifest(directory, description, entries);
            File.WriteAllBytes(Path.Combine(setRoot, ManifestName), manifest.ToJson());
            manifests.Add(manifest);
        }
        return manifests;
    }

    /// <summary>Checks every set under <paramref name="vectorsRoot"/>: files against the manifest, then the checker against the expected findings.</summary>
    public static IReadOnlyList<VectorOutcome> Verify(string vectorsRoot)
    {
        var outcomes = new List<VectorOutcome>();
        foreach (var (directory, _, definitions) in Sets)
        {
            var setRoot = Path.Combine(vectorsRoot, directory.Replace('/', Path.DirectorySeparatorChar));
            var manifestPath = Path.Combine(setRoot, ManifestName);
            if (!File.Exists(manifestPath))
            {
                outcomes.Add(new VectorOutcome(directory, "(manifest)", [$"{manifestPath} is missing"]));
                continue;
            }
            var manifest = VectorManifest.Parse(File.ReadAllBytes(manifestPath), manifestPath);
            var listed = manifest.Vectors.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var stray in Directory.EnumerateDirectories(setRoot).Select(Path.GetFileName).Where(d => !listed.Contains(d!)))
                outcomes.Add(new VectorOutcome(directory, stray!, ["directory is not in the manifest"]));
            foreach (var vector in manifest.Vectors)
                outcomes.Add(VerifyOne(directory, Path.Combine(setRoot, vector.Id), vector));
        }
        return outcomes;
    }

    public static VectorOutcome VerifyOne(string set, string vectorRoot, VectorEntry vector)
    {
        var problems = new List<string>();
        if (!Directory.Exists(vectorRoot)) return new VectorOutcome(set, vector.Id, [$"{vectorRoot} is missing"]);
        var actualFiles = VectorManifest.Describe(vectorRoot).ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var file in vector.Files)
        {
            if (!actualFiles.Remove(file.Path, out var actual)) problems.Add($"{file.Path}: missing");
            else if (actual.Length != file.Length || actual.Sha256 != file.Sha256)
                problems.Add($"{file.Path}: content differs from the manifest (length {actual.Length}, expected {file.Length}; sha256 {actual.Sha256[..12]}…, expected {file.Sha256[..12]}…)");
        }
        problems.AddRange(actualFiles.Keys.Select(extra => $"{extra}: not in the manifest"));
        var findings = VectorCheckers.Run(vector.Kind, vectorRoot, vector.Parameters);
        problems.AddRange(CompareFindings(vector.Findings, findings));
        return new VectorOutcome(set, vector.Id, problems);
    }

    /// <summary>Every expected finding must occur; every warning or error that occurs must be expected.</summary>
    public static IEnumerable<string> CompareFindings(IReadOnlyList<ExpectedFinding> expected, IReadOnlyList<Finding> actual)
    {
        static bool Matches(ExpectedFinding e, Finding f) => e.Code == f.Code && (e.File is null || e.File == f.File);
        foreach (var e in expected.Where(e => !actual.Any(f => Matches(e, f))))
            yield return $"expected finding {e.Code}{(e.File is null ? "" : " in " + e.File)} was not reported";
        foreach (var f in actual.Where(f => f.Severity != Severity.Info && !expected.Any(e => Matches(e, f))))
            yield return $"unexpected finding: {f}";
    }
}

/// <summary>The verdict on one vector: empty <see cref="Problems"/> means it passed.</summary>
public sealed record VectorOutcome(string Set, string Id, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// What building a vector produced: its verdict as Wycheproof words it (<c>valid</c>; <c>acceptable</c>: SHOULD-level
/// findings only, e.g. a reference quirk; <c>invalid</c>), the findings it must cause (known from what was done to
/// it, not from running the checker) and its parameters.
/// </summary>
public sealed record BuiltVector(string Result, IReadOnlyList<ExpectedFinding> Findings, IReadOnlyDictionary<string, string> Parameters)
{
    public static BuiltVector Valid(IReadOnlyDictionary<string, string> parameters) => new("valid", [], parameters);
}

/// <summary>How to make one vector.</summary>
public sealed record VectorDefinition(string Id, string Description, string Kind, Func<string, BuiltVector> Build);
