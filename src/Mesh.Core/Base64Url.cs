
namespace MeshConformance.Core;

/// <summary>
/// Base64url without padding (RFC 4648 §5), the form every DARE binary field uses.
/// The reference writer line-wraps long values inside JSON strings, so decoding must be able
/// to drop whitespace and say that it did (formats.md §1.4).
/// </summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    /// <summary>Strict decode: only the base64url alphabet, no padding, no whitespace.</summary>
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        foreach (var ch in text)
        {
            if (!IsAlphabet(ch)) return false;
        }
        if (text.Length % 4 == 1) return false;
        try
        {
            bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Decode after removing the whitespace (space, tab, CR, LF) the reference writer inserts.
    /// Any other character outside the alphabet, or padding, makes the value invalid.
    /// </summary>
    public static bool TryDecodeWrapped(string text, out byte[] bytes, out bool hadWhitespace)
    {
        hadWhitespace = false;
        if (text.AsSpan().IndexOfAny(" \t\r\n") < 0) return TryDecode(text, out bytes);
        var compact = new System.Text.StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is ' ' or '\t' or '\r' or '\n') { hadWhitespace = true; continue; }
            compact.Append(ch);
        }
        return TryDecode(compact.ToString(), out bytes);
    }

    public static bool IsAlphabet(char ch) =>
        ch is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_';
}
