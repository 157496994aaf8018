using MeshConformance.Dare.Crypto;
using MeshConformance.Dare.Digests;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using MeshConformance.JsonB;

namespace MeshConformance.Dare.Envelope;

/// <summary>
/// Encrypts the body with <see cref="FrameCipher"/> under <paramref name="MasterKey"/> (base seed in dare-11+) and
/// <paramref name="Salt"/>. The recipients' <c>wmk</c> values are supplied already wrapped (see <see cref="KeyExchange"/>).
/// </summary>
public sealed record EnvelopeEncryption(byte[] MasterKey, byte[] Salt, string KeyIdentifier, IReadOnlyList<RecipientEntry> Recipients);

public sealed record EnvelopeWriterOptions
{
    public EnvelopeForm Form { get; init; } = EnvelopeForm.Array;

    /// <summary>Json: Goedel JSON text with binary as (wrapped) base64url. JsonB: the same tree with binary as data tokens.</summary>
    public EnvelopeEncoding Encoding { get; init; } = EnvelopeEncoding.Json;

    /// <summary>dare-08: <c>Annotations</c>, <c>dig: "SHA2"</c>. dare-12: <c>annotations</c>, <c>dig: "S512"</c>.</summary>
    public DareVocabulary Vocabulary { get; init; } = DareVocabulary.Dare08;

    public string? EnvelopeId { get; init; }

    /// <summary>Written as <c>ContentMetaData</c> (base64url of its Goedel JSON) when not null.</summary>
    public ContentMeta? ContentMeta { get; init; }

    public IReadOnlyList<EncodedDataSequence> Annotations { get; init; } = [];

    /// <summary>Null: the body is written as given (plaintext, or a ciphertext produced elsewhere).</summary>
    public EnvelopeEncryption? Encryption { get; init; }

    /// <summary>Put <c>dig</c> in the header and SHA-512 of the stored body as <c>PayloadDigest</c> in the trailer.</summary>
    public bool PayloadDigest { get; init; }

    /// <summary>Overrides the vocabulary's <c>dig</c> value.</summary>
    public string? DigestAlgorithm { get; init; }

    /// <summary>Write <c>{}</c> as the trailer when it has nothing to carry (the minimal <c>[ {}, "", {} ]</c>); else it is omitted.</summary>
    public bool WriteEmptyTrailer { get; init; }
}

/// <summary>
/// Writes DARE envelopes: <c>[header, "body", trailer?]</c> or <c>{"DareEnvelope": [...]}</c>. Header members follow
/// the reference order (formats.md §1.4): EnvelopeId, enc, dig, kid, Salt, Annotations, recipients, ContentMetaData.
/// </summary>
public static class EnvelopeWriter
{
    public static byte[] Write(ReadOnlySpan<byte> payload, EnvelopeWriterOptions? options = null)
    {
        options ??= new EnvelopeWriterOptions();
        var tree = BuildTree(payload, options);
        return options.Encoding == EnvelopeEncoding.JsonB ? JsonBWriter.Serialize(tree) : GoedelJsonWriter.Serialize(tree);
    }

    /// <summary>The envelope as a tree (binary members as <see cref="JsonBBinary"/>), before serialization.</summary>
    public static JsonBValue BuildTree(ReadOnlySpan<byte> payload, EnvelopeWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var encryption = options.Encryption;
        var body = encryption is null ? payload.ToArray() : FrameCipher.Encrypt(encryption.MasterKey, encryption.Salt, payload);

        var header = new JsonBObject();
        if (options.EnvelopeId is not null) header.Add("EnvelopeId", new JsonBString(options.EnvelopeId));
        if (encryption is not null) header.Add("enc", new JsonBString(FrameCipher.Algorithm));
        if (options.PayloadDigest)
        {
            var dig = options.DigestAlgorithm ?? (options.Vocabulary == DareVocabulary.Dare08 ? "SHA2" : "S512");
            header.Add("dig", new JsonBString(dig));
        }
        if (encryption is not null)
        {
            header.Add("kid", new JsonBString(encryption.KeyIdentifier));
            header.Add("Salt", new JsonBBinary(encryption.Salt));
        }
        if (options.Annotations.Count > 0)
        {
            var list = new JsonBArray();
            foreach (var eds in options.Annotations) list.Add(new JsonBBinary(eds.Encode()));
            header.Add(options.Vocabulary == DareVocabulary.Dare08 ? "Annotations" : "annotations", list);
        }
        if (encryption is { Recipients.Count: > 0 })
        {
            var list = new JsonBArray();
            foreach (var r in encryption.Recipients)
            {
                var entry = new JsonBObject().Add("kid", new JsonBString(r.KeyIdentifier));
                if (r.EphemeralKey is not null) entry.Add("epk", r.EphemeralKey);
                entry.Add("wmk", new JsonBBinary(r.WrappedMasterKey));
                list.Add(entry);
            }
            header.Add("recipients", list);
        }
        if (options.ContentMeta is not null) header.Add("ContentMetaData", new JsonBBinary(HeaderWriter.ContentMetaBytes(options.ContentMeta)));

        var array = new JsonBArray().Add(header).Add(new JsonBBinary(body));
        if (options.PayloadDigest)
        {
            array.Add(new JsonBObject().Add("PayloadDigest", new JsonBBinary(DareDigests.Hash(body))));
        }
        else if (options.WriteEmptyTrailer)
        {
            array.Add(new JsonBObject());
        }
        return options.Form == EnvelopeForm.Tagged ? new JsonBObject().Add(EnvelopeReader.TagName, array) : array;
    }
}
