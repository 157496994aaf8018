using MeshConformance.Core;

namespace MeshConformance.Checks;

/// <summary>
/// A finding as reports show it: the diagnostic joined with the requirement it violates.
/// <see cref="Fails"/> says whether it counts against the verdict of the run it came from.
/// </summary>
public sealed record CheckFinding(
    string RequirementId,
    RequirementLevel Level,
    Severity Severity,
    string Code,
    string? File,
    long Offset,
    long? Frame,
    string Message,
    SpecReference Spec,
    string? Hint,
    bool Fails,
    bool Expected = false);
