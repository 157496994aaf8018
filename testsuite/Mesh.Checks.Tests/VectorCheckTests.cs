using MeshConformance.Checks;
using MeshConformance.Core;
using MeshConformance.Platform.Vectors;
using NUnit.Framework;

namespace MeshConformance.Tests.Checks;

/// <summary>
/// `check` on every committed profile vector reports exactly the requirements its manifest's expected findings map
/// to. Two facts of every generated profile are added: its private keys are plaintext files (the platform draft's
/// SHOULD), and git does not keep file modes, so the copy's key files are made owner-only first, as the generator
/// wrote them.
/// </summary>
public class VectorCheckTests
{
    private const string PlaintextKeys = "PLAT-1-PLATFORM-KEY-STORAGE";

    internal static IEnumerable<TestCaseData> ProfileVectors() =>
        VectorSet.Sets.SelectMany(s => s.Definitions.Where(d => d.Kind == VectorCheckers.Profile)
            .Select(d => new TestCaseData(s.Directory, d.Id).SetArgDisplayNames($"{s.Directory}/{d.Id}")));

    [TestCaseSource(nameof(ProfileVectors))]
    public void CheckReportsExactlyTheExpectedRequirements(string set, string id)
    {
        var manifest = VectorManifest.Parse(File.ReadAllBytes(RepositoryPaths.Vectors(set, VectorSet.ManifestName)), set);
        var vector = manifest.Vectors.Single(v => v.Id == id);
        using var temp = new TempDirectory("vector");
        var root = temp.Sub(id);
        Copy(RepositoryPaths.Vectors(set, id), root);
        MakeKeysOwnerOnly(Path.Combine(root, "Keys"));

        var report = CheckRunner.Run(root);
        var registry = RequirementRegistry.Default;
        var expected = vector.Findings.Select(f => registry.ForCode(f.Code)?.Id ?? $"(no requirement for {f.Code})")
            .Append(PlaintextKeys).ToHashSet();
        var reported = report.Findings.Where(f => f.Severity != Severity.Info).Select(f => f.RequirementId).ToHashSet();
        Assert.That(reported, Is.EquivalentTo(expected),
            string.Join("\n", report.Findings.Where(f => f.Severity != Severity.Info).Select(f => $"{f.RequirementId} {f.Code} {f.File}: {f.Message}")));
        Assert.That(report.Conformant, Is.EqualTo(vector.Result != "invalid"), "verdict");
    }

    internal static void MakeKeysOwnerOnly(string keys)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(keys)) return;
        File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in Directory.GetFiles(keys)) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    internal static void Copy(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
