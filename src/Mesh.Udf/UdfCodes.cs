namespace MeshConformance.Udf;

/// <summary>
/// Stable diagnostic codes for UDF problems. Parsing throws MeshFormatException with one of the
/// first group; the validator reports any of them as findings. Offsets are character offsets
/// into the UDF text (binary-level problems point at the character that carries the bad bits).
/// </summary>
public static class UdfCodes
{
    // Text-level: also thrown by UDF.Parse.
    /// <summary>Empty text, or text with no Base32 character (e.g. only dashes).</summary>
    public const string Empty = "UDF-EMPTY";
    /// <summary>Longer than Base32.MaximumTextLength characters.</summary>
    public const string TooLong = "UDF-TOO-LONG";
    /// <summary>A character that is neither Base32 nor '-' (includes non-ASCII, '=', space).</summary>
    public const string Character = "UDF-CHAR";
    /// <summary>Fewer than 2 Base32 characters: not even the type byte is present.</summary>
    public const string TooShort = "UDF-TOO-SHORT";

    // Presentation rules (udf-10 §3.1, §3.5, §6.2): validator only.
    /// <summary>Lower-case letter. Parsing accepts it; URI paths (§6.2) MUST be upper case.</summary>
    public const string LowerCase = "UDF-LOWERCASE";
    /// <summary>Dash missing after a group of 4, or present anywhere else (leading, trailing, doubled).</summary>
    public const string Dash = "UDF-DASH";

    // Binary rules.
    /// <summary>Type byte not in the registry (e.g. udf-13's own "OZHU-..." example, 0x76).</summary>
    public const string TypeUnknown = "UDF-TYPE-UNKNOWN";
    /// <summary>Variable-length type whose precision is not a multiple of 20 bits (§3.1).</summary>
    public const string Precision = "UDF-PRECISION";
    /// <summary>Variable-length type below the minimum precision asked for.</summary>
    public const string PrecisionLow = "UDF-PRECISION-LOW";
    /// <summary>Variable-length type with more bits than the 512-bit digest/MAC (plus type byte) holds.</summary>
    public const string PrecisionHigh = "UDF-PRECISION-HIGH";
    /// <summary>Fixed-length type whose character count is not the untruncated length of any byte string (§3 "MUST not be truncated").</summary>
    public const string FixedLength = "UDF-FIXED-LENGTH";
    /// <summary>Fixed-length type whose last character has non-zero pad bits.</summary>
    public const string PadBits = "UDF-PAD-BITS";
    /// <summary>S-UDF with threshold below 2 (§4.5).</summary>
    public const string ShareThreshold = "UDF-SHARE-THRESHOLD";
    /// <summary>S-UDF whose share value is not a whole number of 32-bit words (§4.5: secret is a multiple of 32 bits).</summary>
    public const string ShareLength = "UDF-SHARE-LENGTH";
    /// <summary>Z-UDF whose key specifier names an unknown algorithm, or that is too short to hold one (§4.4).</summary>
    public const string KeySpecifier = "UDF-KEYSPEC";
    /// <summary>O-UDF whose data is not one DER SEQUENCE filling the whole BDS (§4.2).</summary>
    public const string OidDer = "UDF-OID-DER";
    /// <summary>A typed accessor (share, key seed, ...) was given a UDF of another type.</summary>
    public const string TypeMismatch = "UDF-TYPE-MISMATCH";
    /// <summary>Compressed M/K type whose recomputed TCDV lacks the claimed trailing zero bits (§5.1.3).</summary>
    public const string Compression = "UDF-COMPRESSION";
    /// <summary>M/K/A UDF that is not a prefix of the value recomputed from the content (§5, §5.2).</summary>
    public const string DigestMismatch = "UDF-DIGEST-MISMATCH";
}
