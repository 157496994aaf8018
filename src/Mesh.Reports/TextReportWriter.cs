using System.Globalization;
using System.Text;
using MeshConformance.Checks;
using MeshConformance.Core;
using Spectre.Console;

namespace MeshConformance.Reports;

/// <summary>
/// The terminal report: a header, tables of requirements by status and findings by severity (Spectre.Console), the
/// failing findings one per line as <c>severity ID file@offset: message</c>, then the verdict. Colour and ANSI codes
/// only go to a terminal; a file or a pipe gets plain text at a fixed width, so it can be diffed and grepped.
/// </summary>
public static class TextReportWriter
{
    /// <summary>The width tables are laid out for when the output is not a terminal (which has its own width).</summary>
    public const int PlainWidth = 100;

    /// <summary>Writes the plain-text report (no ANSI codes) to a stream as UTF-8; the stream is left open.</summary>
    public static void Write(CheckReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        writer.NewLine = "\n";
        Write(report, writer, ansi: false);
    }

    /// <summary>
    /// Writes the report to <paramref name="output"/>. With <paramref name="ansi"/> false nothing but plain text is
    /// written (no escape codes, no colour); with it true, colours and styles are sent as ANSI codes.
    /// </summary>
    public static void Write(CheckReport report, TextWriter output, bool ansi, int width = PlainWidth)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        Render(report, console, output, ansi);
        output.Flush();
    }

    /// <summary>
    /// Writes the report to standard output: with colour when it is a terminal (Spectre's detection, which honours
    /// NO_COLOR), as plain text when it is redirected.
    /// </summary>
    public static void WriteToConsole(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Console.IsOutputRedirected)
        {
            Write(report, Console.Out, ansi: false);
            return;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        Render(report, console, Console.Out, ansi: console.Profile.Capabilities.Ansi);
    }

    private static void Render(CheckReport report, IAnsiConsole console, TextWriter output, bool ansi)
    {
        var summary = new ReportSummary(report);

        console.Write(new Text(Printable($"{ReportNames.ToolName} {report.ToolVersion}: {report.Root}"), new Style(decoration: Decoration.Bold)));
        console.WriteLine();
        console.Write(new Text(Printable(string.Create(CultureInfo.InvariantCulture,
            $"dialect {report.Dialect}, strict {(report.Strict ? "yes" : "no")}, {report.FilesChecked} files, {report.BytesChecked} bytes, started {ReportNames.Timestamp(report.Started)}, {report.Duration.TotalSeconds:0.000} s"))));
        console.WriteLine();
        console.WriteLine();

        var requirements = new Table().Title("Requirements").AddColumn("Status").AddColumn(new TableColumn("Count").RightAligned());
        foreach (var status in ReportNames.StatusOrder)
            requirements.AddRow(new Text(ReportNames.StatusLabel(status), StatusStyle(status)), Number(summary.Count(status)));
        requirements.AddRow(new Text("total", new Style(decoration: Decoration.Bold)), Number(summary.Requirements));

        var findings = new Table().Title("Findings").AddColumn("Severity").AddColumn(new TableColumn("Count").RightAligned());
        foreach (var severity in ReportNames.SeverityOrder)
            findings.AddRow(new Text(ReportNames.SeverityName(severity), SeverityStyle(severity)), Number(summary.Count(severity)));
        findings.AddRow(new Text("failing"), Number(summary.FailingFindings));
        findings.AddRow(new Text("expected"), Number(summary.ExpectedFindings));
        findings.AddRow(new Text("total", new Style(decoration: Decoration.Bold)), Number(summary.Findings));

        console.Write(new Columns(requirements, findings) { Expand = false });
        console.WriteLine();

        var failing = report.Findings.Where(ReportGroups.IsFailing).ToList();
        if (failing.Count > 0)
        {
            console.Write(new Text($"Failing findings ({failing.Count}):", new Style(decoration: Decoration.Bold)));
            console.WriteLine();
            foreach (var finding in failing)
                FindingLine(console, output, ansi, finding);
            console.WriteLine();
        }

        // Findings that do not fail the run but that a person should still see (SHOULD without --strict).
        var warnings = report.Findings
            .Where(f => !f.Fails && !f.Expected && f.Severity != Severity.Info)
            .ToList();
        if (warnings.Count > 0)
        {
            console.Write(new Text($"Warnings, not failing this run ({warnings.Count}):", new Style(decoration: Decoration.Bold)));
            console.WriteLine();
            foreach (var finding in warnings)
                FindingLine(console, output, ansi, finding);
            console.WriteLine();
        }

        if (report.ExpectationProblems.Count > 0)
        {
            console.Write(new Text($"Expectations file problems ({report.ExpectationProblems.Count}):", new Style(decoration: Decoration.Bold)));
            console.WriteLine();
            foreach (var problem in report.ExpectationProblems)
                PlainLine(console, output, ansi, "  " + Printable(problem));
            console.WriteLine();
        }

        var verdict = ReportNames.Verdict(report);
        var reason = $"{Plural(summary.FailingFindings, "failing finding")}, {summary.ExpectedFindings.ToString(CultureInfo.InvariantCulture)} expected, "
            + Plural(report.ExpectationProblems.Count, "expectation problem");
        console.Write(new Text(verdict, new Style(report.Conformant ? Color.Green : Color.Red, decoration: Decoration.Bold)));
        console.Write(new Text(": " + reason));
        console.WriteLine();
    }

    /// <summary>
    /// One finding per line, never wrapped: without ANSI the line goes straight to the writer (Spectre would wrap it
    /// at the console width, splitting a finding over lines); with ANSI the severity is coloured.
    /// </summary>
    private static void FindingLine(IAnsiConsole console, TextWriter output, bool ansi, CheckFinding finding)
    {
        if (!ansi)
        {
            output.Write(Printable(ReportNames.FindingLine(finding)));
            output.Write('\n');
            return;
        }
        var color = SeverityStyle(finding.Severity);
        console.Write(new Text(ReportNames.SeverityName(finding.Severity), color));
        console.Write(new Text(Printable(" " + finding.RequirementId + " " + ReportNames.Location(finding) + ": " + finding.Message)));
        console.WriteLine();
    }

    private static void PlainLine(IAnsiConsole console, TextWriter output, bool ansi, string line)
    {
        if (!ansi)
        {
            output.Write(line);
            output.Write('\n');
            return;
        }
        console.Write(new Text(line));
        console.WriteLine();
    }

    /// <summary>
    /// Control characters written as <c>\uXXXX</c>. Messages may quote bytes from a hostile file: a raw ESC would let it
    /// drive the terminal (and put escape codes into a redirected report), a raw newline would split a finding's line.
    /// </summary>
    internal static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
            return text;
        var printable = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c))
                printable.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else
                printable.Append(c);
        }
        return printable.ToString();
    }

    private static string Plural(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");

    private static Text Number(int value) => new(value.ToString(CultureInfo.InvariantCulture));

    private static Style StatusStyle(RequirementStatus status) => status switch
    {
        RequirementStatus.Fail => new Style(Color.Red, decoration: Decoration.Bold),
        RequirementStatus.Warn => new Style(Color.Yellow),
        RequirementStatus.ExpectedFail => new Style(Color.Fuchsia),
        RequirementStatus.Pass => new Style(Color.Green),
        _ => new Style(Color.Grey),
    };

    private static Style SeverityStyle(Severity severity) => severity switch
    {
        Severity.Error => new Style(Color.Red, decoration: Decoration.Bold),
        Severity.Warning => new Style(Color.Yellow),
        _ => new Style(Color.Grey),
    };
}
