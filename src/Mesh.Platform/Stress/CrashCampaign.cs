using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Reading;
using MeshConformance.Dare.Verification;
using MeshConformance.Locking;
using MeshConformance.Platform.Stores;

namespace MeshConformance.Platform.Stress;

/// <summary>A crash campaign: one writer, killed again and again in the middle of its appends.</summary>
public sealed record CrashCampaignOptions
{
    /// <summary>The writer: a protocol-1 adapter (docs/adapter-protocol.md), restarted after every kill.</summary>
    public required AdapterCommandLine Writer { get; init; }

    public int Kills { get; init; } = 1000;

    /// <summary>Seeds how many appends go between kills, how each kill is made (tear or SIGKILL, and when), and payload sizes.
    /// The moment an external SIGKILL lands is timing, not seeded.</summary>
    public int Seed { get; init; } = 1;

    public ContainerType Type { get; init; } = ContainerType.Merkle;

    /// <summary>A fresh container (and Mesh root) every this many kills, so that first appends to an empty file are killed too.</summary>
    public int KillsPerContainer { get; init; } = 100;

    /// <summary>At most this many acknowledged appends between one kill's recovery and the next kill.</summary>
    public int MaxAppendsBetweenKills { get; init; } = 3;

    /// <summary>Ask the writer to fsync every frame.</summary>
    public bool Durable { get; init; }

    /// <summary>Where the Mesh roots go; null for a fresh temporary folder, removed when the campaign passes.</summary>
    public string? Directory { get; init; }
}

/// <summary>What a crash campaign saw. It passed when every kill happened, nothing acknowledged was lost, and there was no anomaly.</summary>
public sealed record CrashCampaignResult(
    CrashCampaignOptions Options,
    string Implementation,
    string Directory,
    TimeSpan Elapsed,
    int Kills,
    int Tears,
    int SigKills,
    int SigKillsLanded,
    int TornTails,
    int TornTailsDetected,
    int TailsRepaired,
    long Acknowledged,
    long InDoubt,
    long InDoubtLanded,
    long InDoubtNotLanded,
    long Lost,
    int Containers,
    long Frames,
    int Verifications,
    IReadOnlyList<string> Anomalies)
{
    public bool Passed => Kills == Options.Kills && Lost == 0 && Anomalies.Count == 0;
}

/// <summary>
/// Kills a writer at random points of its appends, over and over, and after every kill checks what the crash left and
/// what recovery made of it (docs/cli.md, <c>crash-campaign</c>). Per kill: the writer (an adapter process) appends a
/// few acknowledged frames, then one more append is killed — either the adapter tears the frame itself (protocol
/// <c>tearAt</c>: part of the frame written, then SIGKILL while holding the lock) or the harness sends SIGKILL after a
/// random delay (log-uniform from 5 µs to three typical appends), so that kills land before, during and after the write. Then:
/// the writer must be dead and its lock free; bytes after the last whole frame (found by this class's own framing walk)
/// are a torn tail, and the container verifier must report it (DARE-TORN-TAIL, where the walk says); the writer is
/// restarted and its next append is the recovery, which must cut exactly that tail (bindings.md X-6; the reply's
/// <c>repairedBytes</c>); then <see cref="LogVerifier"/> with the <see cref="LogLedger"/> judges the file: every
/// acknowledged frame exactly once, the killed (in-doubt) ones at most once, nothing else, and no torn tail left.
/// </summary>
public static class CrashCampaign
{
    private static readonly TimeSpan LockCheckTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DeathTimeout = TimeSpan.FromSeconds(30);

    public static CrashCampaignResult Run(CrashCampaignOptions options, Action<string>? progress = null)
    {
        if (options.Kills < 1) throw new ArgumentException("a campaign needs at least one kill");
        if (options.KillsPerContainer < 1) throw new ArgumentException("at least one kill per container");
        var directory = options.Directory is { } given ? Path.GetFullPath(given) : System.IO.Directory.CreateTempSubdirectory("mesh-crash-").FullName;
        System.IO.Directory.CreateDirectory(directory);
        var run = new Campaign(options, directory);
        var clock = Stopwatch.StartNew();
        try
        {
            run.Execute(progress);
        }
        finally
        {
            run.Dispose();
        }
        var result = run.Result(clock.Elapsed);
        if (options.Directory is null && result.Passed) System.IO.Directory.Delete(directory, recursive: true);
        return result;
    }

    /// <summary>
    /// Where the whole frames from the start of the file end: each delimited by its tag and both lengths. Bytes after it
    /// are a torn tail. Deliberately not <see cref="Stores.WholeFrames"/>: the writers cut torn tails with that, and a judge
    /// sharing the judged code's delimiting would share its bugs.
    /// </summary>
    public static long WholeFramesEnd(ReadOnlySpan<byte> bytes)
    {
        long at = 0;
        while (at < bytes.Length)
        {
            var tag = bytes[(int)at];
            if (tag is < 0xF4 or > 0xF7) break;
            var width = 1 << (tag - 0xF4);
            if (bytes.Length - at < 2 * (1 + width)) break;
            ulong body = 0;
            for (var i = 0; i < width; i++) body = (body << 8) | bytes[(int)at + 1 + i];
            if (body > (ulong)(bytes.Length - at - 2 * (1 + width))) break;
            var trailing = at + 1 + width + (long)body;
            ulong again = 0;
            for (var i = width - 1; i >= 0; i--) again = (again << 8) | bytes[(int)trailing + i];
            if (again != body || bytes[(int)(trailing + width)] != tag) break;
            at = trailing + width + 1;
        }
        return at;
    }

    private sealed class Campaign(CrashCampaignOptions options, string directory) : IDisposable
    {
        private readonly Random random = new(options.Seed);
        private readonly List<string> anomalies = [];
        private readonly HashSet<string> lost = new(StringComparer.Ordinal);
        private readonly HashSet<string> reported = new(StringComparer.Ordinal);
        private AdapterProcess? process;
        private string implementation = "?";
        private string root = "", container = "";
        private LogLedger ledger = new();
        private int containers, kills, tears, sigKills, sigKillsLanded, tornTails, tornDetected, repaired, verifications, sequence;
        private bool lastKillWasSigKill;
        private long acknowledged, inDoubt, landed, notLanded, frames;
        private double typicalMicros = 1000; // a running estimate of one append's round trip, to aim the SIGKILLs

        public CrashCampaignResult Result(TimeSpan elapsed) => new(options, implementation, directory, elapsed, kills, tears, sigKills, sigKillsLanded, tornTails,
            tornDetected, repaired, acknowledged, inDoubt, landed, notLanded, lost.Count, containers, frames, verifications, anomalies);

        public void Execute(Action<string>? progress)
        {
            var clock = Stopwatch.StartNew();
            for (var k = 0; k < options.Kills; k++)
            {
                try
                {
                    if (k % options.KillsPerContainer == 0) NewContainer();
                    process ??= Start();
                    // Mostly a few acknowledged appends first; sometimes none, so that the very first append to an empty
                    // container (frame 0 and all) is killed, and so is the first append right after a recovery.
                    var appends = random.NextDouble() < 0.2 ? 0 : random.Next(1, options.MaxAppendsBetweenKills + 1);
                    for (var i = 0; i < appends; i++) Append(expectedRepair: 0, $"kill {k + 1}");
                    var (id, before) = Kill(k);
                    var torn = AfterKill(k, id, before);
                    Recover(k, torn);
                }
                catch (AdapterFailure e) when (k > 0)
                {
                    // The writer started before, so this is no usage error: it no longer starts or answers after a crash.
                    anomalies.Add($"kill {k + 1}: the campaign stopped: {e.Message}");
                    return;
                }
                if (progress is not null && (k + 1) % 100 == 0)
                    progress($"{k + 1} kills in {clock.Elapsed.TotalSeconds:0} s: {tornTails} torn tails, {repaired} repaired, {lost.Count} lost, {anomalies.Count} anomalies");
            }
        }

        private void NewContainer()
        {
            if (containers > 0) frames += FrameCount();
            root = Path.Combine(directory, $"root-{containers++:D3}");
            sequence = 0;
            System.IO.Directory.CreateDirectory(root);
            container = Path.Combine(root, options.Type == ContainerType.Merkle ? "MMM_Task.dcat" : "crash.dare");
            ledger = new LogLedger();
        }

        private AdapterProcess Start()
        {
            var started = AdapterProcess.Start(options.Writer, separateSession: false);
            implementation = started.Implementation;
            if (!started.Types.Contains(options.Type.ToString()))
            {
                started.Dispose();
                throw new AdapterFailure($"{started.Implementation} does not append {options.Type} containers");
            }
            return started;
        }

        private JsonObject Request(string id)
        {
            var request = new JsonObject
            {
                ["op"] = "append", ["container"] = container, ["root"] = root, ["uniqueId"] = id,
                ["payload"] = Base64Url.Encode(Payload(id)), ["type"] = options.Type.ToString(),
            };
            if (options.Durable) request["durable"] = true;
            return request;
        }

        /// <summary>One acknowledged append; the first after a kill is the recovery and must cut <paramref name="expectedRepair"/> bytes.</summary>
        private void Append(long expectedRepair, string when)
        {
            var id = $"crash/{sequence++}";
            var clock = Stopwatch.StartNew();
            JsonObject reply;
            try
            {
                reply = process!.Call(Request(id));
            }
            catch (AdapterFailure e)
            {
                // It may have reached the file before failing: in doubt. A writer that cannot append after a crash is an anomaly.
                ledger.Doubt(id);
                inDoubt++;
                anomalies.Add($"{when}: append {id} failed: {e.Message}");
                process?.Kill();
                process?.Dispose();
                process = null;
                process = Start();
                return;
            }
            typicalMicros = 0.9 * typicalMicros + 0.1 * clock.Elapsed.TotalMicroseconds;
            ledger.Acknowledge(id);
            acknowledged++;
            var cut = AdapterReplies.ReadAppend(reply).RepairedBytes ?? 0;
            if (cut != expectedRepair)
                anomalies.Add(expectedRepair > 0
                    ? $"{when}: the recovery append cut {cut} bytes, but the crash left a torn tail of {expectedRepair}"
                    : $"{when}: append {id} reports {cut} bytes of torn tail cut, but no torn tail was there");
        }

        /// <summary>The killed append: torn by the adapter itself, or SIGKILLed by us after a random delay. Its UniqueId is in doubt.</summary>
        private (string Id, long LengthBefore) Kill(int k)
        {
            var id = $"crash/{sequence++}";
            var before = File.Exists(container) ? new FileInfo(container).Length : 0;
            ledger.Doubt(id);
            inDoubt++;
            kills++;
            var request = Request(id);
            lastKillWasSigKill = !(process!.Capabilities.Contains("tear") && random.Next(2) == 0);
            if (!lastKillWasSigKill)
            {
                tears++;
                request["tearAt"] = 0.02 + 0.96 * random.NextDouble();
                process.Send(request);
                if (!process.WaitForExit(DeathTimeout))
                {
                    anomalies.Add($"kill {k + 1}: the adapter did not die after tearing its frame ({id})");
                    process.Kill();
                }
            }
            else
            {
                sigKills++;
                // Log-uniform from 5 µs to 3 typical appends: as many kills before the adapter has read the request as
                // while it works and after it has written (a kill after its reply leaves the append in doubt, landed).
                var target = Math.Exp(Math.Log(5) + random.NextDouble() * (Math.Log(3 * typicalMicros) - Math.Log(5)));
                CrashTools.SendThenKill(process, request, target);
            }
            if (!process.WaitForExit(DeathTimeout)) anomalies.Add($"kill {k + 1}: the writer did not die within {DeathTimeout.TotalSeconds} s of SIGKILL");
            process.Dispose();
            process = null;
            return (id, before);
        }

        /// <summary>What the crash left: a torn tail (which the verifier must report), the killed append landed or not, the lock free.</summary>
        private long AfterKill(int k, string id, long before)
        {
            if (!CrashTools.LockIsFree(root, LockCheckTimeout)) anomalies.Add($"kill {k + 1}: the lock could not be taken after the writer died: a dead writer's lock was not released");
            if (!File.Exists(container))
            {
                notLanded++;
                return 0;
            }
            var bytes = File.ReadAllBytes(container);
            var whole = WholeFramesEnd(bytes);
            var torn = bytes.Length - whole;
            if (whole < before) anomalies.Add($"kill {k + 1}: the file's whole frames end at {whole}, before the {before} bytes it had before the killed append");
            if (Present(bytes).Contains(id))
            {
                landed++;
                if (lastKillWasSigKill) sigKillsLanded++;
            }
            else
            {
                notLanded++;
            }
            var report = ContainerVerifier.Verify(new MemoryByteSource(bytes));
            var reported = report.Findings.Where(f => f.Code == ContainerCodes.TornTail).ToList();
            if (torn > 0)
            {
                tornTails++;
                if (reported.Any(f => f.Offset == whole)) tornDetected++;
                else anomalies.Add($"kill {k + 1}: {torn} bytes of torn tail at {whole}, but the verifier reported " +
                                   (reported.Count == 0 ? "no torn tail" : $"one at {reported[0].Offset}"));
            }
            else if (reported.Count > 0)
            {
                anomalies.Add($"kill {k + 1}: the file ends with a whole frame, but the verifier reported a torn tail at {reported[0].Offset}");
            }
            return torn;
        }

        /// <summary>The restarted writer's next append cuts the torn tail; then the whole log is judged against the ledger.</summary>
        private void Recover(int k, long torn)
        {
            process ??= Start();
            var anomaliesBefore = anomalies.Count;
            Append(torn, $"kill {k + 1} (recovery)");
            if (torn > 0 && anomalies.Count == anomaliesBefore) repaired++;
            Verify($"after kill {k + 1}");
        }

        private void Verify(string when)
        {
            verifications++;
            var log = LogVerifier.Verify(container, ledger);
            // Damage stays in the file: each finding is reported after the kill that first showed it, not after every later one.
            foreach (var finding in log.Findings.Where(f => f.Severity == Severity.Error))
                if (reported.Add($"{container}|{finding}")) anomalies.Add($"{when}: {finding}");
            var bytes = File.ReadAllBytes(container);
            if (WholeFramesEnd(bytes) != bytes.Length) anomalies.Add($"{when}: bytes after the last whole frame are still there after the recovery append");
            var present = Present(bytes);
            foreach (var id in ledger.MissingFrom(present)) lost.Add($"{container}:{id}");
        }

        /// <summary>The UniqueIds of the whole frames after frame 0.</summary>
        private static HashSet<string> Present(byte[] bytes)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var whole = WholeFramesEnd(bytes);
            using var source = new MemoryByteSource(bytes.AsMemory(0, (int)whole));
            foreach (var frame in ContainerReader.ReadFrames(source, []))
                if (frame.Ordinal > 0 && frame.Header?.ContentMeta?.UniqueId is { } id) ids.Add(id);
            return ids;
        }

        private long FrameCount()
        {
            if (!File.Exists(container)) return 0;
            using var source = new FileByteSource(container);
            return ContainerReader.ReadFrames(source, []).LongCount();
        }

        private byte[] Payload(string id) => CrashTools.PaddedPayload(random, $"\"entry\":\"{id}\"");

        public void Dispose()
        {
            if (containers > 0) frames += FrameCount();
            process?.Dispose();
            process = null;
        }
    }
}
