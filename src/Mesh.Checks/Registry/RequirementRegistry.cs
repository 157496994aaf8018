using System.Reflection;
using System.Text.Json;

namespace MeshConformance.Checks;

/// <summary>
/// The requirements <c>mesh-conform check</c> reports against (vectors/requirements.json, schema in
/// vectors/requirements.md), and the map from each diagnostic code to the one requirement it violates.
/// Every load validates the whole file; a bad file is a <see cref="RequirementRegistryException"/>.
/// </summary>
public sealed class RequirementRegistry
{
    /// <summary>Name under which vectors/requirements.json is embedded (one copy of the data, linked by Mesh.Checks.csproj).</summary>
    public const string ResourceName = "MeshConformance.Checks.Registry.requirements.json";

    /// <summary>
    /// The requirement a finding is reported under when its code has no requirement (the checker's own bug); every
    /// registry must have it, so that such a finding is shown rather than lost.
    /// </summary>
    public const string InternalRequirementId = "CHECKER-INTERNAL";

    private static readonly Lazy<RequirementRegistry> Embedded = new(LoadEmbedded);

    private readonly Dictionary<string, Requirement> byId;
    private readonly Dictionary<string, Requirement> byCode;

    private RequirementRegistry(SeedDraft seedDraft, IReadOnlyList<Requirement> requirements)
    {
        SeedDraft = seedDraft;
        All = requirements;
        byId = requirements.ToDictionary(r => r.Id, StringComparer.Ordinal);
        byCode = new Dictionary<string, Requirement>(StringComparer.Ordinal);
        foreach (var requirement in requirements)
        {
            foreach (var code in requirement.Codes) byCode.Add(code, requirement);
        }
        Coverage = RequirementCoverage.Of(
            requirements.Count(r => r.Normative),
            requirements.Count(r => r.Normative && r.Automated));
    }

    /// <summary>The registry shipped with the checker.</summary>
    public static RequirementRegistry Default => Embedded.Value;

    /// <summary>Every requirement, in file order.</summary>
    public IReadOnlyList<Requirement> All { get; }

    /// <summary>The draft the coverage figure is about.</summary>
    public SeedDraft SeedDraft { get; }

    /// <summary>Normative statements of the seed draft and how many a check tests.</summary>
    public RequirementCoverage Coverage { get; }

    /// <summary>Every diagnostic code the registry maps.</summary>
    public IReadOnlyCollection<string> Codes => byCode.Keys;

    public Requirement? ById(string id) => byId.GetValueOrDefault(id);

    /// <summary>The requirement a finding with this code violates; null for a code the registry does not know.</summary>
    public Requirement? ForCode(string code) => byCode.GetValueOrDefault(code);

    /// <summary>Loads and validates a registry file (for a user's own registry, and for tests).</summary>
    public static RequirementRegistry Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RequirementRegistryException(path, "$", $"cannot read the registry file: {e.Message}", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Validates registry JSON; <paramref name="source"/> names it in error messages.</summary>
    public static RequirementRegistry Parse(ReadOnlyMemory<byte> json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, byte {e.BytePositionInLine + 1}" : "an unknown position";
            throw new RequirementRegistryException(source, string.IsNullOrEmpty(e.Path) ? "$" : e.Path, $"not valid JSON at {where}: {FirstSentence(e.Message)}", e);
        }
        using (document)
        {
            var reader = new RequirementFileReader(source);
            var (seedDraft, requirements) = reader.Read(document.RootElement);
            return new RequirementRegistry(seedDraft, requirements);
        }
    }

    private static RequirementRegistry LoadEmbedded()
    {
        using var stream = typeof(RequirementRegistry).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new RequirementRegistryException(ResourceName, "$", "the registry is not embedded in Mesh.Checks (see Mesh.Checks.csproj)");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray(), "vectors/requirements.json (embedded)");
    }

    // System.Text.Json's messages end with "Path: $ | LineNumber: 3 | BytePositionInLine: 5." which we already say better.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd();
    }
}
