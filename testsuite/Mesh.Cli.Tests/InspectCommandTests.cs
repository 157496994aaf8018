using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace MeshConformance.Tests.Cli;

public class InspectCommandTests
{
    private string dir = "";

    [SetUp]
    public void CreateDirectory() => dir = Directory.CreateTempSubdirectory("mesh-cli-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(dir, recursive: true);

    private string DraftSimpleList()
    {
        var hex = DraftVectors.ById("dare.json", "dare08-container-simple-list").GetProperty("expected").GetProperty("derived_full_file_hex").GetString()!;
        var path = Path.Combine(dir, "simple.dare");
        File.WriteAllBytes(path, Convert.FromHexString(hex));
        return path;
    }

    [Test]
    public void JsonReportHasTheDocumentedShape()
    {
        var result = CliRunner.Run("inspect", DraftSimpleList(), "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        var root = JsonNode.Parse(result.Stdout)!;
        Assert.That(root["schemaVersion"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(root["containerType"]!.GetValue<string>(), Is.EqualTo("List"));
        Assert.That(root["digestDialect"]!.GetValue<string>(), Is.EqualTo("none"));
        var frames = root["frames"]!.AsArray();
        Assert.That(frames.Select(f => f!["offset"]!.GetValue<long>()), Is.EqualTo(new long[] { 0, 134 }));
        Assert.That(frames.Select(f => f!["length"]!.GetValue<long>()), Is.EqualTo(new long[] { 134, 378 }));
        Assert.That(frames.Select(f => f!["index"]!.GetValue<long>()), Is.EqualTo(new long[] { 0, 1 }));
        Assert.That(frames.Select(f => f!["encrypted"]!.GetValue<bool>()), Is.All.False);
        Assert.That(frames.All(f => f!.AsObject().ContainsKey("treePosition")), Is.True);
    }

    [Test]
    public void GeneratedContainersAllInspectValidAndEncryptedOnesDecrypt()
    {
        var generate = CliRunner.Run("generate-containers", "--out", dir, "--entries", "9");
        Assert.That(generate.ExitCode, Is.EqualTo(0), generate.Stderr);
        var key = generate.Stdout.Split('\n')[0].Split(' ').Last().Trim();
        var files = Directory.GetFiles(dir, "*.dare");
        Assert.That(files, Has.Length.EqualTo(20));
        foreach (var file in files)
        {
            var result = CliRunner.Run("inspect", file, "--json", "--key", key);
            Assert.That(result.ExitCode, Is.EqualTo(0), file + result.Stdout + result.Stderr);
            var root = JsonNode.Parse(result.Stdout)!;
            Assert.That(root["frameCount"]!.GetValue<long>(), Is.EqualTo(10), file);
            var dataFrames = root["frames"]!.AsArray().Skip(1).ToList();
            if (file.Contains("encrypted"))
                Assert.That(dataFrames.Select(f => f!["decrypted"]!.GetValue<bool>()), Is.All.True, file);
            var type = root["containerType"]!.GetValue<string>();
            Assert.That(Path.GetFileName(file), Does.StartWith(type));
        }
    }

    [Test]
    public void GeneratedContainersAreByteIdenticalForTheSameSeed()
    {
        var a = Path.Combine(dir, "a");
        var b = Path.Combine(dir, "b");
        Assert.That(CliRunner.Run("generate-containers", "--out", a, "--entries", "5", "--seed", "7").ExitCode, Is.EqualTo(0));
        Assert.That(CliRunner.Run("generate-containers", "--out", b, "--entries", "5", "--seed", "7").ExitCode, Is.EqualTo(0));
        foreach (var file in Directory.GetFiles(a))
            Assert.That(File.ReadAllBytes(Path.Combine(b, Path.GetFileName(file))), Is.EqualTo(File.ReadAllBytes(file)), file);
    }

    [Test]
    public void EveryNegativeVectorExitsOneWithItsExpectedCode()
    {
        var folder = RepositoryPaths.Vectors("negative", "dare");
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")))!;
        foreach (var v in manifest["vectors"]!.AsArray())
        {
            var result = CliRunner.Run("inspect", Path.Combine(folder, v!["file"]!.GetValue<string>()), "--json");
            Assert.That(result.ExitCode, Is.EqualTo(1), v["id"] + result.Stderr);
            Assert.That(result.Stderr, Does.Not.Contain("   at "), "no stack trace");
            var codes = JsonNode.Parse(result.Stdout)!["findings"]!.AsArray().Select(f => f!["code"]!.GetValue<string>()).ToList();
            foreach (var expected in v["findings"]!.AsArray())
                Assert.That(codes, Does.Contain(expected!["code"]!.GetValue<string>()), v["id"]!.GetValue<string>());
        }
    }

    [Test]
    public void UsageAndIoErrorsExitTwoWithoutAStackTrace()
    {
        foreach (var args in new[] { new[] { "inspect" }, ["inspect", Path.Combine(dir, "missing.dare")], ["inspect", dir], ["no-such-command"], ["inspect", DraftSimpleList(), "--key", "zz"] })
        {
            var result = CliRunner.Run(args);
            Assert.That(result.ExitCode, Is.EqualTo(2), string.Join(' ', args));
            Assert.That(result.Stderr, Does.StartWith("mesh-conform:"), string.Join(' ', args));
            Assert.That(result.Stderr + result.Stdout, Does.Not.Contain("   at "), string.Join(' ', args));
        }
    }

    [Test]
    public void FifoIsRefusedInsteadOfBlocking()
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("FIFOs are a Unix concept");
        var fifo = Path.Combine(dir, "pipe.dare");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        var result = CliRunner.Run("inspect", fifo);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("not a regular file"));
    }

    [Test]
    public void RandomBytesNeverCrashTheTool()
    {
        var random = new Random(20261126);
        for (var i = 0; i < 10; i++)
        {
            var bytes = new byte[random.Next(1, 4000)];
            random.NextBytes(bytes);
            if (i % 2 == 0) bytes[0] = 0xF5; // start like a frame so the walk goes further
            var path = Path.Combine(dir, $"random{i}.dare");
            File.WriteAllBytes(path, bytes);
            var result = CliRunner.Run("inspect", path, "--json");
            Assert.That(result.ExitCode, Is.EqualTo(1), result.Stderr);
            Assert.That(() => JsonNode.Parse(result.Stdout), Throws.Nothing);
        }
    }
}
