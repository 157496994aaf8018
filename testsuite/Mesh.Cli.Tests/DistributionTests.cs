using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using NUnit.Framework;

namespace MeshConformance.Tests.Cli;

/// <summary>
/// mesh-conform as a .NET tool package: packed from this tree once per fixture, installed into a tool path and from a
/// local tool manifest, and run as users and CI run it (--version, --help, generate-profile, check, a short stress).
/// </summary>
/// <remarks>
/// NuGet keeps a package by id and version in its global packages folder, and the CLI remembers where a local tool's
/// version lives (~/.dotnet/toolResolverCache): a reinstall of the same version could silently run an older build. So
/// each run packs a version of its own (Directory.Build.props's version with a unique prerelease label, which
/// `--version` must print back), and every install and run gets a fresh NUGET_PACKAGES and DOTNET_CLI_HOME and a
/// NuGet.Config that lists no source but the package folder (nothing comes from the network or the user's caches).
/// Everything lives in one temporary folder that the fixture deletes.
/// </remarks>
[Platform(Exclude = "Win")]
public class DistributionTests
{
    private const string PackageId = "MeshConformance.Tool";
    private const string Command = "mesh-conform";

    private TempDirectory temp = null!;
    private string version = "";
    private string packageDir = "";
    private string nugetConfig = "";

    [OneTimeSetUp]
    public void Pack()
    {
        temp = new TempDirectory("mesh-dist");
        var baseVersion = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"))
            .Descendants("Version").Single().Value;
        version = $"{baseVersion}-test.r{Guid.NewGuid():N}"[..(baseVersion.Length + 19)];
        packageDir = temp.Sub("packages");
        nugetConfig = temp.Sub("nuget.config");
        File.WriteAllText(nugetConfig, """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
              </packageSources>
            </configuration>
            """);

        // The build goes to the temporary folder too (--artifacts-path), so it never touches the tree's bin/ and obj/.
        var pack = ProcessRunner.Run("dotnet",
            ["pack", Path.Combine(RepositoryPaths.Root, "tools", "mesh-conform"), "-c", "Release", "-o", packageDir,
             "--artifacts-path", temp.Sub("build"), $"-p:Version={version}", "-nologo", "--disable-build-servers"],
            RepositoryPaths.Root, timeout: TimeSpan.FromMinutes(10));
        Assert.That(pack.ExitCode, Is.EqualTo(0), pack.Stdout + pack.Stderr);
    }

    [OneTimeTearDown]
    public void RemoveTemp() => temp?.Dispose();

    private string Package => Path.Combine(packageDir, $"{PackageId}.{version}.nupkg");

    /// <summary>The CLI's own caches and NuGet's packages folder, fresh for one install.</summary>
    private Dictionary<string, string?> IsolatedEnvironment(string name) => new()
    {
        ["NUGET_PACKAGES"] = temp.Sub(name + "-nuget-packages"),
        ["DOTNET_CLI_HOME"] = temp.Sub(name + "-cli-home"),
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    [Test]
    public void ThePackageIsAToolThatCarriesItsDependencies()
    {
        Assert.That(Directory.GetFiles(packageDir).Select(Path.GetFileName), Is.EqualTo(new[] { Path.GetFileName(Package) }));
        using var zip = ZipFile.OpenRead(Package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();

        XNamespace ns = "http://schemas.microsoft.com/packaging/2012/06/nuspec.xsd";
        var nuspec = XDocument.Load(zip.GetEntry($"{PackageId}.nuspec")!.Open()).Root!.Element(ns + "metadata")!;
        Assert.That(nuspec.Element(ns + "id")!.Value, Is.EqualTo(PackageId));
        Assert.That(nuspec.Element(ns + "version")!.Value, Is.EqualTo(version));
        Assert.That(nuspec.Element(ns + "license")!.Value, Is.EqualTo("MIT"));
        Assert.That(nuspec.Element(ns + "readme")!.Value, Is.EqualTo("README.md"));
        Assert.That(nuspec.Element(ns + "description")!.Value, Does.Contain("Mathematical Mesh"));
        Assert.That(nuspec.Descendants(ns + "packageType").Select(t => t.Attribute("name")!.Value), Is.EqualTo(new[] { "DotnetTool" }));
        Assert.That(nuspec.Element(ns + "dependencies"), Is.Null, "a tool package carries its dependencies: installing it restores nothing else");
        Assert.That(entries, Does.Contain("README.md").And.Contain("LICENSE"));

        var settings = XDocument.Load(zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
        var command = settings.Descendants("Command").Single();
        Assert.That(command.Attribute("Name")!.Value, Is.EqualTo(Command));
        Assert.That(command.Attribute("EntryPoint")!.Value, Is.EqualTo("mesh-conform.dll"));
        foreach (var dll in new[] { "mesh-conform.dll", "Mesh.Checks.dll", "Mesh.Reports.dll", "System.CommandLine.dll", "Bogus.dll", "BouncyCastle.Cryptography.dll" })
            Assert.That(entries, Does.Contain("tools/net10.0/any/" + dll));
    }

    [Test]
    public void InstalledIntoAToolPathItRunsGeneratesAndChecks()
    {
        var env = IsolatedEnvironment("tool-path");
        var toolPath = temp.Sub("tool-path");
        var install = ProcessRunner.Run("dotnet",
            ["tool", "install", "--tool-path", toolPath, "--add-source", packageDir, "--configfile", nugetConfig, "--version", version, PackageId],
            temp.Path, env);
        Assert.That(install.ExitCode, Is.EqualTo(0), install.Stdout + install.Stderr);
        var shim = Path.Combine(toolPath, Command);
        Assert.That(File.Exists(shim), shim);

        var work = Directory.CreateDirectory(temp.Sub("tool-path-work")).FullName;
        Assert.That(RunsGeneratesAndChecks(shim, [], ["--help"], work, env), Is.Empty);

        // `stress` starts this executable's own `adapter` as its writers: from a tool path that is the shim.
        var stress = ProcessRunner.Run(shim, ["stress", "--writers", "2", "--appends", "5", "--readers", "1"], work, env);
        Assert.That(stress.ExitCode, Is.EqualTo(0), stress.Stdout + stress.Stderr);
        Assert.That(stress.Stdout, Does.Contain("STRESS PASSED"));
    }

    [Test]
    public void InstalledFromALocalToolManifestItRunsGeneratesAndChecks()
    {
        var env = IsolatedEnvironment("manifest");
        var project = Directory.CreateDirectory(temp.Sub("manifest-project")).FullName;
        var manifest = ProcessRunner.Run("dotnet", ["new", "tool-manifest"], project, env);
        Assert.That(manifest.ExitCode, Is.EqualTo(0), manifest.Stdout + manifest.Stderr);
        var install = ProcessRunner.Run("dotnet",
            ["tool", "install", "--local", "--add-source", packageDir, "--configfile", nugetConfig, "--version", version, PackageId],
            project, env);
        Assert.That(install.ExitCode, Is.EqualTo(0), install.Stdout + install.Stderr);

        var manifestFile = Directory.GetFiles(project, "dotnet-tools.json", SearchOption.AllDirectories).Single();
        var tool = JsonNode.Parse(File.ReadAllText(manifestFile))!["tools"]![PackageId.ToLowerInvariant()]!;
        Assert.That(tool["version"]!.GetValue<string>(), Is.EqualTo(version));
        Assert.That(tool["commands"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(new[] { Command }));
        Assert.That(Directory.Exists(Path.Combine(env["NUGET_PACKAGES"]!, PackageId.ToLowerInvariant(), version)),
            "the local tool was unpacked into this test's own packages folder");

        // `dotnet tool run` answers --help itself, wherever it stands, unless it comes after `--`.
        Assert.That(RunsGeneratesAndChecks("dotnet", ["tool", "run", Command], ["--", "--help"], project, env), Is.Empty);
        Assert.That(RunsGeneratesAndChecks("dotnet", [Command], ["--help"], project, env, "second"), Is.Empty);

        // What a CI job does with a committed manifest: restore it into an empty packages folder, then run.
        var ci = IsolatedEnvironment("manifest-restore");
        var restore = ProcessRunner.Run("dotnet", ["tool", "restore", "--add-source", packageDir, "--configfile", nugetConfig], project, ci);
        Assert.That(restore.ExitCode, Is.EqualTo(0), restore.Stdout + restore.Stderr);
        var run = ProcessRunner.Run("dotnet", ["tool", "run", Command, "--version"], project, ci);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stdout + run.Stderr);
        Assert.That(run.Stdout.Trim(), Does.StartWith(version));
    }

    /// <summary>
    /// --version, --help, generate-profile and check (a fresh profile: CONFORMANT, exit 0; the same with a torn store:
    /// NOT CONFORMANT, exit 1) through one way of starting the tool. Returns what went wrong, or nothing.
    /// </summary>
    private IEnumerable<string> RunsGeneratesAndChecks(string file, string[] prefix, string[] help, string work,
        IReadOnlyDictionary<string, string?> env, string name = "first")
    {
        var problems = new List<string>();
        ProcessRunner.Result Run(params string[] args) => ProcessRunner.Run(file, [.. prefix, .. args], work, env);
        void Expect(bool ok, string what, ProcessRunner.Result r)
        {
            if (!ok) problems.Add($"{file} {string.Join(' ', prefix)}: {what}\nexit {r.ExitCode}\n{r.Stdout}\n{r.Stderr}");
        }

        var v = Run("--version");
        Expect(v.ExitCode == 0 && v.Stdout.Trim().StartsWith(version, StringComparison.Ordinal), $"--version prints {version}", v);
        var usage = Run(help);
        Expect(usage.ExitCode == 0 && usage.Stdout.Contains("mesh-conform [command] [options]") && usage.Stdout.Contains("generate-profile"),
            "--help lists the commands", usage);

        var profile = Path.Combine(work, name + "-profile");
        var generate = Run("generate-profile", "--out", profile, "--seed", "3", "--accounts", "1", "--devices", "1", "--entries", "3");
        Expect(generate.ExitCode == 0 && Directory.Exists(Path.Combine(profile, "Profiles")), "generate-profile writes a profile", generate);
        if (generate.ExitCode != 0) return problems;

        var check = Run("check", profile);
        Expect(check.ExitCode == 0 && check.Stdout.Contains("\nCONFORMANT: 0 failing findings"), "check of a fresh profile: exit 0, CONFORMANT", check);

        var store = Directory.GetFiles(profile, "MMM_Task.dcat", SearchOption.AllDirectories).First();
        using (var s = new FileStream(store, FileMode.Open)) s.SetLength(s.Length - 4);
        var damaged = Run("check", profile);
        Expect(damaged.ExitCode == 1 && damaged.Stdout.Contains("NOT CONFORMANT") && damaged.Stdout.Contains("BIND-B-15-TORN-TAIL"),
            "check of a torn store: exit 1, NOT CONFORMANT", damaged);
        return problems;
    }
}

/// <summary>Runs a program to its end with a bound on its time, capturing stdout and stderr.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string file, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false, WorkingDirectory = workingDirectory,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        // `dotnet test` hands its MSBuild settings to the test host; a child dotnet command must find its own.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);
        if (environment is not null)
            foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {limit.TotalSeconds:0} s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
