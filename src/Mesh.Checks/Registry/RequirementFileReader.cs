using System.Text.Json;

namespace MeshConformance.Checks;

/// <summary>
/// Turns the registry's JSON into requirements, checking the schema of vectors/requirements.md as it goes. Written
/// against JsonDocument by hand rather than with serializer attributes: the CLI is AOT-compiled, and hand-written
/// checks can name the exact JSON path and the other requirement involved in a conflict.
/// </summary>
internal sealed class RequirementFileReader(string source)
{
    public const int SchemaVersion = 1;

    private static readonly string[] RootMembers = ["schemaVersion", "seedDraft", "requirements"];
    private static readonly string[] SeedDraftMembers = ["document", "version", "file"];
    private static readonly string[] RequirementMembers = ["id", "level", "spec", "text", "codes", "automated", "hint", "quote", "normative"];
    private static readonly string[] SpecMembers = ["document", "version", "section"];

    public (SeedDraft SeedDraft, IReadOnlyList<Requirement> Requirements) Read(JsonElement root)
    {
        ExpectObject(root, "$", RootMembers);
        var version = RequiredMember(root, "$", "schemaVersion");
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var schemaVersion) || schemaVersion != SchemaVersion)
        {
            throw Error("$.schemaVersion", $"must be {SchemaVersion}, found {version.GetRawText()}");
        }

        var seedElement = RequiredMember(root, "$", "seedDraft");
        ExpectObject(seedElement, "$.seedDraft", SeedDraftMembers);
        var seedDraft = new SeedDraft(
            RequiredString(seedElement, "$.seedDraft", "document"),
            RequiredString(seedElement, "$.seedDraft", "version", allowEmpty: true),
            RequiredString(seedElement, "$.seedDraft", "file"));

        var list = RequiredMember(root, "$", "requirements");
        if (list.ValueKind != JsonValueKind.Array) throw Error("$.requirements", $"must be an array, found {Describe(list)}");

        var requirements = new List<Requirement>();
        var pathOfId = new Dictionary<string, string>(StringComparer.Ordinal);
        var ownerOfCode = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            var path = $"$.requirements[{index++}]";
            var requirement = ReadRequirement(element, path, seedDraft);
            if (pathOfId.TryGetValue(requirement.Id, out var firstPath))
            {
                throw Error($"{path}.id", $"duplicate requirement id \"{requirement.Id}\" (first at {firstPath})");
            }
            pathOfId.Add(requirement.Id, path);
            for (var c = 0; c < requirement.Codes.Count; c++)
            {
                var code = requirement.Codes[c];
                if (ownerOfCode.TryGetValue(code, out var owner))
                {
                    throw Error($"{path}.codes[{c}]", owner == requirement.Id
                        ? $"code \"{code}\" is listed twice in requirement \"{owner}\""
                        : $"code \"{code}\" is mapped by both \"{owner}\" and \"{requirement.Id}\"; a code maps to exactly one requirement");
                }
                ownerOfCode.Add(code, requirement.Id);
            }
            requirements.Add(requirement);
        }
        if (!pathOfId.ContainsKey(RequirementRegistry.InternalRequirementId))
        {
            throw Error("$.requirements", $"no requirement \"{RequirementRegistry.InternalRequirementId}\": findings with unmapped codes are reported under it");
        }
        return (seedDraft, requirements);
    }

    private Requirement ReadRequirement(JsonElement element, string path, SeedDraft seedDraft)
    {
        ExpectObject(element, path, RequirementMembers);
        var id = RequiredString(element, path, "id");
        if (!IsIdentifier(id, allowDot: true)) throw Error($"{path}.id", $"\"{id}\" is not a requirement id (upper-case letters, digits, '.' and '-', starting with a letter or digit)");

        var levelText = RequiredString(element, path, "level");
        RequirementLevel level = levelText switch
        {
            "MUST" => RequirementLevel.Must,
            "SHOULD" => RequirementLevel.Should,
            "MAY" => RequirementLevel.May,
            _ => throw Error($"{path}.level", $"unknown level \"{levelText}\" in {id} (use MUST, SHOULD or MAY; SHOULD NOT is SHOULD, MUST NOT is MUST)"),
        };

        var specElement = RequiredMember(element, path, "spec");
        var specPath = $"{path}.spec";
        ExpectObject(specElement, specPath, SpecMembers);
        var spec = new SpecReference(
            RequiredString(specElement, specPath, "document"),
            RequiredString(specElement, specPath, "version", allowEmpty: true),
            RequiredString(specElement, specPath, "section"));

        var text = RequiredString(element, path, "text");
        var codes = ReadCodes(element, path);
        var automated = RequiredBoolean(element, path, "automated");
        if (automated && codes.Count == 0) throw Error($"{path}.automated", $"{id} is automated but lists no codes");
        var hint = OptionalString(element, path, "hint");
        var quote = OptionalString(element, path, "quote");
        var normative = OptionalBoolean(element, path, "normative") ?? false;
        if (normative)
        {
            if (quote is null) throw Error($"{path}.quote", $"{id} is a normative statement of the seed draft and needs its verbatim quote");
            if (spec.Document != seedDraft.Document || spec.Version != seedDraft.Version)
            {
                throw Error($"{path}.spec", $"{id} is marked normative but cites {spec.Display}, not the seed draft {seedDraft.Document}-{seedDraft.Version}");
            }
        }
        return new Requirement(id, level, spec, text, codes, automated, hint, quote, normative);
    }

    private List<string> ReadCodes(JsonElement element, string path)
    {
        var codesElement = RequiredMember(element, path, "codes");
        if (codesElement.ValueKind != JsonValueKind.Array) throw Error($"{path}.codes", $"must be an array of strings, found {Describe(codesElement)}");
        var codes = new List<string>();
        var index = 0;
        foreach (var code in codesElement.EnumerateArray())
        {
            var codePath = $"{path}.codes[{index++}]";
            if (code.ValueKind != JsonValueKind.String) throw Error(codePath, $"must be a string, found {Describe(code)}");
            var value = code.GetString()!;
            if (!IsIdentifier(value, allowDot: false)) throw Error(codePath, $"\"{value}\" is not a diagnostic code (upper-case letters, digits and '-')");
            codes.Add(value);
        }
        return codes;
    }

    private void ExpectObject(JsonElement element, string path, string[] allowedMembers)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Error(path, $"must be an object, found {Describe(element)}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            // A misspelt optional member ("hnit") would otherwise vanish silently.
            if (!allowedMembers.Contains(member.Name)) throw Error($"{path}.{member.Name}", $"unknown member (allowed: {string.Join(", ", allowedMembers)})");
            if (!seen.Add(member.Name)) throw Error($"{path}.{member.Name}", "member appears twice");
        }
    }

    private JsonElement RequiredMember(JsonElement element, string path, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw Error($"{path}.{name}", "required member is missing");

    private string RequiredString(JsonElement element, string path, string name, bool allowEmpty = false)
    {
        var value = RequiredMember(element, path, name);
        if (value.ValueKind != JsonValueKind.String) throw Error($"{path}.{name}", $"must be a string, found {Describe(value)}");
        var text = value.GetString()!;
        if (!allowEmpty && text.Trim().Length == 0) throw Error($"{path}.{name}", "must not be empty");
        return text;
    }

    private string? OptionalString(JsonElement element, string path, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw Error($"{path}.{name}", $"must be a string, found {Describe(value)}");
        var text = value.GetString()!;
        return text.Trim().Length == 0 ? throw Error($"{path}.{name}", "must not be empty (leave the member out instead)") : text;
    }

    private bool RequiredBoolean(JsonElement element, string path, string name) =>
        OptionalBoolean(element, path, name) ?? throw Error($"{path}.{name}", "required member is missing");

    private bool? OptionalBoolean(JsonElement element, string path, string name)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"{path}.{name}", $"must be true or false, found {Describe(value)}"),
        };
    }

    /// <summary>Requirement ids and codes: <c>^[A-Z0-9][A-Z0-9.-]*$</c> (codes without the dot).</summary>
    internal static bool IsIdentifier(string value, bool allowDot)
    {
        if (value.Length == 0 || !IsUpperOrDigit(value[0])) return false;
        foreach (var c in value)
        {
            if (!(IsUpperOrDigit(c) || c == '-' || (allowDot && c == '.'))) return false;
        }
        return true;
    }

    private static bool IsUpperOrDigit(char c) => c is >= 'A' and <= 'Z' or >= '0' and <= '9';

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {element.GetRawText()}",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };

    private RequirementRegistryException Error(string path, string problem) => new(source, path, problem);
}
