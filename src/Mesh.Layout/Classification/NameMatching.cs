namespace MeshConformance.Layout;

/// <summary>How a name relates to one dialect entry.</summary>
internal enum NameFit
{
    None,
    /// <summary>Exact (or, for a case-insensitive dialect, equal ignoring case) and any UDF in it is canonical.</summary>
    Exact,
    /// <summary>Equal only ignoring case (in the literal parts or the UDF).</summary>
    WrongCase,
    /// <summary>The literal parts of a pattern fit but the placeholder's text is not a UDF.</summary>
    NotUdf,
}

/// <summary>A name set against one entry; <see cref="Udf"/> is the placeholder's text for patterns.</summary>
internal readonly record struct NameMatch(LayoutEntry Entry, NameFit Fit, string? Udf);

/// <summary>Matching of names against dialect entries: exact names, {placeholder} patterns, case, near misses.</summary>
internal static class NameMatching
{
    public static NameMatch Match(LayoutEntry entry, string name, bool caseSensitive)
    {
        if (entry.Name is { } literal)
        {
            if (string.Equals(name, literal, caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)) return new(entry, NameFit.Exact, null);
            return string.Equals(name, literal, StringComparison.OrdinalIgnoreCase) ? new(entry, NameFit.WrongCase, null) : new(entry, NameFit.None, null);
        }
        var pattern = entry.Pattern!;
        var placeholder = pattern.Contains(LayoutDialectReader.AccountPlaceholder, StringComparison.Ordinal)
            ? LayoutDialectReader.AccountPlaceholder : LayoutDialectReader.KeyPlaceholder;
        var at = pattern.IndexOf(placeholder, StringComparison.Ordinal);
        var prefix = pattern[..at];
        var suffix = pattern[(at + placeholder.Length)..];
        if (name.Length <= prefix.Length + suffix.Length) return new(entry, NameFit.None, null);
        var literalsExact = name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal);
        var literalsIgnoringCase = name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
        if (!literalsIgnoringCase) return new(entry, NameFit.None, null);
        var udf = name[prefix.Length..^suffix.Length];
        var status = UdfNames.Check(udf);
        if (status == UdfNameStatus.Invalid) return new(entry, NameFit.NotUdf, udf);
        var exact = (literalsExact || !caseSensitive) && (status == UdfNameStatus.Valid || !caseSensitive);
        return new(entry, exact ? NameFit.Exact : NameFit.WrongCase, udf);
    }

    /// <summary>
    /// A probable misspelling of <paramref name="literal"/>: at most two edits apart ignoring case (MMM_Contacts.dcat),
    /// or the same stem with another extension (MMM_Contact.dare). Short names are left alone: two edits turn
    /// any short name into any other.
    /// </summary>
    public static bool IsNearMiss(string name, string literal)
    {
        if (string.Equals(name, literal, StringComparison.OrdinalIgnoreCase)) return false;
        var nameStem = Path.GetFileNameWithoutExtension(name);
        var literalStem = Path.GetFileNameWithoutExtension(literal);
        if (literalStem.Length >= 4 && string.Equals(nameStem, literalStem, StringComparison.OrdinalIgnoreCase)) return true;
        return literal.Length >= 6 && Math.Abs(name.Length - literal.Length) <= 2 && EditDistanceIgnoringCase(name, literal, 2) <= 2;
    }

    /// <summary>Levenshtein distance, stopping early once every path exceeds <paramref name="bound"/>.</summary>
    private static int EditDistanceIgnoringCase(string a, string b, int bound)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }
            if (rowMinimum > bound) return rowMinimum;
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
