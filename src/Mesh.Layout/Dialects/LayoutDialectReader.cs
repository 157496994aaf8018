using System.Text.Json;

namespace MeshConformance.Layout;

/// <summary>
/// Reads and validates a dialect file. Hand-written over JsonDocument (not reflection serialization) so
/// the product stays AOT-clean and every schema violation gets a message naming the JSON path.
/// Unknown properties are rejected: a misspelt "requirment" would otherwise silently make a store optional.
/// </summary>
internal static class LayoutDialectReader
{
    public const int SchemaVersion = 1;
    public const string AccountPlaceholder = "{account-udf}";
    public const string KeyPlaceholder = "{key-udf}";

    private static readonly string[] DialectProperties = ["schema", "id", "description", "caseSensitive", "sources", "roots", "entries"];
    private static readonly string[] EntryProperties =
        ["name", "pattern", "kind", "role", "roles", "requirement", "what", "label", "containerType", "contentType", "source", "opaque", "entries"];

    private static readonly Dictionary<string, EntryPurpose> Purposes = new(StringComparer.Ordinal)
    {
        ["host"] = EntryPurpose.Host, ["device"] = EntryPurpose.Device, ["contact"] = EntryPurpose.Contact,
        ["application"] = EntryPurpose.Application, ["credential"] = EntryPurpose.Credential, ["network"] = EntryPurpose.Network,
        ["bookmark"] = EntryPurpose.Bookmark, ["task"] = EntryPurpose.Task, ["publication"] = EntryPurpose.Publication,
        ["member"] = EntryPurpose.Member, ["access"] = EntryPurpose.Access, ["recrypt"] = EntryPurpose.Recrypt,
        ["inbound"] = EntryPurpose.Inbound, ["outbound"] = EntryPurpose.Outbound, ["local"] = EntryPurpose.Local,
        ["archive"] = EntryPurpose.Archive, ["key"] = EntryPurpose.Key, ["account"] = EntryPurpose.Account,
        ["keys"] = EntryPurpose.Keys, ["profiles"] = EntryPurpose.Profiles, ["server-catalog"] = EntryPurpose.ServerCatalog,
        ["server-config"] = EntryPurpose.ServerConfiguration, ["lock"] = EntryPurpose.Lock,
    };

    private static readonly Dictionary<string, EntryRole> Roles = new(StringComparer.Ordinal)
    {
        ["expected"] = EntryRole.Expected, ["optional"] = EntryRole.Optional, ["informational"] = EntryRole.Informational,
    };

    private static readonly Dictionary<string, AccountKind> AccountKinds = new(StringComparer.Ordinal)
    {
        ["user"] = AccountKind.User, ["group"] = AccountKind.Group,
    };

    private static readonly Dictionary<string, MeshPlatform> Platforms = new(StringComparer.Ordinal)
    {
        ["windows"] = MeshPlatform.Windows, ["linux"] = MeshPlatform.Linux, ["macos"] = MeshPlatform.MacOS,
    };

    public static LayoutDialect Read(ReadOnlySpan<byte> utf8, string origin)
    {
        // JsonDocument checks UTF-8 only when a string is read, and then throws InvalidOperationException: check it here.
        var chars = new char[utf8.Length];
        if (System.Text.Unicode.Utf8.ToUtf16(utf8, chars, out var valid, out _, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
            throw new LayoutDialectException($"{origin}: not valid UTF-8 (byte {valid + 1})");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new LayoutDialectException(
                $"{origin}: not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {FirstSentence(e.Message)}", e);
        }
        using (document)
        {
            return ReadDialect(new Context(origin), document.RootElement);
        }
    }

    private sealed record Context(string Origin)
    {
        public LayoutDialectException Error(string path, string problem) => new($"{Origin}: {path}: {problem}");
    }

    private static LayoutDialect ReadDialect(Context context, JsonElement root)
    {
        RequireObject(context, root, "$");
        RejectUnknown(context, root, "$", DialectProperties);
        var schema = Required(context, root, "$", "schema", JsonValueKind.Number);
        if (!schema.TryGetInt32(out var version) || version != SchemaVersion)
        {
            throw context.Error("$.schema", $"schema version {schema.GetRawText()} is not supported (this reader knows {SchemaVersion})");
        }
        var id = RequiredString(context, root, "$", "id");
        if (!id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
        {
            throw context.Error("$.id", $"\"{id}\" must use only a-z, 0-9 and '-'");
        }
        var entriesElement = Required(context, root, "$", "entries", JsonValueKind.Array);
        var entries = ReadEntries(context, entriesElement, "$.entries", accountBound: false);
        if (entries.Count == 0) throw context.Error("$.entries", "a dialect needs at least one entry");
        return new LayoutDialect
        {
            Id = id,
            Description = RequiredString(context, root, "$", "description"),
            CaseSensitive = Required(context, root, "$", "caseSensitive", JsonValueKind.True, JsonValueKind.False).GetBoolean(),
            Sources = ReadSources(context, Required(context, root, "$", "sources", JsonValueKind.Array)),
            Roots = ReadRoots(context, Required(context, root, "$", "roots", JsonValueKind.Object)),
            Entries = entries,
            Origin = context.Origin,
        };
    }

    private static List<DialectSource> ReadSources(Context context, JsonElement array)
    {
        var sources = new List<DialectSource>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"$.sources[{index++}]";
            RequireObject(context, item, path);
            RejectUnknown(context, item, path, ["what", "where"]);
            sources.Add(new DialectSource(RequiredString(context, item, path, "what"), RequiredString(context, item, path, "where")));
        }
        if (sources.Count == 0) throw context.Error("$.sources", "at least one source is needed: every dialect says where its names come from");
        return sources;
    }

    private static Dictionary<MeshPlatform, string> ReadRoots(Context context, JsonElement roots)
    {
        RejectUnknown(context, roots, "$.roots", [.. Platforms.Keys]);
        var result = new Dictionary<MeshPlatform, string>();
        foreach (var (name, platform) in Platforms)
        {
            result[platform] = RequiredString(context, roots, "$.roots", name);
        }
        return result;
    }

    private static List<LayoutEntry> ReadEntries(Context context, JsonElement array, string path, bool accountBound)
    {
        var entries = new List<LayoutEntry>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            entries.Add(ReadEntry(context, item, $"{path}[{index++}]", accountBound));
        }
        var duplicate = entries.GroupBy(e => e.Display, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw context.Error(path, $"\"{duplicate.Key}\" appears more than once (names are compared ignoring case here, so wrong-case findings stay unambiguous)");
        }
        return entries;
    }

    private static LayoutEntry ReadEntry(Context context, JsonElement item, string path, bool parentAccountBound)
    {
        RequireObject(context, item, path);
        RejectUnknown(context, item, path, EntryProperties);
        var name = OptionalString(context, item, path, "name");
        var pattern = OptionalString(context, item, path, "pattern");
        if ((name is null) == (pattern is null)) throw context.Error(path, "exactly one of \"name\" and \"pattern\" is needed");
        if (name is not null) CheckName(context, $"{path}.name", name);
        if (pattern is not null) CheckPattern(context, $"{path}.pattern", pattern, parentAccountBound);

        var kindText = RequiredString(context, item, path, "kind");
        var kind = kindText switch
        {
            "file" => EntryKind.File,
            "directory" => EntryKind.Directory,
            _ => throw context.Error($"{path}.kind", $"\"{kindText}\" must be \"file\" or \"directory\""),
        };
        var purposeText = RequiredString(context, item, path, "what");
        if (!Purposes.TryGetValue(purposeText, out var purpose))
        {
            throw context.Error($"{path}.what", $"\"{purposeText}\" is not one of {string.Join(", ", Purposes.Keys)}");
        }

        var accountBound = parentAccountBound || pattern?.Contains(AccountPlaceholder, StringComparison.Ordinal) == true;
        EntryRole? role = null;
        var rolesByKind = new Dictionary<AccountKind, EntryRole>();
        if (accountBound)
        {
            if (item.TryGetProperty("role", out _)) throw context.Error($"{path}.role", "an entry inside an account uses \"roles\" (per account kind), not \"role\"");
            var roles = Required(context, item, path, "roles", JsonValueKind.Object);
            foreach (var property in roles.EnumerateObject())
            {
                if (!AccountKinds.TryGetValue(property.Name, out var accountKind))
                {
                    throw context.Error($"{path}.roles", $"\"{property.Name}\" is not an account kind (user, group)");
                }
                rolesByKind[accountKind] = ParseRole(context, $"{path}.roles.{property.Name}", property.Value);
            }
            if (rolesByKind.Count == 0) throw context.Error($"{path}.roles", "names no account kind");
        }
        else
        {
            if (item.TryGetProperty("roles", out _)) throw context.Error($"{path}.roles", "\"roles\" is only for entries inside an account; use \"role\"");
            role = ParseRole(context, $"{path}.role", Required(context, item, path, "role", JsonValueKind.String));
            if (pattern is not null && role == EntryRole.Expected)
            {
                throw context.Error($"{path}.role", "a pattern outside an account cannot be expected: no one name is required");
            }
        }

        var expected = role == EntryRole.Expected || rolesByKind.ContainsValue(EntryRole.Expected);
        var requirementText = OptionalString(context, item, path, "requirement");
        Requirement? requirement = requirementText switch
        {
            null when expected => throw context.Error(path, "an expected entry needs \"requirement\": \"MUST\" or \"SHOULD\" (it decides the severity when missing)"),
            null => null,
            _ when !expected => throw context.Error($"{path}.requirement", "only an expected entry has a requirement"),
            "MUST" => Layout.Requirement.Must,
            "SHOULD" => Layout.Requirement.Should,
            _ => throw context.Error($"{path}.requirement", $"\"{requirementText}\" must be \"MUST\" or \"SHOULD\""),
        };

        var opaque = false;
        if (item.TryGetProperty("opaque", out var opaqueElement))
        {
            if (opaqueElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw context.Error($"{path}.opaque", "must be true or false");
            opaque = opaqueElement.GetBoolean();
        }
        List<LayoutEntry> children = [];
        if (item.TryGetProperty("entries", out var entriesElement))
        {
            if (kind != EntryKind.Directory) throw context.Error($"{path}.entries", "only a directory has entries");
            if (opaque) throw context.Error($"{path}.entries", "an opaque directory has no described entries");
            if (entriesElement.ValueKind != JsonValueKind.Array) throw context.Error($"{path}.entries", $"must be an array, found {entriesElement.ValueKind}");
            children = ReadEntries(context, entriesElement, $"{path}.entries", accountBound);
        }
        if (opaque && kind != EntryKind.Directory) throw context.Error($"{path}.opaque", "only a directory can be opaque");

        return new LayoutEntry
        {
            Name = name,
            Pattern = pattern,
            Kind = kind,
            Role = role,
            RolesByAccountKind = rolesByKind,
            Requirement = requirement,
            Purpose = purpose,
            Label = OptionalString(context, item, path, "label"),
            ContainerType = OptionalString(context, item, path, "containerType"),
            ContentType = OptionalString(context, item, path, "contentType"),
            Source = OptionalString(context, item, path, "source"),
            Opaque = opaque,
            IsAccountBound = accountBound,
            Entries = children,
        };
    }

    private static EntryRole ParseRole(Context context, string path, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) throw context.Error(path, $"must be a string, found {value.ValueKind}");
        var text = value.GetString()!;
        return Roles.TryGetValue(text, out var role) ? role
            : throw context.Error(path, $"\"{text}\" must be \"expected\", \"optional\" or \"informational\"");
    }

    private static void CheckName(Context context, string path, string name)
    {
        if (name.Length == 0 || name is "." or ".." || name.IndexOfAny(['/', '\\', '{', '}', '\0']) >= 0)
        {
            throw context.Error(path, $"\"{name}\" is not a single file name (no '/', '\\', braces, '.' or '..')");
        }
    }

    private static void CheckPattern(Context context, string path, string pattern, bool parentAccountBound)
    {
        var placeholders = 0;
        var rest = pattern;
        foreach (var placeholder in new[] { AccountPlaceholder, KeyPlaceholder })
        {
            var at = rest.IndexOf(placeholder, StringComparison.Ordinal);
            if (at < 0) continue;
            placeholders++;
            rest = rest.Remove(at, placeholder.Length);
        }
        if (placeholders != 1 || rest.IndexOfAny(['{', '}', '/', '\\', '\0']) >= 0)
        {
            throw context.Error(path, $"\"{pattern}\" must hold exactly one placeholder ({AccountPlaceholder} or {KeyPlaceholder}) and otherwise plain file-name characters");
        }
        if (parentAccountBound && pattern.Contains(AccountPlaceholder, StringComparison.Ordinal))
        {
            throw context.Error(path, $"{AccountPlaceholder} inside an account directory would name a second account");
        }
    }

    private static void RequireObject(Context context, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) throw context.Error(path, $"must be an object, found {element.ValueKind}");
    }

    private static void RejectUnknown(Context context, JsonElement element, string path, string[] known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw context.Error(path, $"unknown property \"{property.Name}\" (known: {string.Join(", ", known)})");
            }
        }
    }

    private static JsonElement Required(Context context, JsonElement element, string path, string property, params JsonValueKind[] kinds)
    {
        if (!element.TryGetProperty(property, out var value)) throw context.Error(path, $"\"{property}\" is missing");
        if (!kinds.Contains(value.ValueKind))
        {
            throw context.Error($"{path}.{property}", $"must be {string.Join(" or ", kinds.Select(KindName).Distinct())}, found {KindName(value.ValueKind)}");
        }
        return value;
    }

    private static string RequiredString(Context context, JsonElement element, string path, string property)
    {
        var text = Required(context, element, path, property, JsonValueKind.String).GetString()!;
        if (text.Length == 0) throw context.Error($"{path}.{property}", "must not be empty");
        return text;
    }

    private static string? OptionalString(Context context, JsonElement element, string path, string property) =>
        element.TryGetProperty(property, out _) ? RequiredString(context, element, path, property) : null;

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    // System.Text.Json appends "Path: $ | LineNumber: …" to its messages; the path and position are already in ours.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
