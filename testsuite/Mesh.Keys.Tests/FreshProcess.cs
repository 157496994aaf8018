using NUnit.Framework;
using System.Diagnostics;
using MeshConformance.Core;

namespace MeshConformance.Tests.Keys.Tests;

/// <summary>Reads keys back through a store opened in another process (the Mesh.Keys.Reader helper), so nothing cached in this one can help.</summary>
internal static class FreshProcess
{
    private static string Helper => Path.Combine(AppContext.BaseDirectory, "Mesh.Keys.Reader.dll");

    public static byte[]? Locate(string store, string keys, string root, string? bus, string udf)
    {
        var output = Run(store, keys, root, bus, "locate", udf).Trim();
        if (output == "MISSING") return null;
        Assert.That(Base64Url.TryDecode(output, out var key), Is.True, $"reader printed {output}");
        return key;
    }

    public static string[] List(string store, string keys, string root, string? bus) =>
        Run(store, keys, root, bus, "list").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Run(params string?[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Helper);
        foreach (var arg in args) start.ArgumentList.Add(arg ?? "-");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            Assert.Fail("the reader process did not finish within 60 s");
        }
        Assert.That(process.ExitCode, Is.Zero, $"reader process failed: {stderr.Result}");
        return stdout.Result;
    }
}
