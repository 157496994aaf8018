namespace MeshConformance.Reports;

/// <summary>The report formats <c>mesh-conform check</c> can write.</summary>
public enum ReportFormat
{
    /// <summary>A summary for the terminal (tables, verdict, failing findings).</summary>
    Text,
    /// <summary>The documented, stable JSON report (docs/reports.md, schemaVersion 1).</summary>
    Json,
    /// <summary>JUnit XML, one test case per requirement, for CI test viewers.</summary>
    Junit,
    /// <summary>SARIF 2.1.0, for code-scanning viewers.</summary>
    Sarif,
    /// <summary>One self-contained HTML page for people.</summary>
    Html,
}

/// <summary>Names, parsing and default file names of <see cref="ReportFormat"/>.</summary>
public static class ReportFormats
{
    /// <summary>Every format, in the order help texts list them.</summary>
    public static IReadOnlyList<ReportFormat> All { get; } =
        [ReportFormat.Text, ReportFormat.Json, ReportFormat.Junit, ReportFormat.Sarif, ReportFormat.Html];

    /// <summary>The name a user types: <c>text</c>, <c>json</c>, <c>junit</c>, <c>sarif</c>, <c>html</c>.</summary>
    public static string Name(ReportFormat format) => format switch
    {
        ReportFormat.Text => "text",
        ReportFormat.Json => "json",
        ReportFormat.Junit => "junit",
        ReportFormat.Sarif => "sarif",
        ReportFormat.Html => "html",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
    };

    /// <summary>
    /// Parses a format name, ignoring case and surrounding blanks.
    /// </summary>
    /// <exception cref="FormatException">The name is not one of <see cref="All"/>; the message lists the valid names.</exception>
    public static ReportFormat Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryParse(name, out var format))
            return format;
        throw new FormatException(
            $"Unknown report format '{name}'. Valid formats: {string.Join(", ", All.Select(Name))}.");
    }

    /// <summary>Parses a format name like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string? name, out ReportFormat format)
    {
        var wanted = name?.Trim();
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), wanted, StringComparison.OrdinalIgnoreCase))
            {
                format = candidate;
                return true;
            }
        }
        format = default;
        return false;
    }

    /// <summary>The file extension, with its dot: <c>.txt</c>, <c>.json</c>, <c>.junit.xml</c>, <c>.sarif</c>, <c>.html</c>.</summary>
    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Text => ".txt",
        ReportFormat.Json => ".json",
        // Two-part so that the JUnit file and any other XML a pipeline keeps cannot be confused.
        ReportFormat.Junit => ".junit.xml",
        ReportFormat.Sarif => ".sarif",
        ReportFormat.Html => ".html",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
    };

    /// <summary>The default file name: <c>mesh-conform</c> followed by <see cref="Extension"/>.</summary>
    public static string FileName(ReportFormat format) => "mesh-conform" + Extension(format);

    /// <summary>The media type a server or an artifact store should label the file with.</summary>
    public static string MediaType(ReportFormat format) => format switch
    {
        ReportFormat.Text => "text/plain; charset=utf-8",
        ReportFormat.Json => "application/json",
        ReportFormat.Junit => "application/xml",
        ReportFormat.Sarif => "application/sarif+json",
        ReportFormat.Html => "text/html; charset=utf-8",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
    };
}
