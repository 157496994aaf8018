using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MeshConformance.Cli.Output;
using MeshConformance.Core;
using MeshConformance.Platform.Stores;

namespace MeshConformance.Cli.Commands;

/// <summary>
/// `mesh-conform stress --writers N --appends K [--adapter CMD]... [--container PATH] [--json]`: N processes of our own
/// adapter plus one per --adapter command append K entries each, concurrently, to one container; the acknowledged
/// appends are then checked with LogVerifier.
/// </summary>
public static class StressCommand
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    public static Command Create()
    {
        var writers = new Option<int>("--writers") { Description = "How many processes of our own adapter (mesh-conform adapter) to run.", DefaultValueFactory = _ => 2 };
        var appends = new Option<int>("--appends") { Description = "How many entries each writer appends.", DefaultValueFactory = _ => 100 };
        var adapters = new Option<string[]>("--adapter") { Description = "A further writer: a protocol-1 adapter command, run through /bin/sh -c (repeatable)." };
        var container = new Option<string?>("--container") { Description = "The container to append to (its directory is the Mesh root); default: a fresh temporary root." };
        var json = new Option<bool>("--json") { Description = "Machine-readable result." };
        var command = new Command("stress", "Run concurrent writers (our adapter and others) against one container and verify the log they leave.")
        {
            writers, appends, adapters, container, json,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(writers);
            var k = parse.GetValue(appends);
            var commands = parse.GetValue(adapters) ?? [];
            if (n < 0) throw new CliFailure("--writers must not be negative");
            if (k < 1) throw new CliFailure("--appends must be at least 1");
            if (n + commands.Length == 0) throw new CliFailure("no writers: give --writers N or --adapter CMD");

            string root, path;
            var temporary = parse.GetValue(container) is null;
            if (temporary)
            {
                root = Directory.CreateTempSubdirectory("mesh-stress-").FullName;
                path = Path.Combine(root, "MMM_Task.dcat");
            }
            else
            {
                path = Path.GetFullPath(parse.GetValue(container)!);
                root = Path.GetDirectoryName(path)!;
                if (!Directory.Exists(root)) throw new CliFailure($"{root}: no such directory");
            }

            var specs = new List<Writer>();
            for (var i = 0; i < n; i++) specs.Add(new Writer($"w{specs.Count + 1}", OwnAdapter()));
            foreach (var c in commands)
            {
                var info = new ProcessStartInfo("/bin/sh");
                info.ArgumentList.Add("-c");
                info.ArgumentList.Add(c);
                specs.Add(new Writer($"w{specs.Count + 1}", info));
            }

            try
            {
                foreach (var w in specs) w.Start();
                using var start = new Barrier(specs.Count);
                var tasks = specs.Select(w => Task.Factory.StartNew(() => w.Run(start, path, root, k), TaskCreationOptions.LongRunning)).ToArray();
                Task.WaitAll(tasks);
            }
            finally
            {
                foreach (var w in specs) w.Dispose();
            }

            var failedToStart = specs.FirstOrDefault(w => w.Implementation is null);
            if (failedToStart is not null)
                throw new CliFailure($"writer {failedToStart.Name} ({Describe(failedToStart.Info)}) did not start: {failedToStart.Errors.FirstOrDefault()}");

            var acknowledged = specs.Sum(w => w.Acknowledged);
            var result = File.Exists(path)
                ? LogVerifier.Verify(path, acknowledged)
                : throw new CliFailure($"{path}: no writer created the container");
            var errors = specs.Sum(w => w.Errors.Count);
            var clean = result.Clean && errors == 0;

            if (parse.GetValue(json))
            {
                JsonStdout.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("container", path);
                    w.WriteBoolean("clean", clean);
                    w.WriteNumber("acknowledged", acknowledged);
                    w.WriteStartArray("writers");
                    foreach (var s in specs)
                    {
                        w.WriteStartObject();
                        w.WriteString("writer", s.Name);
                        w.WriteString("implementation", s.Implementation);
                        w.WriteNumber("acknowledged", s.Acknowledged);
                        w.WriteNumber("appendsPerSecond", Math.Round(s.Rate, 1));
                        w.WriteStartArray("errors");
                        foreach (var e in s.Errors) w.WriteStringValue(e);
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    LogResultOutput.WriteFields(w, result);
                    w.WriteEndObject();
                });
            }
            else
            {
                Console.WriteLine($"{"writer",-8} {"implementation",-24} {"acknowledged",12} {"appends/s",10}");
                foreach (var s in specs)
                    Console.WriteLine($"{s.Name,-8} {s.Implementation,-24} {s.Acknowledged,12} {s.Rate.ToString("F1", CultureInfo.InvariantCulture),10}");
                foreach (var s in specs)
                foreach (var e in s.Errors.Take(5))
                    Console.WriteLine($"{s.Name}: {e}");
                LogResultOutput.WriteText(Console.Out, path, result, clean, $"{acknowledged} acknowledged, ");
            }
            if (temporary && clean) Directory.Delete(root, recursive: true);
            return clean ? ExitCodes.Valid : ExitCodes.Invalid;
        });
        return command;
    }

    /// <summary>This executable's `adapter` command: the apphost or AOT binary directly, or `dotnet exec mesh-conform.dll`.</summary>
    private static ProcessStartInfo OwnAdapter()
    {
        var self = Environment.ProcessPath ?? throw new CliFailure("cannot tell the path of this executable");
        ProcessStartInfo info;
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info = new ProcessStartInfo(self);
            info.ArgumentList.Add("exec");
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mesh-conform.dll"));
        }
        else
        {
            info = new ProcessStartInfo(self);
        }
        info.ArgumentList.Add("adapter");
        return info;
    }

    private static string Describe(ProcessStartInfo info) => string.Join(' ', [info.FileName, .. info.ArgumentList]);

    private sealed class Writer(string name, ProcessStartInfo info) : IDisposable
    {
        private Process? process;

        public string Name => name;
        public ProcessStartInfo Info => info;
        public string? Implementation { get; private set; }
        public long Acknowledged { get; private set; }
        public double Rate { get; private set; }
        public List<string> Errors { get; } = [];

        public void Start()
        {
            info.RedirectStandardInput = true;
            info.RedirectStandardOutput = true;
            info.UseShellExecute = false;
            info.StandardInputEncoding = new UTF8Encoding(false);
            info.StandardOutputEncoding = new UTF8Encoding(false);
            try
            {
                process = Process.Start(info) ?? throw new IOException("Process.Start returned null");
                process.StandardInput.NewLine = "\n";
                process.StandardInput.AutoFlush = true;
            }
            catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                Errors.Add(e.Message);
                process = null;
            }
        }

        /// <summary>hello, wait for the others, K appends, quit. Never throws: failures are recorded in Errors.</summary>
        public void Run(Barrier start, string container, string root, int appends)
        {
            try
            {
                if (process is not null)
                {
                    using var hello = Call("{\"op\":\"hello\"}");
                    var reply = hello.RootElement;
                    if (!Ok(reply)) throw new IOException("hello failed: " + Error(reply));
                    if (!reply.TryGetProperty("protocol", out var p) || !p.TryGetInt32(out var protocol) || protocol != 1)
                        throw new IOException("the adapter does not speak protocol 1");
                    Implementation = reply.TryGetProperty("implementation", out var impl) && impl.ValueKind == JsonValueKind.String ? impl.GetString() : "?";
                }
            }
            catch (Exception e)
            {
                Errors.Add(e.Message);
                Implementation = null;
            }
            start.SignalAndWait();
            if (Implementation is null) return;
            var clock = Stopwatch.StartNew();
            try
            {
                for (var i = 0; i < appends; i++)
                {
                    var payload = Encoding.UTF8.GetBytes($"{{\"writer\":\"{name}\",\"i\":{i}}}");
                    using var reply = Call(Request(w =>
                    {
                        w.WriteString("op", "append");
                        w.WriteString("container", container);
                        w.WriteString("root", root);
                        w.WriteString("uniqueId", $"{name}/{i}");
                        w.WriteString("payload", Base64Url.Encode(payload));
                    }));
                    if (Ok(reply.RootElement)) Acknowledged++;
                    else Errors.Add($"append {name}/{i}: {Error(reply.RootElement)}");
                }
            }
            catch (Exception e)
            {
                Errors.Add(e.Message);
            }
            var seconds = clock.Elapsed.TotalSeconds;
            Rate = seconds > 0 ? Acknowledged / seconds : 0;
        }

        private static string Request(Action<Utf8JsonWriter> members)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                members(w);
                w.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        private static bool Ok(JsonElement reply) =>
            reply.ValueKind == JsonValueKind.Object && reply.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True;

        private static string Error(JsonElement reply) =>
            reply.ValueKind == JsonValueKind.Object && reply.TryGetProperty("error", out var e) ? e.ToString() : reply.GetRawText();

        private JsonDocument Call(string request)
        {
            process!.StandardInput.WriteLine(request);
            var line = process.StandardOutput.ReadLineAsync();
            if (!line.Wait(ReplyTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"no reply within {ReplyTimeout.TotalSeconds} s");
            }
            return JsonDocument.Parse(line.Result ?? throw new IOException("the adapter closed its output"));
        }

        public void Dispose()
        {
            if (process is null) return;
            try
            {
                if (!process.HasExited)
                {
                    try
                    {
                        process.StandardInput.WriteLine("{\"op\":\"quit\"}");
                        process.StandardInput.Close();
                    }
                    catch (IOException)
                    {
                        // It went away already.
                    }
                    if (!process.WaitForExit(5000)) process.Kill(entireProcessTree: true);
                }
            }
            finally
            {
                process.Dispose();
            }
        }
    }
}
