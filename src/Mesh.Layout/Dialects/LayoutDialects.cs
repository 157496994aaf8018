using System.Reflection;

namespace MeshConformance.Layout;

/// <summary>
/// The dialects shipped with the checker (vectors/layouts/*.json, embedded so there is one copy) and
/// user-supplied dialect files. Every load validates; a bad file is a <see cref="LayoutDialectException"/>.
/// </summary>
public static class LayoutDialects
{
    /// <summary>Id of the dialect picked when a directory gives no evidence either way.</summary>
    public const string ReferenceId = "reference";
    public const string Draft06Id = "draft-06";

    private const string ResourcePrefix = "MeshConformance.Layout.Dialects.";

    private static readonly Lazy<IReadOnlyList<LayoutDialect>> Embedded = new(LoadEmbedded);

    /// <summary>Every embedded dialect, ordered by id.</summary>
    public static IReadOnlyList<LayoutDialect> All => Embedded.Value;

    public static LayoutDialect Reference => Load(ReferenceId);
    public static LayoutDialect Draft06 => Load(Draft06Id);

    public static LayoutDialect Load(string id) =>
        All.FirstOrDefault(d => d.Id == id)
        ?? throw new LayoutDialectException($"no embedded layout dialect \"{id}\" (known: {string.Join(", ", All.Select(d => d.Id))})");

    /// <summary>Loads a dialect file a user supplies (same schema as vectors/layouts/README.md).</summary>
    public static LayoutDialect LoadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new LayoutDialectException($"{path}: cannot read the dialect file: {e.Message}", e);
        }
        return LayoutDialectReader.Read(bytes, path);
    }

    /// <summary>Parses dialect JSON held in memory; <paramref name="origin"/> names it in error messages.</summary>
    public static LayoutDialect Parse(ReadOnlySpan<byte> utf8Json, string origin) => LayoutDialectReader.Read(utf8Json, origin);

    private static IReadOnlyList<LayoutDialect> LoadEmbedded()
    {
        var assembly = typeof(LayoutDialects).Assembly;
        var dialects = new List<LayoutDialect>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var fileName = resource[ResourcePrefix.Length..];
            var dialect = LayoutDialectReader.Read(ReadResource(assembly, resource), "vectors/layouts/" + fileName);
            // The id is how callers ask for a dialect; tying it to the file name keeps the two from drifting apart.
            if (dialect.Id + ".json" != fileName)
            {
                throw new LayoutDialectException($"vectors/layouts/{fileName}: $.id \"{dialect.Id}\" does not match the file name");
            }
            dialects.Add(dialect);
        }
        return dialects;
    }

    private static byte[] ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
