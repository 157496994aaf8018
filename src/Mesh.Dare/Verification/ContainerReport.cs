using MeshConformance.Core;
using MeshConformance.Dare.Digests;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Reading;

namespace MeshConformance.Dare.Verification;

/// <summary>The outcome of checking one digest of one frame.</summary>
public enum DigestCheck
{
    /// <summary>The frame does not carry this digest.</summary>
    Absent,
    /// <summary>Recomputed and equal.</summary>
    Verified,
    /// <summary>Recomputed and different.</summary>
    Mismatch,
}

/// <summary>
/// Which computation the chain and tree digests of a file match (formats.md §1.6): the draft's formulas, the
/// reference implementation's, both (indistinguishable on this file), or neither.
/// </summary>
public enum DigestDialect
{
    /// <summary>No chain or tree digest to tell by.</summary>
    None,
    Draft,
    Reference,
    /// <summary>Every digest matches both computations (e.g. a file with frame 0 only).</summary>
    Both,
    /// <summary>Some frames match only the draft and others only the reference.</summary>
    Mixed,
    /// <summary>At least one digest matches neither.</summary>
    Mismatch,
}

/// <summary>What the verifier learned about one frame: the facts `inspect` prints.</summary>
public sealed record FrameReport
{
    public required long Ordinal { get; init; }
    public required long Offset { get; init; }
    public required long Length { get; init; }
    public long? Index { get; init; }
    public long? TreePosition { get; init; }
    public bool IsMeta { get; init; }
    public int RecordCount { get; init; }
    public long PayloadLength { get; init; }
    public TrailerShape Trailer { get; init; }
    public string? DigestLocation { get; init; }
    public DigestCheck PayloadDigest { get; init; }
    public DigestCheck ChainDigest { get; init; }
    /// <summary>Which chain computation matched: "draft", "reference", "both", or null.</summary>
    public string? ChainDialect { get; init; }
    public DigestCheck TreeDigest { get; init; }
    /// <summary>Which reference fold convention matched the TreeDigest: "sequence", "catalog", "both", or null.</summary>
    public string? TreeConvention { get; init; }
    public bool Encrypted { get; init; }
    public string? EncryptionAlgorithm { get; init; }
    public string? KeyIdentifier { get; init; }
    public byte[]? Salt { get; init; }
    public IReadOnlyList<string?> RecipientKeyIdentifiers { get; init; } = [];
    /// <summary>True when a key was supplied and the payload decrypted; null when not attempted.</summary>
    public bool? Decrypted { get; init; }
    public byte[]? Plaintext { get; init; }
    public ContentMeta? ContentMeta { get; init; }
    public string? InfoMemberName { get; init; }
}

/// <summary>Everything the verifier found in one container.</summary>
public sealed class ContainerReport
{
    public string? Path { get; init; }
    public long FileLength { get; init; }
    public ContainerType? ContainerType { get; set; }
    public string? ContainerTypeText { get; set; }
    public string? DataEncoding { get; set; }
    public DareVocabulary? Vocabulary { get; set; }
    public string? ContentType { get; set; }
    public long FrameCount { get; set; }
    public long ValidEnd { get; set; }
    public DigestDialect DigestDialect { get; set; }
    /// <summary>The reference TreeDigest fold convention the file follows: "sequence", "catalog", "mixed", or null.</summary>
    public string? TreeConvention { get; set; }
    public List<Finding> Findings { get; } = [];
    /// <summary>Per-frame facts; filled only when the caller asked for them (inspect), so checking stays bounded.</summary>
    public List<FrameReport> Frames { get; } = [];
    public long? LastIndex { get; set; }

    public bool IsValid => Findings.All(f => f.Severity != Severity.Error);
}
