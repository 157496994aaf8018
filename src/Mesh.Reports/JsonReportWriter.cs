using System.Text.Encodings.Web;
using System.Text.Json;
using MeshConformance.Checks;

namespace MeshConformance.Reports;

/// <summary>
/// The JSON report, schemaVersion 1 (docs/reports.md documents every field). Written with <see cref="Utf8JsonWriter"/>
/// by hand rather than by reflection serialization so that the CLI stays AOT-compatible and the field order is fixed.
/// Every field is always present (null when it has no value) so that consumers see one shape.
/// </summary>
public static class JsonReportWriter
{
    /// <summary>Bumped only when a field changes meaning or disappears; new fields do not change it.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Options shared by the JSON and SARIF writers: indented, '\n' line ends on every OS, text kept readable.</summary>
    internal static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = true,
        NewLine = "\n",
        // The default encoder writes every non-ASCII letter and every ' < > & as \uXXXX, which makes messages such as
        // "container's" unreadable. "Unsafe" only means the output must not be pasted raw into HTML or a script;
        // these are standalone .json/.sarif files (the HTML report encodes on its own). Control characters, quotes
        // and backslashes are still escaped, so the JSON stays valid.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(CheckReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var json = new Utf8JsonWriter(output, WriterOptions);
        var summary = new ReportSummary(report);

        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteStartObject("tool");
        json.WriteString("name", ReportNames.ToolName);
        json.WriteString("version", report.ToolVersion);
        json.WriteEndObject();
        json.WriteString("root", report.Root);
        json.WriteString("dialect", report.Dialect);
        json.WriteBoolean("strict", report.Strict);
        json.WriteBoolean("conformant", report.Conformant);
        json.WriteString("started", ReportNames.Timestamp(report.Started));
        json.WriteNumber("durationMs", (long)Math.Round(report.Duration.TotalMilliseconds, MidpointRounding.AwayFromZero));
        json.WriteNumber("filesChecked", report.FilesChecked);
        json.WriteNumber("bytesChecked", report.BytesChecked);

        WriteSummary(json, summary);

        json.WriteStartArray("requirements");
        foreach (var result in report.Requirements)
            WriteRequirement(json, result);
        json.WriteEndArray();

        json.WriteStartArray("findings");
        foreach (var finding in report.Findings)
            WriteFinding(json, finding);
        json.WriteEndArray();

        json.WriteStartArray("expectationProblems");
        foreach (var problem in report.ExpectationProblems)
            json.WriteStringValue(problem);
        json.WriteEndArray();

        json.WriteEndObject();
        json.Flush();
        // A text file ends with a newline; Utf8JsonWriter does not write one.
        output.WriteByte((byte)'\n');
    }

    private static void WriteSummary(Utf8JsonWriter json, ReportSummary summary)
    {
        json.WriteStartObject("summary");

        json.WriteStartObject("requirements");
        json.WriteNumber("total", summary.Requirements);
        foreach (var status in ReportNames.StatusOrder)
            json.WriteNumber(ReportNames.StatusName(status), summary.Count(status));
        json.WriteEndObject();

        json.WriteStartObject("findings");
        json.WriteNumber("total", summary.Findings);
        foreach (var severity in ReportNames.SeverityOrder)
            json.WriteNumber(ReportNames.SeverityName(severity), summary.Count(severity));
        json.WriteNumber("failing", summary.FailingFindings);
        json.WriteNumber("expected", summary.ExpectedFindings);
        json.WriteEndObject();

        json.WriteEndObject();
    }

    private static void WriteRequirement(Utf8JsonWriter json, RequirementResult result)
    {
        var requirement = result.Requirement;
        json.WriteStartObject();
        json.WriteString("id", requirement.Id);
        json.WriteString("level", ReportNames.LevelName(requirement.Level));
        json.WriteString("status", ReportNames.StatusName(result.Status));
        json.WriteString("specRef", requirement.Spec.Display);
        json.WriteString("text", requirement.Text);
        json.WriteNumber("findings", result.FindingCount);
        json.WriteBoolean("automated", requirement.Automated);
        json.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter json, CheckFinding finding)
    {
        json.WriteStartObject();
        json.WriteString("id", finding.RequirementId);
        json.WriteString("level", ReportNames.LevelName(finding.Level));
        json.WriteString("severity", ReportNames.SeverityName(finding.Severity));
        json.WriteString("code", finding.Code);
        WriteStringOrNull(json, "file", finding.File);
        json.WriteNumber("offset", finding.Offset >= 0 ? finding.Offset : -1);
        if (finding.Frame is { } frame)
            json.WriteNumber("frame", frame);
        else
            json.WriteNull("frame");
        json.WriteString("message", finding.Message);
        json.WriteString("specRef", finding.Spec.Display);
        WriteStringOrNull(json, "hint", finding.Hint);
        json.WriteBoolean("fails", finding.Fails);
        json.WriteBoolean("expected", finding.Expected);
        json.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }
}
