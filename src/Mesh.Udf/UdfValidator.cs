using MeshConformance.Core;

namespace MeshConformance.Udf;

public enum UdfSeverity
{
    Error,
    Warning,
}

/// <summary>One problem found in a UDF text. <paramref name="Offset"/> is a character offset into the text.</summary>
public sealed record UdfFinding(string Code, int Offset, UdfSeverity Severity, string Message)
{
    public override string ToString() => $"{Severity} {Code} at {Offset}: {Message}";
}

/// <summary>What the context of a UDF demands beyond the base rules.</summary>
public sealed record UdfValidationOptions
{
    /// <summary>Lower case becomes an error (udf-10 §6.2: UDFs in URI paths MUST be upper case). Otherwise a warning.</summary>
    public bool RequireUpperCase { get; init; }

    /// <summary>
    /// Precision floor for variable-length UDFs, in bits including the type byte. Default 100
    /// (see <see cref="UdfComparison.DefaultMinimumBits"/>); use 200 for PKIX trust anchors (§5.3.1 MUST).
    /// </summary>
    public int MinimumBits { get; init; } = UdfComparison.DefaultMinimumBits;

    public static UdfValidationOptions Default { get; } = new();
}

/// <summary>
/// Strict check of a UDF text against udf-10 (formats.md §3.7). Unlike <see cref="UDF.Parse"/>
/// it never throws on bad input: every problem is a finding with a code and character offset.
/// </summary>
public static class UdfValidator
{
    /// <summary>More findings than this for bad characters would only repeat themselves.</summary>
    private const int MaximumCharacterFindings = 8;

    public static IReadOnlyList<UdfFinding> Validate(string? text, UdfValidationOptions? options = null)
    {
        options ??= UdfValidationOptions.Default;
        var findings = new List<UdfFinding>();
        if (string.IsNullOrEmpty(text))
        {
            findings.Add(new(UdfCodes.Empty, 0, UdfSeverity.Error, "UDF text is empty"));
            return findings;
        }
        if (text.Length > Base32.MaximumTextLength)
        {
            findings.Add(new(UdfCodes.TooLong, Base32.MaximumTextLength, UdfSeverity.Error,
                $"UDF text is {text.Length} characters; at most {Base32.MaximumTextLength} are accepted"));
            return findings;
        }

        CheckCharacters(text, options, findings);
        if (findings.Any(f => f.Code == UdfCodes.Character)) return findings;

        UdfValue value;
        try
        {
            value = UDF.Parse(text);
        }
        catch (MeshFormatException e)
        {
            findings.Add(new(e.Code, (int)e.Offset, UdfSeverity.Error, e.Message));
            return findings;
        }

        if (!UdfTypes.TryGet(value.TypeByte, out var info))
        {
            findings.Add(new(UdfCodes.TypeUnknown, value.TextOffsetOfBit(0), UdfSeverity.Error,
                $"type byte {value.TypeByte} (0x{value.TypeByte:X2}) is not in the UDF type registry"));
            return findings;
        }

        if (info.Length == UdfLengthKind.Variable) CheckVariable(value, options, findings);
        else CheckFixed(value, findings);
        return findings;
    }

    /// <summary>
    /// Validate an M/K/A UDF against the content it claims to fingerprint: the base checks, then
    /// the prefix rule against the recomputed value, then (M/K) that a compressed type's claim of
    /// 20/30/40/50 trailing zero bits holds for the recomputed TCDV (§5.1.3).
    /// </summary>
    public static IReadOnlyList<UdfFinding> ValidateAgainstContent(string? text, ReadOnlySpan<byte> data, string contentType,
        string? authenticatorKey = null, UdfValidationOptions? options = null)
    {
        var findings = Validate(text, options).ToList();
        if (findings.Any(f => f.Severity == UdfSeverity.Error)) return findings;
        var value = UDF.Parse(text!);
        var info = value.TypeInfo!;
        byte[] expected;
        if (info.IsContentDigest)
        {
            var algorithm = value.TypeByte >= (byte)UdfType.Sha2_512 ? UdfDigestAlgorithm.Sha2_512 : UdfDigestAlgorithm.Sha3_512;
            var tcdv = ContentDigest.TypedContentDigestValue(ContentDigest.ContentDigestValue(data, algorithm), contentType, algorithm);
            if (ContentDigest.TrailingZeroBits(tcdv) < info.ClaimedTrailingZeroBits)
            {
                findings.Add(new(UdfCodes.Compression, value.TextOffsetOfBit(0), UdfSeverity.Error,
                    $"type claims {info.ClaimedTrailingZeroBits} trailing zero bits; the TCDV has {ContentDigest.TrailingZeroBits(tcdv)}"));
            }
            expected = ContentDigest.BinaryFromTcdv(tcdv, algorithm, ContentDigest.DigestCapacityBits);
        }
        else if (info.Type == UdfType.AuthenticatorHmacSha2_512 && authenticatorKey is not null)
        {
            expected = Authenticator.Binary(data, contentType, authenticatorKey, ContentDigest.DigestCapacityBits);
        }
        else
        {
            return findings;
        }
        var full = UDF.Parse(Presentation.Truncated(expected, ContentDigest.DigestCapacityBits));
        if (!UdfComparison.PrefixMatch(value, full, 0))
        {
            findings.Add(new(UdfCodes.DigestMismatch, 0, UdfSeverity.Error, "UDF does not match the value recomputed from the content"));
        }
        return findings;
    }

    private static void CheckCharacters(string text, UdfValidationOptions options, List<UdfFinding> findings)
    {
        var badCharacters = 0;
        var lowerReported = false;
        var dashReported = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            var isDash = ch == '-';
            if (!isDash && Base32.ValueOf(ch) < 0)
            {
                if (badCharacters++ < MaximumCharacterFindings)
                {
                    findings.Add(new(UdfCodes.Character, i, UdfSeverity.Error,
                        $"character U+{(int)ch:X4} is not Base32 (A-Z, 2-7) or '-'"));
                }
            }
            else if (ch is >= 'a' and <= 'z' && !lowerReported)
            {
                lowerReported = true;
                findings.Add(new(UdfCodes.LowerCase, i, options.RequireUpperCase ? UdfSeverity.Error : UdfSeverity.Warning,
                    "lower-case letter: the presentation is upper case (and MUST be in URI paths, §6.2)"));
            }
            // Canonical layout: 4 characters, dash, 4 characters, dash, ... so a dash belongs
            // exactly at offsets 4, 9, 14, ... and never at the end.
            var dashExpected = i % 5 == 4;
            if (!dashReported && (isDash != dashExpected || (isDash && i == text.Length - 1)))
            {
                dashReported = true;
                findings.Add(new(UdfCodes.Dash, i, UdfSeverity.Error, isDash
                    ? "dash out of place: dashes go after every 4 characters, not at the end"
                    : "missing dash: one goes after every 4 characters"));
            }
        }
    }

    private static void CheckVariable(UdfValue value, UdfValidationOptions options, List<UdfFinding> findings)
    {
        var end = value.Text.Length;
        if (value.Bits % 20 != 0)
        {
            findings.Add(new(UdfCodes.Precision, end, UdfSeverity.Error,
                $"{value.Bits} bits of precision is not a multiple of 20 (§3.1): character count must be a multiple of 4"));
        }
        if (value.Bits < options.MinimumBits)
        {
            findings.Add(new(UdfCodes.PrecisionLow, end, UdfSeverity.Error,
                $"{value.Bits} bits of precision is below the minimum of {options.MinimumBits}"));
        }
        if (value.Bits > ContentDigest.DigestCapacityBits)
        {
            findings.Add(new(UdfCodes.PrecisionHigh, value.TextOffsetOfBit(ContentDigest.DigestCapacityBits), UdfSeverity.Error,
                $"{value.Bits} bits is more than a 512-bit value plus the type byte can hold"));
        }
    }

    private static void CheckFixed(UdfValue value, List<UdfFinding> findings)
    {
        var chars = value.DataCharacters;
        var bytes = value.Binary.Length;
        // A fixed-length UDF is its whole binary, so the character count is ceil(8·bytes/5) for
        // the byte count it decodes to; any other count means characters were cut or added.
        if (Base32.CharactersFor(bytes) != chars)
        {
            findings.Add(new(UdfCodes.FixedLength, value.Text.Length, UdfSeverity.Error,
                $"{chars} characters is not the untruncated length of any byte string; fixed-length UDFs MUST NOT be truncated (§3)"));
        }
        else
        {
            var padBits = chars * 5 - bytes * 8;
            var last = Base32.ValueOf(value.Text[value.TextOffsetOfBit((chars - 1) * 5)]);
            if (padBits > 0 && (last & ((1 << padBits) - 1)) != 0)
            {
                findings.Add(new(UdfCodes.PadBits, value.TextOffsetOfBit((chars - 1) * 5), UdfSeverity.Error,
                    $"the last character's {padBits} pad bits are not zero"));
            }
        }

        var bds = value.Bds;
        switch ((UdfType)value.TypeByte)
        {
            case UdfType.ShamirShare:
                if (bds.Length >= 1 && bds[0] >> 4 < 2)
                {
                    findings.Add(new(UdfCodes.ShareThreshold, value.TextOffsetOfBit(8), UdfSeverity.Error,
                        $"share threshold {bds[0] >> 4} is below 2"));
                }
                if (bds.Length < 5 || (bds.Length - 1) % 4 != 0)
                {
                    findings.Add(new(UdfCodes.ShareLength, value.Text.Length, UdfSeverity.Error,
                        $"share value is {Math.Max(0, bds.Length - 1)} bytes; the secret is a non-empty multiple of 32 bits (§4.5)"));
                }
                break;
            case UdfType.KeyDerivationSeed:
                if (bds.Length < 3)
                {
                    findings.Add(new(UdfCodes.KeySpecifier, value.Text.Length, UdfSeverity.Error,
                        "Z-UDF is too short for a key specifier and seed"));
                }
                else if (!UdfKeySpecifier.FromBytes(bds[0], bds[1]).IsKnownAlgorithm)
                {
                    findings.Add(new(UdfCodes.KeySpecifier, value.TextOffsetOfBit(8), UdfSeverity.Error,
                        $"key algorithm code {UdfKeySpecifier.FromBytes(bds[0], bds[1]).AlgorithmCode} is not defined (§4.4)"));
                }
                break;
            case UdfType.Oid:
                if (!IsSingleDerSequence(bds))
                {
                    findings.Add(new(UdfCodes.OidDer, value.TextOffsetOfBit(8), UdfSeverity.Error,
                        "O-UDF data is not a single DER SEQUENCE filling the whole value (§4.2)"));
                }
                break;
        }
    }

    /// <summary>Tag 0x30 and a definite DER length whose header + content is exactly the buffer.</summary>
    private static bool IsSingleDerSequence(ReadOnlySpan<byte> der)
    {
        if (der.Length < 2 || der[0] != 0x30) return false;
        int header, length;
        if (der[1] < 0x80)
        {
            header = 2;
            length = der[1];
        }
        else
        {
            var lengthBytes = der[1] & 0x7F;
            if (lengthBytes is 0 or > 3 || der.Length < 2 + lengthBytes) return false;
            length = 0;
            for (var i = 0; i < lengthBytes; i++) length = (length << 8) | der[2 + i];
            header = 2 + lengthBytes;
        }
        return header + length == der.Length;
    }
}
