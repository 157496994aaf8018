namespace MeshConformance.Dare.Model;

/// <summary>
/// What the container checks read from a header or trailer record, without its JSON tree. Built either by
/// <see cref="FastHeaderReader"/> (the common Goedel-JSON shape, checking mode) or from a fully parsed
/// <see cref="DareHeader"/>/<see cref="DareTrailer"/>, so the checks cannot tell which reader ran.
/// </summary>
internal sealed class RecordFacts
{
    public byte[]? PayloadDigest { get; init; }
    public byte[]? ChainDigest { get; init; }
    public byte[]? TreeDigest { get; init; }
    public bool HasSignatures { get; init; }
    public bool HasWrappedBase64 { get; init; }

    // Header members; a trailer leaves them at their defaults.
    public string? InfoMemberName { get; init; }
    public SequenceInfo? Info { get; init; }
    public string? EncryptionAlgorithm { get; init; }
    public byte[]? Salt { get; init; }
    public byte[]? Malt { get; init; }
    public IReadOnlyList<string?> RecipientKeyIdentifiers { get; init; } = [];

    /// <summary><c>cty</c> of the ContentMetaData, when the header carries a ContentMeta that parsed.</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// The whole ContentMeta, as the parser builds it. The fast reader only builds it when asked
    /// (<see cref="FastHeaderReader.TryReadHeader"/> with readContentMeta: catalog reading); the verifier needs only <see cref="ContentType"/>.
    /// </summary>
    public ContentMeta? ContentMeta { get; init; }

    public bool HasAnyDigest => (PayloadDigest ?? ChainDigest ?? TreeDigest) is not null;

    /// <summary>Same rule as <see cref="DareHeader.IsEncrypted"/>.</summary>
    public bool IsEncrypted => EncryptionAlgorithm is { } enc && !enc.Equals("none", StringComparison.OrdinalIgnoreCase);

    /// <summary>Same rule as <see cref="DareHeader.Vocabulary"/>.</summary>
    public DareVocabulary? Vocabulary => InfoMemberName switch
    {
        "ContainerInfo" => DareVocabulary.Dare08,
        "SequenceInfo" => DareVocabulary.Dare12,
        _ => null,
    };

    public static RecordFacts From(DareHeader header) => new()
    {
        PayloadDigest = header.PayloadDigest,
        ChainDigest = header.ChainDigest,
        TreeDigest = header.TreeDigest,
        HasSignatures = header.HasSignatures,
        HasWrappedBase64 = header.HasWrappedBase64,
        InfoMemberName = header.InfoMemberName,
        Info = header.Info,
        EncryptionAlgorithm = header.EncryptionAlgorithm,
        Salt = header.Salt,
        Malt = header.Malt,
        RecipientKeyIdentifiers = header.Recipients.Count == 0 ? [] : header.Recipients.Select(r => r.KeyIdentifier).ToList(),
        ContentType = header.ContentMeta?.ContentType,
        ContentMeta = header.ContentMeta,
    };

    public static RecordFacts From(DareTrailer trailer) => new()
    {
        PayloadDigest = trailer.PayloadDigest,
        ChainDigest = trailer.ChainDigest,
        TreeDigest = trailer.TreeDigest,
        HasSignatures = trailer.HasSignatures,
        HasWrappedBase64 = trailer.HasWrappedBase64,
    };
}
