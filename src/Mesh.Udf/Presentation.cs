namespace MeshConformance.Udf;

/// <summary>Turning binary UDFs into their text form (udf-10 §3.1).</summary>
public static class Presentation
{
    /// <summary>
    /// Variable-length UDF (A/K/M): the first bits/5 characters, dash every 4.
    /// <paramref name="bits"/> counts the type byte and must be a multiple of 20.
    /// </summary>
    public static string Truncated(ReadOnlySpan<byte> binary, int bits)
    {
        ContentDigest.CheckBits(bits);
        if (bits > binary.Length * 8)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "more bits asked for than the binary UDF holds");
        }
        return Base32.Dash4(Base32.Encode(binary, bits / 5));
    }

    /// <summary>
    /// Fixed-length UDF (E/N/O/S/Z): never truncated, ceil(8·len/5) characters; the last
    /// character carries zero pad bits and the last group may be shorter than 4.
    /// </summary>
    public static string Full(ReadOnlySpan<byte> binary) => Base32.Dash4(Base32.Encode(binary));

    /// <summary>Type byte followed by <paramref name="data"/>, shown in full.</summary>
    public static string Fixed(UdfType type, ReadOnlySpan<byte> data)
    {
        var binary = new byte[data.Length + 1];
        binary[0] = (byte)type;
        data.CopyTo(binary.AsSpan(1));
        return Full(binary);
    }
}
