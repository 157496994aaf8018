using System.Diagnostics;
using System.Text;
using MeshConformance.Checks;
using MeshConformance.Tests.Robustness.Mutation;
using MeshConformance.Tests.Robustness.Oracle;
using NUnit.Framework;

namespace MeshConformance.Tests.Robustness;

/// <summary>
/// The mutation campaign (issue 7, part 2): every container of every golden vector, thousands of seeded mutations, each
/// checked as <c>mesh-conform check</c> checks it. Every mutant must be reported with a finding mapped to a
/// requirement of the registry, or pass cleanly while the independent oracle shows the change touched nothing the
/// format protects. No exception may escape and no check may hang. A failure names the file and seed; replay it with
/// <c>MESH_MUTANT='vector/path:seed' dotnet test testsuite/Mesh.Robustness.Tests --filter ReplayOneMutant</c>.
/// </summary>
[NonParallelizable]
public class MutationCampaignTests
{
    /// <summary>Mutants per container and kind: 78 containers × 10 kinds × 8 = 6,240 mutants.</summary>
    private const int PerKind = 8;

    /// <summary>A check of a container of a few KiB takes about a millisecond; far beyond this bound it hangs.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly Lazy<List<MutationTarget>> Targets = new(MutationCampaign.Targets);

    [Test]
    public void TheCampaignCoversEveryContainerOfEveryGoldenVector()
    {
        var targets = Targets.Value;
        Assert.That(targets.Select(t => t.Vector).Distinct(), Is.EquivalentTo(new[]
        {
            "reference-one-account", "reference-two-accounts-plaintext", "draft06-one-account", "containers-all-types", "reference-frame-shapes",
        }));
        Assert.That(targets, Has.Count.EqualTo(78), "every .dare/.dcat file the manifest lists");
        var types = targets.Select(t => ContainerType(t)).Distinct().ToList();
        Assert.That(types, Is.EquivalentTo(new[] { "List", "Digest", "Chain", "Tree", "Merkle" }), "all five container types");
        foreach (var t in targets)
        {
            Assert.That(t.Oracle.Failure, Is.Null, $"the oracle reads the original {t.Name}");
            Assert.That(t.Baseline.Where(f => f.RequirementId is null), Is.Empty, t.Name);
        }
    }

    [Test]
    public void TheOracleTellsAProtectedChangeFromAnUnprotectedOne()
    {
        var chain = Targets.Value.Single(t => t.Relative == "Chain-dare12.dare");
        var frame = chain.Oracle.Frames[1];
        var (payload, payloadLength) = frame.Records[1];
        Assert.That(payloadLength, Is.GreaterThan(0));

        var changedPayload = (byte[])chain.Original.Clone();
        changedPayload[payload] ^= 0x01;
        Assert.That(chain.Oracle.ProtectedContentKeptBy(OracleContainer.Read(changedPayload)), Is.False, "a payload under a digest is protected");

        var header = frame.Records[0];
        var text = Encoding.UTF8.GetString(chain.Original, (int)header.DataOffset, (int)header.DataLength);
        var space = (int)header.DataOffset + text.IndexOf(": ", StringComparison.Ordinal) + 1;
        var tab = (byte[])chain.Original.Clone();
        tab[space] = (byte)'\t';
        Assert.That(chain.Oracle.ProtectedContentKeptBy(OracleContainer.Read(tab)), Is.True, "whitespace between tokens is not");

        var index = (int)header.DataOffset + text.IndexOf("\"Index\": 1", StringComparison.Ordinal) + "\"Index\": ".Length;
        var otherIndex = (byte[])chain.Original.Clone();
        otherIndex[index] = (byte)'7';
        Assert.That(chain.Oracle.ProtectedContentKeptBy(OracleContainer.Read(otherIndex)), Is.False, "the Index is protected");

        var digest = (int)chain.Oracle.Frames[1].Records[2].DataOffset + Encoding.UTF8.GetString(chain.Original, (int)frame.Records[2].DataOffset, (int)frame.Records[2].DataLength).IndexOf("Digest\": \"", StringComparison.Ordinal) + "Digest\": \"".Length;
        var otherDigest = (byte[])chain.Original.Clone();
        otherDigest[digest] = otherDigest[digest] == (byte)'A' ? (byte)'B' : (byte)'A';
        Assert.That(chain.Oracle.ProtectedContentKeptBy(OracleContainer.Read(otherDigest)), Is.False, "a digest is protected");
    }

    /// <summary>
    /// The campaign's check is the checker's: for the original and for mutants written into a copy of the vector,
    /// <see cref="CheckRunner"/> on the whole root reports exactly what <see cref="VectorCheck"/> reports, plus the
    /// findings that do not depend on the mutated file (other containers, key files), which stay as they were.
    /// </summary>
    [Test]
    public void TheCampaignsCheckIsWhatCheckRunnerReports()
    {
        var compared = 0;
        foreach (var group in Targets.Value.GroupBy(t => t.Vector))
        {
            var slow = group.Key is "reference-one-account" or "draft06-one-account"; // X448 decryption: ~250 ms per whole check
            var samples = group.Where((_, i) => i % (slow ? 14 : 4) == 0).ToList();
            using var copy = new TempDirectory("mutation-equivalence");
            CopyTree(group.First().Check.Root, copy.Path);
            var check = VectorCheck.Open(copy.Path);
            var wholeOriginal = Keys(CheckRunner.Run(copy.Path));
            foreach (var target in samples)
            {
                // Other containers' findings and the key files' own: the same whatever this file holds.
                var constant = Except(wholeOriginal, Keys(check.Check(target.Relative, target.Original)));
                var path = Path.Combine(copy.Path, target.Relative.Replace('/', Path.DirectorySeparatorChar));
                foreach (var i in slow ? new[] { 0, 1, 6 } : Enumerable.Range(0, 10))
                {
                    var mutant = Mutator.Mutate(target.Original, target.Oracle.Frames, MutationCampaign.SeedOf(target.Ordinal, i));
                    File.WriteAllBytes(path, mutant.Bytes);
                    var whole = Keys(CheckRunner.Run(copy.Path));
                    var mine = Keys(check.Check(target.Relative, mutant.Bytes));
                    Assert.That(Except(mine, whole), Is.Empty, $"{target.Name} seed {mutant.Seed}: reported by the campaign's check but not by check");
                    Assert.That(Except(whole, mine), Is.EquivalentTo(constant), $"{target.Name} seed {mutant.Seed}: check reports more than the campaign's check and the constant findings");
                    compared++;
                }
                File.WriteAllBytes(path, target.Original);
            }
        }
        TestContext.Out.WriteLine($"{compared} mutants checked both ways: the same findings");
    }

    [Test]
    public void EveryMutantIsReportedOrHarmless()
    {
        var targets = Targets.Value;
        var work = targets.SelectMany(t => Enumerable.Range(0, PerKind * Mutator.Kinds.Length).Select(i => (t, MutationCampaign.SeedOf(t.Ordinal, i)))).ToList();
        var clock = Stopwatch.StartNew();
        var results = MutationCampaign.Run(work, Math.Max(2, Environment.ProcessorCount), Bound);
        clock.Stop();

        TestContext.Out.WriteLine(Summary(results, targets.Count, clock.Elapsed));
        var failures = results.Where(r => r.Failed).ToList();
        Assert.That(failures, Is.Empty, () => $"{failures.Count} of {results.Count} mutants failed (replay: MESH_MUTANT='<vector>/<path>:<seed>'):\n" +
                                               string.Join("\n", failures.Take(25)));
        Assert.That(results.Count(r => r.Outcome == MutantOutcome.Detected), Is.GreaterThan(results.Count / 2), "most mutants are reported");
    }

    /// <summary>The watchdog: a check that never returns is a Timeout naming its seed, and the other mutants are still judged.</summary>
    [Test]
    public void AHangingCheckIsReportedWithItsSeed()
    {
        var target = Targets.Value[0];
        var work = Enumerable.Range(0, 20).Select(i => (target, MutationCampaign.SeedOf(target.Ordinal, i))).ToList();
        var hang = work[7].Item2;
        var results = MutationCampaign.Run(work, 2, TimeSpan.FromMilliseconds(500), (t, mutant) =>
        {
            if (mutant.Seed == hang) Thread.Sleep(Timeout.Infinite);
            return MutationCampaign.Judge(t, mutant);
        });
        Assert.That(results.Where(r => r.Outcome == MutantOutcome.Timeout).Select(r => r.Mutant.Seed), Is.EqualTo(new[] { hang }));
        Assert.That(results.Where(r => r.Mutant.Seed != hang).Select(r => r.Failed), Is.All.False);
        Assert.That(results.Single(r => r.Mutant.Seed == hang).ToString(), Does.Contain($"seed={hang}"));
    }

    /// <summary>Replays one mutant: MESH_MUTANT='containers-all-types/Chain-dare12.dare:7003004'.</summary>
    [Test]
    public void ReplayOneMutant()
    {
        if (Environment.GetEnvironmentVariable("MESH_MUTANT") is not { Length: > 0 } spec)
        {
            Assert.Ignore("set MESH_MUTANT='<vector>/<path>:<seed>' to replay one mutant of the campaign");
            return;
        }
        var colon = spec.LastIndexOf(':');
        var (name, seed) = (spec[..colon], int.Parse(spec[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        var target = Targets.Value.Single(t => t.Name == name);
        var mutant = Mutator.Mutate(target.Original, target.Oracle.Frames, seed);
        var result = MutationCampaign.Judge(target, mutant);
        TestContext.Out.WriteLine(result);
        foreach (var f in target.Check.Check(target.Relative, mutant.Bytes)) TestContext.Out.WriteLine("  " + f);
        Assert.That(result.Failed, Is.False, result.ToString());
    }

    private static string Summary(List<MutantResult> results, int containers, TimeSpan elapsed)
    {
        var outcomes = Enum.GetValues<MutantOutcome>();
        var text = new StringBuilder();
        text.AppendLine($"{results.Count} mutants of {containers} containers in {elapsed.TotalSeconds:0.0} s");
        text.AppendLine($"{"kind",-16}" + string.Concat(outcomes.Select(o => $"{o,13}")) + $"{"total",8}");
        foreach (var kind in Mutator.Kinds.Append((MutationKind)(-1)))
        {
            var mine = kind < 0 ? results : results.Where(r => r.Mutant.Kind == kind).ToList();
            text.AppendLine($"{(kind < 0 ? "all" : kind.ToString()),-16}" + string.Concat(outcomes.Select(o => $"{mine.Count(r => r.Outcome == o),13}")) + $"{mine.Count,8}");
        }
        text.AppendLine("unprotected changes, what they changed: " + string.Join("; ",
            results.Where(r => r.Outcome == MutantOutcome.Unprotected).GroupBy(r => r.Detail).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        text.AppendLine("each mutant that passed with only unprotected bytes changed (file, seed, mutation, what changed):");
        foreach (var r in results.Where(r => r.Outcome == MutantOutcome.Unprotected))
            text.AppendLine($"  {r.Target.Name} seed={r.Mutant.Seed} {r.Mutant.Kind}: {r.Mutant.Description} -> {r.Detail}");
        text.AppendLine("requirements of the findings that reported mutants: " + string.Join(", ",
            results.SelectMany(r => r.Requirements).GroupBy(r => r).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        return text.ToString();
    }

    private static string ContainerType(MutationTarget t)
    {
        var header = t.Oracle.Frames[0].Records[0];
        var text = Encoding.UTF8.GetString(t.Original, (int)header.DataOffset, (int)header.DataLength);
        var at = text.IndexOf("\"ContainerType\": \"", StringComparison.Ordinal) + "\"ContainerType\": \"".Length;
        return text[at..text.IndexOf('"', at)];
    }

    private static List<string> Keys(CheckReport report) =>
        report.Findings.Select(f => $"{f.File}|{f.Code}|{f.Severity}|{f.RequirementId}|{f.Offset}|{f.Frame}").ToList();

    private static List<string> Keys(IReadOnlyList<MappedFinding> findings) =>
        findings.Select(f => $"{f.File}|{f.Code}|{f.Severity}|{f.RequirementId}|{f.Offset}|{f.Frame}").ToList();

    private static List<string> Except(List<string> a, List<string> b)
    {
        var left = b.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var result = new List<string>();
        foreach (var x in a)
        {
            if (left.TryGetValue(x, out var n) && n > 0) left[x] = n - 1;
            else result.Add(x);
        }
        return result;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
        if (!OperatingSystem.IsWindows())
            foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
                File.SetUnixFileMode(Path.Combine(to, Path.GetRelativePath(from, dir)), File.GetUnixFileMode(dir));
    }
}
