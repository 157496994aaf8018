using MeshConformance.Udf;

namespace MeshConformance.Layout;

/// <summary>How a file or directory name fares as a UDF.</summary>
public enum UdfNameStatus
{
    /// <summary>A content-digest UDF in canonical upper-case, dash-every-four presentation.</summary>
    Valid,
    /// <summary>Valid once upper-cased: the reference (which writes upper case) would not find it on a case-sensitive file system.</summary>
    WrongCase,
    Invalid,
}

/// <summary>
/// Checks names that the layout says are UDFs (account directories, key files). The reference names both
/// by a key fingerprint, a SHA-2-512 content-digest UDF (140 bits, M…, reference-platform.md §1.4), so a
/// name must parse (UDF.TryParse), pass the strict validator, and be of a content-digest type. The type
/// check matters: lenient Base32 parsing alone accepts ordinary words such as "CATALOGS".
/// </summary>
public static class UdfNames
{
    private static readonly UdfValidationOptions Strict = new() { RequireUpperCase = true };

    public static UdfNameStatus Check(string name)
    {
        if (IsCanonicalDigestUdf(name)) return UdfNameStatus.Valid;
        var upper = name.ToUpperInvariant();
        return upper != name && IsCanonicalDigestUdf(upper) ? UdfNameStatus.WrongCase : UdfNameStatus.Invalid;
    }

    private static bool IsCanonicalDigestUdf(string name)
    {
        if (!UDF.TryParse(name, out var value, out _) || value is null) return false;
        if (value.TypeInfo is not { IsContentDigest: true }) return false;
        return !UdfValidator.Validate(name, Strict).Any(f => f.Severity == UdfSeverity.Error);
    }
}
