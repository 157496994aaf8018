using System.Diagnostics;
using System.Text.Json;
using MeshConformance.Core;
using MeshConformance.Tests.Robustness.Oracle;

namespace MeshConformance.Tests.Robustness.Mutation;

/// <summary>What became of one mutant. The first four are passes, the rest failures of the checker.</summary>
public enum MutantOutcome
{
    /// <summary>The check reported a new warning or error finding, with a requirement of the registry.</summary>
    Detected,

    /// <summary>The mutation changed no byte (an overwrite with the same value, a swap of equal frames) and the check said exactly what it says of the original.</summary>
    Identical,

    /// <summary>Cut exactly at a frame's end: the container as it was before its later appends, a valid state no rule at rest can tell from the original.</summary>
    EarlierState,

    /// <summary>The oracle reads the same frames, digests, covered payloads and sequence members: only bytes no digest or framing rule covers changed.</summary>
    Unprotected,

    Exception,
    Timeout,

    /// <summary>A finding whose code has no requirement in the registry.</summary>
    UnmappedCode,

    /// <summary>A byte-identical file got a different report.</summary>
    Nondeterministic,

    /// <summary>The check passed a mutant that changed what the format protects (or that the oracle cannot read at all).</summary>
    SilentPass,
}

/// <summary>One container of a golden vector, with what the check and the oracle say of the original.</summary>
public sealed record MutationTarget(string Vector, string Relative, byte[] Original, OracleContainer Oracle, VectorCheck Check, IReadOnlyList<MappedFinding> Baseline, int Ordinal)
{
    public string Name => $"{Vector}/{Relative}";
}

public sealed record MutantResult(MutationTarget Target, Mutant Mutant, MutantOutcome Outcome, string Detail, IReadOnlyList<string> Requirements)
{
    public bool Failed => Outcome >= MutantOutcome.Exception;

    public override string ToString() =>
        $"{Outcome}: {Target.Name} seed={Mutant.Seed} ({Mutant.Kind}: {Mutant.Description}){(Detail.Length > 0 ? " — " + Detail : "")}";
}

/// <summary>
/// The mutation campaign: every container every golden vector names, each mutated with fixed seeds
/// (<see cref="Mutator"/>), each mutant checked as <c>mesh-conform check</c> checks it (<see cref="VectorCheck"/>) on a
/// worker thread under a watchdog, and judged: a new finding mapped to a requirement, or a clean check of a mutant
/// that the oracle (<see cref="OracleContainer"/>) shows to be harmless. Anything else is a failure naming its seed.
/// </summary>
public static class MutationCampaign
{
    /// <summary>Seeds are <c>BaseSeed + 1000 × target ordinal + i</c>; BaseSeed is a multiple of 10, so mutant i is of kind i mod 10.</summary>
    public const int BaseSeed = 7_000_000;

    public static int SeedOf(int targetOrdinal, int mutant) => BaseSeed + 1000 * targetOrdinal + mutant;

    /// <summary>Every container file the golden manifest lists, in manifest order, with its vector's check.</summary>
    public static List<MutationTarget> Targets()
    {
        var golden = RepositoryPaths.Vectors("golden");
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(golden, "manifest.json")));
        var targets = new List<MutationTarget>();
        foreach (var vector in manifest.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var id = vector.GetProperty("id").GetString()!;
            var root = Path.Combine(golden, id);
            var check = VectorCheck.Open(root);
            var listed = vector.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToHashSet(StringComparer.Ordinal);
            foreach (var relative in check.Containers.Where(listed.Contains))
            {
                var original = File.ReadAllBytes(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
                var oracle = OracleContainer.Read(original);
                targets.Add(new MutationTarget(id, relative, original, oracle, check, check.Check(relative, original), targets.Count));
            }
        }
        return targets;
    }

    public static MutantResult Judge(MutationTarget target, Mutant mutant)
    {
        IReadOnlyList<MappedFinding> findings;
        try
        {
            findings = target.Check.Check(target.Relative, mutant.Bytes);
        }
        catch (Exception e)
        {
            return new MutantResult(target, mutant, MutantOutcome.Exception, $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}", []);
        }
        if (findings.FirstOrDefault(f => f.RequirementId is null) is { } unmapped)
            return new MutantResult(target, mutant, MutantOutcome.UnmappedCode, unmapped.ToString(), []);

        if (mutant.Bytes.AsSpan().SequenceEqual(target.Original))
        {
            var same = Key(findings).SequenceEqual(Key(target.Baseline));
            return new MutantResult(target, mutant, same ? MutantOutcome.Identical : MutantOutcome.Nondeterministic,
                same ? "" : "findings: " + string.Join("; ", findings), []);
        }

        var added = New(target.Baseline, findings);
        if (added.Count > 0)
            return new MutantResult(target, mutant, MutantOutcome.Detected, "", added.Select(f => f.RequirementId!).Distinct().Order().ToList());

        if (target.Oracle.Frames.Any(f => f.End == mutant.Bytes.Length) && target.Original.AsSpan().StartsWith(mutant.Bytes))
            return new MutantResult(target, mutant, MutantOutcome.EarlierState, "", []);

        var read = OracleContainer.Read(mutant.Bytes);
        if (target.Oracle.ProtectedContentKeptBy(read))
            return new MutantResult(target, mutant, MutantOutcome.Unprotected, target.Oracle.DescribeHarmlessChange(read), []);
        return new MutantResult(target, mutant, MutantOutcome.SilentPass, Difference(target.Oracle, read), []);
    }

    /// <summary>Warning and error findings of the mutant beyond those of the original (as a multiset of file and code).</summary>
    private static List<MappedFinding> New(IReadOnlyList<MappedFinding> baseline, IReadOnlyList<MappedFinding> findings)
    {
        var before = baseline.Where(f => f.Severity >= Severity.Warning).GroupBy(f => (f.File, f.Code)).ToDictionary(g => g.Key, g => g.Count());
        var added = new List<MappedFinding>();
        foreach (var group in findings.Where(f => f.Severity >= Severity.Warning).GroupBy(f => (f.File, f.Code)))
            if (group.Count() > before.GetValueOrDefault(group.Key)) added.AddRange(group);
        return added;
    }

    private static List<string> Key(IReadOnlyList<MappedFinding> findings) =>
        findings.Select(f => $"{f.File}|{f.Code}|{f.Severity}|{f.Offset}|{f.Frame}").Order(StringComparer.Ordinal).ToList();

    private static string Difference(OracleContainer original, OracleContainer mutant)
    {
        if (mutant.Failure is { } failure) return $"the check passed it, but the oracle cannot read it: {failure}";
        for (var i = 0; i < Math.Max(original.ProtectedFacts.Count, mutant.ProtectedFacts.Count); i++)
        {
            var a = i < original.ProtectedFacts.Count ? original.ProtectedFacts[i] : "(none)";
            var b = i < mutant.ProtectedFacts.Count ? mutant.ProtectedFacts[i] : "(none)";
            if (a != b) return $"the check passed it, but protected content changed at frame {i}:\n  original {a}\n  mutant   {b}";
        }
        return "the check passed it, but it differs from the original";
    }

    /// <summary>
    /// Judges every work item on <paramref name="workers"/> threads. A watchdog fails an item that runs longer than
    /// <paramref name="bound"/> (a hang), gives its worker up (the thread is a background thread) and starts another.
    /// </summary>
    /// <param name="judge">How a mutant is judged: <see cref="Judge"/> unless a test of the watchdog gives another.</param>
    public static List<MutantResult> Run(IReadOnlyList<(MutationTarget Target, int Seed)> work, int workers, TimeSpan bound,
        Func<MutationTarget, Mutant, MutantResult>? judge = null)
    {
        judge ??= Judge;
        var results = new MutantResult?[work.Count];
        var next = -1;
        var slots = new (long Started, int Item)[workers + 64];
        var threads = new List<Thread>();
        var slotCount = 0;

        void StartWorker()
        {
            var slot = slotCount++;
            slots[slot] = (0, -1);
            var thread = new Thread(() =>
            {
                while (true)
                {
                    var item = Interlocked.Increment(ref next);
                    if (item >= work.Count) return;
                    var (target, seed) = work[item];
                    Volatile.Write(ref slots[slot].Item, item);
                    Volatile.Write(ref slots[slot].Started, Stopwatch.GetTimestamp());
                    var mutant = Mutator.Mutate(target.Original, target.Oracle.Frames, seed);
                    var result = judge(target, mutant);
                    lock (results)
                    {
                        if (slots[slot].Item == -2) return; // the watchdog gave this worker up: its result came too late
                        results[item] = result;
                        slots[slot] = (0, -1);
                    }
                }
            }) { IsBackground = true, Name = $"mutants-{slot}" };
            threads.Add(thread);
            thread.Start();
        }

        for (var i = 0; i < workers; i++) StartWorker();
        while (Enumerable.Range(0, slotCount).Any(s => Volatile.Read(ref slots[s].Item) != -2 && threads[s].IsAlive))
        {
            Thread.Sleep(20);
            lock (results)
            {
                for (var s = 0; s < slotCount; s++)
                {
                    var (started, item) = slots[s];
                    if (item < 0 || started == 0 || Stopwatch.GetElapsedTime(started) <= bound) continue;
                    var (target, seed) = work[item];
                    results[item] = new MutantResult(target, Mutator.Mutate(target.Original, target.Oracle.Frames, seed), MutantOutcome.Timeout,
                        $"no verdict within {bound.TotalSeconds:0.#} s", []);
                    slots[s] = (0, -2);
                    if (slotCount < slots.Length) StartWorker();
                }
            }
        }
        return results.Select((r, i) => r ?? throw new InvalidOperationException($"work item {i} was never judged")).ToList();
    }
}
