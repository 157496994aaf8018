using System.Buffers;
using System.Runtime.CompilerServices;

namespace MeshConformance.Dare.Model;

/// <summary>What the next JSON value starts with, as far as <see cref="GoedelJsonCursor"/> tells them apart.</summary>
internal enum GoedelValueKind
{
    Other,
    String,
    Number,
    True,
    False,
    Null,
    Object,
    Array,
}

/// <summary>
/// A token cursor over the subset of JSON text the Goedel writer emits for DARE headers: RFC 8259 whitespace,
/// strings of printable ASCII without escapes (raw CR/LF allowed: the reference wraps base64 that way),
/// integers of at most 18 digits, and the three literals. Every method returns false on anything outside that
/// subset; the cursor is then abandoned and the caller hands the record to the full JSON-B parser.
/// </summary>
internal ref struct GoedelJsonCursor(ReadOnlySpan<byte> data)
{
    /// <summary>Longest integer read here: 18 digits always fit a long, so no overflow case can differ from the full parser.</summary>
    private const int MaxIntegerDigits = 18;

    /// <summary>Bytes a string may hold on the fast path. Tabs and other controls are errors for the full parser; non-ASCII needs UTF-8 checks.</summary>
    private static readonly SearchValues<byte> PlainStringBytes = SearchValues.Create(PlainStringByteTable());

    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    /// <summary>RFC 8259 whitespace: space, tab, line feed, carriage return.</summary>
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\n\r"u8);

    /// <summary>
    /// Every token read starts here, so the common case (the next byte is no whitespace: every byte above ' ' is not)
    /// is inlined; a run — the Goedel writer's newline and indentation — is skipped by a vectorised search.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SkipWhitespace()
    {
        if ((uint)position < (uint)data.Length && data[position] <= ' ') SkipWhitespaceRun();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SkipWhitespaceRun()
    {
        var run = data[position..].IndexOfAnyExcept(Whitespace);
        position = run < 0 ? data.Length : position + run;
    }

    /// <summary>True when only whitespace is left.</summary>
    public bool AtEnd()
    {
        SkipWhitespace();
        return position == data.Length;
    }

    public bool TryConsume(byte expected)
    {
        SkipWhitespace();
        if (position >= data.Length || data[position] != expected) return false;
        position++;
        return true;
    }

    public GoedelValueKind PeekValueKind()
    {
        SkipWhitespace();
        if (position >= data.Length) return GoedelValueKind.Other;
        return data[position] switch
        {
            (byte)'"' => GoedelValueKind.String,
            (byte)'-' or (>= (byte)'0' and <= (byte)'9') => GoedelValueKind.Number,
            (byte)'t' => GoedelValueKind.True,
            (byte)'f' => GoedelValueKind.False,
            (byte)'n' => GoedelValueKind.Null,
            (byte)'{' => GoedelValueKind.Object,
            (byte)'[' => GoedelValueKind.Array,
            _ => GoedelValueKind.Other,
        };
    }

    /// <summary>Reads a string; <paramref name="content"/> is the bytes between the quotes.</summary>
    public bool TryReadString(out ReadOnlySpan<byte> content)
    {
        content = default;
        SkipWhitespace();
        if (position >= data.Length || data[position] != '"') return false;
        var rest = data[(position + 1)..];
        var end = rest.IndexOfAnyExcept(PlainStringBytes);
        if (end < 0 || rest[end] != '"') return false;
        content = rest[..end];
        position += end + 2;
        return true;
    }

    /// <summary>Reads an integer in JSON's grammar (no leading zeros); fractions and exponents are left to the full parser.</summary>
    public bool TryReadInteger(out long value)
    {
        value = 0;
        SkipWhitespace();
        var at = position;
        var negative = at < data.Length && data[at] == '-';
        if (negative) at++;
        var digitsStart = at;
        while (at < data.Length && data[at] is >= (byte)'0' and <= (byte)'9')
        {
            value = value * 10 + (data[at] - '0');
            at++;
        }
        var digits = at - digitsStart;
        if (digits == 0 || digits > MaxIntegerDigits) return false;
        if (digits > 1 && data[digitsStart] == '0') return false;
        if (at < data.Length && data[at] is (byte)'.' or (byte)'e' or (byte)'E') return false;
        if (negative) value = -value;
        position = at;
        return true;
    }

    /// <summary>Reads <c>true</c>, <c>false</c> or <c>null</c> exactly.</summary>
    public bool TryReadLiteral(ReadOnlySpan<byte> literal)
    {
        SkipWhitespace();
        if (!data[position..].StartsWith(literal)) return false;
        position += literal.Length;
        return true;
    }

    /// <summary>Reads a boolean, or null (<paramref name="value"/> null).</summary>
    public bool TryReadBoolean(out bool? value)
    {
        value = null;
        switch (PeekValueKind())
        {
            case GoedelValueKind.True: value = true; return TryReadLiteral("true"u8);
            case GoedelValueKind.False: value = false; return TryReadLiteral("false"u8);
            case GoedelValueKind.Null: return TryReadLiteral("null"u8);
            default: return false;
        }
    }

    /// <summary>Reads an integer, or null (<paramref name="value"/> null).</summary>
    public bool TryReadNullableInteger(out long? value)
    {
        value = null;
        switch (PeekValueKind())
        {
            case GoedelValueKind.Number:
                if (!TryReadInteger(out var v)) return false;
                value = v;
                return true;
            case GoedelValueKind.Null: return TryReadLiteral("null"u8);
            default: return false;
        }
    }

    /// <summary>Reads a string, or null (<paramref name="isNull"/> true).</summary>
    public bool TryReadNullableString(out ReadOnlySpan<byte> content, out bool isNull)
    {
        content = default;
        isNull = PeekValueKind() == GoedelValueKind.Null;
        return isNull ? TryReadLiteral("null"u8) : TryReadString(out content);
    }

    /// <summary>Skips a value of a member nobody reads: any scalar of the subset. Objects and arrays are not skipped here.</summary>
    public bool TrySkipScalar() => PeekValueKind() switch
    {
        GoedelValueKind.String => TryReadString(out _),
        GoedelValueKind.Number => TryReadInteger(out _),
        GoedelValueKind.True => TryReadLiteral("true"u8),
        GoedelValueKind.False => TryReadLiteral("false"u8),
        GoedelValueKind.Null => TryReadLiteral("null"u8),
        _ => false,
    };

    /// <summary>
    /// Skips any value of the subset, objects and arrays included, nested at most <paramref name="maxDepth"/> deep
    /// (far below the full parser's limit, so depth can never be the difference). Member names are not checked
    /// for duplicates: only callers whose value the full parser keeps unread (a recipient's <c>epk</c>) use this.
    /// </summary>
    public bool TrySkipValue(int maxDepth)
    {
        var kind = PeekValueKind();
        if (kind is not (GoedelValueKind.Object or GoedelValueKind.Array)) return TrySkipScalar();
        if (maxDepth <= 0) return false;
        var isObject = kind == GoedelValueKind.Object;
        position++;
        if (TryConsume(isObject ? (byte)'}' : (byte)']')) return true;
        while (true)
        {
            if (isObject && (!TryReadString(out _) || !TryConsume((byte)':'))) return false;
            if (!TrySkipValue(maxDepth - 1)) return false;
            if (TryConsume((byte)',')) continue;
            return TryConsume(isObject ? (byte)'}' : (byte)']');
        }
    }

    /// <summary>After an array element: true with <paramref name="more"/> set when a ',' follows, true and not more at ']'.</summary>
    public bool TryEndElement(out bool more)
    {
        more = TryConsume((byte)',');
        return more || TryConsume((byte)']');
    }

    /// <summary>After a member's value: true with <paramref name="more"/> set when a ',' follows, true and not more at '}'.</summary>
    public bool TryEndMember(out bool more)
    {
        more = TryConsume((byte)',');
        return more || TryConsume((byte)'}');
    }

    private static byte[] PlainStringByteTable()
    {
        var bytes = new List<byte> { (byte)'\n', (byte)'\r' };
        for (var b = 0x20; b <= 0x7F; b++)
        {
            if (b is not '"' and not '\\') bytes.Add((byte)b);
        }
        return [.. bytes];
    }
}
