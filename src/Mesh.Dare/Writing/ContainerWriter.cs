using System.Buffers;
using MeshConformance.Dare.Crypto;
using MeshConformance.Dare.Digests;
using MeshConformance.Dare.Model;

namespace MeshConformance.Dare.Writing;

/// <summary>
/// Writes DARE containers of all five types: frame 0 with ContainerInfo/SequenceInfo, then one frame per
/// append with Index, TreePosition and the digests the type calls for (formats.md §1.7). Chain and tree digests
/// follow the reference computation, which is also what every draft example shows (bindings.md).
/// The writer keeps the offset of every frame, since TreePosition points back at earlier frames.
/// It does no locking: the append protocol (Locking) takes the lock and refreshes <see cref="AppendState"/> first.
/// </summary>
public sealed class ContainerWriter
{
    private readonly ContainerSettings settings;
    private readonly ArrayBufferWriter<byte> frameBuffer = new(4096);

    // Reused for every frame: an append then allocates almost nothing (the buffers grow once).
    private readonly JsonB.GoedelJsonWriter headerJson = new(), trailerJson = new(), metaJson = new();

    public ContainerWriter(ContainerSettings settings, AppendState? state = null)
    {
        this.settings = settings;
        State = state ?? new AppendState();
    }

    public AppendState State { get; }

    public ContainerSettings Settings => settings;

    /// <summary>The bytes of frame 0 (its offset is 0).</summary>
    public ReadOnlyMemory<byte> BuildFrame0()
    {
        var encryption = settings.Encryption;
        byte[]? salt0 = encryption?.NextSalt();
        // An encrypted sequence's frame 0 payload is the ciphertext of nothing: 16 bytes of CBC padding.
        var payload = encryption is null ? [] : FrameCipher.Encrypt(encryption.MasterKey, salt0, []);
        var fields = new FrameHeaderFields
        {
            Vocabulary = settings.Vocabulary,
            Index = 0,
            ContentMetaData = HeaderWriter.ContentMetaBytes(settings.ContentType is null ? null : new ContentMeta { ContentType = settings.ContentType }),
            DataEncoding = "JSON",
            ContainerType = settings.Type.WireName(),
            DigestAlgorithm = DigestAlgorithmName(),
            EncryptionAlgorithm = encryption is null ? null : FrameCipher.Algorithm,
            KeyIdentifier = encryption?.KeyIdentifier,
            Salt = salt0,
            Recipients = encryption?.Recipients ?? [],
            WriteEmptyPolicy = settings.WriteEmptyPolicy,
            Policy = settings.Policy,
        };
        var header = HeaderWriter.Header(fields);
        // Frame 0 always has three records; Digest/Chain/Merkle put the digests of its (empty or padded) payload
        // in the trailer, which the draft prints as "[Empty trailer]" but its TreePositions require.
        var payloadDigest = settings.Type.HasPayloadDigest() ? DareDigests.Hash(payload) : null;
        var trailer = payloadDigest is null ? [] : HeaderWriter.Trailer(payloadDigest,
            settings.Type == ContainerType.Chain ? DareDigests.ReferenceChain(payloadDigest) : null,
            settings.Type == ContainerType.Merkle ? DareDigests.ReferenceTree(payloadDigest, 0, TreeDigestConvention.Sequence) : null);
        frameBuffer.ResetWrittenCount();
        FrameBuilder.Write(frameBuffer, header, payload, trailer, hasTrailer: true);
        return frameBuffer.WrittenMemory;
    }

    /// <summary>
    /// The bytes of the next data frame, for a payload in plaintext (encrypted here when the container is).
    /// Call <see cref="Commit"/> with the frame's offset once it is on disk.
    /// </summary>
    /// <param name="envelopeId">The message's <c>EnvelopeId</c> (spool frames only).</param>
    public ReadOnlyMemory<byte> BuildNextFrame(ReadOnlySpan<byte> plaintext, ContentMeta? meta = null, string? envelopeId = null)
    {
        var sealing = Seal(plaintext);
        ReadOnlySpan<byte> payload = sealing.Payload ?? plaintext;
        return Build(payload, PayloadDigestOf(payload), MetaBytes(meta), sealing, envelopeId);
    }

    /// <summary>
    /// Everything of the next data frame that does not depend on where it goes — the sealed payload, its digest, the
    /// ContentMeta bytes — done ahead, so that a writer under a lock only adds what does (Index, TreePosition, tree
    /// digest, header) and holds the lock for less time.
    /// </summary>
    public PreparedFrame Prepare(ReadOnlySpan<byte> plaintext, ContentMeta? meta = null, string? envelopeId = null)
    {
        var sealing = Seal(plaintext);
        var payload = sealing.Payload ?? plaintext.ToArray();
        return new PreparedFrame(payload, PayloadDigestOf(payload), MetaBytes(meta).ToArray(), sealing, envelopeId);
    }

    /// <summary>The bytes of the next data frame from a <see cref="Prepare"/>d one.</summary>
    public ReadOnlyMemory<byte> BuildNextFrame(PreparedFrame prepared) =>
        Build(prepared.Payload, prepared.PayloadDigest, prepared.Meta, prepared.Sealing, prepared.EnvelopeId);

    private byte[]? PayloadDigestOf(ReadOnlySpan<byte> payload) =>
        settings.Shape != FrameShape.Spool && settings.Type.HasPayloadDigest() ? DareDigests.Hash(payload) : null;

    private ReadOnlyMemory<byte> Build(ReadOnlySpan<byte> payload, byte[]? payloadDigest, ReadOnlyMemory<byte> meta, Sealing sealing, string? envelopeId)
    {
        var index = State.NextIndex;
        var shape = settings.Shape;
        byte[]? treeDigest = payloadDigest is not null && settings.Type == ContainerType.Merkle
            ? DareDigests.ReferenceTree(payloadDigest, index, shape == FrameShape.Catalog ? TreeDigestConvention.Catalog : TreeDigestConvention.Sequence)
            : null;
        var digestsInHeader = shape == FrameShape.Catalog;
        var fields = new FrameHeaderFields
        {
            Vocabulary = settings.Vocabulary,
            Index = index,
            ContentMetaData = meta,
            TreePosition = settings.Type.HasTreePosition() ? State.OffsetOf(TreeIndex.PreviousFrame(index)) : null,
            // Catalog and spool frames name the digest only next to their key exchange (formats.md §1.7).
            DigestAlgorithm = shape == FrameShape.Sequence ? DigestAlgorithmName() : sealing.Recipients.Count > 0 ? "S512" : null,
            EncryptionAlgorithm = sealing.Payload is null ? null : FrameCipher.Algorithm,
            KeyIdentifier = sealing.KeyIdentifier,
            Salt = sealing.Salt,
            Recipients = sealing.Recipients,
            PayloadDigest = digestsInHeader ? payloadDigest : null,
            TreeDigest = digestsInHeader ? treeDigest : null,
            EnvelopeId = shape == FrameShape.Sequence ? null : envelopeId,
            Received = shape == FrameShape.Sequence ? null : settings.Clock(),
        };
        var header = HeaderWriter.Header(headerJson, fields);
        frameBuffer.ResetWrittenCount();
        if (shape != FrameShape.Sequence)
        {
            // Catalog and spool frames always end with an empty-object trailer record.
            FrameBuilder.Write(frameBuffer, header, payload, EmptyTrailer, hasTrailer: true);
        }
        else if (payloadDigest is not null)
        {
            var trailer = HeaderWriter.Trailer(trailerJson, payloadDigest,
                settings.Type == ContainerType.Chain ? DareDigests.ReferenceChain(payloadDigest) : null, treeDigest);
            FrameBuilder.Write(frameBuffer, header, payload, trailer, hasTrailer: true);
        }
        else
        {
            // List and Tree data frames have no trailer record at all (dare-08 §14.1 frame 1).
            FrameBuilder.Write(frameBuffer, header, payload, [], hasTrailer: false);
        }
        return frameBuffer.WrittenMemory;
    }

    private static readonly byte[] EmptyTrailer = "{}"u8.ToArray();

    private ReadOnlyMemory<byte> MetaBytes(ContentMeta? meta)
    {
        if (meta is null) return HeaderWriter.EmptyContentMeta;
        HeaderWriter.ContentMeta(metaJson, meta);
        return metaJson.WrittenMemory;
    }

    /// <summary>What encryption puts into one data frame (nothing for plaintext containers).</summary>
    internal readonly record struct Sealing(byte[]? Payload, byte[]? Salt, string? KeyIdentifier, IReadOnlyList<RecipientEntry> Recipients);

    private Sealing Seal(ReadOnlySpan<byte> plaintext)
    {
        if (settings.Encryption is { } once)
        {
            var salt = once.NextSalt();
            return new Sealing(FrameCipher.Encrypt(once.MasterKey, salt, plaintext), salt, once.KeyIdentifier, []);
        }
        // An isolated frame with no payload (a catalog Delete) has nothing to protect, so it carries no key exchange.
        if (settings.IsolatedEncryption is { } isolated && plaintext.Length > 0)
        {
            var master = isolated.NextSecret(32);
            var salt = isolated.NextSecret(16);
            var recipients = isolated.Recipients
                .Select(r => X448Recipient.Wrap(r.KeyIdentifier, r.X448PublicKey, isolated.NextSecret(X448Recipient.KeySize), master))
                .ToArray();
            return new Sealing(FrameCipher.Encrypt(master, salt, plaintext), salt, null, recipients);
        }
        return new Sealing(null, null, null, []);
    }

    /// <summary>Records that the frame just built now starts at <paramref name="offset"/>.</summary>
    public void Commit(long offset, long length) => State.Add(offset, length);

    /// <summary>Builds and writes frame 0 to an empty stream.</summary>
    public void WriteFrame0(Stream stream)
    {
        var frame = BuildFrame0();
        var offset = stream.Position;
        stream.Write(frame.Span);
        Commit(offset, frame.Length);
    }

    /// <summary>Builds and writes the next frame at the stream's current position; returns its Index.</summary>
    public long Append(Stream stream, ReadOnlySpan<byte> plaintext, ContentMeta? meta = null, string? envelopeId = null)
    {
        var index = State.NextIndex;
        var frame = BuildNextFrame(plaintext, meta, envelopeId);
        var offset = stream.Position;
        stream.Write(frame.Span);
        Commit(offset, frame.Length);
        return index;
    }

    /// <summary>Writes a whole container to a byte array (tests, vectors).</summary>
    public static byte[] WriteAll(ContainerSettings settings, IEnumerable<byte[]> payloads, Func<int, ContentMeta?>? meta = null)
    {
        using var stream = new MemoryStream();
        var writer = new ContainerWriter(settings);
        writer.WriteFrame0(stream);
        var i = 0;
        foreach (var payload in payloads) writer.Append(stream, payload, meta?.Invoke(i++));
        return stream.ToArray();
    }

    /// <summary>dare-08 writes no <c>dig</c>; dare-11+ names SHA-2-512 as "S512" on digesting containers.</summary>
    private string? DigestAlgorithmName() =>
        settings.Vocabulary == DareVocabulary.Dare12 && settings.Type.HasPayloadDigest() ? "S512" : null;
}

/// <summary>
/// What an appender must know about a container's existing frames: where each starts (for TreePosition)
/// and where the file ends. The append protocol rebuilds it from disk under the lock.
/// </summary>
public sealed class AppendState
{
    private readonly List<long> offsets = [];

    public long NextIndex => offsets.Count;

    public long EndOffset { get; private set; }

    public long OffsetOf(long frame) => offsets[(int)frame];

    public void Add(long offset, long length)
    {
        offsets.Add(offset);
        EndOffset = offset + length;
    }

    public void Clear()
    {
        offsets.Clear();
        EndOffset = 0;
    }
}

/// <summary>A data frame's position-independent parts, made by <see cref="ContainerWriter.Prepare"/> outside any lock.</summary>
public sealed class PreparedFrame
{
    internal PreparedFrame(byte[] payload, byte[]? payloadDigest, byte[] meta, ContainerWriter.Sealing sealing, string? envelopeId)
    {
        Payload = payload;
        PayloadDigest = payloadDigest;
        Meta = meta;
        Sealing = sealing;
        EnvelopeId = envelopeId;
    }

    internal byte[] Payload { get; }
    internal byte[]? PayloadDigest { get; }
    internal byte[] Meta { get; }
    internal ContainerWriter.Sealing Sealing { get; }
    internal string? EnvelopeId { get; }
}
