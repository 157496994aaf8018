using MeshConformance.Reports;
using NUnit.Framework;
using Spectre.Console;

namespace MeshConformance.Tests.Reports;

public class CheckProgressTests
{
    [Test]
    public void Without_a_terminal_every_call_does_nothing()
    {
        using var progress = new CheckProgress(null);
        Assert.That(progress.IsLive, Is.False);
        Assert.DoesNotThrow(() =>
        {
            progress.Start(3);
            progress.Advance("Profiles/a.dare");
            progress.Advance("Profiles/b.dare");
        });
    }

    [Test]
    public void Standard_error_redirected_means_no_progress()
    {
        Assume.That(Console.IsErrorRedirected, "stderr is a terminal in this run");
        using var progress = CheckProgress.ForStandardError();
        Assert.That(progress.IsLive, Is.False);
    }

    [Test]
    public void A_live_progress_draws_and_finishes()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        var progress = new CheckProgress(console);
        Assert.That(progress.IsLive, Is.True);
        progress.Start(2);
        progress.Advance("Profiles/[odd] name.dare");
        progress.Advance("Profiles/second.dare");
        var finished = Task.Run(progress.Dispose);
        Assert.That(finished.Wait(TimeSpan.FromSeconds(10)), Is.True, "Dispose returned");
        Assert.That(output.ToString(), Does.Contain("%"));
    }

    [Test]
    public void Disposing_twice_and_advancing_after_dispose_are_harmless()
    {
        var progress = new CheckProgress(null);
        progress.Dispose();
        Assert.DoesNotThrow(progress.Dispose);
        Assert.DoesNotThrow(() => progress.Advance("x"));
    }
}
