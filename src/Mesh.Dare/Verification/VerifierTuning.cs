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

    /// <summary>
    /// Hash eight frames' payloads, and eight folds, at a time with the AVX-512 multi-buffer SHA-512 (when the CPU has
    /// it). A process-wide switch rather than a member, because the verifier creates its digest batches without a
    /// tuning at hand; tests that turn it off set it back in a finally block.
    /// </summary>
    public static bool MultiBufferDigests { get; set; } = true;
}
