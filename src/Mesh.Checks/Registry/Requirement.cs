namespace MeshConformance.Checks;

/// <summary>RFC 2119 level of a requirement. A MUST violation fails a run; a SHOULD violation fails only with --strict.</summary>
public enum RequirementLevel
{
    Must,
    Should,
    May,
}

/// <summary>Where a requirement comes from: a draft (name without the version suffix, version, section) or our bindings.md.</summary>
/// <param name="Document">e.g. <c>draft-hallambaker-mesh-platform</c>, <c>draft-hallambaker-mesh-dare</c>, or <c>bindings.md</c>.</param>
/// <param name="Version">e.g. <c>06</c>; empty for bindings.md.</param>
/// <param name="Section">e.g. <c>3.2</c>, or a binding number such as <c>B-15</c>.</param>
public sealed record SpecReference(string Document, string Version, string Section)
{
    /// <summary>How reports cite it: <c>draft-hallambaker-mesh-platform-06 §3.2</c> or <c>bindings.md B-15</c>.</summary>
    public string Display => Version.Length == 0 ? $"{Document} {Section}" : $"{Document}-{Version} §{Section}";

    public override string ToString() => Display;
}

/// <summary>
/// One requirement of the registry (vectors/requirements.json): a stable ID, its level, the spec text behind it, and
/// the diagnostic codes whose findings mean it is violated. A requirement no check covers has no codes and
/// <see cref="Automated"/> false, and is listed as such.
/// </summary>
/// <param name="Id">Stable ID, e.g. <c>PLAT-3.2-APPEND-LOCK</c> or <c>DARE-FRAME-TRAILER-LEN</c>.</param>
/// <param name="Level">MUST, SHOULD or MAY.</param>
/// <param name="Spec">Where it is written.</param>
/// <param name="Text">One line a person can act on.</param>
/// <param name="Codes">Finding codes that report a violation of it.</param>
/// <param name="Automated">Whether a check tests it (true exactly when <paramref name="Codes"/> is non-empty, unless a check is pending).</param>
/// <param name="Hint">How to fix a violation, for reports.</param>
/// <param name="Quote">The normative sentence of the draft, verbatim, when there is one.</param>
/// <param name="Normative">True for a normative statement of the seed draft (counts for the coverage figure).</param>
public sealed record Requirement(
    string Id,
    RequirementLevel Level,
    SpecReference Spec,
    string Text,
    IReadOnlyList<string> Codes,
    bool Automated,
    string? Hint = null,
    string? Quote = null,
    bool Normative = false);
