using MeshConformance.Core;

namespace MeshConformance.Layout;

/// <summary>
/// Says which naming dialect a Mesh platform directory follows and how it departs from it: accounts and
/// their stores, key files, unknown entries, and findings with stable LAYOUT-… codes. Read-only and safe
/// on hostile trees (see <see cref="ProfileTreeWalker"/>): no file is ever opened.
/// </summary>
public static class LayoutClassifier
{
    /// <summary>
    /// Classifies the directory <paramref name="root"/>. The dialect is <paramref name="forced"/> when given;
    /// otherwise the embedded dialect with the most expected files in place, and the reference dialect when
    /// no dialect leads (an empty directory, or a tie), which is reported.
    /// </summary>
    public static LayoutReport Classify(string root, LayoutDialect? forced = null, WalkLimits? limits = null)
    {
        limits ??= WalkLimits.Default;
        var findings = new List<Finding>();
        var rootKind = FileKinds.Of(root);
        if (rootKind != FileKind.Directory)
        {
            findings.Add(RootProblem(root, rootKind));
            return new LayoutReport(root, forced ?? LayoutDialects.Reference, forced is not null, [], null, [], [], [], findings);
        }

        var scores = LayoutDialects.All.Select(d => new DialectScore(d.Id, DialectScoring.Score(root, d, limits))).ToList();
        var scoreText = string.Join(", ", scores.Select(s => $"{s.DialectId} {s.ExpectedFilesPresent}"));
        LayoutDialect dialect;
        if (forced is not null)
        {
            dialect = forced;
            findings.Add(Fact(LayoutCodes.Dialect, $"dialect {forced.Id} as asked (expected files in place: {scoreText})"));
        }
        else
        {
            var best = scores.Max(s => s.ExpectedFilesPresent);
            var leaders = scores.Where(s => s.ExpectedFilesPresent == best).ToList();
            if (best > 0 && leaders.Count == 1)
            {
                dialect = LayoutDialects.Load(leaders[0].DialectId);
                findings.Add(Fact(LayoutCodes.Dialect, $"dialect {dialect.Id}: it has the most expected files in place ({scoreText})"));
            }
            else
            {
                dialect = LayoutDialects.Reference;
                findings.Add(Fact(LayoutCodes.DialectUndecided,
                    $"no dialect leads ({scoreText}); checking against {dialect.Id}, what the reference implementation writes"));
            }
        }

        var run = new ClassificationRun(dialect, findings);
        foreach (var entry in ProfileTreeWalker.Walk(root, limits)) run.Add(entry);
        return run.Finish(root, forced is not null, scores);
    }

    private static Finding RootProblem(string root, FileKind kind) => kind switch
    {
        FileKind.Missing => new(LayoutCodes.RootMissing, Severity.Error, -1, $"{root} does not exist (or cannot be examined)", File: "."),
        // Following it would check a directory the user did not name; the check never follows links.
        FileKind.SymbolicLink => new(LayoutCodes.Symlink, Severity.Warning, -1,
            $"{root} is a symbolic link to {new FileInfo(root).LinkTarget}; it is not followed: name the target directory itself", File: "."),
        _ => new(LayoutCodes.RootNotDirectory, Severity.Error, -1, $"{root} is a {Describe(kind)}, not a directory", File: "."),
    };

    private static Finding Fact(string code, string message) => new(code, Severity.Info, -1, message, File: ".");

    internal static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "regular file",
        FileKind.SymbolicLink => "symbolic link",
        FileKind.Fifo => "FIFO (named pipe)",
        FileKind.CharacterDevice => "character device",
        FileKind.BlockDevice => "block device",
        FileKind.Socket => "socket",
        FileKind.Directory => "directory",
        _ => "file of unknown type",
    };
}
