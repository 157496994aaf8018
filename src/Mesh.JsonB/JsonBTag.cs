namespace MeshConformance.JsonB;

/// <summary>
/// The tag bytes of JSON-B, JSON-C and JSON-D (draft-hallambaker-jsonbcd-16 Tables 1–4 and §7),
/// plus the member-name tags the reference writer emits. Every byte at or above 0x80 at a token
/// position is a tag; bytes below 0x80 belong to the JSON text lexer.
/// </summary>
public static class JsonBTag
{
    // Table 1. The low two bits select the width of the length field: 1, 2, 4 or 8 bytes.
    public const byte StringTerm = 0x80;
    public const byte StringChunk = 0x84;
    public const byte DataTerm = 0x88;
    public const byte DataChunk = 0x8C;

    // Table 2 and Table 4 (JSON-D) floats; the value is a fixed number of big-endian bytes.
    public const byte Binary16 = 0x90;
    public const byte Binary32 = 0x91;
    public const byte Binary64 = 0x92;
    public const byte Binary128 = 0x94;
    public const byte Intel80 = 0x95;
    public const byte Decimal32 = 0x96;
    public const byte Decimal64 = 0x97;
    public const byte Decimal128 = 0x98;

    // Table 2: integers as a big-endian magnitude; A0–A3 positive, A8–AB negative, width 1/2/4/8.
    public const byte PositiveInteger = 0xA0;
    public const byte NegativeInteger = 0xA8;
    /// <summary>JSON-D ±int128: 16 fixed bytes.</summary>
    public const byte PositiveInt128 = 0xA4;
    public const byte NegativeInt128 = 0xAC;
    /// <summary>
    /// Bignum with a 2-byte length, as the §4.1 example and the reference code use it
    /// (Table 2 says A7; the later JSON-D table gives A5 to p-int256; see formats.md §2.2).
    /// </summary>
    public const byte PositiveBignumExample = 0xA5;
    public const byte NegativeBignumExample = 0xAD;
    /// <summary>JSON-D p-int512 (64 fixed bytes), the only table that assigns A6/AE.</summary>
    public const byte PositiveInt512 = 0xA6;
    public const byte NegativeInt512 = 0xAE;
    /// <summary>Bignum with a 2-byte length, as Table 2 assigns it.</summary>
    public const byte PositiveBignum16 = 0xA7;
    public const byte NegativeBignum16 = 0xAF;

    public const byte True = 0xB0;
    public const byte False = 0xB1;
    public const byte Null = 0xB2;

    /// <summary>
    /// The reference JsonBWriter's member-name tag (B4–B7 + 1/2/4/8-byte length + UTF-8).
    /// It is in no draft; readers accept it at a name position only.
    /// </summary>
    public const byte ReferenceName = 0xB4;

    // Table 3 (JSON-C). The low two bits select a 1, 2 or 4 byte code (3 is unassigned).
    public const byte CodeReference = 0xC0;
    public const byte CodeDefinition = 0xC4;
    public const byte CodeReferenceAndDefinition = 0xC8;
    public const byte DictionaryDefinition = 0xCC;
    public const byte DictionaryHash = 0xD0;

    // §7 framing: records F0–F3, bidirectional frames F4–F7, F8–FF reserved.
    public const byte Record = 0xF0;
    public const byte Frame = 0xF4;

    /// <summary>Width in bytes selected by the two low bits of a length-carrying tag: 1, 2, 4, 8.</summary>
    public static int LengthWidth(byte tag) => 1 << (tag & 0x03);

    /// <summary>Width in bytes of a JSON-C code (1, 2, 4); -1 for the unassigned fourth slot.</summary>
    public static int CodeWidth(byte tag) => (tag & 0x03) switch { 0 => 1, 1 => 2, 2 => 4, _ => -1 };

    /// <summary>True for F0–F7: valid only as DARE/JBCD framing, never inside a value.</summary>
    public static bool IsFrameTag(byte b) => b is >= 0xF0 and <= 0xF7;

    /// <summary>True for F8–FF, reserved by §7.</summary>
    public static bool IsReserved(byte b) => b >= 0xF8;
}
