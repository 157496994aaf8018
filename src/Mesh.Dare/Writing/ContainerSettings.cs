using MeshConformance.Dare.Model;

namespace MeshConformance.Dare.Writing;

/// <summary>How a new container is laid out.</summary>
public sealed record ContainerSettings
{
    public required ContainerType Type { get; init; }

    /// <summary>dare-08 (<c>ContainerInfo</c>, the platform-06 era, our default) or dare-12 (<c>SequenceInfo</c>, what the reference writes).</summary>
    public DareVocabulary Vocabulary { get; init; } = DareVocabulary.Dare08;

    /// <summary>The frame-0 ContentMeta <c>cty</c> (e.g. <c>application/mmm-catalog</c>); null writes <c>{}</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Write an empty <c>"policy": {}</c> in frame 0, as the dare-12 examples do (the reference omits it).</summary>
    public bool WriteEmptyPolicy { get; init; }

    /// <summary>Encrypt every payload under one master key (a single key exchange in frame 0); null for plaintext.</summary>
    public FrameEncryption? Encryption { get; init; }

    /// <summary>Encrypt every payload under its own master key with a key exchange in each frame (the reference's catalogs).</summary>
    public IsolatedEncryption? IsolatedEncryption { get; init; }

    /// <summary>Where data frames put their digests and what else their header carries (frame 0 is the same in every shape).</summary>
    public FrameShape Shape { get; init; } = FrameShape.Sequence;

    /// <summary>Frame-0 <c>policy</c> object (dare-11+), e.g. the catalogs' <c>EncryptKeys</c>/<c>Sealed</c>; null writes none.</summary>
    public JsonB.JsonBObject? Policy { get; init; }

    /// <summary>The <c>Received</c> time of catalog and spool frames; fixed in golden vectors so output is reproducible.</summary>
    public Func<DateTime> Clock { get; init; } = () => DateTime.UtcNow;

    /// <summary>
    /// A Mesh catalog as the reference writes one (host.dare, MMM_*.dcat): Merkle, dare-12 vocabulary, the catalog frame
    /// shape, frame 0 naming <paramref name="contentType"/>. The generator, the vectors, the adapter and the lock bench
    /// all start from this, adding their own clock or encryption with <c>with</c>.
    /// </summary>
    public static ContainerSettings ReferenceCatalog(string contentType) => new()
    {
        Type = ContainerType.Merkle,
        Vocabulary = DareVocabulary.Dare12,
        Shape = FrameShape.Catalog,
        ContentType = contentType,
    };
}

/// <summary>
/// The frame layouts the reference writes (formats.md §1.7), which a file's reader meets side by side.
/// </summary>
public enum FrameShape
{
    /// <summary><c>Sequence.Append</c>: digests in the trailer, TreeDigest folded 1+tz(Index+2) times.</summary>
    Sequence,

    /// <summary>Mesh catalogs and host.dare: PayloadDigest and TreeDigest first in the header (fold 1+tz(Index+1)),
    /// <c>Received</c> last, and a <c>{}</c> trailer.</summary>
    Catalog,

    /// <summary>Spools: <c>EnvelopeId</c> and <c>Received</c> in the header, no digests at all, a <c>{}</c> trailer.</summary>
    Spool,
}

/// <summary>
/// Per-frame key exchange (the reference's "Isolated" policy): every data frame gets a fresh master key and
/// salt and its own <c>recipients</c>, wrapped with X448 for each recipient. Frame 0 stays plaintext.
/// </summary>
/// <param name="Recipients">Who can read the frames: kid (UDF of the exchange key) and X448 public key.</param>
/// <param name="NextSecret">Supplies fresh random bytes of the requested length (master keys, ephemeral keys, salts);
/// seeded for golden vectors.</param>
public sealed record IsolatedEncryption(IReadOnlyList<ExchangeRecipient> Recipients, Func<int, byte[]> NextSecret);

/// <summary>A recipient of isolated encryption: the UDF naming its exchange key, and the X448 public key.</summary>
public sealed record ExchangeRecipient(string KeyIdentifier, byte[] X448PublicKey);

/// <summary>
/// Single-exchange encryption (dare §14.5): frame 0 carries the recipients that can unwrap the master key;
/// every frame carries <c>enc</c>, <c>kid</c> and its own unique <c>Salt</c>.
/// </summary>
/// <param name="MasterKey">32-byte master key (base seed).</param>
/// <param name="KeyIdentifier">The <c>kid</c> naming the master key.</param>
/// <param name="Recipients">Written into frame 0's header.</param>
/// <param name="NextSalt">Supplies each frame's salt (random in production, seeded for golden vectors).</param>
public sealed record FrameEncryption(byte[] MasterKey, string KeyIdentifier, IReadOnlyList<RecipientEntry> Recipients, Func<byte[]> NextSalt);

/// <summary>One recipient of the master key: its key fingerprint, ephemeral public key object (tagged JSON) and wrapped key.</summary>
public sealed record RecipientEntry(string KeyIdentifier, JsonB.JsonBValue? EphemeralKey, byte[] WrappedMasterKey);
