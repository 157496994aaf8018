using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshConformance.Core;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Verification;
using MeshConformance.Dare.Writing;
using MeshConformance.Locking;
using MeshConformance.Platform.Stores;
using NUnit.Framework;

namespace MeshConformance.Tests.Locking;

/// <summary>
/// The Python reference adapter (tools/adapters/python/mesh_adapter.py, docs/adapter-protocol.md): its frames are
/// the bytes our writer writes, and it appends under the X-1 lock with the X-6 protocol alongside our StoreAppender.
/// </summary>
[Platform(Exclude = "Win")]
public class PythonAdapterTests
{
    private static ContainerSettings Catalog(Func<DateTime>? clock = null) => new()
    {
        Type = ContainerType.Merkle, Vocabulary = DareVocabulary.Dare12, Shape = FrameShape.Catalog,
        ContentType = "application/mmm-catalog", Clock = clock ?? (() => DateTime.UtcNow),
    };

    private static string AdapterPath()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "adapters", "python", "mesh_adapter.py");
            if (File.Exists(candidate)) return candidate;
        }
        // Built with --artifacts-path outside the repository: fall back to the source tree this file came from.
        var source = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", "tools", "adapters", "python", "mesh_adapter.py"));
        Assert.That(File.Exists(source), Is.True, "mesh_adapter.py not found");
        return source;
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;

    private sealed class Adapter : IDisposable
    {
        private readonly Process process;

        public Adapter()
        {
            var info = new ProcessStartInfo("python3")
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
            };
            info.ArgumentList.Add(AdapterPath());
            process = Process.Start(info)!;
        }

        /// <summary>Sends one request and returns the reply; a reply that takes over 30 s fails the test (never a hang).</summary>
        public JsonObject Call(object request)
        {
            process.StandardInput.WriteLine(JsonSerializer.Serialize(request));
            process.StandardInput.Flush();
            var line = Task.Run(process.StandardOutput.ReadLine);
            if (!line.Wait(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                Assert.Fail("the Python adapter did not answer within 30 s");
            }
            Assert.That(line.Result, Is.Not.Null, "the Python adapter closed its output");
            return JsonNode.Parse(line.Result!)!.AsObject();
        }

        public JsonObject Append(string container, string root, string uniqueId, byte[] payload, string? received = null) =>
            Call(received is null
                ? new { op = "append", container, root, uniqueId, payload = Base64Url.Encode(payload) }
                : new { op = "append", container, root, uniqueId, payload = Base64Url.Encode(payload), received });

        public void Dispose()
        {
            try
            {
                if (!process.HasExited)
                {
                    Call(new { op = "quit" });
                    if (!process.WaitForExit(5000)) process.Kill();
                }
            }
            finally
            {
                process.Dispose();
            }
        }
    }

    private static void AssertOk(JsonObject reply) =>
        Assert.That(reply["ok"]!.GetValue<bool>(), Is.True, reply.ToJsonString());

    [Test]
    public void HelloNamesProtocolOneAndItsCapabilities()
    {
        using var adapter = new Adapter();
        var hello = adapter.Call(new { op = "hello" });
        AssertOk(hello);
        Assert.That(hello["protocol"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(hello["implementation"]!.GetValue<string>(), Is.EqualTo("python-reference"));
        Assert.That(hello["capabilities"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(new[] { "append", "hold", "read", "reopen", "tear" }));
        var bad = adapter.Call(new { op = "no-such-op" });
        Assert.That(bad["ok"]!.GetValue<bool>(), Is.False);
        Assert.That(bad["error"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public void ItsFramesAreTheBytesOurWriterWrites()
    {
        using var temp = new TempDirectory("pyadapter");
        var path = temp.Sub("log.dcat");
        var received = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var payloads = Enumerable.Range(0, 40).Select(i => Encoding.UTF8.GetBytes(new string('x', i * 37) + $"{{\"i\":{i}}}")).ToArray();
        using (var adapter = new Adapter())
            for (var i = 0; i < payloads.Length; i++)
                AssertOk(adapter.Append(path, temp.Path, $"py/{i}", payloads[i], "2026-01-02T03:04:05Z"));
        var ours = ContainerWriter.WriteAll(Catalog(() => received), payloads, i => new ContentMeta { UniqueId = $"py/{i}", Event = "New" });
        var theirs = File.ReadAllBytes(path);
        var first = Enumerable.Range(0, Math.Min(ours.Length, theirs.Length)).FirstOrDefault(i => ours[i] != theirs[i], -1);
        Assert.That((theirs.Length, first), Is.EqualTo((ours.Length, -1)), "first differing byte");
    }

    [Test]
    public void ItKeepsAWholeLastFrameWithBrokenRecordsAndCutsOnlyATornTail()
    {
        using var temp = new TempDirectory("pyadapter");
        var path = temp.Sub("MMM_Task.dcat");
        using var adapter = new Adapter();
        for (var i = 0; i < 3; i++) AssertOk(adapter.Append(path, temp.Path, $"py/{i}", "{}"u8.ToArray()));
        // The last frame still delimits, but its header record's tag is broken: a complete append, which must stay.
        var offsets = FrameScanner.ScanForward(new MemoryByteSource(File.ReadAllBytes(path))).Frames.Select(f => f.Offset).ToList();
        var bytes = File.ReadAllBytes(path);
        var last = (int)offsets[^1];
        bytes[last + 1 + (1 << (bytes[last] & 3))] = 0x20;
        File.WriteAllBytes(path, [.. bytes, 0xF4, 0x30]); // and a torn tail after it, which must go
        var reply = adapter.Append(path, temp.Path, "py/3", "{}"u8.ToArray());
        AssertOk(reply);
        Assert.That(reply["repairedBytes"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(reply["index"]!.GetValue<long>(), Is.EqualTo(4));
        Assert.That(File.ReadAllBytes(path).AsSpan(0, bytes.Length).SequenceEqual(bytes), "every byte of the whole frames is as it was");
    }

    [Test]
    public void AloneItWritesAValidLog()
    {
        using var temp = new TempDirectory("pyadapter");
        var path = temp.Sub("MMM_Task.dcat");
        using (var adapter = new Adapter())
        {
            for (var i = 0; i < 50; i++)
            {
                var reply = adapter.Append(path, temp.Path, $"py/{i}", Encoding.UTF8.GetBytes($"{{\"i\":{i}}}"));
                AssertOk(reply);
                Assert.That(reply["index"]!.GetValue<long>(), Is.EqualTo(i + 1));
            }
            var read = adapter.Call(new { op = "read", container = path });
            AssertOk(read);
            Assert.That((read["frames"]!.GetValue<long>(), read["lastIndex"]!.GetValue<long>()), Is.EqualTo((51L, 50L)));
        }
        var report = ContainerVerifier.Verify(path);
        Assert.That(report.IsValid, Is.True, string.Join("\n", report.Findings.Take(10)));
        var log = LogVerifier.Verify(path, 50);
        Assert.That(log.Clean, Is.True, string.Join("\n", log.Findings.Take(10)));
        Assert.That(log.Entries, Is.EqualTo(50));
    }

    [Test]
    public void ItAndOurWriterAppendConcurrentlyUnderTheLock()
    {
        using var temp = new TempDirectory("pyadapter");
        var path = temp.Sub("MMM_Task.dcat");
        const int appends = 200;
        using var adapter = new Adapter();
        AssertOk(adapter.Call(new { op = "hello" }));
        using var start = new Barrier(3);
        var python = Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < appends; i++)
                AssertOk(adapter.Append(path, temp.Path, $"py/{i}", Encoding.UTF8.GetBytes($"{{\"py\":{i}}}")));
        });
        var ours = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            using var lockFile = FlockLockFile.ForRoot(temp.Path);
            start.SignalAndWait();
            using var appender = StoreAppender.Open(path, Catalog(), new AppendOptions { Lock = lockFile });
            for (var i = 0; i < appends; i++)
                appender.Append(Encoding.UTF8.GetBytes($"{{\"cs\":{i}}}"), new ContentMeta { UniqueId = $"cs{w}/{i}", Event = "New" });
        })).ToArray();
        Assert.That(Task.WaitAll([python, .. ours], TimeSpan.FromMinutes(3)), Is.True, "the writers did not finish in 3 minutes");

        var log = LogVerifier.Verify(path, 3 * appends);
        Assert.That(log.Clean, Is.True, string.Join("\n", log.Findings.Take(10)));
        Assert.That((log.Entries, log.Writers), Is.EqualTo((3L * appends, 3)));
        var report = ContainerVerifier.Verify(path);
        Assert.That(report.IsValid, Is.True, string.Join("\n", report.Findings.Take(10)));
    }
}
