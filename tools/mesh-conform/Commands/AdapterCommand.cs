using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MeshConformance.Core;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using MeshConformance.Locking;
using MeshConformance.Platform.Stores;

namespace MeshConformance.Cli.Commands;

/// <summary>
/// `mesh-conform adapter`: our writer (StoreAppender under the X-1 flock) as a protocol-1 adapter
/// (docs/adapter-protocol.md): one JSON request per line on stdin, one JSON reply per line on stdout.
/// </summary>
public static class AdapterCommand
{
    public const string Implementation = "mesh-conform-csharp";

    /// <summary>The lock bindings the adapter can append under. Only flock is correct across sessions and languages; the
    /// others exist so that the stress harness can prove it catches writers that do not exclude each other.</summary>
    public enum Binding
    {
        /// <summary>bindings.md X-1: flock on &lt;root&gt;/.mesh-lock.</summary>
        Flock,

        /// <summary>Only the reference's session-scoped named mutex: writers in other sessions are not excluded.</summary>
        ReferenceMutex,

        /// <summary>No lock, and so no catching up: every append goes at this writer's own idea of the end of the file,
        /// as the reference writer does (reference-platform.md §2).</summary>
        None,
    }

    public static Command Create()
    {
        var binding = new Option<Binding>("--binding")
        {
            Description = "The lock to append under: flock (bindings.md X-1, the default), reference-mutex or none (both deliberately broken, for stress tests).",
            DefaultValueFactory = _ => Binding.Flock,
            CustomParser = result => result.Tokens.Single().Value switch
            {
                "flock" => Binding.Flock,
                "reference-mutex" => Binding.ReferenceMutex,
                "none" => Binding.None,
                var other => throw new CliFailure($"--binding: unknown binding '{other}' (flock, reference-mutex, none)"),
            },
        };
        var command = new Command("adapter", "Serve our writer as a protocol-1 adapter on stdin/stdout (docs/adapter-protocol.md).") { binding };
        command.SetAction(parse =>
        {
            using var session = new Session(parse.GetValue(binding));
            using var stdout = Console.OpenStandardOutput();
            var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
            string? line;
            while ((line = stdin.ReadLine()) is not null)
            {
                if (line.Trim().Length == 0) continue;
                var (reply, quit) = session.Handle(line);
                stdout.Write(reply);
                stdout.Write("\n"u8);
                stdout.Flush();
                if (quit) break;
            }
            return ExitCodes.Valid;
        });
        return command;
    }

    private sealed class Session(Binding binding) : IDisposable
    {
        private readonly Dictionary<string, StoreAppender> appenders = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IMeshLock> locks = new(StringComparer.Ordinal);
        private DateTime? received;

        /// <summary>Answers one request (one line of JSON, no newline); true when the adapter should exit.</summary>
        public (byte[] Reply, bool Quit) Handle(string line)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            var w = new Utf8JsonWriter(buffer);
            var quit = false;
            w.WriteStartObject();
            try
            {
                using var doc = JsonDocument.Parse(line);
                var request = doc.RootElement;
                if (request.ValueKind != JsonValueKind.Object) throw new AdapterError("the request is not a JSON object");
                switch (Text(request, "op"))
                {
                    case "hello":
                        w.WriteBoolean("ok", true);
                        w.WriteNumber("protocol", 1);
                        w.WriteString("implementation", Implementation);
                        w.WriteStartArray("capabilities");
                        w.WriteStringValue("append");
                        w.WriteStringValue("hold");
                        w.WriteStringValue("read");
                        w.WriteStringValue("reopen");
                        w.WriteStringValue("tear");
                        w.WriteEndArray();
                        w.WriteStartArray("types");
                        foreach (var type in Enum.GetNames<ContainerType>()) w.WriteStringValue(type);
                        w.WriteEndArray();
                        break;
                    case "append":
                        var appended = Append(request);
                        w.WriteBoolean("ok", true);
                        w.WriteNumber("index", appended.Index);
                        w.WriteNumber("lockWaitUs", (long)appended.LockWait.TotalMicroseconds);
                        w.WriteNumber("repairedBytes", appended.RepairedBytes);
                        break;
                    case "hold":
                        Hold(request);
                        w.WriteBoolean("ok", true);
                        break;
                    case "read":
                        var (frames, lastIndex) = Read(Text(request, "container"));
                        w.WriteBoolean("ok", true);
                        w.WriteNumber("frames", frames);
                        w.WriteNumber("lastIndex", lastIndex);
                        break;
                    case "quit":
                        w.WriteBoolean("ok", true);
                        quit = true;
                        break;
                    case var op:
                        throw new AdapterError($"unknown op '{op}'");
                }
            }
            catch (Exception e) when (e is AdapterError or JsonException or IOException or UnauthorizedAccessException
                                          or MeshFormatException or TimeoutException or ArgumentException or InvalidOperationException or LockTimeoutException)
            {
                // Drop whatever of the success reply was written: the reply is the error alone.
                quit = false;
                w.Dispose();
                buffer.Clear();
                w = new Utf8JsonWriter(buffer);
                w.WriteStartObject();
                w.WriteBoolean("ok", false);
                w.WriteString("error", e.Message);
            }
            w.WriteEndObject();
            w.Flush();
            w.Dispose();
            return (buffer.WrittenSpan.ToArray(), quit);
        }

        private (long Index, TimeSpan LockWait, long RepairedBytes) Append(JsonElement request)
        {
            var container = Path.GetFullPath(Text(request, "container"));
            var root = Text(request, "root");
            var uniqueId = Text(request, "uniqueId");
            var payloadText = Text(request, "payload").TrimEnd('=');
            if (!Base64Url.TryDecodeWrapped(payloadText, out var payload, out _)) throw new AdapterError("payload is not base64url");
            var durable = Flag(request, "durable");
            var reopen = Flag(request, "reopen");
            var type = ContainerType.Merkle;
            if (request.TryGetProperty("type", out var t) && (t.ValueKind != JsonValueKind.String || !ContainerTypes.TryParse(t.GetString(), out type)))
                throw new AdapterError("type must be one of List, Digest, Chain, Tree, Merkle");
            received = null;
            if (request.TryGetProperty("received", out var r))
            {
                if (r.ValueKind != JsonValueKind.String || !DateTime.TryParseExact(r.GetString(), "yyyy-MM-ddTHH:mm:ssZ",
                        CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
                    throw new AdapterError("received is not yyyy-MM-ddTHH:mm:ssZ");
                received = DateTime.SpecifyKind(at, DateTimeKind.Utc);
            }
            double? tearAt = null;
            if (request.TryGetProperty("tearAt", out var tear))
            {
                if (tear.ValueKind != JsonValueKind.Number || !tear.TryGetDouble(out var f) || f <= 0 || f >= 1)
                    throw new AdapterError("tearAt must be a number between 0 and 1 (exclusive)");
                tearAt = f;
            }

            var key = $"{container}\n{root}\n{durable}\n{type}";
            if (reopen && appenders.Remove(key, out var stale)) stale.Dispose();
            var fresh = !appenders.TryGetValue(key, out var appender);
            if (fresh)
            {
                // The reference's catalog for Merkle containers (what the Python adapter writes); the plain sequence shape
                // of formats.md §1.6 for the other types.
                var settings = ContainerSettings.ReferenceCatalog("application/mmm-catalog") with
                {
                    Type = type,
                    Shape = type == ContainerType.Merkle ? FrameShape.Catalog : FrameShape.Sequence,
                    Clock = () => received ?? DateTime.UtcNow,
                };
                var lockForContainer = binding switch
                {
                    Binding.Flock => Lock(root, () => FlockLockFile.ForRoot(root)),
                    Binding.ReferenceMutex => Lock(container, () => new ReferenceMutexLock(container)),
                    _ => null,
                };
                appender = StoreAppender.Open(container, settings, new AppendOptions { Lock = lockForContainer, Durable = durable });
                appenders.Add(key, appender!);
            }
            var meta = new ContentMeta { UniqueId = uniqueId, Event = "New" };
            // A fresh appender may already have cut a torn tail while catching up at open: that repair counts for this append.
            var repairedBefore = fresh ? 0 : appender!.Repairs.Sum();
            if (tearAt is { } fraction)
            {
                // The lease is deliberately never released: the process dies holding the lock, as a crashed writer does.
                appender!.AppendTorn(payload, fraction, meta);
                using var self = System.Diagnostics.Process.GetCurrentProcess();
                self.Kill(); // SIGKILL on Unix: no finalisers, no flush, no unlock — the kernel frees the flock
                throw new InvalidOperationException("still alive after SIGKILL to itself");
            }
            var index = appender!.Append(payload, meta);
            var repaired = appender.Repairs.Sum() - repairedBefore;
            if (reopen && appenders.Remove(key, out var done)) done.Dispose();
            return (index, appender.LastLockWait, repaired);
        }

        private static bool Flag(JsonElement request, string name) =>
            request.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

        private void Hold(JsonElement request)
        {
            var root = Text(request, "root");
            if (!request.TryGetProperty("ms", out var ms) || !ms.TryGetInt32(out var millis) || millis < 0)
                throw new AdapterError("ms must be a non-negative integer");
            using (Lock(root, () => FlockLockFile.ForRoot(root)).Acquire(TimeSpan.FromSeconds(30))) Thread.Sleep(millis);
        }

        private static (long Frames, long LastIndex) Read(string container)
        {
            using var source = new FileByteSource(container);
            var frames = FrameScanner.ScanForward(source).Frames.Count;
            return (frames, frames - 1);
        }

        /// <summary>One lock object per root (flock) or container (mutex) for the adapter's life.</summary>
        private IMeshLock Lock(string path, Func<IMeshLock> create)
        {
            var full = Path.GetFullPath(path);
            if (!locks.TryGetValue(full, out var held))
            {
                held = create();
                locks.Add(full, held);
            }
            return held;
        }

        private static string Text(JsonElement request, string name) =>
            request.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new AdapterError($"missing string member '{name}'");

        public void Dispose()
        {
            foreach (var appender in appenders.Values) appender.Dispose();
            foreach (var lockFile in locks.Values) lockFile.Dispose();
        }
    }

    private sealed class AdapterError(string message) : Exception(message);
}
