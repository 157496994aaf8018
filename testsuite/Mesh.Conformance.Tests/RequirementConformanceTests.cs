using MeshConformance.Checks;
using MeshConformance.Core;
using MeshConformance.Platform.Generation;
using NUnit.Framework;

namespace MeshConformance.Tests.Conformance;

/// <summary>
/// One test per requirement of the registry, judged on one check run over the profile directory named by the
/// ProfileDir test parameter (or MESH_PROFILE_DIR), or over a freshly generated reference profile when none is named.
/// Parameters: ProfileDir, Strict ("true" makes SHOULD-level findings fail), Expect (an expectations file).
/// </summary>
[TestFixture]
public class RequirementConformanceTests
{
    private static readonly Lazy<(CheckReport Report, string Source)> Run = new(CheckOnce);

    private static string? Parameter(string name, string environment) =>
        TestContext.Parameters.Get(name) ?? Environment.GetEnvironmentVariable(environment);

    private static (CheckReport, string) CheckOnce()
    {
        var dir = Parameter("ProfileDir", "MESH_PROFILE_DIR");
        var source = dir ?? "a freshly generated reference profile";
        if (dir is null)
        {
            dir = Path.Combine(Path.GetTempPath(), $"mesh-conformance-{Environment.ProcessId}");
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            ProfileGenerator.Generate(dir, new GeneratorOptions { Seed = 1, Accounts = 2 });
        }
        var expect = Parameter("Expect", "MESH_EXPECT");
        var options = new CheckOptions
        {
            Strict = string.Equals(Parameter("Strict", "MESH_STRICT"), "true", StringComparison.OrdinalIgnoreCase),
            Expectations = expect is null ? ExpectationFile.Empty : ExpectationFile.Load(expect),
        };
        return (CheckRunner.Run(dir, options), source);
    }

    private static IEnumerable<TestCaseData> Requirements() =>
        RequirementRegistry.Default.All.Select(r => new TestCaseData(r.Id).SetName(r.Id).SetDescription($"{r.Level.ToString().ToUpperInvariant()} {r.Spec.Display}: {r.Text}"));

    [TestCaseSource(nameof(Requirements))]
    public void Requirement(string id)
    {
        var (report, source) = Run.Value;
        var result = report.Requirements.Single(r => r.Requirement.Id == id);
        var findings = report.Findings.Where(f => f.RequirementId == id).ToList();
        string Listing() => string.Join("\n", findings.Select(f => $"{f.Severity.ToString().ToLowerInvariant()} {f.Code} {f.File}@{f.Offset}: {f.Message}"));
        switch (result.Status)
        {
            case RequirementStatus.NotAutomated:
                Assert.Ignore($"no automated check for {id} yet ({result.Requirement.Spec.Display})");
                break;
            case RequirementStatus.Fail:
                Assert.Fail($"{id} ({result.Requirement.Spec.Display}) fails on {source}:\n{Listing()}");
                break;
            case RequirementStatus.Warn:
                Assert.Warn($"{id}: SHOULD-level findings on {source}:\n{Listing()}");
                break;
            default:
                Assert.That(findings.Where(f => f.Fails && !f.Expected), Is.Empty);
                break;
        }
    }
}
