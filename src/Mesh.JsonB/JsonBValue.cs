using System.Diagnostics.CodeAnalysis;
using MeshConformance.Core;

namespace MeshConformance.JsonB;

/// <summary>
/// A node of a parsed JSON / JSON-B / JSON-C document. Each node remembers the absolute byte
/// offset of its first byte so that a checker can point at the exact place in a file.
/// </summary>
public abstract class JsonBValue
{
    protected JsonBValue(long offset) => Offset = offset;

    /// <summary>Absolute byte offset of the value's first byte (its tag, quote, digit or bracket).</summary>
    public long Offset { get; }

    /// <summary>
    /// Binary content of the value: the bytes of a JSON-B data token, or the base64url decoding of
    /// a string (after dropping the whitespace the reference writer inserts).
    /// </summary>
    /// <param name="wrapped">True when the string contained whitespace (reference line-wrapping).</param>
    public virtual bool TryGetBytes([NotNullWhen(true)] out byte[]? bytes, out bool wrapped)
    {
        bytes = null;
        wrapped = false;
        return false;
    }

    /// <summary>The string content when this is a <see cref="JsonBString"/>, else null.</summary>
    public string? AsString() => (this as JsonBString)?.Value;
}

/// <summary>A member of an object: its name, value, and the offset of the name token.</summary>
public readonly record struct JsonBMember(string Name, JsonBValue Value, long NameOffset);

/// <summary>An object. Members keep their order; duplicate names are kept (the first one wins on lookup).</summary>
public sealed class JsonBObject : JsonBValue
{
    private readonly List<JsonBMember> _members = [];

    public JsonBObject(long offset = 0) : base(offset) { }

    public JsonBObject(IEnumerable<JsonBMember> members, long offset = 0) : base(offset) => _members.AddRange(members);

    public IReadOnlyList<JsonBMember> Members => _members;

    /// <summary>The value of the first member named <paramref name="name"/>, or null.</summary>
    public JsonBValue? this[string name] => TryGetValue(name, out var v) ? v : null;

    public bool TryGetValue(string name, [NotNullWhen(true)] out JsonBValue? value)
    {
        foreach (var m in _members)
        {
            if (m.Name == name) { value = m.Value; return true; }
        }
        value = null;
        return false;
    }

    /// <summary>Appends a member (offset 0: built in memory) and returns this object for chaining.</summary>
    public JsonBObject Add(string name, JsonBValue value, long nameOffset = 0)
    {
        _members.Add(new JsonBMember(name, value, nameOffset));
        return this;
    }

    /// <summary>Names that occur more than once (RFC 8259 says names SHOULD be unique).</summary>
    public IEnumerable<string> DuplicateNames =>
        _members.GroupBy(m => m.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
}

/// <summary>An array.</summary>
public sealed class JsonBArray : JsonBValue
{
    private readonly List<JsonBValue> _items = [];

    public JsonBArray(long offset = 0) : base(offset) { }

    public JsonBArray(IEnumerable<JsonBValue> items, long offset = 0) : base(offset) => _items.AddRange(items);

    public IReadOnlyList<JsonBValue> Items => _items;

    public JsonBArray Add(JsonBValue item)
    {
        _items.Add(item);
        return this;
    }
}

/// <summary>A string: a JSON text string, a JSON-B string token (80–87), or a JSON-C code resolving to one.</summary>
public sealed class JsonBString : JsonBValue
{
    public JsonBString(string value, long offset = 0, bool hasRawLineBreaks = false, bool isBinaryToken = false)
        : base(offset)
    {
        Value = value;
        HasRawLineBreaks = hasRawLineBreaks;
        IsBinaryToken = isBinaryToken;
    }

    public string Value { get; }

    /// <summary>
    /// True when the JSON text string held a raw LF or CR: the reference writer's line-wrapped
    /// base64 (formats.md §1.4). Not valid RFC 8259, but present in every long DARE header field.
    /// </summary>
    public bool HasRawLineBreaks { get; }

    /// <summary>True when the string came from a JSON-B token rather than JSON text.</summary>
    public bool IsBinaryToken { get; }

    /// <summary>Base64url decoding of the value after dropping whitespace; false if not base64url.</summary>
    public bool TryGetBinary([NotNullWhen(true)] out byte[]? bytes) => TryGetBytes(out bytes, out _);

    public override bool TryGetBytes([NotNullWhen(true)] out byte[]? bytes, out bool wrapped)
    {
        if (Base64Url.TryDecodeWrapped(Value, out var decoded, out wrapped))
        {
            bytes = decoded;
            return true;
        }
        bytes = null;
        return false;
    }

    public override string ToString() => Value;
}

/// <summary>Binary data from JSON-B data tokens (88–8F), all chunks concatenated.</summary>
public sealed class JsonBBinary : JsonBValue
{
    public JsonBBinary(byte[] value, long offset = 0) : base(offset) => Value = value;

    public byte[] Value { get; }

    public override bool TryGetBytes([NotNullWhen(true)] out byte[]? bytes, out bool wrapped)
    {
        bytes = Value;
        wrapped = false;
        return true;
    }

    public override string ToString() => Hex.Encode(Value);
}

public sealed class JsonBBoolean : JsonBValue
{
    public JsonBBoolean(bool value, long offset = 0, bool isBinaryToken = false) : base(offset)
    {
        Value = value;
        IsBinaryToken = isBinaryToken;
    }

    public bool Value { get; }

    public bool IsBinaryToken { get; }

    public override string ToString() => Value ? "true" : "false";
}

public sealed class JsonBNull : JsonBValue
{
    public JsonBNull(long offset = 0, bool isBinaryToken = false) : base(offset) => IsBinaryToken = isBinaryToken;

    public bool IsBinaryToken { get; }

    public override string ToString() => "null";
}
