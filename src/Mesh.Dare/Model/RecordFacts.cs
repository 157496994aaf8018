namespace MeshConformance.Dare.Model;

/// <summary>
/// What the container checks read from a header or trailer record, without its JSON tree. Built either by
/// <see cref="FastHeaderReader"/> (the common Goedel-JSON shape, checking mode) or from a fully parsed
/// <see cref="DareHeader"/>/<see cref="DareTrailer"/>, so the checks cannot tell which reader ran.
/// </summary>
internal sealed class RecordFacts
{
    public byte[]? PayloadDigest { get; set; }
    public byte[]? ChainDigest { get; set; }
    public byte[]? TreeDigest { get; set; }
    public bool HasSignatures { get; set; }
    public bool HasWrappedBase64 { get; set; }

    // Header members; a trailer leaves them at their defaults.
    public string? InfoMemberName { get; set; }
    public SequenceInfo? Info { get; set; }
    public string? EncryptionAlgorithm { get; set; }
    public byte[]? Salt { get; set; }
    public byte[]? Malt { get; set; }
    public IReadOnlyList<string?> RecipientKeyIdentifiers { get; set; } = [];

    /// <summary><c>cty</c> of the ContentMetaData, when the header carries a ContentMeta that parsed.</summary>
    public string? ContentType { get; set; }

    /// <summary>
    /// The whole ContentMeta, as the parser builds it. The fast reader only builds it when asked
    /// (<see cref="FastHeaderReader.TryReadHeader"/> with readContentMeta: catalog reading); the verifier needs only <see cref="ContentType"/>.
    /// </summary>
    public ContentMeta? ContentMeta { get; set; }

    /// <summary>
    /// Built by <see cref="FastHeaderReader"/>, which owns it and its digest arrays: the verifier hands it back to be
    /// refilled for a later frame once its own frame has been checked. Facts built from a parsed record share that
    /// record's arrays and are never refilled.
    /// </summary>
    public bool Recyclable { get; private set; }

    /// <summary>A facts object the fast reader may fill: <paramref name="spare"/> when it is its own, else a new one.</summary>
    public static RecordFacts Recycle(RecordFacts? spare)
    {
        if (spare is not { Recyclable: true }) return new RecordFacts { Recyclable = true };
        spare.PayloadDigest = spare.ChainDigest = spare.TreeDigest = spare.Salt = spare.Malt = null;
        spare.HasSignatures = spare.HasWrappedBase64 = false;
        spare.InfoMemberName = spare.EncryptionAlgorithm = spare.ContentType = null;
        spare.Info = null;
        spare.ContentMeta = null;
        spare.RecipientKeyIdentifiers = [];
        return spare;
    }

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
