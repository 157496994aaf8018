using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using MeshConformance.Bench;
using MeshConformance.Core;
using MeshConformance.Dare.Digests;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Reading;
using MeshConformance.Dare.Verification;
using MeshConformance.Dare.Writing;

// Whole-process benchmark of the DARE container code (issue 2):
//   1. append N Merkle entries to a temp file (FileStream, no fsync), timed;
//   2. raw SHA-512 throughput over the very same file bytes: the baseline, measured in this run;
//   3. ContainerVerifier.Verify on that file (1 warm-up + K measured, median), as a ratio of the baseline;
//   4. a stage breakdown (framing walk, header/trailer parse, digests, backward walk, file reads) via public APIs.
var options = BenchOptions.Parse(args);
if (options is null) return 2;

var results = new List<(string Name, double Value, string Unit, string Note)>();
void Record(string name, double value, string unit, string note = "") => results.Add((name, value, unit, note));

Console.WriteLine($"Mesh.Bench: {options.Entries:N0} Merkle entries of {options.Size} bytes, {options.Iterations} measured iterations (median), " +
                  $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

// ---- inputs: deterministic payloads and catalog-style ContentMeta (UniqueId + Event), prepared outside the timing
var rng = new Random(20251102);
var payloads = new byte[options.Entries][];
var metas = new ContentMeta[options.Entries];
for (var i = 0; i < options.Entries; i++)
{
    payloads[i] = new byte[options.Size];
    rng.NextBytes(payloads[i]);
    var id = new byte[16];
    rng.NextBytes(id);
    metas[i] = new ContentMeta { UniqueId = new Guid(id).ToString(), Event = i % 4 == 0 ? "Update" : "New" };
}

var path = options.Output ?? Path.Combine(Path.GetTempPath(), $"mesh-bench-{Environment.ProcessId}.dare");
var settings = new ContainerSettings { Type = ContainerType.Merkle };

double AppendOnce()
{
    using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, bufferSize: 64 * 1024);
    var sw = Stopwatch.StartNew();
    var writer = new ContainerWriter(settings);
    writer.WriteFrame0(stream);
    for (var i = 0; i < payloads.Length; i++) writer.Append(stream, payloads[i], metas[i]);
    stream.Flush(flushToDisk: false); // no fsync: the data reaches the page cache only
    sw.Stop();
    return sw.Elapsed.TotalSeconds;
}

try
{
    // ---- 1. append
    var appendCold = AppendOnce(); // first run in the process: includes JIT (tier 0 → tier 1)
    var appendRuns = Stats.Repeat(options.Iterations, AppendOnce);
    var append = Stats.Median(appendRuns);
    var fileLength = new FileInfo(path).Length;
    Console.WriteLine($"container: {path}, {fileLength:N0} bytes ({(double)fileLength / (options.Entries + 1):F1} bytes/frame)");

    // ---- 2. baseline: raw SHA-512 over the same bytes, single thread
    var fileBytes = File.ReadAllBytes(path);
    var digest = new byte[64];
    double HashChunks()
    {
        var sw = Stopwatch.StartNew();
        const int chunk = 1 << 20;
        for (var at = 0; at < fileBytes.Length; at += chunk)
            SHA512.HashData(fileBytes.AsSpan(at, Math.Min(chunk, fileBytes.Length - at)), digest);
        return sw.Elapsed.TotalSeconds;
    }
    double HashMessages()
    {
        var sw = Stopwatch.StartNew();
        foreach (var p in payloads) SHA512.HashData(p, digest);
        return sw.Elapsed.TotalSeconds;
    }
    HashChunks(); HashMessages();
    var shaChunk = Stats.Median(Stats.Repeat(options.Iterations, HashChunks));
    var shaMsg = Stats.Median(Stats.Repeat(options.Iterations, HashMessages));
    var shaMBps = fileLength / shaChunk / 1e6;
    var payloadBytes = (long)options.Entries * options.Size;
    var shaMsgMBps = payloadBytes / shaMsg / 1e6;

    // ---- 3. verify
    ContainerReport? report = null;
    long allocated = 0;
    double VerifyOnce()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        report = ContainerVerifier.Verify(path);
        var t = sw.Elapsed.TotalSeconds;
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return t;
    }
    var gc0 = GC.CollectionCount(0);
    var verifyCold = VerifyOnce();
    var verifyRuns = Stats.Repeat(options.Iterations, VerifyOnce);
    var gcPerVerify = (GC.CollectionCount(0) - gc0) / (double)(options.Iterations + 1);
    var verify = Stats.Median(verifyRuns);
    var verifyMBps = fileLength / verify / 1e6;
    var errors = report!.Findings.Count(f => f.Severity == Severity.Error);
    var verdictOk = errors == 0 && report.FrameCount == options.Entries + 1;

    // ---- report
    var verifyRatio = verifyMBps / shaMBps;
    var appendMBps = fileLength / append / 1e6;
    Record("append.seconds", append, "s", $"median of {options.Iterations}; target < 1 s");
    Record("append.cold_seconds", appendCold, "s", "first run in the process (includes JIT)");
    Record("append.entries_per_second", options.Entries / append, "1/s");
    Record("append.MBps", appendMBps, "MB/s", "file bytes written / append time");
    Record("append.ratio_to_sha512", appendMBps / shaMBps, "", "append MB/s ÷ raw SHA-512 MB/s");
    Record("sha512.chunked.MBps", shaMBps, "MB/s", "baseline: SHA512.HashData, 1 MiB chunks over the file bytes");
    Record("sha512.messages.MBps", shaMsgMBps, "MB/s", $"SHA512.HashData per {options.Size}-byte payload");
    Record("sha512.messages.ratio", shaMsgMBps / shaMBps, "", "per-call overhead of small messages");
    Record("verify.seconds", verify, "s", $"median of {options.Iterations}");
    Record("verify.cold_seconds", verifyCold, "s", "first run (includes JIT)");
    Record("verify.MBps", verifyMBps, "MB/s", "file bytes / verify time");
    Record("verify.ratio_to_sha512", verifyRatio, "", "target ≥ 0.60");
    Record("verify.frames_per_second", report.FrameCount / verify, "1/s");
    Record("verify.allocated_bytes_per_frame", (double)allocated / report.FrameCount, "B");
    Record("verify.gen0_collections", gcPerVerify, "", "per Verify call");

    List<(string Stage, double Seconds, string Note)> stages = [], appendStages = [];
    if (options.Profile)
    {
        stages = Profile.Run(path, fileBytes, options.Iterations);
        appendStages = Profile.RunAppend(path, payloads, metas, options.Iterations);
        foreach (var s in appendStages)
            Record("profile." + s.Stage, s.Seconds, "s", s.Note);
        foreach (var s in stages)
            Record("profile." + s.Stage, s.Seconds, "s", s.Note);
    }

    Console.WriteLine();
    Console.WriteLine($"{"measure",-36} {"value",14}  {"unit",-6} note");
    Console.WriteLine(new string('-', 100));
    foreach (var (name, value, unit, note) in results)
        Console.WriteLine($"{name,-36} {Format(value),14}  {unit,-6} {note}");
    Console.WriteLine();
    if (stages.Count > 0)
    {
        Console.WriteLine($"{"stage (same file, median)",-36} {"seconds",10} {"% verify",9} {"÷ SHA-512",10}  note");
        Console.WriteLine(new string('-', 100));
        foreach (var (stage, seconds, note) in stages)
            Console.WriteLine($"{stage,-36} {seconds,10:F4} {100 * seconds / verify,8:F1}% {seconds / shaChunk,10:F2}  {note}");
        Console.WriteLine();
    }

    if (appendStages.Count > 0)
    {
        Console.WriteLine($"{"append stage (median)",-36} {"seconds",10} {"% append",9} {"÷ SHA-512",10}  note");
        Console.WriteLine(new string('-', 100));
        foreach (var (stage, seconds, note) in appendStages)
            Console.WriteLine($"{stage,-36} {seconds,10:F4} {100 * seconds / append,8:F1}% {seconds / shaChunk,10:F2}  {note}");
        Console.WriteLine();
    }

    var appendPass = append < 1.0;
    var verifyPass = verifyRatio >= 0.60;
    Console.WriteLine($"load average  : {Machine.LoadAverage()} (other jobs share these {Environment.ProcessorCount} cores)");
    Console.WriteLine($"verify result : {report.FrameCount:N0} frames, {errors} error finding(s), {report.Findings.Count} finding(s) in all, dialect {report.DigestDialect} -> {(verdictOk ? "OK" : "UNEXPECTED")}");
    Console.WriteLine($"append target : {append:F3} s for {options.Entries:N0} entries (< 1 s)  -> {(appendPass ? "PASS" : "FAIL")}  ({appendMBps / shaMBps:P1} of raw SHA-512 MB/s)");
    Console.WriteLine($"verify target : {verifyMBps:F1} MB/s = {verifyRatio:P1} of raw SHA-512 {shaMBps:F1} MB/s (>= 60%)  -> {(verifyPass ? "PASS" : "FAIL")}");

    if (options.Json is { } jsonPath)
    {
        using var fs = File.Create(jsonPath);
        using var w = new Utf8JsonWriter(fs, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("benchmark", "Mesh.Bench DARE Merkle container");
        w.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("O"));
        w.WriteNumber("entries", options.Entries);
        w.WriteNumber("entry_size", options.Size);
        w.WriteNumber("iterations", options.Iterations);
        w.WriteNumber("file_bytes", fileLength);
        w.WriteNumber("processor_count", Environment.ProcessorCount);
        w.WriteString("runtime", Environment.Version.ToString());
        w.WriteString("os", System.Runtime.InteropServices.RuntimeInformation.OSDescription);
        w.WriteString("cpu", Machine.CpuModel());
        w.WriteString("load_average_at_end", Machine.LoadAverage());
        w.WriteStartObject("results");
        foreach (var (name, value, _, _) in results) w.WriteNumber(name, Math.Round(value, 6));
        w.WriteEndObject();
        w.WriteStartObject("runs");
        w.WriteStartArray("append_seconds"); foreach (var r in appendRuns) w.WriteNumberValue(r); w.WriteEndArray();
        w.WriteStartArray("verify_seconds"); foreach (var r in verifyRuns) w.WriteNumberValue(r); w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("verdict");
        w.WriteNumber("frames", report.FrameCount);
        w.WriteNumber("error_findings", errors);
        w.WriteString("digest_dialect", report.DigestDialect.ToString());
        w.WriteBoolean("verify_ok", verdictOk);
        w.WriteBoolean("append_under_1s", appendPass);
        w.WriteBoolean("verify_at_least_60pct_sha512", verifyPass);
        w.WriteEndObject();
        w.WriteEndObject();
        Console.WriteLine($"json          : {jsonPath}");
    }
    // The harness fails when the container does not verify; missing a target is a reported result, not a crash.
    return verdictOk ? 0 : 1;
}
finally
{
    if (!options.Keep && options.Output is null && File.Exists(path)) File.Delete(path);
}

static string Format(double v) => Math.Abs(v) >= 1000 ? v.ToString("N0") : Math.Abs(v) >= 10 ? v.ToString("F1") : v.ToString("F4");

namespace MeshConformance.Bench
{
    internal sealed record BenchOptions
    {
        public int Entries { get; init; } = 100_000;
        public int Size { get; init; } = 200;
        public int Iterations { get; init; } = 5;
        public string? Json { get; init; }
        public string? Output { get; init; }
        public bool Profile { get; init; } = true;
        public bool Keep { get; init; }

        public static BenchOptions? Parse(string[] args)
        {
            var o = new BenchOptions();
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--entries": o = o with { Entries = int.Parse(Next()) }; break;
                    case "--size": o = o with { Size = int.Parse(Next()) }; break;
                    case "--iterations": o = o with { Iterations = Math.Max(1, int.Parse(Next())) }; break;
                    case "--json": o = o with { Json = Next() }; break;
                    case "--output": o = o with { Output = Next() }; break;
                    case "--no-profile": o = o with { Profile = false }; break;
                    case "--profile": o = o with { Profile = true }; break;
                    case "--keep": o = o with { Keep = true }; break;
                    case "-h" or "--help":
                        Console.WriteLine("usage: Mesh.Bench [--entries N=100000] [--size B=200] [--iterations K=5] [--json FILE] [--output FILE.dare] [--keep] [--no-profile]");
                        return null;
                    default:
                        Console.Error.WriteLine($"unknown option {args[i]} (try --help)");
                        return null;
                }
            }
            return o;
        }
    }

    internal static class Stats
    {
        public static double[] Repeat(int n, Func<double> run)
        {
            var r = new double[n];
            for (var i = 0; i < n; i++) r[i] = run();
            return r;
        }

        public static double Median(double[] runs)
        {
            var s = runs.Order().ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        }
    }

    internal static class Machine
    {
        public static string LoadAverage()
        {
            try { return File.ReadAllText("/proc/loadavg").Trim(); }
            catch (IOException) { return "unknown"; }
            catch (UnauthorizedAccessException) { return "unknown"; }
        }

        public static string CpuModel()
        {
            try
            {
                return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown";
            }
            catch (IOException) { return "unknown"; }
            catch (UnauthorizedAccessException) { return "unknown"; }
        }
    }
}
