namespace MeshConformance.Tests;

/// <summary>Locates files of this repository (vectors, docs) from a test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Vectors(params string[] parts) => Path.Combine([Root, "vectors", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MeshConformance.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("MeshConformance.sln not found above " + AppContext.BaseDirectory);
    }
}
