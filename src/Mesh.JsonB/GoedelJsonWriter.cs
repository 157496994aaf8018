using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace MeshConformance.JsonB;

/// <summary>
/// The reference implementation's indented JSON text ("Goedel" JSON), byte for byte, because
/// every DARE header and trailer on disk is written this way and the frame lengths depend on
/// each byte (formats.md §1.4):
/// <list type="bullet">
/// <item><c>{</c>; before each member a <c>,</c> (not before the first), then LF, two spaces per
/// open container, <c>"name": </c> and the value; <c>}</c> directly after the last value.</item>
/// <item><c>[</c>; the first item directly after it; each further item after <c>,</c> LF and the
/// indent; <c>]</c> directly after the last item.</item>
/// <item>Binary as unpadded base64url, line-wrapped inside the string (see <c>GoedelJsonWriter.Base64.cs</c>).</item>
/// </list>
/// </summary>
public sealed partial class GoedelJsonWriter
{
    private readonly ArrayBufferWriter<byte> _out = new();

    // One entry per open container: whether it already holds an element.
    private readonly Stack<(bool IsObject, bool HasElement)> _open = new();

    public ReadOnlySpan<byte> WrittenSpan => _out.WrittenSpan;

    /// <summary>The bytes written so far, valid until the next write or <see cref="Reset"/>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _out.WrittenMemory;

    /// <summary>Empties the writer for reuse, keeping its buffer: a writer that emits a header per frame allocates once.</summary>
    public void Reset()
    {
        _out.ResetWrittenCount();
        _open.Clear();
        _base64Column = 0;
    }

    public byte[] ToArray() => _out.WrittenSpan.ToArray();

    public string ToText() => Encoding.UTF8.GetString(_out.WrittenSpan);

    /// <summary>Serializes a tree. Strings are written as strings and binary (JsonBBinary) as wrapped base64url.</summary>
    public static byte[] Serialize(JsonBValue value)
    {
        var writer = new GoedelJsonWriter();
        writer.WriteValue(value);
        return writer.ToArray();
    }

    /// <summary>Writes a tree as an array item or top-level value.</summary>
    public void WriteValue(JsonBValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        BeginItem();
        WriteValueBody(value);
    }

    /// <summary>Writes a tree as the value of member <paramref name="name"/>.</summary>
    public void WriteValue(string name, JsonBValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        BeginMember(name);
        WriteValueBody(value);
    }

    private void WriteValueBody(JsonBValue value)
    {
        switch (value)
        {
            case JsonBObject obj:
                OpenContainer(isObject: true);
                foreach (var m in obj.Members) WriteValue(m.Name, m.Value);
                EndObject();
                break;
            case JsonBArray arr:
                OpenContainer(isObject: false);
                foreach (var item in arr.Items) WriteValue(item);
                EndArray();
                break;
            // A string that arrived line-wrapped was base64 written by this very algorithm:
            // re-wrap it so that parsing and re-serializing a reference header is byte-exact.
            case JsonBString s when s.HasRawLineBreaks && s.TryGetBinary(out var wrappedBytes): PutBinary(wrappedBytes); break;
            case JsonBString s: PutString(s.Value); break;
            case JsonBBinary b: PutBinary(b.Value); break;
            case JsonBBoolean b: PutAscii(b.Value ? "true" : "false"); break;
            case JsonBNull: PutAscii("null"); break;
            case JsonBNumber n: PutAscii(FormatNumber(n)); break;
            default: throw new ArgumentException($"unknown node {value.GetType().Name}", nameof(value));
        }
    }

    private static string FormatNumber(JsonBNumber n)
    {
        if (n.TryGetBigInteger(out var i)) return i.ToString(CultureInfo.InvariantCulture);
        if (n.Kind == JsonBNumberKind.DecimalText) return n.Text!;
        if (n.TryGetDouble(out var d) && double.IsFinite(d)) return d.ToString("R", CultureInfo.InvariantCulture);
        throw new ArgumentException("this number has no JSON text form", nameof(n));
    }

    // ---- structure ----

    /// <summary>Begins an object as an array item or the top-level value.</summary>
    public void BeginObject()
    {
        BeginItem();
        OpenContainer(isObject: true);
    }

    /// <summary>Begins an object as the value of member <paramref name="name"/>.</summary>
    public void BeginObject(string name)
    {
        BeginMember(name);
        OpenContainer(isObject: true);
    }

    public void EndObject() => Close(isObject: true, (byte)'}');

    public void BeginArray()
    {
        BeginItem();
        OpenContainer(isObject: false);
    }

    public void BeginArray(string name)
    {
        BeginMember(name);
        OpenContainer(isObject: false);
    }

    public void EndArray() => Close(isObject: false, (byte)']');

    private void OpenContainer(bool isObject)
    {
        Put(isObject ? (byte)'{' : (byte)'[');
        _open.Push((isObject, false));
    }

    private void Close(bool isObject, byte close)
    {
        if (_open.Count == 0 || _open.Peek().IsObject != isObject)
            throw new InvalidOperationException($"'{(char)close}' does not match the open container");
        _open.Pop();
        // No line break before the close bracket: the reference writes '}' right after the last value.
        Put(close);
    }

    /// <summary>
    /// Before a member: ',' unless first, LF, two spaces per open container, the quoted name and
    /// ": ". The base64 wrap column is set from the name here (and only here).
    /// </summary>
    private void BeginMember(string name)
    {
        if (_open.Count == 0 || !_open.Peek().IsObject) throw new InvalidOperationException("a member needs an open object");
        var (_, has) = _open.Pop();
        _open.Push((true, true));
        if (has) Put((byte)',');
        NewLine();
        PutString(name);
        PutAscii(": ");
        _base64Column = MemberColumn(name);
    }

    /// <summary>Before an array item: nothing for the first, else ',' LF and the indent. Top level: nothing.</summary>
    private void BeginItem()
    {
        if (_open.Count == 0) return;
        if (_open.Peek().IsObject) throw new InvalidOperationException("a value inside an object needs a member name");
        var (_, has) = _open.Pop();
        _open.Push((false, true));
        if (has)
        {
            Put((byte)',');
            NewLine();
        }
    }

    private void NewLine()
    {
        Put((byte)'\n');
        for (var i = 0; i < _open.Count; i++) PutAscii("  ");
    }

    // ---- scalars, member and item forms ----

    public void WriteString(string name, string value) { BeginMember(name); PutString(value); }

    public void WriteString(string value) { BeginItem(); PutString(value); }

    public void WriteInteger(string name, BigInteger value) { BeginMember(name); PutAscii(value.ToString(CultureInfo.InvariantCulture)); }

    /// <summary>The common case (indices, offsets) without a BigInteger or a string.</summary>
    public void WriteInteger(string name, long value)
    {
        BeginMember(name);
        var span = _out.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        _out.Advance(written);
    }

    public void WriteInteger(BigInteger value) { BeginItem(); PutAscii(value.ToString(CultureInfo.InvariantCulture)); }

    public void WriteBoolean(string name, bool value) { BeginMember(name); PutAscii(value ? "true" : "false"); }

    public void WriteBoolean(bool value) { BeginItem(); PutAscii(value ? "true" : "false"); }

    public void WriteNull(string name) { BeginMember(name); PutAscii("null"); }

    public void WriteNull() { BeginItem(); PutAscii("null"); }

    /// <summary>Binary as line-wrapped unpadded base64url; the wrap column comes from this member's name.</summary>
    public void WriteBinary(string name, ReadOnlySpan<byte> value) { BeginMember(name); PutBinary(value); }

    /// <summary>Binary as an array item. The wrap column is NOT reset: it stays as the last member name left it.</summary>
    public void WriteBinary(ReadOnlySpan<byte> value) { BeginItem(); PutBinary(value); }

    /// <summary>DateTime as <c>yyyy-MM-ddTHH:mm:ssZ</c>; 'Z' is literal and the value is not converted to UTC.</summary>
    public void WriteDateTime(string name, DateTime value) { BeginMember(name); PutString(FormatDateTime(value)); }

    public void WriteDateTime(DateTime value) { BeginItem(); PutString(FormatDateTime(value)); }

    public static string FormatDateTime(DateTime value) =>
        value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    // ---- output ----

    /// <summary>
    /// A quoted string escaped as the reference does: <c>\"</c> and <c>\\</c>; characters from
    /// U+0020 up (including DEL and non-ASCII, as UTF-8) as they are; \b \f \n \r; any other
    /// control character as <c>\uXXXX</c> with upper-case hex (so TAB is <c>\u0009</c>).
    /// </summary>
    private void PutString(string value)
    {
        // Most strings (names, UDFs, dates) need no escape: write their UTF-8 straight into the buffer.
        if (value.AsSpan().IndexOfAny(NeedsEscape) < 0)
        {
            Put((byte)'"');
            var span = _out.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
            _out.Advance(Encoding.UTF8.GetBytes(value, span));
            Put((byte)'"');
            return;
        }
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case >= ' ': sb.Append(c); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                default: sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)); break;
            }
        }
        sb.Append('"');
        Put(Encoding.UTF8.GetBytes(sb.ToString()));
    }

    private static readonly System.Buffers.SearchValues<char> NeedsEscape = System.Buffers.SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private void PutAscii(string text)
    {
        var span = _out.GetSpan(text.Length);
        _out.Advance(Encoding.ASCII.GetBytes(text, span));
    }

    private void Put(byte b)
    {
        _out.GetSpan(1)[0] = b;
        _out.Advance(1);
    }

    private void Put(ReadOnlySpan<byte> bytes) => _out.Write(bytes);
}
