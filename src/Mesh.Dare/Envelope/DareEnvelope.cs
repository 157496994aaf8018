using MeshConformance.Core;
using MeshConformance.Dare.Crypto;
using MeshConformance.Dare.Model;

namespace MeshConformance.Dare.Envelope;

/// <summary>How the envelope array was presented.</summary>
public enum EnvelopeForm
{
    /// <summary><c>[header, "body", trailer?]</c> (dare §3, §3.2).</summary>
    Array,
    /// <summary><c>{"DareEnvelope": [header, "body", trailer?]}</c> (dare §13).</summary>
    Tagged,
}

/// <summary>The serialization of the envelope's outer value.</summary>
public enum EnvelopeEncoding
{
    /// <summary>JSON text (the reference's Goedel indented JSON when written by us).</summary>
    Json,
    /// <summary>JSON-B: the outer value starts with a binary token, or the body is a JSON-B data token.</summary>
    JsonB,
}

/// <summary>
/// A DARE envelope (dare §3): a header, the payload as stored (ciphertext when the header names an
/// encryption algorithm), and an optional trailer. Outside sequences its JSON form is
/// <c>[header, "base64url body", trailer?]</c> or the same array tagged as <c>{"DareEnvelope": [...]}</c>.
/// </summary>
public sealed class DareEnvelope
{
    public required DareHeader Header { get; init; }

    /// <summary>The payload bytes as stored: the base64url decoding of the body string, or the JSON-B data.</summary>
    public required byte[] Body { get; init; }

    /// <summary>The trailer; null when the array has only two elements or the third is <c>null</c>.</summary>
    public DareTrailer? Trailer { get; init; }

    public EnvelopeForm Form { get; init; }

    public EnvelopeEncoding Encoding { get; init; }

    /// <summary>The header's annotations decoded as EDS, in order; an annotation that does not decode is skipped (and reported).</summary>
    public IReadOnlyList<EncodedDataSequence> Annotations { get; init; } = [];

    /// <summary>Non-fatal findings of the read (header field types, wrapped base64, digest checks, bad annotations).</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>The PayloadDigest the envelope carries: the trailer's, else the header's (dare §5.2.2 allows either).</summary>
    public byte[]? PayloadDigest => Trailer?.PayloadDigest ?? Header.PayloadDigest;

    /// <summary>
    /// Decrypts the body with the master key (base seed) and the header's Salt (FrameCipher: HKDF-SHA-256 +
    /// AES-256-CBC). Returns the body itself when the envelope is not encrypted; false when the key is wrong,
    /// the Salt is missing, or the ciphertext is damaged.
    /// </summary>
    public bool TryDecryptBody(ReadOnlySpan<byte> masterKey, out byte[] plaintext)
    {
        if (!Header.IsEncrypted)
        {
            plaintext = Body;
            return true;
        }
        plaintext = [];
        if (Header.Salt is not { } salt) return false;
        if (!string.Equals(Header.EncryptionAlgorithm, FrameCipher.Algorithm, StringComparison.Ordinal)) return false;
        return FrameCipher.TryDecrypt(masterKey, salt, Body, out plaintext);
    }
}
