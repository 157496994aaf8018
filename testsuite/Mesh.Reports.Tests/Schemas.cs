using System.Text.Json;
using System.Xml;
using System.Xml.Schema;
using Json.Schema;

namespace MeshConformance.Tests.Reports;

/// <summary>The vendored schemas (schemas/README.md says where they came from) and validation against them.</summary>
internal static class Schemas
{
    private static readonly Lazy<JsonSchema> Sarif = new(() =>
        JsonSchema.FromText(RepairRegionAnyOf(File.ReadAllText(PathOf("sarif-schema-2.1.0.json")))));

    private static readonly Lazy<XmlSchemaSet> Junit = new(() =>
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(PathOf("junit-10.xsd"));
        set.Add(null, reader);
        set.Compile();
        return set;
    });

    /// <summary>
    /// The upstream schema has one known slip: the <c>anyOf</c> that makes a region name at least one of
    /// <c>startLine</c>, <c>charOffset</c> or <c>byteOffset</c> (SARIF 2.1.0 §3.30.2) sits inside <c>region.properties</c>,
    /// where it declares a property called "anyOf" whose value is not a schema. JsonSchema.Net refuses such a schema,
    /// so the vendored file is left as upstream has it and the keyword is moved, in memory, to where the spec puts it.
    /// That makes the check stricter, not looser.
    /// </summary>
    internal static string RepairRegionAnyOf(string schemaText)
    {
        var schema = System.Text.Json.Nodes.JsonNode.Parse(schemaText)!.AsObject();
        var region = schema["definitions"]!["region"]!.AsObject();
        var properties = region["properties"]!.AsObject();
        if (properties["anyOf"] is System.Text.Json.Nodes.JsonArray misplaced)
        {
            properties.Remove("anyOf");
            region["anyOf"] = misplaced;
        }
        return schema.ToJsonString();
    }

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "schemas", file);

    /// <summary>Schema errors of a SARIF log, as "instance location: message" lines; empty when it is valid.</summary>
    public static IReadOnlyList<string> SarifErrors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Sarif.Value.Evaluate(document.RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            // Formats (uri, uri-reference, date-time) are only annotations in draft 2020-12 unless asked for.
            RequireFormatValidation = true,
        });
        if (result.IsValid)
            return [];
        var errors = new List<string>();
        foreach (var detail in (result.Details ?? []).Prepend(result))
        {
            if (detail.Errors is null)
                continue;
            foreach (var (keyword, message) in detail.Errors)
                errors.Add($"{detail.InstanceLocation} ({keyword}): {message}");
        }
        return errors.Count > 0 ? errors : ["invalid, with no error detail"];
    }

    /// <summary>Schema errors and warnings of a JUnit document against junit-10.xsd; empty when it is valid.</summary>
    public static IReadOnlyList<string> JunitErrors(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Junit.Value,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
        };
        settings.ValidationEventHandler += (_, e) =>
            errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }
        return errors;
    }
}
