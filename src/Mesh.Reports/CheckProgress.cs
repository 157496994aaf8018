using Spectre.Console;

namespace MeshConformance.Reports;

/// <summary>
/// A progress bar for long checks, on standard error so that it never mixes with a report on standard output.
/// It shows only when standard error is a terminal; otherwise (CI logs, redirected runs) every call does nothing, so
/// callers need not ask. Spectre's <see cref="Progress"/> runs a callback until it returns; this class runs it on a
/// background task and feeds it from <see cref="Advance"/>, so that the checker can keep its plain loop.
/// </summary>
public sealed class CheckProgress : IDisposable
{
    private readonly IAnsiConsole? _console;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ProgressTask? _task;
    private Task? _runner;
    private bool _disposed;

    /// <summary>Progress drawn on <paramref name="console"/>; a null console makes every call a no-op.</summary>
    public CheckProgress(IAnsiConsole? console)
    {
        _console = console;
    }

    /// <summary>Progress on standard error when it is an interactive terminal, a no-op otherwise.</summary>
    public static CheckProgress ForStandardError()
    {
        if (Console.IsErrorRedirected)
            return new CheckProgress(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Error),
        });
        return new CheckProgress(console.Profile.Capabilities.Interactive ? console : null);
    }

    /// <summary>Whether anything is drawn (false for the no-op).</summary>
    public bool IsLive => _console is not null;

    /// <summary>Shows the bar for <paramref name="total"/> files. Call once.</summary>
    public void Start(int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_console is null || _runner is not null)
            return;
        var started = new TaskCompletionSource<ProgressTask>(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = _console.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn());
        _runner = progress.StartAsync(async context =>
        {
            started.SetResult(context.AddTask("Checking", maxValue: Math.Max(total, 1)));
            await _finished.Task.ConfigureAwait(false);
        });
        // Wait until the task exists; if Spectre failed before that, surface its exception here.
        Task.WaitAny(started.Task, _runner);
        if (!started.Task.IsCompleted)
            _runner.GetAwaiter().GetResult();
        _task = started.Task.Result;
    }

    /// <summary>Counts one file as done and shows its name. Does nothing before <see cref="Start"/> or when not live.</summary>
    public void Advance(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var task = _task;
        if (task is null || _disposed)
            return;
        task.Description = Markup.Escape(Shorten(file, 48));
        task.Increment(1);
    }

    /// <summary>Removes the bar (Spectre's auto-clear) and waits for the drawing task to end.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (_task is not null)
            _task.Value = _task.MaxValue;
        _finished.TrySetResult();
        _runner?.GetAwaiter().GetResult();
    }

    /// <summary>Keeps the end of a long path, which names the file, rather than its common beginning.</summary>
    private static string Shorten(string file, int max) =>
        file.Length <= max ? file : "…" + file[^(max - 1)..];
}
