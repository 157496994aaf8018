using MeshConformance.Fuzz;
using NUnit.Framework;
using MeshConformance.Tests;

namespace MeshConformance.Tests.Fuzz;

/// <summary>
/// Replays, through the same targets the fuzzers run (uninstrumented), every input a fuzzer ever made fail
/// (tools/fuzz/regressions/TARGET/) and the whole seed corpus built from vectors/: a parser that crashes, hangs or
/// breaks a cross-check on any of them again fails here, without a fuzzer on the machine.
/// </summary>
public sealed class FuzzRegressionTests
{
    // Far above any input's real time (milliseconds); only a hang gets near it.
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(60);

    private static string RegressionsRoot => Path.Combine(RepositoryPaths.Root, "tools", "fuzz", "regressions");

    private static IEnumerable<TestCaseData> Regressions() =>
        Directory.EnumerateDirectories(RegressionsRoot).Order(StringComparer.Ordinal)
            .SelectMany(folder => Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            .Select(file => new TestCaseData(Path.GetFileName(Path.GetDirectoryName(file))!, file)
                .SetName($"Regression({Path.GetFileName(Path.GetDirectoryName(file))}/{Path.GetFileName(file)})"));

    [TestCaseSource(nameof(Regressions))]
    public void A_failing_input_found_by_fuzzing_now_passes(string target, string file) =>
        RunWithinBound(Target(target), File.ReadAllBytes(file), file);

    [Test]
    public void Every_regression_folder_names_a_fuzz_target()
    {
        var folders = Directory.EnumerateDirectories(RegressionsRoot).Select(Path.GetFileName).ToList();
        Assert.That(folders, Is.Not.Empty);
        Assert.That(folders, Is.SubsetOf(FuzzTargets.All.Select(t => t.Name)));
    }

    private static IEnumerable<TestCaseData> Targets() => FuzzTargets.All.Select(t => new TestCaseData(t.Name).SetName($"Seeds({t.Name})"));

    [TestCaseSource(nameof(Targets))]
    public void Every_seed_of_a_target_runs_clean(string target)
    {
        var seeds = Seeds.Value.Where(s => s.Target == target).ToList();
        Assert.That(seeds, Is.Not.Empty, "every target has seeds from the vectors");
        foreach (var seed in seeds) RunWithinBound(Target(target), seed.Data, seed.Name);
    }

    [Test]
    public void The_seed_corpus_is_deterministic_and_bounded()
    {
        var again = SeedCorpus.Build(RepositoryPaths.Vectors()).ToList();
        Assert.That(again.Select(s => (s.Target, s.Name, Convert.ToHexString(s.Data))),
            Is.EqualTo(Seeds.Value.Select(s => (s.Target, s.Name, Convert.ToHexString(s.Data)))));
        Assert.That(again.Max(s => s.Data.Length), Is.LessThanOrEqualTo(SeedCorpus.MaxInputBytes));
        Assert.That(again.Select(s => (s.Target, s.Name)).Distinct().Count(), Is.EqualTo(again.Count), "names are unique per target");
    }

    private static readonly Lazy<List<CorpusInput>> Seeds = new(() => SeedCorpus.Build(RepositoryPaths.Vectors()).ToList());

    private static FuzzTarget Target(string name) =>
        FuzzTargets.ByName(name) ?? throw new AssertionException($"no fuzz target '{name}'");

    private static void RunWithinBound(FuzzTarget target, byte[] input, string what)
    {
        Exception? failure = null;
        var run = Task.Run(() =>
        {
            try
            {
                target.Run(input);
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        Assert.That(run.Wait(HangBound), Is.True, $"{target.Name}: {what} did not finish within {HangBound.TotalSeconds} s");
        Assert.That(failure, Is.Null, $"{target.Name}: {what}: {failure}");
    }
}
