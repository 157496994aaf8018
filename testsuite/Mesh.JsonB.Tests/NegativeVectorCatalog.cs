using System.Text;
using MeshConformance.JsonB;

namespace MeshConformance.Tests.JsonB;

/// <summary>
/// The source of vectors/negative/jsonb/*.bin and manifest.json. Each entry is a bad input, the
/// diagnostic code it must raise and the absolute offset, worked out by hand from the rules in
/// JsonBErrorCodes (TRUNCATED and LENGTH-OVERRUN point at the token or container that is cut
/// off; UTF-8 errors at the first bad byte; everything else at the offending byte).
/// To regenerate the files after editing this list, run the tests with
/// MESH_REGENERATE_VECTORS=1 (see NegativeVectorTests.FilesMatchCatalog); without it, that test
/// fails when the files and this list disagree.
/// </summary>
public static class NegativeVectorCatalog
{
    public sealed record Entry(string Id, byte[] Bytes, string Description, string Code, long Offset);

    private static byte[] B(params object[] parts)
    {
        var list = new List<byte>();
        foreach (var p in parts)
        {
            switch (p)
            {
                case string s: list.AddRange(Encoding.UTF8.GetBytes(s)); break;
                case byte b: list.Add(b); break;
                case int i: list.Add(checked((byte)i)); break;
                case byte[] a: list.AddRange(a); break;
                default: throw new ArgumentException(p.GetType().Name);
            }
        }
        return [.. list];
    }

    private static readonly byte[] Length2Pow62 = [0x40, 0, 0, 0, 0, 0, 0, 0];

    public static IReadOnlyList<Entry> All { get; } =
    [
        new("unknown-tag-93", B("{\"a\": ", 0x93, "}"), "0x93 is in no table (between binary64 and binary128)", JsonBErrorCodes.UnknownTag, 6),
        new("unknown-tag-e0", B("[", 0xB0, 0xE0, "]"), "0xE0 is unassigned", JsonBErrorCodes.UnknownTag, 2),
        new("reserved-tag-f8", B("[", 0xB0, 0xF8, "]"), "F8-FF are reserved (jsonbcd §7)", JsonBErrorCodes.ReservedTag, 2),
        new("frame-tag-in-value", B("{\"a\": ", 0xF0, 0x00, "}"), "a record tag F0 where a value belongs", JsonBErrorCodes.ReservedTag, 6),
        new("truncated-int64", B(0xA3, 0, 0, 0), "p-int64 needs 8 bytes, only 3 follow", JsonBErrorCodes.Truncated, 0),
        new("truncated-length-field", B("[", 0x81, 0x00), "string tag 81 needs a 2-byte length, only 1 byte follows", JsonBErrorCodes.Truncated, 1),
        new("length-2pow62-string", B(0x83, Length2Pow62, "A"), "string-term with an 8-byte length of 2^62 and 1 byte of data; must fail without allocating", JsonBErrorCodes.LengthOverrun, 0),
        new("length-2pow62-data-in-object", B("{\"a\": ", 0x8B, Length2Pow62, "}"), "data-term with a length of 2^62 inside an object", JsonBErrorCodes.LengthOverrun, 6),
        new("length-overrun-small", B(0x80, 5, "He"), "string declares 5 bytes, 2 remain", JsonBErrorCodes.LengthOverrun, 0),
        new("invalid-utf8-token", B(0x80, 3, "A", 0xC3, 0x28), "string token: C3 starts a 2-byte sequence but 28 is no continuation byte", JsonBErrorCodes.InvalidUtf8, 3),
        new("invalid-utf8-text", B("\"a", 0xFF, "\""), "JSON text string holding byte FF", JsonBErrorCodes.InvalidUtf8, 2),
        new("invalid-utf8-second-chunk", B(0x84, 1, "A", 0x80, 1, 0xFF), "chunked string whose second chunk is byte FF", JsonBErrorCodes.InvalidUtf8, 5),
        new("mixed-chunks", B(0x84, 1, "A", 0x88, 1, "B"), "string chunk followed by a data terminal chunk", JsonBErrorCodes.MixedChunks, 3),
        new("chunk-unterminated", B("[", 0x8C, 1, 0x01, 0xB0, "]"), "data chunk followed by a boolean instead of a chunk", JsonBErrorCodes.UnterminatedChunks, 4),
        new("code-undefined", B("[", 0xC0, 0x20, "]"), "JSON-C reference to code 0x20, never defined", JsonBErrorCodes.CodeUndefined, 1),
        new("code-used-before-definition", B("[", 0xC0, 0x21, 0xC4, 0x21, 0x80, 5, "Hello", "]"), "code 0x21 referenced, then defined: definition must come first (§5)", JsonBErrorCodes.CodeUndefined, 1),
        new("code-definition-not-string", B(0xC4, 0x21, 0xA0, 1, 0xB0), "c-def followed by an integer", JsonBErrorCodes.CodeDefinition, 2),
        new("unterminated-object", B("{\"a\": 1"), "object never closed", JsonBErrorCodes.Truncated, 0),
        new("unterminated-nested-array", B("{\"a\": [1, 2"), "inner array never closed (offset of the innermost open bracket)", JsonBErrorCodes.Truncated, 6),
        new("unterminated-string", B("{\"a\": \"abc"), "JSON text string never closed", JsonBErrorCodes.Truncated, 6),
        new("depth-bomb", B(new string('[', 100_000)), "100000 nested arrays; the 65th bracket exceeds the depth limit of 64", JsonBErrorCodes.Depth, 64),
        new("trailing-data", B("{}{}"), "a second top-level value", JsonBErrorCodes.TrailingData, 2),
        new("missing-colon", B("{\"a\" 1}"), "JSON text member name without ':'", JsonBErrorCodes.Syntax, 5),
        new("missing-comma", B("[1 2]"), "two JSON text values without ','", JsonBErrorCodes.Syntax, 3),
        new("trailing-comma", B("[1,]"), "',' before ']'", JsonBErrorCodes.Syntax, 3),
        new("raw-tab-in-string", B("\"a\tb\""), "unescaped control character in a JSON string", JsonBErrorCodes.Syntax, 2),
        new("name-tag-as-value", B("[", 0xB4, 1, "A", "]"), "the reference member-name tag B4 where a value belongs", JsonBErrorCodes.UnexpectedTag, 1),
        new("empty-input", [], "no value at all", JsonBErrorCodes.Truncated, 0),
    ];
}
