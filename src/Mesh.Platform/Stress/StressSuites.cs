namespace MeshConformance.Platform.Stress;

/// <summary>
/// The standard scenario sets: <c>short</c> (the default conformance run: 4 writers × 100 appends) and <c>full</c>
/// (the acceptance matrix: 8 writers × 2,000). Every correct scenario mixes our writer with the other implementations
/// round robin; the two broken ones prove the harness catches writers that do not exclude each other.
/// </summary>
public static class StressSuites
{
    public static IReadOnlyList<string> Names { get; } = ["short", "full"];

    /// <param name="ownWriter">Our adapter with the given binding (flock, reference-mutex, none).</param>
    /// <param name="others">The other implementations' adapters (the Python one, an implementer's).</param>
    public static IReadOnlyList<StressScenario> Build(string suite, Func<string, AdapterCommandLine> ownWriter, IReadOnlyList<AdapterCommandLine> others,
        int? writers = null, int? appends = null, int? readers = null, int seed = 1)
    {
        var (n, k) = suite switch
        {
            "short" => (writers ?? 4, appends ?? 100),
            "full" => (writers ?? 8, appends ?? 2000),
            _ => throw new ArgumentException($"unknown suite '{suite}' ({string.Join(", ", Names)})"),
        };
        var mixed = Mix([ownWriter("flock"), .. others], n);
        var r = readers ?? 2;
        var broken = mixed.ToArray();
        broken[0] = ownWriter("none");
        return
        [
            new() { Name = "same-session", Writers = mixed, Appends = k, Readers = r, Seed = seed },
            new() { Name = "separate-sessions", Writers = mixed, Appends = k, Readers = r, SeparateSessions = true, Seed = seed },
            new() { Name = "kills-5pct", Writers = mixed, Appends = k, Readers = r, KillRate = 0.05, Seed = seed },
            new() { Name = "kills-5pct-separate-sessions", Writers = mixed, Appends = k, Readers = r, SeparateSessions = true, KillRate = 0.05, Seed = seed },
            // A writer that reopens learns the whole file again under the lock on every append: quadratic in the file's
            // length, so the full suite keeps this one to 500 appends per writer.
            new() { Name = "reopen-per-append", Writers = mixed, Appends = Math.Min(k, 500), Readers = r, ReopenPerAppend = true, Seed = seed },
            new() { Name = "broken-writer-no-lock", Writers = broken, Appends = k, Readers = r, Seed = seed, ExpectAnomalies = true },
            // The reference's own binding, a session-scoped .NET mutex: writers launched apart share nothing. Its writers
            // still catch up, so only writers inside each other's critical section collide: certain at the full size,
            // only likely in a short run, so the short suite (which gates the default conformance run) leaves it out.
            .. (suite == "full"
                ? new StressScenario[]
                {
                    new()
                    {
                        Name = "reference-mutex-separate-sessions", Writers = Mix([ownWriter("reference-mutex")], n), Appends = k, Readers = r,
                        SeparateSessions = true, Seed = seed, ExpectAnomalies = true,
                    },
                }
                : []),
        ];
    }

    /// <summary><paramref name="count"/> writers, taking the implementations in turn.</summary>
    public static IReadOnlyList<AdapterCommandLine> Mix(IReadOnlyList<AdapterCommandLine> implementations, int count) =>
        Enumerable.Range(0, count).Select(i => implementations[i % implementations.Count]).ToList();
}
