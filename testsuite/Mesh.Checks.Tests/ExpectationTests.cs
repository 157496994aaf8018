using MeshConformance.Checks;
using MeshConformance.Core;
using MeshConformance.Platform.Generation;
using NUnit.Framework;

namespace MeshConformance.Tests.Checks;

public class ExpectationTests
{
    private static readonly SpecReference Spec = new("bindings.md", "", "X-1");

    private static CheckFinding Failing(string id, string? file) =>
        new(id, RequirementLevel.Must, Severity.Error, "CODE", file, -1, null, "m", Spec, null, Fails: true);

    [Test]
    public void ParsesIdsGlobsAndReasonsAndRejectsGarbage()
    {
        var file = ExpectationFile.Parse("# comment\n\nKEY-A Keys/*  # umask\nDARE-B\nCAT-C Profiles/**/MMM_*.dcat\n", "t");
        Assert.That(file.Entries.Select(e => (e.RequirementId, e.FileGlob, e.Reason, e.Line)), Is.EqualTo(new[]
        {
            ("KEY-A", (string?)"Keys/*", (string?)"umask", 3), ("DARE-B", null, null, 4), ("CAT-C", "Profiles/**/MMM_*.dcat", null, 5),
        }));
        Assert.That(() => ExpectationFile.Parse("KEY-A a b\n", "t"), Throws.InstanceOf<ExpectationFileException>().With.Message.Contains("t:1"));
        Assert.That(() => ExpectationFile.Parse("lower-case\n", "t"), Throws.InstanceOf<ExpectationFileException>());
    }

    [TestCase("Keys/*", "Keys/MABC", true)]
    [TestCase("Keys/*", "Keys/sub/MABC", false)]
    [TestCase("Profiles/**/MMM_*.dcat", "Profiles/MA/MMM_Contact.dcat", true)]
    [TestCase("Profiles/**/MMM_*.dcat", "Profiles/MA/mmm_Contact.dcat", false)]
    [TestCase("Keys/MA??", "Keys/MABC", true)]
    [TestCase("Keys/MA??", "Keys/MABCD", false)]
    [TestCase("a.b", "aXb", false)]
    public void GlobsMatchRootRelativePaths(string glob, string path, bool matches)
    {
        var entry = new Expectation("KEY-A", glob, null, 1);
        Assert.That(entry.Matches(Failing("KEY-A", path)), Is.EqualTo(matches));
        Assert.That(entry.Matches(Failing("KEY-B", path)), Is.False, "another requirement never matches");
    }

    [Test]
    public void StaleEntriesAreThoseMatchingNoFailure()
    {
        var file = ExpectationFile.Parse("KEY-A Keys/*\nDARE-B\n", "t");
        var stale = file.Stale([Failing("KEY-A", "Keys/M1")]).ToList();
        Assert.That(stale.Select(e => e.RequirementId), Is.EqualTo(new[] { "DARE-B" }));
    }

    [Test]
    public void RewriteKeepsReasonsDropsStaleAndAddsNewFailures()
    {
        var file = ExpectationFile.Parse("KEY-A Keys/*  # umask\nDARE-B  # fixed meanwhile\n", "t");
        var text = file.Rewrite([Failing("KEY-A", "Keys/M1"), Failing("KEY-A", "Keys/M2"), Failing("CAT-C", "Profiles/x.dcat")]);
        var lines = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.That(lines, Is.EqualTo(new[] { "KEY-A Keys/*  # umask", "CAT-C Profiles/x.dcat  # TODO: say why this failure is accepted" }));
        Assert.That(ExpectationFile.Parse(text, "rewritten").Entries, Has.Count.EqualTo(2));
    }

    [Test]
    public void ARunWithItsFailuresExpectedIsConformantAndAStaleEntryIsNot()
    {
        using var temp = new TempDirectory();
        var root = temp.Sub("mesh");
        ProfileGenerator.Generate(root, new GeneratorOptions { Seed = 41 });
        var bookmark = Directory.GetFiles(root, "MMM_Bookmark.dcat", SearchOption.AllDirectories)[0];
        using (var s = new FileStream(bookmark, FileMode.Open)) s.SetLength(s.Length - 3);

        var plain = CheckRunner.Run(root);
        Assert.That(plain.Conformant, Is.False);
        var failing = plain.Findings.Where(f => f.Fails).Select(f => f.RequirementId).Distinct().ToList();
        Assert.That(failing, Is.Not.Empty);

        var expected = ExpectationFile.Parse(string.Join("\n", failing.Select(id => id + " Profiles/**")), "e");
        var withExpectations = CheckRunner.Run(root, new CheckOptions { Expectations = expected });
        Assert.That(withExpectations.Conformant, Is.True);
        Assert.That(withExpectations.Requirements.Where(r => failing.Contains(r.Requirement.Id)).Select(r => r.Status), Is.All.EqualTo(RequirementStatus.ExpectedFail));

        var stale = ExpectationFile.Parse(string.Join("\n", failing.Select(id => id + " Profiles/**")) + "\nDARE-FRAME0-TYPE\n", "e");
        var withStale = CheckRunner.Run(root, new CheckOptions { Expectations = stale });
        Assert.That(withStale.Conformant, Is.False);
        Assert.That(withStale.ExpectationProblems.Single(), Does.Contain("DARE-FRAME0-TYPE"));
    }

    [Test]
    public void StrictMakesShouldLevelFindingsFail()
    {
        using var temp = new TempDirectory();
        var root = temp.Sub("mesh");
        ProfileGenerator.Generate(root, new GeneratorOptions { Seed = 42 });
        Assert.That(CheckRunner.Run(root).Conformant, Is.True, "a fresh profile has only SHOULD-level findings (plaintext keys)");
        var strict = CheckRunner.Run(root, new CheckOptions { Strict = true });
        Assert.That(strict.Conformant, Is.False);
        Assert.That(strict.Findings.Where(f => f.Fails).Select(f => f.Severity), Is.All.EqualTo(Severity.Warning));
    }

    [Test]
    public void OnlyKeepsTheRequirementsWithThePrefix()
    {
        using var temp = new TempDirectory();
        var root = temp.Sub("mesh");
        ProfileGenerator.Generate(root, new GeneratorOptions { Seed = 43 });
        var report = CheckRunner.Run(root, new CheckOptions { OnlyPrefix = "DARE-" });
        Assert.That(report.Findings.Select(f => f.RequirementId), Is.All.StartWith("DARE-"));
        Assert.That(report.Requirements.Where(r => !r.Requirement.Id.StartsWith("DARE-", StringComparison.Ordinal)).Select(r => r.Status),
            Is.All.EqualTo(RequirementStatus.Skipped));
    }
}
