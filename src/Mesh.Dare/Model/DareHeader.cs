using MeshConformance.JsonB;

namespace MeshConformance.Dare.Model;

/// <summary>
/// The fields a DARE trailer may carry. A header inherits all of them (dare §5.2.2: "any field that is
/// present in a trailer MAY be placed in a header instead"), which the reference's catalog writer does.
/// </summary>
public class DareTrailer
{
    public required JsonBObject Raw { get; init; }
    public byte[]? PayloadDigest { get; init; }
    public byte[]? ChainDigest { get; init; }
    public byte[]? TreeDigest { get; init; }

    /// <summary>A <c>signatures</c> member is present (header Signers and trailer Signatures share the tag).</summary>
    public bool HasSignatures { get; init; }

    /// <summary>Some binary value was written as line-wrapped base64 (the reference writer's habit; not RFC 8259 JSON).</summary>
    public bool HasWrappedBase64 { get; init; }
}

/// <summary>A parsed DARE header record (formats.md §1.4).</summary>
public sealed class DareHeader : DareTrailer
{
    /// <summary>Which member carried the sequence information: <c>ContainerInfo</c> or <c>SequenceInfo</c>; null when absent.</summary>
    public string? InfoMemberName { get; init; }
    public SequenceInfo? Info { get; init; }
    public string? EnvelopeId { get; init; }
    /// <summary><c>enc</c>.</summary>
    public string? EncryptionAlgorithm { get; init; }
    /// <summary><c>dig</c>.</summary>
    public string? DigestAlgorithm { get; init; }
    /// <summary><c>kid</c>.</summary>
    public string? KeyIdentifier { get; init; }
    public byte[]? Salt { get; init; }
    public byte[]? Malt { get; init; }
    public IReadOnlyList<DareRecipient> Recipients { get; init; } = [];
    public JsonBObject? Policy { get; init; }
    /// <summary>The raw bytes of <c>ContentMetaData</c>.</summary>
    public byte[]? ContentMetaData { get; init; }
    public ContentMeta? ContentMeta { get; init; }
    public string? Received { get; init; }
    /// <summary><c>Annotations</c> (dare-08) or <c>annotations</c> (dare-11+): encoded data sequences.</summary>
    public IReadOnlyList<byte[]> Annotations { get; init; } = [];

    /// <summary>The frame's payload is encrypted: it names an algorithm other than "none" and carries a salt or recipients.</summary>
    public bool IsEncrypted => EncryptionAlgorithm is { } enc && !enc.Equals("none", StringComparison.OrdinalIgnoreCase);

    /// <summary>The vocabulary the info member's name reveals; null when the header has none.</summary>
    public DareVocabulary? Vocabulary => InfoMemberName switch
    {
        "ContainerInfo" => DareVocabulary.Dare08,
        "SequenceInfo" => DareVocabulary.Dare12,
        _ => null,
    };
}
