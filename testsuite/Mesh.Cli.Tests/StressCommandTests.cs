using NUnit.Framework;

namespace MeshConformance.Tests.Cli;

/// <summary>`stress`: our adapter (mesh-conform adapter) and the Python reference adapter append concurrently to one container.</summary>
[Platform(Exclude = "Win")]
public class StressCommandTests
{
    [Test]
    public void TwoOfOurWritersAndThePythonAdapterLeaveACleanLog()
    {
        var adapter = Path.Combine(RepositoryPaths.Root, "tools", "adapters", "python", "mesh_adapter.py");
        // CliRunner kills the run after 60 s, so a hung writer fails the test instead of hanging it.
        var result = CliRunner.Run("stress", "--writers", "2", "--appends", "100", "--adapter", $"python3 \"{adapter}\"");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stdout + result.Stderr);
        Assert.That(result.Stdout, Does.Contain("300 acknowledged"));
        Assert.That(result.Stdout, Does.Contain("300 entries from 3 writer(s)"));
        Assert.That(result.Stdout, Does.Contain("mesh-conform-csharp"));
        Assert.That(result.Stdout, Does.Contain("python-reference"));
        Assert.That(result.Stdout, Does.Contain("CLEAN"));
    }
}
