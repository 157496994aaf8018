using MeshConformance.Core;

namespace MeshConformance.Udf;

/// <summary>
/// A decoded UDF: the type byte, the Binary Data Sequence recovered from the text, and how many
/// bits of precision the text carried (5 per Base32 character, type byte included — the unit
/// the drafts' "N bit precision" uses).
/// </summary>
public sealed class UdfValue
{
    private readonly int[] positions;

    internal UdfValue(string text, byte[] binary, int[] dataCharacterPositions)
    {
        Text = text;
        Binary = binary;
        positions = dataCharacterPositions;
    }

    /// <summary>
    /// Offset in <see cref="Text"/> of the character that carries binary bit
    /// <paramref name="bit"/> (bit 0 = top bit of the type byte), so binary-level findings can
    /// point at text; the text length when the bit is past the last character.
    /// </summary>
    public int TextOffsetOfBit(int bit)
    {
        var index = bit / 5;
        return index < positions.Length ? positions[index] : Text.Length;
    }

    /// <summary>The text as given.</summary>
    public string Text { get; }

    /// <summary>Type byte followed by every whole byte of the BDS the text carries.</summary>
    public byte[] Binary { get; }

    public byte TypeByte => Binary[0];

    /// <summary>The Binary Data Sequence (everything after the type byte).</summary>
    public ReadOnlySpan<byte> Bds => Binary.AsSpan(1);

    /// <summary>Number of Base32 characters (dashes not counted).</summary>
    public int DataCharacters => positions.Length;

    /// <summary>Precision in bits including the type byte: 5 × characters.</summary>
    public int Bits => DataCharacters * 5;

    public bool IsKnownType => UdfTypes.IsKnown(TypeByte);

    /// <summary>Registry entry, or null for an unknown type byte.</summary>
    public UdfTypeInfo? TypeInfo => UdfTypes.TryGet(TypeByte, out var info) ? info : null;

    /// <summary>First letter of the canonical presentation.</summary>
    public char Initial => Base32.Alphabet[TypeByte >> 3];

    /// <summary>The Base32 characters in upper case without dashes; each is exactly 5 bits of the UDF.</summary>
    public string Compact => string.Concat(positions.Select(i => char.ToUpperInvariant(Text[i])));

    /// <summary>Canonical form: upper case, dash every 4 characters, same number of characters.</summary>
    public string Canonical => Base32.Dash4(Compact);

    /// <summary>Throws UDF-TYPE-MISMATCH unless the type byte is <paramref name="expected"/>.</summary>
    public UdfValue Expect(UdfType expected)
    {
        if (TypeByte != (byte)expected)
        {
            throw new MeshFormatException(UdfCodes.TypeMismatch, 0,
                $"UDF type byte is {TypeByte}, expected {(byte)expected} ({expected})");
        }
        return this;
    }

    public override string ToString() => Text;
}
