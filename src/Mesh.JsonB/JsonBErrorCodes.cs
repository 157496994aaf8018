namespace MeshConformance.JsonB;

/// <summary>
/// Stable diagnostic codes raised (as <see cref="Core.MeshFormatException"/>) or reported (as
/// warnings) by the JSON-B reader. The checker maps each to a requirement of the draft.
/// </summary>
public static class JsonBErrorCodes
{
    /// <summary>A byte ≥ 0x80 that no table defines (e.g. 0x93, 0xB3, 0xE0).</summary>
    public const string UnknownTag = "JSONB-UNKNOWN-TAG";
    /// <summary>F8–FF anywhere, or a frame/record tag F0–F7 where a value or name was expected.</summary>
    public const string ReservedTag = "JSONB-RESERVED-TAG";
    /// <summary>A defined tag that is not allowed where it stands (B4 at a value position, C3 …).</summary>
    public const string UnexpectedTag = "JSONB-UNEXPECTED-TAG";
    /// <summary>The input ends inside a token or container; the offset is where that construct starts.</summary>
    public const string Truncated = "JSONB-TRUNCATED";
    /// <summary>A declared length runs past the end of the buffer (record); offset of the tag.</summary>
    public const string LengthOverrun = "JSONB-LENGTH-OVERRUN";
    /// <summary>A string token or JSON text string is not UTF-8; offset of the first bad byte.</summary>
    public const string InvalidUtf8 = "JSONB-INVALID-UTF8";
    /// <summary>A string chunk and a data chunk in one value; offset of the chunk that switches.</summary>
    public const string MixedChunks = "JSONB-MIXED-CHUNKS";
    /// <summary>A chunk sequence is followed by something other than a chunk or terminal chunk.</summary>
    public const string UnterminatedChunks = "JSONB-CHUNK-UNTERMINATED";
    /// <summary>A JSON-C code is referenced before it is defined (§5 MUST).</summary>
    public const string CodeUndefined = "JSONB-CODE-UNDEFINED";
    /// <summary>A JSON-C definition is not followed by a string or data value.</summary>
    public const string CodeDefinition = "JSONB-CODE-DEFINITION";
    /// <summary>JSON text grammar error (bad literal, missing colon or comma, control character …).</summary>
    public const string Syntax = "JSONB-SYNTAX";
    /// <summary>Nesting deeper than <see cref="JsonBReaderOptions.MaxDepth"/>.</summary>
    public const string Depth = "JSONB-DEPTH";
    /// <summary>Bytes after the single top-level value.</summary>
    public const string TrailingData = "JSONB-TRAILING-DATA";
    /// <summary>JSON-B0 profile: a JSON text string or number where only binary forms are allowed.</summary>
    public const string TextInB0 = "JSONB-B0-TEXT";
    /// <summary>A raw LF/CR inside a JSON text string while the option forbids it.</summary>
    public const string RawLineBreak = "JSONB-RAW-LINEBREAK";
    /// <summary>A chunked value or JSON string too large for the configured limit.</summary>
    public const string TooLarge = "JSONB-TOO-LARGE";

    // Warnings (reported in JsonBReader.Warnings, never thrown).
    /// <summary>Warning: 0x0C or 0x08 used as whitespace (the reference reader skips them; JSON does not).</summary>
    public const string NonJsonWhitespace = "JSONB-WS-NONJSON";
    /// <summary>Warning: an integer not written in its narrowest width (the reference writer always narrows).</summary>
    public const string IntegerNotShortest = "JSONB-INT-NOT-SHORTEST";
    /// <summary>Warning: a JSON text string with raw line breaks (reference base64 wrapping, not RFC 8259).</summary>
    public const string RawLineBreakWarning = "JSONB-RAW-LINEBREAK-WRAP";
    /// <summary>Warning: a JSON-C code defined a second time (the new definition replaces the old).</summary>
    public const string CodeRedefined = "JSONB-CODE-REDEFINED";
    /// <summary>Warning: a D0 dictionary hash whose dictionary cannot be resolved here.</summary>
    public const string DictionaryUnresolved = "JSONB-DICT-UNRESOLVED";
}

/// <summary>A non-fatal finding: a stable code, an absolute byte offset, a message.</summary>
public readonly record struct JsonBDiagnostic(string Code, long Offset, string Message);
