using MeshConformance.Dare.Model;
using MeshConformance.JsonB;

namespace MeshConformance.Dare.Writing;

/// <summary>
/// Serializes headers, trailers and ContentMeta in the reference's member order and Goedel JSON text
/// (formats.md §1.4): trailer fields first, then EnvelopeId, enc, dig, kid, Salt, …, policy, ContentMetaData,
/// ContainerInfo/SequenceInfo, Received. Only the byte-exact layout lets frame lengths and TreePositions agree
/// with the drafts' examples.
/// </summary>
public static class HeaderWriter
{
    /// <summary>"{}": what the drafts write as ContentMetaData ("e30") when a frame has no metadata.</summary>
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>The ContentMeta of a frame that has none: <c>{}</c>.</summary>
    public static ReadOnlyMemory<byte> EmptyContentMeta => EmptyObject;

    public static byte[] ContentMetaBytes(ContentMeta? meta)
    {
        if (meta is null) return EmptyObject;
        var w = new GoedelJsonWriter();
        ContentMeta(w, meta);
        return w.ToArray();
    }

    /// <summary>Writes ContentMeta JSON into <paramref name="w"/> (reset first), for writers that reuse their buffers per frame.</summary>
    public static ReadOnlySpan<byte> ContentMeta(GoedelJsonWriter w, ContentMeta? meta)
    {
        if (meta is null) return EmptyObject;
        w.Reset();
        w.BeginObject();
        if (meta.UniqueId is not null) w.WriteString("UniqueId", meta.UniqueId);
        if (meta.Labels.Count > 0) WriteStrings(w, "Labels", meta.Labels);
        if (meta.MessageType is not null) w.WriteString("MessageType", meta.MessageType);
        if (meta.ContentType is not null) w.WriteString("cty", meta.ContentType);
        if (meta.Paths.Count > 0) WriteStrings(w, "Paths", meta.Paths);
        if (meta.Filename is not null) w.WriteString("Filename", meta.Filename);
        if (meta.Event is not null) w.WriteString("Event", meta.Event);
        if (meta.Created is not null) w.WriteString("Created", meta.Created);
        if (meta.Modified is not null) w.WriteString("Modified", meta.Modified);
        if (meta.Expire is not null) w.WriteString("Expire", meta.Expire);
        if (meta.First is { } first) w.WriteInteger("First", first);
        if (meta.Previous is { } previous) w.WriteInteger("Previous", previous);
        w.EndObject();
        return w.WrittenSpan;
    }

    /// <summary>The header of one frame.</summary>
    public static byte[] Header(FrameHeaderFields fields)
    {
        var w = new GoedelJsonWriter();
        Header(w, fields);
        return w.ToArray();
    }

    /// <summary>Writes the header into <paramref name="w"/> (reset first) and returns the bytes, valid until its next use.</summary>
    public static ReadOnlySpan<byte> Header(GoedelJsonWriter w, FrameHeaderFields fields)
    {
        w.Reset();
        w.BeginObject();
        // Trailer fields come first when a frame carries its digests in the header (catalog frames).
        if (fields.PayloadDigest is not null) w.WriteBinary("PayloadDigest", fields.PayloadDigest);
        if (fields.TreeDigest is not null) w.WriteBinary("TreeDigest", fields.TreeDigest);
        if (fields.EnvelopeId is not null) w.WriteString("EnvelopeId", fields.EnvelopeId);
        if (fields.EncryptionAlgorithm is not null) w.WriteString("enc", fields.EncryptionAlgorithm);
        if (fields.DigestAlgorithm is not null) w.WriteString("dig", fields.DigestAlgorithm);
        if (fields.KeyIdentifier is not null) w.WriteString("kid", fields.KeyIdentifier);
        if (fields.Salt is not null) w.WriteBinary("Salt", fields.Salt);
        if (fields.Recipients.Count > 0)
        {
            w.BeginArray("recipients");
            foreach (var r in fields.Recipients)
            {
                w.BeginObject();
                w.WriteString("kid", r.KeyIdentifier);
                if (r.EphemeralKey is not null) w.WriteValue("epk", r.EphemeralKey);
                w.WriteBinary("wmk", r.WrappedMasterKey);
                w.EndObject();
            }
            w.EndArray();
        }
        if (fields.Policy is not null)
        {
            w.WriteValue("policy", fields.Policy);
        }
        else if (fields.WriteEmptyPolicy)
        {
            w.BeginObject("policy");
            w.EndObject();
        }
        w.WriteBinary("ContentMetaData", fields.ContentMetaData.Span);
        w.BeginObject(fields.Vocabulary == DareVocabulary.Dare08 ? "ContainerInfo" : "SequenceInfo");
        if (fields.DataEncoding is not null) w.WriteString("DataEncoding", fields.DataEncoding);
        if (fields.ContainerType is not null) w.WriteString("ContainerType", fields.ContainerType);
        w.WriteInteger("Index", fields.Index);
        if (fields.TreePosition is { } position) w.WriteInteger("TreePosition", position);
        w.EndObject();
        if (fields.Received is { } received) w.WriteDateTime("Received", received);
        w.EndObject();
        return w.WrittenSpan;
    }

    /// <summary>A trailer with the digests the container type calls for.</summary>
    public static byte[] Trailer(byte[]? payloadDigest, byte[]? chainDigest, byte[]? treeDigest)
    {
        var w = new GoedelJsonWriter();
        Trailer(w, payloadDigest, chainDigest, treeDigest);
        return w.ToArray();
    }

    /// <summary>Writes a trailer into <paramref name="w"/> (reset first) and returns the bytes, valid until its next use.</summary>
    public static ReadOnlySpan<byte> Trailer(GoedelJsonWriter w, byte[]? payloadDigest, byte[]? chainDigest, byte[]? treeDigest)
    {
        w.Reset();
        w.BeginObject();
        if (payloadDigest is not null) w.WriteBinary("PayloadDigest", payloadDigest);
        if (chainDigest is not null) w.WriteBinary("ChainDigest", chainDigest);
        if (treeDigest is not null) w.WriteBinary("TreeDigest", treeDigest);
        w.EndObject();
        return w.WrittenSpan;
    }

    private static void WriteStrings(GoedelJsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.BeginArray(name);
        foreach (var v in values) w.WriteString(v);
        w.EndArray();
    }
}

/// <summary>The fields our writer puts in a frame header.</summary>
public sealed record FrameHeaderFields
{
    public required DareVocabulary Vocabulary { get; init; }
    public required long Index { get; init; }
    public required ReadOnlyMemory<byte> ContentMetaData { get; init; }
    public string? DataEncoding { get; init; }
    public string? ContainerType { get; init; }
    public long? TreePosition { get; init; }
    public string? EncryptionAlgorithm { get; init; }
    public string? DigestAlgorithm { get; init; }
    public string? KeyIdentifier { get; init; }
    public byte[]? Salt { get; init; }
    public IReadOnlyList<RecipientEntry> Recipients { get; init; } = [];
    public bool WriteEmptyPolicy { get; init; }
    public JsonBObject? Policy { get; init; }
    public byte[]? PayloadDigest { get; init; }
    public byte[]? TreeDigest { get; init; }
    public string? EnvelopeId { get; init; }
    public DateTime? Received { get; init; }
}
