namespace MeshConformance.Checks;

/// <summary>The state of one requirement after a run.</summary>
public enum RequirementStatus
{
    /// <summary>Checked and nothing failing was found.</summary>
    Pass,
    /// <summary>At least one finding fails the run.</summary>
    Fail,
    /// <summary>Findings at a level that does not fail this run (SHOULD without --strict).</summary>
    Warn,
    /// <summary>Failing, but listed in the expectations file as a known failure.</summary>
    ExpectedFail,
    /// <summary>No check exists for it.</summary>
    NotAutomated,
    /// <summary>Left out by --only.</summary>
    Skipped,
}

public sealed record RequirementResult(Requirement Requirement, RequirementStatus Status, int FindingCount);

/// <summary>Everything a report needs about one run of <c>mesh-conform check</c>.</summary>
public sealed class CheckReport
{
    public required string Root { get; init; }
    public required string Dialect { get; init; }
    public required string ToolVersion { get; init; }
    public required bool Strict { get; init; }
    public required DateTimeOffset Started { get; init; }
    public required TimeSpan Duration { get; init; }
    public required int FilesChecked { get; init; }
    public required long BytesChecked { get; init; }
    public required IReadOnlyList<CheckFinding> Findings { get; init; }
    public required IReadOnlyList<RequirementResult> Requirements { get; init; }

    /// <summary>Problems with the expectations file (stale entries, known failures that now pass); empty without one.</summary>
    public IReadOnlyList<string> ExpectationProblems { get; init; } = [];

    /// <summary>True when nothing fails the run: no failing finding outside the expectations, and no stale expectation.</summary>
    public bool Conformant => !Findings.Any(f => f.Fails && !f.Expected) && ExpectationProblems.Count == 0;
}
