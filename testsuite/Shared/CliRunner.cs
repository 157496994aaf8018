using System.Diagnostics;

namespace MeshConformance.Tests;

/// <summary>
/// Runs mesh-conform as a separate process, the way users and CI do (test projects that reference tools/mesh-conform
/// have mesh-conform.dll beside their own).
/// </summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args) => Run(args, TimeSpan.FromSeconds(60));

    /// <param name="workingDirectory">Null for the test's own; the repository root where relative paths must resolve.</param>
    public static Result Run(IReadOnlyList<string> args, TimeSpan limit, string? workingDirectory = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "mesh-conform.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("mesh-conform " + string.Join(' ', args) + $" did not finish in {limit.TotalSeconds:0} s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
