namespace MeshConformance.Checks;

/// <summary>
/// How much of the seed draft the checker tests: its normative statements (requirements with <c>normative: true</c>)
/// and how many of them a check covers.
/// </summary>
/// <param name="NormativeStatements">Normative statements of the seed draft in the registry.</param>
/// <param name="Automated">How many of those a check tests.</param>
/// <param name="Percent">Automated as a percentage of NormativeStatements (0 when there are none).</param>
public sealed record RequirementCoverage(int NormativeStatements, int Automated, double Percent)
{
    public static RequirementCoverage Of(int normativeStatements, int automated) =>
        new(normativeStatements, automated, normativeStatements == 0 ? 0 : 100.0 * automated / normativeStatements);

    /// <summary>e.g. <c>1 of 4 normative statements automated (25%)</c>.</summary>
    public string Display => $"{Automated} of {NormativeStatements} normative statements automated ({Percent:0.#}%)";

    public override string ToString() => Display;
}

/// <summary>The draft whose normative statements the coverage figure counts, and where its text is kept (relative to the registry file).</summary>
public sealed record SeedDraft(string Document, string Version, string File);
