using System.Text;
using System.Text.Json;
using MeshConformance.Checks;
using MeshConformance.Core;

namespace MeshConformance.Reports;

/// <summary>
/// The SARIF 2.1.0 report: one run whose rules are every requirement of the registry and whose results are the
/// findings. File locations are relative to the uriBaseId <see cref="RootBaseId"/>, which
/// <c>originalUriBaseIds</c> maps to the checked root, so that the log stays valid when the profile moves.
/// </summary>
public static class SarifReportWriter
{
    /// <summary>The uriBaseId every artifact location is relative to: the checked profile root.</summary>
    public const string RootBaseId = "PROFILEROOT";

    /// <summary>The schema URI of SARIF 2.1.0 as OASIS publishes it.</summary>
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /// <summary>
    /// Where a viewer sends a person who wants to know what the tool checks. The project has no web page of its own;
    /// the platform draft is what every requirement traces back to.
    /// </summary>
    public const string InformationUri = "https://datatracker.ietf.org/doc/draft-hallambaker-mesh-platform/";

    private const string ExpectedJustification =
        "Listed as a known failure in the expectations file; it does not fail this run.";

    public static void Write(CheckReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var json = new Utf8JsonWriter(output, JsonReportWriter.WriterOptions);

        // A requirement ID may in principle appear twice in a hand-built report; the first one is the rule.
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < report.Requirements.Count; i++)
            ruleIndex.TryAdd(report.Requirements[i].Requirement.Id, i);

        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        WriteTool(json, report);
        WriteInvocation(json, report);

        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(RootBaseId);
        json.WriteString("uri", RootUri(report.Root));
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("results");
        foreach (var finding in report.Findings)
            WriteResult(json, finding, ruleIndex);
        json.WriteEndArray();

        json.WriteStartObject("properties");
        json.WriteString("dialect", report.Dialect);
        json.WriteBoolean("strict", report.Strict);
        json.WriteBoolean("conformant", report.Conformant);
        json.WriteNumber("filesChecked", report.FilesChecked);
        json.WriteNumber("bytesChecked", report.BytesChecked);
        json.WriteStartArray("expectationProblems");
        foreach (var problem in report.ExpectationProblems)
            json.WriteStringValue(problem);
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteTool(Utf8JsonWriter json, CheckReport report)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ReportNames.ToolName);
        json.WriteString("version", report.ToolVersion);
        json.WriteString("informationUri", InformationUri);
        json.WriteStartArray("rules");
        foreach (var result in report.Requirements)
            WriteRule(json, result);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, RequirementResult result)
    {
        var requirement = result.Requirement;
        json.WriteStartObject();
        json.WriteString("id", requirement.Id);
        WriteMessage(json, "shortDescription", requirement.Text);
        if (!string.IsNullOrEmpty(requirement.Quote))
            WriteMessage(json, "fullDescription", requirement.Quote);
        if (!string.IsNullOrEmpty(requirement.Hint))
            WriteMessage(json, "help", requirement.Hint);
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", DefaultLevel(requirement.Level));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("level", ReportNames.LevelName(requirement.Level));
        json.WriteString("specRef", requirement.Spec.Display);
        json.WriteString("status", ReportNames.StatusName(result.Status));
        json.WriteBoolean("automated", requirement.Automated);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter json, CheckReport report)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        // The check itself ran to the end; whether the profile conforms is what the results say.
        json.WriteBoolean("executionSuccessful", true);
        json.WriteString("startTimeUtc", ReportNames.Timestamp(report.Started));
        json.WriteString("endTimeUtc", ReportNames.Timestamp(report.Started + report.Duration));
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter json, CheckFinding finding, Dictionary<string, int> ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RequirementId);
        if (ruleIndex.TryGetValue(finding.RequirementId, out var index))
            json.WriteNumber("ruleIndex", index);
        json.WriteString("level", ResultLevel(finding.Severity));
        WriteMessage(json, "message", finding.Message);

        if (finding.File is not null)
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", RelativeUri(finding.File));
            json.WriteString("uriBaseId", RootBaseId);
            json.WriteEndObject();
            if (finding.Offset >= 0)
            {
                json.WriteStartObject("region");
                json.WriteNumber("byteOffset", finding.Offset);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (finding.Expected)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification", ExpectedJustification);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("code", finding.Code);
        if (finding.Frame is { } frame)
            json.WriteNumber("frame", frame);
        else
            json.WriteNull("frame");
        json.WriteBoolean("expected", finding.Expected);
        json.WriteBoolean("fails", finding.Fails);
        json.WriteString("level", ReportNames.LevelName(finding.Level));
        json.WriteString("specRef", finding.Spec.Display);
        if (finding.Hint is not null)
            json.WriteString("hint", finding.Hint);
        // A finding without a file may still carry an offset; SARIF has nowhere else to put it.
        if (finding.File is null && finding.Offset >= 0)
            json.WriteNumber("offset", finding.Offset);
        json.WriteEndObject();

        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>A MUST violation is an error, a SHOULD a warning, a MAY a note.</summary>
    private static string DefaultLevel(RequirementLevel level) => level switch
    {
        RequirementLevel.Must => "error",
        RequirementLevel.Should => "warning",
        RequirementLevel.May => "note",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown requirement level."),
    };

    private static string ResultLevel(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Info => "note",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    /// <summary>
    /// A root-relative path ('/'-separated) as a relative URI reference: each segment percent-encoded, so that
    /// spaces, '#', '?', '%' and non-ASCII names stay part of the path.
    /// </summary>
    public static string RelativeUri(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var segments = relativePath.Replace('\\', '/').Split('/');
        return string.Join('/', segments.Select(Uri.EscapeDataString));
    }

    /// <summary>
    /// The checked root as an absolute <c>file:</c> URI ending in '/', as SARIF requires of a base URI. Built segment
    /// by segment rather than with <see cref="Uri"/>, which would read a '#' or '?' in a directory name as a fragment
    /// or a query.
    /// </summary>
    public static string RootUri(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var full = Path.GetFullPath(root).Replace('\\', '/');
        var builder = new StringBuilder("file://");
        // A Windows path (C:/x) gets the third slash a file URI needs; a Unix path brings its own.
        if (!full.StartsWith('/'))
            builder.Append('/');
        var segments = full.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
                builder.Append('/');
            var segment = segments[i];
            // The drive letter's colon is part of a file URI (file:///C:/...), not something to escape.
            var isDrive = i == 0 && segment.Length == 2 && segment[1] == ':' && char.IsAsciiLetter(segment[0]);
            builder.Append(isDrive ? segment : Uri.EscapeDataString(segment));
        }
        if (builder[^1] != '/')
            builder.Append('/');
        return builder.ToString();
    }
}
