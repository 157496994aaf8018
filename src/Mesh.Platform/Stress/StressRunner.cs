using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using MeshConformance.Core;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using MeshConformance.Locking;
using MeshConformance.Platform.Stores;

namespace MeshConformance.Platform.Stress;

/// <summary>
/// Runs a <see cref="StressScenario"/>: every writer process appends to one container at once (started together
/// behind a barrier), some are killed mid-append and restarted, readers follow the file; then the harness takes the
/// lock (proving a dead writer's lock was released), cuts a torn tail left by the last kill as the next writer would,
/// and judges the file with <see cref="LogVerifier"/> against the ledger of acknowledged and in-doubt appends.
/// </summary>
public static class StressRunner
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    public static StressResult Run(StressScenario scenario, Action<string>? progress = null)
    {
        if (scenario.Writers.Count == 0) throw new ArgumentException("a scenario needs at least one writer");
        var (root, container) = Locate(scenario);
        var ledger = new LogLedger();
        var slots = scenario.Writers.Select((command, i) => new WriterSlot($"w{i + 1}", command, scenario, i)).ToArray();
        var runErrors = new List<string>();

        var readerLocks = Enumerable.Range(0, scenario.Readers).Select(_ => FlockLockFile.ForRoot(root)).ToArray();
        var readers = readerLocks.Select(l => new ContainerFollower(container, l, LockTimeout)).ToArray();
        var readerThreads = new List<Thread>();
        using var done = new CancellationTokenSource();
        TimeSpan elapsed;
        try
        {
            foreach (var slot in slots) slot.Start(); // started (hello answered) before the clock runs
            var unstarted = slots.Where(s => s.StartError is not null).ToList();
            if (unstarted.Count > 0)
                throw new AdapterFailure(string.Join("; ", unstarted.Select(s => $"writer {s.Name}: {s.StartError}")));

            readerThreads.AddRange(readers.Select(r => StartThread(() => Follow(r, done.Token, runErrors))));
            var clock = Stopwatch.StartNew();
            using (var start = new Barrier(slots.Length))
            {
                var threads = slots.Select(s => StartThread(() => s.RunGuarded(start, root, container, ledger))).ToArray();
                foreach (var t in threads) t.Join();
            }
            elapsed = clock.Elapsed;
            progress?.Invoke($"{scenario.Name}: writers done in {elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            // Whatever happened, no adapter process outlives the run and no reader keeps its lock file open.
            done.Cancel();
            foreach (var t in readerThreads) t.Join();
            foreach (var slot in slots) slot.Dispose();
            foreach (var l in readerLocks) l.Dispose();
        }

        var lockRecovered = CrashTools.LockIsFree(root, TimeSpan.FromSeconds(10));
        long finalRepair = 0;
        if (File.Exists(container) && new FileInfo(container).Length > 0)
        {
            try
            {
                finalRepair = CutTornTail(root, container, scenario.Type);
            }
            catch (Exception e) when (e is MeshFormatException or IOException or LockTimeoutException)
            {
                runErrors.Add($"the final catch-up failed: {e.Message}");
            }
        }
        if (!File.Exists(container)) runErrors.Add($"{container}: no writer created the container");
        var log = File.Exists(container) ? LogVerifier.Verify(container, ledger) : new LogVerifier.Result(0, 0, 0, ledger.AcknowledgedCount, []);
        var readerFindings = new List<Finding>();
        foreach (var reader in readers)
        {
            if (File.Exists(container)) reader.CompareWith(container);
            readerFindings.AddRange(reader.Anomalies);
        }

        var result = new StressResult(scenario, container, elapsed, slots.Select(s => s.Stats()).ToList(),
            LatencySummary.Of(slots.SelectMany(s => s.LockWaits).ToList()),
            LatencySummary.Of(slots.SelectMany(s => s.Latencies).ToList()),
            readers.Length, readers.Sum(r => r.Settles), finalRepair, lockRecovered, log, readerFindings, runErrors);
        if (scenario.Container is null && result.Passed) Directory.Delete(root, recursive: true);
        return result;
    }

    private static (string Root, string Container) Locate(StressScenario scenario)
    {
        if (scenario.Container is { } given)
        {
            var path = Path.GetFullPath(given);
            var folder = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such directory");
            // The ledger knows only this run's appends: entries already there would all look like nobody's.
            if (File.Exists(path) && new FileInfo(path).Length > 0)
                throw new IOException($"{path} already holds frames; stress needs a new or empty container (its folder is taken as the Mesh root)");
            return (folder, path);
        }
        var root = Directory.CreateTempSubdirectory("mesh-stress-").FullName;
        return (root, Path.Combine(root, scenario.Type == ContainerType.Merkle ? "MMM_Task.dcat" : "stress.dare"));
    }

    private static Thread StartThread(Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true };
        thread.Start();
        return thread;
    }

    private static void Follow(ContainerFollower reader, CancellationToken done, List<string> runErrors)
    {
        try
        {
            while (!done.IsCancellationRequested)
            {
                reader.Poll();
                Thread.Sleep(1);
            }
            reader.Poll();
        }
        catch (Exception e)
        {
            // A reader that cannot settle the end of file is a failure of the run, not of the harness.
            lock (runErrors) runErrors.Add($"a reader stopped: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>What the next writer would do first: under the lock, cut bytes that are not a whole frame.</summary>
    private static long CutTornTail(string root, string container, ContainerType type)
    {
        using var lockFile = FlockLockFile.ForRoot(root);
        var settings = new ContainerSettings { Type = type, Vocabulary = DareVocabulary.Dare12 };
        using var appender = StoreAppender.Open(container, settings, new AppendOptions { Lock = lockFile, LockTimeout = LockTimeout });
        return appender.Repairs.Sum();
    }

    /// <summary>One writer of the scenario: an adapter process, restarted after every kill.</summary>
    private sealed class WriterSlot(string name, AdapterCommandLine command, StressScenario scenario, int ordinal) : IDisposable
    {
        // Not HashCode.Combine: it is seeded afresh in every process, and --seed must reproduce a run's choices.
        private readonly Random random = new(unchecked(scenario.Seed * 1_000_003 + ordinal));
        private readonly List<string> errors = [];
        private AdapterProcess? process;
        private long acknowledged, inDoubt, repairedBytes;
        private int kills, tears, repairs;
        private double typicalMicros = 1000; // a running estimate of one append's round trip, to aim external kills

        public string Name => name;
        public string? StartError { get; private set; }
        public List<double> LockWaits { get; } = [];
        public List<double> Latencies { get; } = [];

        public void Start()
        {
            try
            {
                process = Launch();
            }
            catch (AdapterFailure e)
            {
                StartError = e.Message;
            }
        }

        public WriterStats Stats() => new(name, process?.Implementation ?? implementation, command.ToString(), acknowledged, inDoubt, kills, tears, repairedBytes, repairs, errors);

        private string implementation = "?";

        private AdapterProcess Launch()
        {
            var started = AdapterProcess.Start(command, scenario.SeparateSessions);
            implementation = started.Implementation;
            if (!started.Types.Contains(scenario.Type.ToString()))
            {
                started.Dispose();
                throw new AdapterFailure($"{started.Implementation} does not append {scenario.Type} containers");
            }
            return started;
        }

        /// <summary><see cref="Run"/>, with anything unexpected recorded as this writer's error rather than ending the process.</summary>
        public void RunGuarded(Barrier start, string root, string container, LogLedger ledger)
        {
            try
            {
                Run(start, root, container, ledger);
            }
            catch (Exception e)
            {
                errors.Add($"the writer stopped: {e.GetType().Name}: {e.Message}");
                start.RemoveParticipant();
            }
        }

        private void Run(Barrier start, string root, string container, LogLedger ledger)
        {
            start.SignalAndWait();
            var failuresInARow = 0;
            for (var i = 0; i < scenario.Appends && process is not null; i++)
            {
                var id = $"{name}/{i}";
                var request = new JsonObject
                {
                    ["op"] = "append", ["container"] = container, ["root"] = root, ["uniqueId"] = id,
                    ["payload"] = Base64Url.Encode(Payload(i)), ["type"] = scenario.Type.ToString(),
                };
                if (scenario.Durable) request["durable"] = true;
                if (scenario.ReopenPerAppend) request["reopen"] = true;
                try
                {
                    if (scenario.KillRate > 0 && random.NextDouble() < scenario.KillRate)
                    {
                        ledger.Doubt(id);
                        inDoubt++;
                        Crash(request);
                        process = Restart();
                        continue;
                    }
                    var clock = Stopwatch.StartNew();
                    var reply = process.Call(request);
                    var micros = clock.Elapsed.TotalMicroseconds;
                    typicalMicros = 0.9 * typicalMicros + 0.1 * micros;
                    Latencies.Add(micros);
                    var figures = AdapterReplies.ReadAppend(reply);
                    if (figures.LockWaitMicros is { } waited) LockWaits.Add(waited);
                    if (figures.RepairedBytes is > 0 and { } bytes)
                    {
                        repairs++;
                        repairedBytes += bytes;
                    }
                    ledger.Acknowledge(id);
                    acknowledged++;
                    failuresInARow = 0;
                }
                catch (Exception e) when (e is AdapterFailure or IOException or InvalidOperationException)
                {
                    errors.Add($"append {id}: {e.Message}");
                    // A failed append may still have reached the file (an error after the write, a reply lost): in doubt.
                    if (!ledger.IsInDoubt(id))
                    {
                        ledger.Doubt(id);
                        inDoubt++;
                    }
                    if (process is null || process.WaitForExit(TimeSpan.FromSeconds(1)))
                        process = ++failuresInARow < 3 ? Restart() : null; // it died: go on with a new one, as after a kill
                }
            }
        }

        /// <summary>
        /// Kills the writer during this append: either the adapter tears the frame itself (writes part of it and dies
        /// holding the lock — a torn tail for certain), or the harness sends SIGKILL after a random fraction of a
        /// typical append's time (anywhere: before, while or after it takes the lock or writes).
        /// </summary>
        private void Crash(JsonObject request)
        {
            kills++;
            if (process!.Capabilities.Contains("tear") && random.Next(2) == 0)
            {
                tears++;
                request["tearAt"] = 0.02 + 0.96 * random.NextDouble();
                process.Send(request);
                if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
                {
                    errors.Add($"{request["uniqueId"]}: the adapter did not die after tearing its frame");
                    process.Kill();
                }
                return;
            }
            CrashTools.SendThenKill(process, request, random.NextDouble() * 2 * typicalMicros);
            process.WaitForExit(TimeSpan.FromSeconds(30));
        }

        private AdapterProcess? Restart()
        {
            process?.Dispose();
            process = null;
            try
            {
                return Launch();
            }
            catch (AdapterFailure e)
            {
                errors.Add($"restart: {e.Message}");
                return null;
            }
        }

        private byte[] Payload(int i) => CrashTools.PaddedPayload(random, $"\"writer\":\"{name}\",\"i\":{i}");

        public void Dispose()
        {
            process?.Dispose();
            process = null;
        }
    }
}
