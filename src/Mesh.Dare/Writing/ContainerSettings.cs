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
}

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
