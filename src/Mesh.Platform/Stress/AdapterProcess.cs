using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace MeshConformance.Platform.Stress;

/// <summary>How to start one implementation's adapter (docs/adapter-protocol.md): a program and its arguments.</summary>
public sealed record AdapterCommandLine(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>A shell command line, run as <c>/bin/sh -c "exec …"</c> so that the adapter itself, not a shell, is the
    /// process the harness talks to and kills.</summary>
    public static AdapterCommandLine Shell(string commandLine) => new("/bin/sh", ["-c", "exec " + commandLine]);

    public override string ToString() => string.Join(' ', [FileName, .. Arguments]);
}

/// <summary>
/// One running adapter: requests as JSON lines on its stdin, replies read from its stdout with a timeout. It can be
/// killed with SIGKILL at any moment; a reply that does not come is an <see cref="AdapterFailure"/>.
/// </summary>
public sealed class AdapterProcess : IDisposable
{
    private readonly Process process;
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    // Replies are a few hundred bytes; a line this long is a broken (or hostile) adapter, and reading stops there.
    private const int MaxReplyChars = 1 << 20;

    private AdapterProcess(Process process) => this.process = process;

    public string Implementation { get; private set; } = "?";

    public IReadOnlySet<string> Capabilities { get; private set; } = new HashSet<string>();

    /// <summary>The container types it appends; Merkle when the adapter does not say.</summary>
    public IReadOnlySet<string> Types { get; private set; } = new HashSet<string> { "Merkle" };

    public bool HasExited => process.HasExited;

    /// <summary>Starts the adapter (in a session of its own with setsid(1) when asked) and checks its hello.</summary>
    public static AdapterProcess Start(AdapterCommandLine command, bool separateSession)
    {
        var info = separateSession ? new ProcessStartInfo("setsid") : new ProcessStartInfo(command.FileName);
        if (separateSession) info.ArgumentList.Add(command.FileName);
        foreach (var a in command.Arguments) info.ArgumentList.Add(a);
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.UseShellExecute = false;
        info.StandardInputEncoding = new UTF8Encoding(false);
        info.StandardOutputEncoding = new UTF8Encoding(false);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new AdapterFailure($"{command}: did not start");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            throw new AdapterFailure($"{command}: did not start: {e.Message}");
        }
        process.StandardInput.NewLine = "\n";
        process.StandardInput.AutoFlush = true;
        var adapter = new AdapterProcess(process);
        try
        {
            var hello = AdapterReplies.ReadHello(adapter.Call(new JsonObject { ["op"] = "hello" }));
            adapter.Implementation = hello.Implementation;
            adapter.Capabilities = hello.Capabilities;
            adapter.Types = hello.Types ?? adapter.Types;
            return adapter;
        }
        catch (AdapterFailure e)
        {
            adapter.Kill();
            adapter.Dispose();
            throw new AdapterFailure($"{command}: {e.Message}");
        }
    }

    /// <summary>Sends one request without waiting for its reply (the harness may kill the adapter meanwhile).</summary>
    public void Send(JsonObject request)
    {
        try
        {
            process.StandardInput.WriteLine(request.ToJsonString());
        }
        catch (IOException e)
        {
            throw new AdapterFailure($"the adapter's input is closed: {e.Message}");
        }
    }

    /// <summary>The next reply; <see cref="AdapterFailure"/> when it does not come (the adapter died or hangs).</summary>
    public JsonObject Receive()
    {
        var output = process.StandardOutput;
        var line = Task.Run(() => ReadBoundedLine(output));
        try
        {
            if (!line.Wait(ReplyTimeout))
            {
                Kill();
                process.WaitForExit(5000);
                throw new AdapterFailure($"no reply within {ReplyTimeout.TotalSeconds} s");
            }
        }
        catch (AggregateException e)
        {
            Kill(); // its output can no longer be followed line by line
            throw new AdapterFailure($"the adapter's output failed: {e.InnerException?.Message ?? e.Message}");
        }
        var text = line.Result ?? throw new AdapterFailure("the adapter closed its output" + (process.HasExited ? $" (exit {process.ExitCode})" : ""));

        return AdapterReplies.ParseLine(text);
    }

    /// <summary>The next line, or null at the end of the output; never more than <see cref="MaxReplyChars"/> characters held.</summary>
    private static string? ReadBoundedLine(StreamReader output)
    {
        var line = new System.Text.StringBuilder();
        while (true)
        {
            var c = output.Read();
            if (c < 0) return line.Length == 0 ? null : line.ToString();
            if (c == '\n') return line.ToString().TrimEnd('\r');
            if (line.Length == MaxReplyChars) throw new AdapterFailure($"a reply line over {MaxReplyChars} characters: far longer than any protocol reply");
            line.Append((char)c);
        }
    }

    /// <summary>A request and its reply; a reply with ok false is an <see cref="AdapterFailure"/>.</summary>
    public JsonObject Call(JsonObject request)
    {
        Send(request);
        return AdapterReplies.RequireOk(Receive());
    }

    /// <summary>SIGKILL, no goodbye: what a crash looks like to the container and the lock.</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
    }

    /// <summary>
    /// SIGKILL to the adapter process itself, sent at once: for crash tests that aim at a moment of an append.
    /// <see cref="Kill"/> also kills the adapter's children, and to find them .NET first looks at every process of the
    /// system before it signals anything — measured 60 to 180 ms on a loaded machine, long after the append it was aimed
    /// at has finished. An adapter started as <c>/bin/sh -c "exec …"</c> (<see cref="AdapterCommandLine.Shell"/>) or
    /// directly has no children; call <see cref="Kill"/> afterwards for any it might have.
    /// </summary>
    public void KillAtOnce()
    {
        try
        {
            process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
    }

    public bool WaitForExit(TimeSpan timeout) => process.WaitForExit(timeout);

    public void Dispose()
    {
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
                if (!process.WaitForExit(5000)) Kill();
            }
        }
        finally
        {
            process.Dispose();
        }
    }
}

/// <summary>An adapter did not start, did not answer, or answered with an error.</summary>
public sealed class AdapterFailure(string message) : Exception(message);
