using System.Runtime.CompilerServices;

namespace MeshConformance.Tests;

/// <summary>Locates files of this repository (vectors, docs) from a test, wherever its build output went.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() => FindRoot());

    public static string Root => RootPath.Value;

    public static string Vectors(params string[] parts) => Path.Combine([Root, "vectors", .. parts]);

    // Builds may put their output outside the tree (--artifacts-path), so fall back to where this source file was compiled from.
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MeshConformance.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("MeshConformance.sln not found above " + AppContext.BaseDirectory + " or " + sourceFile);
    }
}
