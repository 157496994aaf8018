using MeshConformance.Core;

namespace MeshConformance.Layout;

/// <summary>
/// Evidence for which dialect a directory is written in: the number of regular files sitting exactly where
/// a dialect expects one (host.dare, catalogs, spools). Directories do not count because both dialects share
/// the Keys directory and an account directory fits either; optional files do not count because they say
/// little. Only as deep as the dialects' trees reach, so scoring costs a few directory listings.
/// </summary>
internal static class DialectScoring
{
    public static int Score(string root, LayoutDialect dialect, WalkLimits limits)
    {
        var depth = Math.Min(limits.MaxDepth, Depth(dialect.Entries));
        var described = new Dictionary<string, IReadOnlyList<LayoutEntry>>(StringComparer.Ordinal) { [""] = dialect.Entries };
        var score = 0;
        foreach (var entry in ProfileTreeWalker.Walk(root, limits with { MaxDepth = depth }))
        {
            if (entry.IsProblem || entry.Kind is not (FileKind.Regular or FileKind.Directory)) continue;
            if (!described.TryGetValue(ParentOf(entry.RelativePath), out var children)) continue;
            var kind = entry.Kind == FileKind.Directory ? EntryKind.Directory : EntryKind.File;
            var match = children.Select(c => NameMatching.Match(c, entry.Name, dialect.CaseSensitive))
                .FirstOrDefault(m => m.Fit == NameFit.Exact && m.Entry.Kind == kind);
            if (match.Entry is null) continue;
            if (kind == EntryKind.Directory) described[entry.RelativePath] = match.Entry.Entries;
            else if (match.Entry.IsExpectedSomewhere) score++;
        }
        return score;
    }

    public static string ParentOf(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        return slash < 0 ? "" : relativePath[..slash];
    }

    private static int Depth(IReadOnlyList<LayoutEntry> entries) => entries.Count == 0 ? 0 : 1 + entries.Max(e => Depth(e.Entries));
}
