using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace MeshConformance.JsonB;

/// <summary>
/// Writes JSON-B tokens (draft form, not the reference writer's deviations): 80–8F strings and
/// data with big-endian lengths, A0–AF integers, 0x92 floats, B0–B2, and the ASCII structure
/// bytes. Member names are written as 80-tag b-strings, which the grammar follows with no
/// colon. A comma is written only where the grammar needs one: between two elements when the
/// first ended in JSON text ('}' or ']'). JSON-C productions are written by explicit calls.
/// </summary>
/// <remarks>Split by concern: <c>JsonBWriter.Compression.cs</c> holds the JSON-C calls.</remarks>
public sealed partial class JsonBWriter
{
    private readonly ArrayBufferWriter<byte> _out = new();

    // Per open container: has it an element, and did the last one end in JSON text?
    private readonly Stack<(bool IsObject, bool HasElement, bool LastWasText)> _open = new();

    public ReadOnlySpan<byte> WrittenSpan => _out.WrittenSpan;

    public byte[] ToArray() => _out.WrittenSpan.ToArray();

    /// <summary>Encodes a whole tree (integers at their narrowest width, floats as 0x92).</summary>
    public static byte[] Serialize(JsonBValue value)
    {
        var writer = new JsonBWriter();
        writer.WriteValue(value);
        return writer.ToArray();
    }

    public void WriteValue(JsonBValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value)
        {
            case JsonBObject obj:
                BeginObject();
                foreach (var m in obj.Members)
                {
                    WritePropertyName(m.Name);
                    WriteValue(m.Value);
                }
                EndObject();
                break;
            case JsonBArray arr:
                BeginArray();
                foreach (var item in arr.Items) WriteValue(item);
                EndArray();
                break;
            case JsonBString s: WriteString(s.Value); break;
            case JsonBBinary b: WriteBinary(b.Value); break;
            case JsonBBoolean b: WriteBoolean(b.Value); break;
            case JsonBNull: WriteNull(); break;
            case JsonBNumber n: WriteNumber(n); break;
            default: throw new ArgumentException($"unknown node {value.GetType().Name}", nameof(value));
        }
    }

    private void WriteNumber(JsonBNumber n)
    {
        switch (n.Kind)
        {
            case JsonBNumberKind.Integer:
                n.TryGetBigInteger(out var i);
                WriteInteger(i);
                break;
            case JsonBNumberKind.RawFloat:
                BeginElement(isText: false);
                Put(n.Tag);
                Put(n.RawBytes!);
                break;
            default:
                n.TryGetDouble(out var d);
                WriteDouble(d);
                break;
        }
    }

    // ---- structure ----

    public void BeginObject()
    {
        BeginElement(isText: true);
        Put((byte)'{');
        _open.Push((true, false, false));
    }

    public void EndObject() => End(true, (byte)'}');

    public void BeginArray()
    {
        BeginElement(isText: true);
        Put((byte)'[');
        _open.Push((false, false, false));
    }

    public void EndArray() => End(false, (byte)']');

    private void End(bool isObject, byte close)
    {
        if (_open.Count == 0 || _open.Peek().IsObject != isObject)
            throw new InvalidOperationException($"'{(char)close}' does not match the open container");
        _open.Pop();
        Put(close);
    }

    /// <summary>Writes a member name as a b-string (80–83 tag), which the grammar follows with no colon.</summary>
    public void WritePropertyName(string name, int lengthWidth = 0)
    {
        BeginMemberName();
        WriteStringToken(JsonBTag.StringTerm, Encoding.UTF8.GetBytes(name), lengthWidth);
    }

    /// <summary>Writes a member name with the reference writer's B4–B7 tag (not in any draft; for reader tests).</summary>
    public void WriteReferencePropertyName(string name, int lengthWidth = 0)
    {
        BeginMemberName();
        WriteStringToken(JsonBTag.ReferenceName, Encoding.UTF8.GetBytes(name), lengthWidth);
    }

    private void BeginMemberName()
    {
        if (_open.Count == 0 || !_open.Peek().IsObject) throw new InvalidOperationException("a member name needs an open object");
        var (_, has, lastText) = _open.Pop();
        if (has && lastText) Put((byte)',');
        // The value that follows decides LastWasText; mark the member as started.
        _open.Push((true, true, false));
        _nameWritten = true;
    }

    private bool _nameWritten;

    /// <summary>Called before every value: writes the comma the grammar needs and records the element kind.</summary>
    private void BeginElement(bool isText)
    {
        if (_open.Count == 0) return;
        var (isObject, has, lastText) = _open.Pop();
        if (isObject)
        {
            if (!_nameWritten) throw new InvalidOperationException("a value inside an object needs a member name first");
            _nameWritten = false;
            _open.Push((true, true, isText));
            return;
        }
        if (has && lastText) Put((byte)',');
        _open.Push((false, true, isText));
    }

    // ---- scalars ----

    /// <summary>
    /// Writes an integer. <paramref name="width"/> 0 picks the narrowest of 1/2/4/8 bytes (what the
    /// reference writer does), then int128 (A4/AC), then a bignum; 1, 2, 4, 8 or 16 forces a width.
    /// </summary>
    public void WriteInteger(BigInteger value, int width = 0)
    {
        var negative = value.Sign < 0;
        var magnitude = BigInteger.Abs(value);
        var size = magnitude.IsZero ? 1 : magnitude.GetByteCount(isUnsigned: true);
        if (width == 0)
        {
            width = size switch { 1 => 1, 2 => 2, <= 4 => 4, <= 8 => 8, <= 16 => 16, _ => -1 };
            if (width < 0)
            {
                WriteBignum(value);
                return;
            }
        }
        if (width is not (1 or 2 or 4 or 8 or 16)) throw new ArgumentOutOfRangeException(nameof(width), "1, 2, 4, 8 or 16");
        if (size > width) throw new ArgumentOutOfRangeException(nameof(value), $"{value} does not fit in {width} bytes");

        BeginElement(isText: false);
        var baseTag = negative ? JsonBTag.NegativeInteger : JsonBTag.PositiveInteger;
        Put(width == 16 ? (byte)(baseTag + 4) : (byte)(baseTag + BitOperations.Log2((uint)width)));
        PutMagnitude(magnitude, width);
    }

    /// <summary>
    /// Writes a bignum: tag, 16-bit length, big-endian magnitude. The default tag A5/AD is the one
    /// the §4.1 example and the reference code use; pass 0xA7 for Table 2's p-bignum16 (A7/AF).
    /// </summary>
    public void WriteBignum(BigInteger value, byte positiveTag = JsonBTag.PositiveBignumExample)
    {
        if (positiveTag is not (JsonBTag.PositiveBignumExample or JsonBTag.PositiveBignum16))
            throw new ArgumentOutOfRangeException(nameof(positiveTag), "0xA5 or 0xA7");
        var magnitude = BigInteger.Abs(value);
        var size = magnitude.IsZero ? 1 : magnitude.GetByteCount(isUnsigned: true);
        if (size > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(value), "a bignum16 holds at most 65535 bytes");
        BeginElement(isText: false);
        Put(value.Sign < 0 ? (byte)(positiveTag + 8) : positiveTag);
        PutBigEndian((ulong)size, 2);
        PutMagnitude(magnitude, size);
    }

    /// <summary>Writes an IEEE-754 binary64 as 0x92 + 8 big-endian bytes (the draft; the reference writes decimal text).</summary>
    public void WriteDouble(double value)
    {
        BeginElement(isText: false);
        Put(JsonBTag.Binary64);
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(b, value);
        Put(b);
    }

    /// <summary>Writes a binary32 as 0x91 + 4 bytes (JSON-D).</summary>
    public void WriteSingle(float value)
    {
        BeginElement(isText: false);
        Put(JsonBTag.Binary32);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteSingleBigEndian(b, value);
        Put(b);
    }

    /// <summary>Writes a binary16 as 0x90 + 2 bytes (JSON-D).</summary>
    public void WriteHalf(Half value)
    {
        BeginElement(isText: false);
        Put(JsonBTag.Binary16);
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteHalfBigEndian(b, value);
        Put(b);
    }

    public void WriteBoolean(bool value)
    {
        BeginElement(isText: false);
        Put(value ? JsonBTag.True : JsonBTag.False);
    }

    public void WriteNull()
    {
        BeginElement(isText: false);
        Put(JsonBTag.Null);
    }

    /// <summary>Writes a string as one terminal chunk (80–83). <paramref name="lengthWidth"/> 0 = narrowest, else 1/2/4/8.</summary>
    public void WriteString(string value, int lengthWidth = 0)
    {
        BeginElement(isText: false);
        WriteStringToken(JsonBTag.StringTerm, Encoding.UTF8.GetBytes(value), lengthWidth);
    }

    /// <summary>Writes binary data as one terminal chunk (88–8B).</summary>
    public void WriteBinary(ReadOnlySpan<byte> value, int lengthWidth = 0)
    {
        BeginElement(isText: false);
        WriteStringToken(JsonBTag.DataTerm, value, lengthWidth);
    }

    /// <summary>
    /// Writes one chunk of a chunked string (UTF-8 bytes): 84–87 when not final, 80–83 when final.
    /// Call with <paramref name="isFinal"/> false for every chunk but the last.
    /// </summary>
    public void WriteStringChunk(ReadOnlySpan<byte> utf8, bool isFinal, int lengthWidth = 0) =>
        WriteChunk(isFinal ? JsonBTag.StringTerm : JsonBTag.StringChunk, utf8, isFinal, lengthWidth);

    /// <summary>Writes one chunk of chunked binary data: 8C–8F when not final, 88–8B when final.</summary>
    public void WriteBinaryChunk(ReadOnlySpan<byte> data, bool isFinal, int lengthWidth = 0) =>
        WriteChunk(isFinal ? JsonBTag.DataTerm : JsonBTag.DataChunk, data, isFinal, lengthWidth);

    private bool _inChunks;

    private void WriteChunk(byte baseTag, ReadOnlySpan<byte> data, bool isFinal, int lengthWidth)
    {
        // The whole chunk sequence is one element: only the first chunk opens it.
        if (!_inChunks) BeginElement(isText: false);
        _inChunks = !isFinal;
        WriteStringToken(baseTag, data, lengthWidth);
    }

    /// <summary>Tag + length + bytes; the tag's low two bits give the length width.</summary>
    private void WriteStringToken(byte baseTag, ReadOnlySpan<byte> data, int lengthWidth)
    {
        var length = (ulong)data.Length;
        if (lengthWidth == 0) lengthWidth = length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x1_0000_0000 ? 4 : 8;
        if (lengthWidth is not (1 or 2 or 4 or 8)) throw new ArgumentOutOfRangeException(nameof(lengthWidth), "1, 2, 4 or 8");
        if (lengthWidth < 8 && length >> (8 * lengthWidth) != 0) throw new ArgumentOutOfRangeException(nameof(lengthWidth), "length does not fit");
        Put((byte)(baseTag + BitOperations.Log2((uint)lengthWidth)));
        PutBigEndian(length, lengthWidth);
        Put(data);
    }

    // ---- raw output ----

    private void Put(byte b) => _out.Write([b]);

    private void Put(ReadOnlySpan<byte> bytes) => _out.Write(bytes);

    private void PutBigEndian(ulong value, int width)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, value);
        Put(b[(8 - width)..]);
    }

    private void PutMagnitude(BigInteger magnitude, int width)
    {
        var bytes = magnitude.IsZero ? [0] : magnitude.ToByteArray(isUnsigned: true, isBigEndian: true);
        for (var i = bytes.Length; i < width; i++) Put(0);
        Put(bytes);
    }
}
