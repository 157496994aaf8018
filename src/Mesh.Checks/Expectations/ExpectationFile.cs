using System.Text;
using System.Text.RegularExpressions;

namespace MeshConformance.Checks;

/// <summary>
/// A known failure: a requirement ID, optionally limited to files matching a glob (<c>*</c> within a path segment,
/// <c>**</c> across segments, <c>?</c> one character), and the reason it is accepted for now.
/// </summary>
public sealed record Expectation(string RequirementId, string? FileGlob, string? Reason, int Line)
{
    public bool Matches(CheckFinding finding) =>
        finding.RequirementId == RequirementId && (FileGlob is null || (finding.File is { } file && GlobRegex(FileGlob).IsMatch(file)));

    public string Describe() => FileGlob is null ? RequirementId : $"{RequirementId} {FileGlob}";

    private static Regex GlobRegex(string glob)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*') { pattern.Append(".*"); i++; }
            else if (c == '*') pattern.Append("[^/]*");
            else if (c == '?') pattern.Append("[^/]");
            else pattern.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}

/// <summary>
/// The expectations (known-failure) file, as the protobuf conformance runner keeps one: a failure listed here does
/// not fail the run, but a listed failure that no longer occurs does (the list must shrink as implementations
/// improve). Format, one entry per line: <c>REQUIREMENT-ID [FILE-GLOB] [# reason]</c>; blank lines and lines
/// starting with <c>#</c> are comments.
/// </summary>
public sealed class ExpectationFile
{
    public const string Header =
        "# mesh-conform expectations: known failures that do not fail the run.\n" +
        "# One per line: REQUIREMENT-ID [FILE-GLOB] [# reason]. A listed failure that no longer occurs fails the run:\n" +
        "# remove it (or run with --update-expectations, which keeps the reasons).\n";

    public IReadOnlyList<Expectation> Entries { get; }

    private ExpectationFile(IReadOnlyList<Expectation> entries) => Entries = entries;

    public static ExpectationFile Empty { get; } = new([]);

    public static ExpectationFile Parse(string text, string origin)
    {
        var entries = new List<Expectation>();
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            string? reason = null;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                reason = line[(hash + 1)..].Trim();
                line = line[..hash];
            }
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            if (fields.Length > 2) throw new ExpectationFileException($"{origin}:{n + 1}: expected 'REQUIREMENT-ID [FILE-GLOB] [# reason]', found {fields.Length} words");
            if (!Regex.IsMatch(fields[0], "^[A-Z0-9][A-Z0-9.-]*$"))
                throw new ExpectationFileException($"{origin}:{n + 1}: '{fields[0]}' is not a requirement ID");
            entries.Add(new Expectation(fields[0], fields.Length == 2 ? fields[1] : null, string.IsNullOrEmpty(reason) ? null : reason, n + 1));
        }
        return new ExpectationFile(entries);
    }

    public static ExpectationFile Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExpectationFileException($"{path}: {e.Message}");
        }
    }

    /// <summary>The entries that match no failing finding: stale, they fail the run.</summary>
    public IEnumerable<Expectation> Stale(IEnumerable<CheckFinding> failing)
    {
        var list = failing.ToList();
        return Entries.Where(e => !list.Any(e.Matches));
    }

    /// <summary>
    /// The file as this run would have it: existing entries that still match keep their glob and reason; every
    /// failing finding no entry covers gets a new entry for its requirement and file, with a reason to fill in.
    /// </summary>
    public string Rewrite(IEnumerable<CheckFinding> failing)
    {
        var list = failing.ToList();
        var kept = Entries.Where(e => list.Any(e.Matches)).ToList();
        var added = list.Where(f => !kept.Any(e => e.Matches(f)))
            .Select(f => (f.RequirementId, f.File))
            .Distinct()
            .OrderBy(x => x.RequirementId, StringComparer.Ordinal).ThenBy(x => x.File, StringComparer.Ordinal)
            .Select(x => new Expectation(x.RequirementId, x.File, "TODO: say why this failure is accepted", 0));
        var text = new StringBuilder(Header);
        foreach (var entry in kept.Concat(added))
        {
            text.Append(entry.Describe());
            if (entry.Reason is not null) text.Append("  # ").Append(entry.Reason);
            text.Append('\n');
        }
        return text.ToString();
    }
}

public sealed class ExpectationFileException(string message) : Exception(message);
