using MeshConformance.Core;
using MeshConformance.Platform.Stores;

namespace MeshConformance.Platform.Stress;

/// <summary>What one writer slot did over the run, across the processes it was restarted as.</summary>
public sealed record WriterStats(
    string Name, string Implementation, string Command, long Acknowledged, long InDoubt, int Kills, int Tears,
    long RepairedBytes, int Repairs, IReadOnlyList<string> Errors);

/// <summary>Percentiles of a set of durations, in microseconds.</summary>
public sealed record LatencySummary(int Count, double P50, double P99, double Max)
{
    public static LatencySummary Of(IReadOnlyCollection<double> micros)
    {
        if (micros.Count == 0) return new LatencySummary(0, 0, 0, 0);
        var sorted = micros.Order().ToArray();
        return new LatencySummary(sorted.Length, At(sorted, 0.50), At(sorted, 0.99), sorted[^1]);
    }

    // Nearest rank: the smallest value with at least p of the values at or below it.
    private static double At(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>The outcome of one <see cref="StressScenario"/>.</summary>
public sealed record StressResult(
    StressScenario Scenario,
    string Container,
    TimeSpan Elapsed,
    IReadOnlyList<WriterStats> Writers,
    LatencySummary LockWait,
    LatencySummary AppendLatency,
    int ReaderCount,
    long ReaderSettles,
    long FinalRepairBytes,
    bool LockRecovered,
    LogVerifier.Result Log,
    IReadOnlyList<Finding> ReaderFindings,
    IReadOnlyList<string> RunErrors)
{
    public long Acknowledged => Writers.Sum(w => w.Acknowledged);

    public long InDoubt => Writers.Sum(w => w.InDoubt);

    public int Kills => Writers.Sum(w => w.Kills);

    public int Tears => Writers.Sum(w => w.Tears);

    /// <summary>Torn tails cut: by the writers (as they report it) and by the harness's final catch-up.</summary>
    public int Repairs => Writers.Sum(w => w.Repairs) + (FinalRepairBytes > 0 ? 1 : 0);

    public double AppendsPerSecond => Elapsed.TotalSeconds > 0 ? Acknowledged / Elapsed.TotalSeconds : 0;

    /// <summary>What the container and its readers show of writers that were not excluded.</summary>
    public IEnumerable<Finding> Anomalies =>
        Log.Findings.Concat(ReaderFindings).Where(f => f.Severity == Severity.Error);

    /// <summary>Failures of the run itself: writers that errored or hung, a lock nobody could take after the run.</summary>
    public IEnumerable<string> Failures =>
        RunErrors.Concat(Writers.SelectMany(w => w.Errors.Select(e => $"{w.Name}: {e}")))
            .Concat(LockRecovered ? [] : ["the lock could not be taken after the run: a dead writer's lock was not released"]);

    public bool Clean => !Anomalies.Any() && !Failures.Any();

    /// <summary>A correct run must be clean; a deliberately broken one must show anomalies.</summary>
    public bool Passed => Scenario.ExpectAnomalies ? Anomalies.Any() : Clean;
}
