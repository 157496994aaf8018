namespace MeshConformance.Locking;

/// <summary>
/// Path canonicalisation for lock names and lock files (bindings.md X-3): two programs must reach the same lock for
/// the same directory however they spell it. Absolute, '.' and '..' resolved, no trailing separator, and every
/// symbolic link in the path resolved, so "~/.Mesh" reached through a link names the same lock as its target.
/// Case is kept: Linux file systems are case-sensitive.
/// </summary>
public static class LockPaths
{
    public static string Canonical(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        // Resolve links from the root down, so a link anywhere in the path is followed once.
        var root = Path.GetPathRoot(full) ?? "";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                current = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target.FullName));
        }
        return current;
    }
}
