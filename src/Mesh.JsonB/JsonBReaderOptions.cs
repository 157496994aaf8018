namespace MeshConformance.JsonB;

/// <summary>Which lexical forms a reader accepts (jsonbcd §3).</summary>
public enum JsonBProfile
{
    /// <summary>JSON-B1/C1: JSON text and binary tokens mixed freely (the default; every JSON text is valid).</summary>
    B1,
    /// <summary>JSON-B0/C0: strings and numbers must use binary forms.</summary>
    B0,
}

/// <summary>Options for <see cref="JsonBReader"/> and <see cref="JsonBParser"/>.</summary>
public sealed class JsonBReaderOptions
{
    public static JsonBReaderOptions Default { get; } = new();

    /// <summary>
    /// Accept raw LF/CR inside JSON text strings. The reference writer line-wraps base64 inside
    /// strings (formats.md §1.4), so every DARE header on disk needs this; default true.
    /// </summary>
    public bool AllowRawLineBreaksInStrings { get; init; } = true;

    /// <summary>
    /// Accept 0x0C and 0x08 as whitespace, as the reference reader does (reported as a warning).
    /// When false they are a syntax error, as in RFC 8259.
    /// </summary>
    public bool AllowReferenceWhitespace { get; init; } = true;

    /// <summary>Maximum nesting of objects and arrays; deeper input fails with JSONB-DEPTH.</summary>
    public int MaxDepth { get; init; } = 64;

    public JsonBProfile Profile { get; init; } = JsonBProfile.B1;

    /// <summary>
    /// Follow the draft grammar for separators exactly: a comma is required after a JSON text
    /// value (including a nested object or array) and forbidden after an x-value. When false
    /// (default) a comma is optional wherever one side is a binary token, because the reference
    /// JSON-B writer emits no commas at all.
    /// </summary>
    public bool StrictSeparators { get; init; }

    /// <summary>
    /// Largest total size of one chunked string/data value, in bytes. Each chunk is already
    /// checked against the bytes present, so this only bounds concatenation; default 256 MiB.
    /// </summary>
    public long MaxValueLength { get; init; } = 256L * 1024 * 1024;
}
