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

    public static Command Create()
    {
        var command = new Command("adapter", "Serve our writer as a protocol-1 adapter on stdin/stdout (docs/adapter-protocol.md).");
        command.SetAction(_ =>
        {
            using var session = new Session();
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

    private sealed class Session : IDisposable
    {
        private readonly Dictionary<string, StoreAppender> appenders = new(StringComparer.Ordinal);
        private readonly Dictionary<string, FlockLockFile> locks = new(StringComparer.Ordinal);
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
                        w.WriteEndArray();
                        break;
                    case "append":
                        var index = Append(request);
                        w.WriteBoolean("ok", true);
                        w.WriteNumber("index", index);
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
                                          or MeshFormatException or TimeoutException or ArgumentException or InvalidOperationException)
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

        private long Append(JsonElement request)
        {
            var container = Path.GetFullPath(Text(request, "container"));
            var root = Text(request, "root");
            var uniqueId = Text(request, "uniqueId");
            var payloadText = Text(request, "payload").TrimEnd('=');
            if (!Base64Url.TryDecodeWrapped(payloadText, out var payload, out _)) throw new AdapterError("payload is not base64url");
            var durable = request.TryGetProperty("durable", out var d) && d.ValueKind == JsonValueKind.True;
            received = null;
            if (request.TryGetProperty("received", out var r))
            {
                if (r.ValueKind != JsonValueKind.String || !DateTime.TryParseExact(r.GetString(), "yyyy-MM-ddTHH:mm:ssZ",
                        CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
                    throw new AdapterError("received is not yyyy-MM-ddTHH:mm:ssZ");
                received = DateTime.SpecifyKind(at, DateTimeKind.Utc);
            }
            var key = $"{container}\n{root}\n{durable}";
            if (!appenders.TryGetValue(key, out var appender))
            {
                var settings = new ContainerSettings
                {
                    Type = ContainerType.Merkle, Vocabulary = DareVocabulary.Dare12, Shape = FrameShape.Catalog,
                    ContentType = "application/mmm-catalog", Clock = () => received ?? DateTime.UtcNow,
                };
                appender = StoreAppender.Open(container, settings, new AppendOptions { Lock = Lock(root), Durable = durable });
                appenders.Add(key, appender);
            }
            return appender.Append(payload, new ContentMeta { UniqueId = uniqueId, Event = "New" });
        }

        private void Hold(JsonElement request)
        {
            var root = Text(request, "root");
            if (!request.TryGetProperty("ms", out var ms) || !ms.TryGetInt32(out var millis) || millis < 0)
                throw new AdapterError("ms must be a non-negative integer");
            using (Lock(root).Acquire(TimeSpan.FromSeconds(30))) Thread.Sleep(millis);
        }

        private static (long Frames, long LastIndex) Read(string container)
        {
            using var source = new FileByteSource(container);
            var frames = FrameScanner.ScanForward(source).Frames.Count;
            return (frames, frames - 1);
        }

        private FlockLockFile Lock(string root)
        {
            var full = Path.GetFullPath(root);
            if (!locks.TryGetValue(full, out var lockFile))
            {
                lockFile = FlockLockFile.ForRoot(full);
                locks.Add(full, lockFile);
            }
            return lockFile;
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
