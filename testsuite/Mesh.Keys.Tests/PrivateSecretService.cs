using NUnit.Framework;
using System.Diagnostics;

namespace MeshConformance.Tests.Keys.Tests;

/// <summary>
/// A D-Bus bus of our own and, optionally, a GNOME Keyring on it, unlocked with a throwaway password read on stdin, in a
/// throwaway home (bindings.md K-8). The bus has no service directories, so nothing is ever started on it behind our
/// back; both processes are ours, started and killed by their ids. Missing programs make the tests inconclusive (Assert.Ignore) with the reason.
/// </summary>
internal sealed class PrivateSecretService : IDisposable
{
    private readonly TempDirectory home = new("meshkeys-bus");
    private readonly List<Process> processes = [];

    private PrivateSecretService() { }

    public string Address { get; private set; } = "";

    public string Home => home.Path;

    public static PrivateSecretService Start(bool withKeyring)
    {
        foreach (var program in withKeyring ? new[] { "dbus-daemon", "gnome-keyring-daemon" } : ["dbus-daemon"])
            if (Which(program) is null)
                Assert.Ignore($"{program} is not installed, so no private Secret Service can be started (.ci/run installs dbus and gnome-keyring)");
        var service = new PrivateSecretService();
        try
        {
            service.StartBus();
            if (withKeyring) service.StartKeyring();
            return service;
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    private void StartBus()
    {
        var config = home.Sub("bus.conf");
        File.WriteAllText(config, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:dir={home.Path}</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            </busconfig>
            """);
        var bus = Launch("dbus-daemon", ["--config-file=" + config, "--nofork", "--print-address=1"], stdin: null);
        var line = bus.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(10)) || string.IsNullOrWhiteSpace(line.Result))
            throw new InvalidOperationException($"dbus-daemon printed no address: {bus.StandardError.ReadToEnd()}");
        Address = line.Result.Trim();
    }

    private void StartKeyring()
    {
        var keyring = Launch("gnome-keyring-daemon", ["--foreground", "--unlock", "--components=secrets"], stdin: "throwaway-test-password");
        // The keyring is ready once it owns org.freedesktop.secrets on the bus.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!OwnsSecrets())
        {
            if (keyring.HasExited) throw new InvalidOperationException($"gnome-keyring-daemon exited ({keyring.ExitCode}): {keyring.StandardError.ReadToEnd()}");
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException("gnome-keyring-daemon did not take org.freedesktop.secrets within 15 s");
            Thread.Sleep(100);
        }
    }

    private bool OwnsSecrets()
    {
        using var connection = new Tmds.DBus.Protocol.DBusConnection(Address);
        connection.ConnectAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        return connection.ListServicesAsync().Result.Contains("org.freedesktop.secrets");
    }

    /// <summary>Runs a program with this bus and this throwaway home in its environment.</summary>
    public Process Launch(string program, IEnumerable<string> arguments, string? stdin)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["HOME"] = home.Path;
        start.Environment["XDG_DATA_HOME"] = home.Sub("data");
        start.Environment["XDG_CONFIG_HOME"] = home.Sub("config");
        var runtime = home.Sub("run");
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(runtime);
        else Directory.CreateDirectory(runtime, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        start.Environment["XDG_RUNTIME_DIR"] = runtime;
        if (Address != "") start.Environment["DBUS_SESSION_BUS_ADDRESS"] = Address;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        processes.Add(process);
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        return process;
    }

    /// <summary>Runs a short command (secret-tool, dbus-send) on this bus and returns its exit code and standard output.</summary>
    public (int ExitCode, string Output) Command(string program, params string[] arguments)
    {
        var process = Launch(program, arguments, stdin: null);
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20))) Assert.Fail($"{program} did not finish within 20 s");
        processes.Remove(process);
        return (process.ExitCode, output.Result);
    }

    public static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    public void Dispose()
    {
        // Newest first: the keyring before the bus it is on.
        foreach (var process in Enumerable.Reverse(processes))
        {
            try
            {
                if (!process.HasExited) process.Kill();
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            process.Dispose();
        }
        home.Dispose();
    }
}
