using System.Security;
using MeshConformance.Core;

namespace MeshConformance.Layout;

/// <summary>
/// A read-only, depth-first walk of a directory tree that is safe on untrusted trees: every entry is
/// examined with lstat (<see cref="FileKinds.Of"/>), symlinks are reported with their stored target and
/// never entered, FIFOs, devices and sockets are reported and never opened (no file is opened at all),
/// errors become problem records instead of exceptions, and depth and entry count are bounded. Entries
/// are streamed in ordinal name order so the output is deterministic and memory holds one directory
/// listing per level, not the tree.
/// </summary>
public static class ProfileTreeWalker
{
    /// <summary>
    /// Walks the directory <paramref name="root"/>. Each directory is yielded before its contents. The root
    /// itself is not yielded; if it cannot be listed, a single <see cref="WalkProblem.Unreadable"/> record with
    /// an empty path is.
    /// </summary>
    public static IEnumerable<TreeEntry> Walk(string root, WalkLimits? limits = null)
    {
        limits ??= WalkLimits.Default;
        var remaining = limits.MaxEntries;
        var rootListing = List(root, remaining);
        if (rootListing.Error is not null)
        {
            yield return new TreeEntry("", "", 0, FileKind.Directory, Problem: WalkProblem.Unreadable, ProblemDetail: rootListing.Error);
            yield break;
        }
        var stack = new Stack<Frame>();
        stack.Push(new Frame("", root, 0, rootListing.Names));
        while (stack.Count > 0)
        {
            var frame = stack.Peek();
            if (frame.Next >= frame.Names.Count)
            {
                stack.Pop();
                continue;
            }
            var name = frame.Names[frame.Next++];
            var relative = frame.RelativePath.Length == 0 ? name : frame.RelativePath + "/" + name;
            var depth = frame.Depth + 1;
            if (remaining-- <= 0)
            {
                yield return new TreeEntry(relative, name, depth, FileKind.Unknown, Problem: WalkProblem.TooManyEntries,
                    ProblemDetail: $"the walk stops after {limits.MaxEntries} entries");
                yield break;
            }
            var fullPath = Path.Combine(frame.FullPath, name);
            var kind = FileKinds.Of(fullPath);
            if (kind == FileKind.Missing)
            {
                // It was just listed, so lstat failing means we may not examine it (or it vanished meanwhile).
                yield return new TreeEntry(relative, name, depth, FileKind.Unknown, Problem: WalkProblem.Unreadable,
                    ProblemDetail: "listed but cannot be examined (no search permission on its directory, or it was removed during the walk)");
                continue;
            }
            yield return new TreeEntry(relative, name, depth, kind, kind == FileKind.SymbolicLink ? ReadLink(fullPath) : null);
            if (kind != FileKind.Directory) continue;

            if (depth >= limits.MaxDepth)
            {
                if (HasAnyEntry(fullPath))
                {
                    yield return new TreeEntry(relative, name, depth, kind, Problem: WalkProblem.TooDeep,
                        ProblemDetail: $"not entered: deeper than {limits.MaxDepth} levels");
                }
                continue;
            }
            var listing = List(fullPath, remaining);
            if (listing.Error is not null)
            {
                yield return new TreeEntry(relative, name, depth, kind, Problem: WalkProblem.Unreadable, ProblemDetail: listing.Error);
                continue;
            }
            stack.Push(new Frame(relative, fullPath, depth, listing.Names));
        }
    }

    private sealed class Frame(string relativePath, string fullPath, int depth, List<string> names)
    {
        public string RelativePath { get; } = relativePath;
        public string FullPath { get; } = fullPath;
        public int Depth { get; } = depth;
        public List<string> Names { get; } = names;
        public int Next { get; set; }
    }

    private readonly record struct Listing(List<string> Names, string? Error);

    // Hidden and system entries are the ones most worth seeing, so nothing is skipped; reading stops one
    // past the remaining budget so a directory with a million entries is never held in memory.
    private static readonly EnumerationOptions ListingOptions = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    private static Listing List(string directory, int budget)
    {
        var names = new List<string>();
        try
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", ListingOptions))
            {
                names.Add(Path.GetFileName(path));
                if (names.Count > budget) break;
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or SecurityException)
        {
            return new Listing([], e.Message);
        }
        names.Sort(StringComparer.Ordinal);
        return new Listing(names, null);
    }

    private static bool HasAnyEntry(string directory)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(directory, "*", ListingOptions).Any();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or SecurityException)
        {
            return true;
        }
    }

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or SecurityException)
        {
            return null;
        }
    }
}
