namespace MeshConformance.Dare.Verification;

/// <summary>
/// How the verifier does its work, not what it checks: every setting gives the same report. Tests switch the
/// fast paths off to prove exactly that.
/// </summary>
internal sealed record VerifierTuning
{
    public static VerifierTuning Default { get; } = new();

    /// <summary>In checking mode, read headers and trailers of the common shape without a JSON tree.</summary>
    public bool FastHeaders { get; init; } = true;

    /// <summary>Hash the frames of one batch on a second thread while the next batch is read (when there is a second core).</summary>
    public bool ParallelDigests { get; init; } = true;
}
