using MeshConformance.Checks;

namespace MeshConformance.Reports;

/// <summary>Writes a <see cref="CheckReport"/> in any <see cref="ReportFormat"/>.</summary>
public static class ReportWriter
{
    /// <summary>
    /// Writes <paramref name="report"/> to <paramref name="output"/> as UTF-8 (no byte-order mark) and flushes it;
    /// the stream is left open. Text written this way has no ANSI escape codes: a stream is a file or a pipe, never
    /// a terminal (use <see cref="TextReportWriter.WriteToConsole"/> for that). Every format depends only on the
    /// report (no clock, no host name, no dictionary order), so the same report gives the same bytes.
    /// </summary>
    public static void Write(CheckReport report, ReportFormat format, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case ReportFormat.Text:
                TextReportWriter.Write(report, output);
                break;
            case ReportFormat.Json:
                JsonReportWriter.Write(report, output);
                break;
            case ReportFormat.Junit:
                JunitReportWriter.Write(report, output);
                break;
            case ReportFormat.Sarif:
                SarifReportWriter.Write(report, output);
                break;
            case ReportFormat.Html:
                HtmlReportWriter.Write(report, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format.");
        }
        output.Flush();
    }

    /// <summary>Writes the report to <paramref name="path"/> (created or replaced).</summary>
    public static void WriteFile(CheckReport report, ReportFormat format, string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(report, format, file);
    }
}
