namespace MeshConformance.Dare.Envelope;

/// <summary>
/// Diagnostic codes for DARE envelopes (dare §3, §13) and Encoded Data Sequences (dare §3.3). Stable: the checker
/// maps them to requirements. Offsets are absolute byte offsets in the input the reader was given.
/// </summary>
public static class EnvelopeCodes
{
    /// <summary>The bytes are not one JSON / JSON-B value (the JSONB-* code of the parser is in the message).</summary>
    public const string Syntax = "DARE-ENVELOPE-SYNTAX";
    /// <summary>The value is neither an array nor an object (the tagged form).</summary>
    public const string NotArray = "DARE-ENVELOPE-NOT-ARRAY";
    /// <summary>An object that is not exactly <c>{"DareEnvelope": [...]}</c>.</summary>
    public const string Tag = "DARE-ENVELOPE-TAG";
    /// <summary>Fewer than two elements: header and body are both required.</summary>
    public const string TooFew = "DARE-ENVELOPE-TOO-FEW";
    /// <summary>More than three elements (header, body, trailer).</summary>
    public const string TooMany = "DARE-ENVELOPE-TOO-MANY";
    /// <summary>The first element is not a JSON object.</summary>
    public const string HeaderNotObject = "DARE-ENVELOPE-HEADER-NOT-OBJECT";
    /// <summary>The second element is neither a string nor JSON-B data.</summary>
    public const string BodyType = "DARE-ENVELOPE-BODY-TYPE";
    /// <summary>The body string is not base64url (RFC 4648 §5, no padding).</summary>
    public const string BodyBase64 = "DARE-ENVELOPE-BODY-BASE64";
    /// <summary>Warning: the body base64 holds the reference writer's line breaks (not RFC 8259 JSON).</summary>
    public const string BodyWrapped = "DARE-ENVELOPE-BODY-WRAPPED";
    /// <summary>The third element is neither an object nor null.</summary>
    public const string TrailerNotObject = "DARE-ENVELOPE-TRAILER-NOT-OBJECT";
    /// <summary>A PayloadDigest does not equal SHA-512 of the body as stored.</summary>
    public const string PayloadDigest = "DARE-ENVELOPE-PAYLOAD-DIGEST";
    /// <summary>Info: a PayloadDigest under a digest algorithm this checker does not compute.</summary>
    public const string DigestUnchecked = "DARE-ENVELOPE-DIGEST-UNCHECKED";
    /// <summary>An annotation is not a well-formed EDS (the DARE-EDS-* reason is in the message).</summary>
    public const string Annotation = "DARE-ENVELOPE-ANNOTATION";

    /// <summary>The EDS bytes are not a sequence of JSON-B values.</summary>
    public const string EdsSyntax = "DARE-EDS-SYNTAX";
    /// <summary>An EDS holds neither two (dare-12 examples) nor three (dare-08 §3.3) items.</summary>
    public const string EdsItemCount = "DARE-EDS-ITEM-COUNT";
    /// <summary>An EDS item is not a JSON-B data token (88–8F).</summary>
    public const string EdsNotData = "DARE-EDS-NOT-DATA";
}
