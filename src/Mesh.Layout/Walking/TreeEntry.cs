using MeshConformance.Core;

namespace MeshConformance.Layout;

/// <summary>Why the walk could not look at something.</summary>
public enum WalkProblem
{
    None,
    /// <summary>A directory could not be listed, or an entry could not be examined (permissions, I/O error).</summary>
    Unreadable,
    /// <summary>A directory deeper than <see cref="WalkLimits.MaxDepth"/> was not entered.</summary>
    TooDeep,
    /// <summary>The walk stopped after <see cref="WalkLimits.MaxEntries"/> entries; nothing after this was seen.</summary>
    TooManyEntries,
}

/// <summary>
/// Bounds on a walk, so a hostile or accidental tree (a huge spool directory, a deep nest) cannot make
/// the checker run out of memory or time. The default entry limit is ten times a 10,000-file profile.
/// </summary>
public sealed record WalkLimits(int MaxDepth = 32, int MaxEntries = 100_000)
{
    public static WalkLimits Default { get; } = new();
}

/// <summary>
/// One entry seen by <see cref="ProfileTreeWalker"/>, or one problem the walk met (then <see cref="Problem"/> is set
/// and <see cref="RelativePath"/> names where). Paths are relative to the walked root and use '/' on every platform.
/// </summary>
/// <param name="RelativePath">Root-relative path with '/' separators.</param>
/// <param name="Name">The last path segment.</param>
/// <param name="Depth">1 for the root's children.</param>
/// <param name="Kind">What lstat says the entry is (never what a symlink points to).</param>
/// <param name="LinkTarget">The symlink's target text as stored, for symlinks only; never resolved.</param>
/// <param name="Problem">Set for problem records.</param>
/// <param name="ProblemDetail">The operating system's message, for problem records.</param>
public sealed record TreeEntry(
    string RelativePath,
    string Name,
    int Depth,
    FileKind Kind,
    string? LinkTarget = null,
    WalkProblem Problem = WalkProblem.None,
    string? ProblemDetail = null)
{
    public bool IsProblem => Problem != WalkProblem.None;
}
