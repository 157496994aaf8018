using System.Reflection;
using System.Text.RegularExpressions;
using MeshConformance.Catalogs;
using MeshConformance.Checks;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.Reading;
using MeshConformance.JsonB;
using MeshConformance.Layout;
using MeshConformance.Platform.Reading;
using MeshConformance.Udf;

namespace MeshConformance.Tests.Checks;

/// <summary>
/// Every diagnostic code the code base can emit, found the way a new one would be added: as a public const string of a
/// public static class whose name ends in "Codes", as another code-shaped constant, or as a literal passed straight to
/// a Finding.
/// </summary>
internal static partial class RegistryCodeCatalog
{
    /// <summary>The product assemblies that report findings.</summary>
    public static IReadOnlyList<Assembly> Assemblies { get; } =
    [
        typeof(FramingCodes).Assembly,      // Mesh.Dare
        typeof(CatalogCodes).Assembly,      // Mesh.Catalogs
        typeof(LayoutCodes).Assembly,       // Mesh.Layout
        typeof(JsonBErrorCodes).Assembly,   // Mesh.JsonB
        typeof(UdfCodes).Assembly,          // Mesh.Udf
        typeof(CheckCodes).Assembly,        // Mesh.Checks
        typeof(ProfileCodes).Assembly,      // Mesh.Platform
    ];

    /// <summary>Code constants outside a *Codes class.</summary>
    public static IReadOnlyList<(string Where, string Code)> ExtraConstants { get; } =
    [
        ($"{nameof(ContainerReader)}.{nameof(ContainerReader.HeaderTooLarge)}", ContainerReader.HeaderTooLarge),
    ];

    /// <summary>Codes every part of the code base can emit, with where each is defined.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = Collect();

    /// <summary>Public static classes named *Codes and their public string constants.</summary>
    public static IEnumerable<(Type Type, FieldInfo Field, string Code)> CodeConstants() =>
        from assembly in Assemblies
        from type in assembly.GetExportedTypes()
        where type.IsAbstract && type.IsSealed && type.Name.EndsWith("Codes", StringComparison.Ordinal)
        from field in type.GetFields(BindingFlags.Public | BindingFlags.Static)
        where field.IsLiteral && field.FieldType == typeof(string)
        select (type, field, (string)field.GetRawConstantValue()!);

    /// <summary>Codes passed as a literal straight into a Finding in src/ (e.g. VectorCheckers' "VECTOR-KIND-UNKNOWN").</summary>
    public static IEnumerable<(string File, string Code)> InlineFindingCodes() =>
        from file in SourceFiles()
        from Match match in InlineFindingPattern().Matches(File.ReadAllText(file))
        select (Path.GetRelativePath(RepositoryPaths.Root, file), match.Groups["code"].Value);

    /// <summary>Every <c>const string X = "PREFIX-…"</c> in src/ whose prefix is one our codes use.</summary>
    public static IEnumerable<(string File, string Code)> CodeShapedConstantsInSource(IReadOnlySet<string> prefixes) =>
        from file in SourceFiles()
        from Match match in ConstPattern().Matches(File.ReadAllText(file))
        let value = match.Groups["value"].Value
        where prefixes.Contains(value[..value.IndexOf('-')])
        select (Path.GetRelativePath(RepositoryPaths.Root, file), value);

    private static Dictionary<string, string> Collect()
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (type, field, code) in CodeConstants()) codes.TryAdd(code, $"{type.Name}.{field.Name}");
        foreach (var (where, code) in ExtraConstants) codes.TryAdd(code, where);
        foreach (var (file, code) in InlineFindingCodes()) codes.TryAdd(code, file);
        return codes;
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"new\s+(?:Finding|MeshFormatException)\(\s*""(?<code>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)""")]
    private static partial Regex InlineFindingPattern();

    [GeneratedRegex(@"const\s+string\s+\w+\s*=\s*""(?<value>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)""")]
    private static partial Regex ConstPattern();
}
