using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace MeshConformance.JsonB;

/// <summary>How a number was written.</summary>
public enum JsonBNumberKind
{
    /// <summary>An integer: a JSON-B integer token (A0–AF) or a JSON text number without fraction or exponent.</summary>
    Integer,
    /// <summary>A binary float token this reader decodes: 90 (binary16), 91 (binary32), 92 (binary64).</summary>
    BinaryFloat,
    /// <summary>A JSON text number with a fraction or exponent; <see cref="JsonBNumber.Text"/> keeps its exact digits.</summary>
    DecimalText,
    /// <summary>A JSON-D float this reader keeps as raw bytes only (94 binary128, 95 Intel80, 96–98 decimal).</summary>
    RawFloat,
}

/// <summary>
/// A number. Integers keep their exact value (any size), binary floats their IEEE value, and text
/// decimals their exact text, so that re-encoding is not lossy. <see cref="Tag"/> is the JSON-B
/// tag it came from (0 for JSON text), so a checker can see which width was used.
/// </summary>
public sealed class JsonBNumber : JsonBValue
{
    private readonly BigInteger _integer;
    private readonly double _double;

    private JsonBNumber(long offset, JsonBNumberKind kind, byte tag, BigInteger integer, double dbl, string? text, byte[]? raw)
        : base(offset)
    {
        Kind = kind;
        Tag = tag;
        _integer = integer;
        _double = dbl;
        Text = text;
        RawBytes = raw;
    }

    public static JsonBNumber FromInteger(BigInteger value, long offset = 0, byte tag = 0) =>
        new(offset, JsonBNumberKind.Integer, tag, value, (double)value, null, null);

    public static JsonBNumber FromDouble(double value, long offset = 0, byte tag = JsonBTag.Binary64) =>
        new(offset, JsonBNumberKind.BinaryFloat, tag, BigInteger.Zero, value, null, null);

    /// <summary>A JSON text number with fraction/exponent; its double value is the nearest binary64.</summary>
    public static JsonBNumber FromDecimalText(string text, long offset = 0) =>
        new(offset, JsonBNumberKind.DecimalText, 0, BigInteger.Zero,
            double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), text, null);

    /// <summary>A JSON text integer too long to convert cheaply; only its text is kept.</summary>
    internal static JsonBNumber FromLongIntegerText(string text, long offset) =>
        new(offset, JsonBNumberKind.DecimalText, 0, BigInteger.Zero, double.NaN, text, null);

    public static JsonBNumber FromRawFloat(byte tag, byte[] raw, long offset = 0) =>
        new(offset, JsonBNumberKind.RawFloat, tag, BigInteger.Zero, double.NaN, null, raw);

    public JsonBNumberKind Kind { get; }

    /// <summary>The JSON-B tag (e.g. 0xA1 for a 16-bit positive integer); 0 for JSON text.</summary>
    public byte Tag { get; }

    /// <summary>The JSON text of the number, when it was JSON text with a fraction or exponent.</summary>
    public string? Text { get; }

    /// <summary>The big-endian value bytes of a <see cref="JsonBNumberKind.RawFloat"/>.</summary>
    public byte[]? RawBytes { get; }

    public bool IsInteger => Kind == JsonBNumberKind.Integer;

    public bool TryGetBigInteger(out BigInteger value)
    {
        value = _integer;
        return Kind == JsonBNumberKind.Integer;
    }

    public bool TryGetInt64(out long value)
    {
        if (Kind == JsonBNumberKind.Integer && _integer >= long.MinValue && _integer <= long.MaxValue)
        {
            value = (long)_integer;
            return true;
        }
        value = 0;
        return false;
    }

    public bool TryGetUInt64(out ulong value)
    {
        if (Kind == JsonBNumberKind.Integer && _integer >= ulong.MinValue && _integer <= ulong.MaxValue)
        {
            value = (ulong)_integer;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>The value as binary64 (rounded for large integers); false for raw JSON-D floats.</summary>
    public bool TryGetDouble(out double value)
    {
        value = _double;
        return Kind != JsonBNumberKind.RawFloat && !double.IsNaN(_double) || Kind == JsonBNumberKind.BinaryFloat;
    }

    public override string ToString() => Kind switch
    {
        JsonBNumberKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        JsonBNumberKind.BinaryFloat => _double.ToString("R", CultureInfo.InvariantCulture),
        JsonBNumberKind.DecimalText => Text!,
        _ => $"raw(0x{Tag:x2}:{Convert.ToHexStringLower(RawBytes!)})",
    };

    [SuppressMessage("Style", "IDE0046")]
    internal static bool IsShortestWidth(BigInteger magnitude, int width)
    {
        if (width == 1) return true;
        var smaller = width / 2;
        return magnitude >= BigInteger.One << (8 * smaller);
    }
}
