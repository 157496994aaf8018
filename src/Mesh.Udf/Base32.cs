using System.Text;
using MeshConformance.Core;

namespace MeshConformance.Udf;

/// <summary>
/// RFC 4648 §6 Base32 as UDFs use it: upper-case alphabet A–Z2–7, no '=' padding, and the
/// presentation inserts a dash after every 4 characters (udf-10 §3.1, §3.5).
/// Written bit by bit rather than with a library because UDFs truncate at character (5-bit)
/// boundaries that are not byte boundaries, and parsing has to report character offsets.
/// </summary>
public static class Base32
{
    public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>
    /// Upper bound on the input length accepted by <see cref="Decode"/>. No UDF comes near it
    /// (an O-UDF of an RSA-4096 KeyInfo is about 1,100 characters), and a bound keeps hostile
    /// input (a 10 MB "fingerprint") from costing more than a length check.
    /// </summary>
    public const int MaximumTextLength = 4096;

    /// <summary>Value 0..31 of a Base32 character, case-insensitive; -1 when it is not one.</summary>
    public static int ValueOf(char ch) => ch switch
    {
        >= 'A' and <= 'Z' => ch - 'A',
        >= 'a' and <= 'z' => ch - 'a',
        >= '2' and <= '7' => ch - '2' + 26,
        _ => -1,
    };

    /// <summary>Number of characters needed to show <paramref name="byteCount"/> bytes in full: ceil(8n/5).</summary>
    public static int CharactersFor(int byteCount) => (byteCount * 8 + 4) / 5;

    /// <summary>All of <paramref name="data"/> in Base32, without padding or dashes.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => Encode(data, CharactersFor(data.Length));

    /// <summary>
    /// The first <paramref name="characters"/> Base32 characters of <paramref name="data"/>.
    /// Bits past the end of the data are zero (that is how the last character of an
    /// untruncated UDF gets its pad bits).
    /// </summary>
    public static string Encode(ReadOnlySpan<byte> data, int characters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(characters);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(characters, CharactersFor(data.Length));
        var sb = new StringBuilder(characters);
        for (var i = 0; i < characters; i++)
        {
            sb.Append(Alphabet[ReadBits(data, i * 5, 5)]);
        }
        return sb.ToString();
    }

    /// <summary>Insert a dash after every 4 characters ("Dash4" in the reference).</summary>
    public static string Dash4(string compact)
    {
        var sb = new StringBuilder(compact.Length + compact.Length / 4);
        for (var i = 0; i < compact.Length; i++)
        {
            if (i > 0 && i % 4 == 0) sb.Append('-');
            sb.Append(compact[i]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Lenient decode: case-insensitive, dashes ignored wherever they are. Any other character
    /// is an error (the reference silently skips unknown characters; a conformance tool must
    /// not, or "MDDK?7N6A" would be accepted as a fingerprint). Trailing bits that do not fill
    /// a byte are dropped.
    /// </summary>
    /// <returns>The bytes; <paramref name="dataCharacterPositions"/> gives the text offset of each Base32 character.</returns>
    /// <exception cref="MeshFormatException">UDF-EMPTY, UDF-TOO-LONG, UDF-CHAR; offset is the character index.</exception>
    public static byte[] Decode(string text, out int[] dataCharacterPositions)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaximumTextLength)
        {
            throw new MeshFormatException(UdfCodes.TooLong, MaximumTextLength,
                $"UDF text is {text.Length} characters; at most {MaximumTextLength} are accepted");
        }
        var values = new List<int>(text.Length);
        var positions = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '-') continue;
            var v = ValueOf(ch);
            if (v < 0)
            {
                throw new MeshFormatException(UdfCodes.Character, i,
                    $"character U+{(int)ch:X4} at offset {i} is not Base32 (A-Z, 2-7) or '-'");
            }
            values.Add(v);
            positions.Add(i);
        }
        if (values.Count == 0)
        {
            throw new MeshFormatException(UdfCodes.Empty, 0, "UDF text has no Base32 characters");
        }
        dataCharacterPositions = positions.ToArray();
        var bytes = new byte[values.Count * 5 / 8];
        for (var i = 0; i < values.Count; i++)
        {
            WriteBits(bytes, i * 5, values[i]);
        }
        return bytes;
    }

    /// <summary>Read <paramref name="count"/> (≤ 8) bits starting at bit <paramref name="bitOffset"/>, big-endian; bits past the end read as 0.</summary>
    internal static int ReadBits(ReadOnlySpan<byte> data, int bitOffset, int count)
    {
        var value = 0;
        for (var b = 0; b < count; b++)
        {
            var bit = bitOffset + b;
            var byteIndex = bit >> 3;
            var set = byteIndex < data.Length && (data[byteIndex] & (0x80 >> (bit & 7))) != 0;
            value = (value << 1) | (set ? 1 : 0);
        }
        return value;
    }

    /// <summary>Write a 5-bit value at bit <paramref name="bitOffset"/>; bits beyond the buffer are dropped.</summary>
    private static void WriteBits(byte[] bytes, int bitOffset, int value)
    {
        for (var b = 0; b < 5; b++)
        {
            var bit = bitOffset + b;
            var byteIndex = bit >> 3;
            if (byteIndex >= bytes.Length) return;
            if ((value & (0x10 >> b)) != 0) bytes[byteIndex] |= (byte)(0x80 >> (bit & 7));
        }
    }
}
