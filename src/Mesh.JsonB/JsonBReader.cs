using System.Numerics;
using MeshConformance.Core;

namespace MeshConformance.JsonB;

/// <summary>What <see cref="JsonBReader.Read"/> just read.</summary>
public enum JsonBTokenType
{
    None,
    StartObject,
    EndObject,
    StartArray,
    EndArray,
    PropertyName,
    String,
    Binary,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// Forward-only pull reader for JSON text, JSON-B/C/D tokens, or any mix of them (JSON-B1/C1).
/// It checks the structure itself (brackets, names, separators, depth), resolves JSON-C codes,
/// and reports every problem as a <see cref="MeshFormatException"/> with a JSONB-* code and the
/// absolute byte offset (base offset + index). Declared lengths are checked against the bytes
/// actually present before anything is allocated.
/// </summary>
/// <remarks>
/// Split by concern: this file holds the structure state machine; <c>JsonBReader.Binary.cs</c>
/// the tag-length tokens; <c>JsonBReader.Text.cs</c> the JSON text lexer;
/// <c>JsonBReader.Compression.cs</c> the JSON-C code table.
/// </remarks>
public sealed partial class JsonBReader
{
    /// <summary>One open object or array and where its element boundary logic stands.</summary>
    private sealed class Container(bool isObject, int offset)
    {
        public readonly bool IsObject = isObject;
        public readonly int Offset = offset;
        public int Count;
        public bool AfterSeparator;
        public bool LastWasText;
        public bool ExpectValue;
    }

    private readonly ReadOnlyMemory<byte> _memory;
    private readonly long _baseOffset;
    private readonly JsonBReaderOptions _options;
    private readonly bool _allowMultipleValues;
    private readonly List<Container> _stack = [];
    private readonly List<JsonBDiagnostic> _warnings = [];
    private int _pos;
    private int _topLevelCount;

    /// <param name="data">The bytes to read (e.g. one DARE record).</param>
    /// <param name="baseOffset">Absolute offset of <paramref name="data"/>[0] in the file, for diagnostics.</param>
    /// <param name="options">Reader options; <see cref="JsonBReaderOptions.Default"/> when null.</param>
    /// <param name="allowMultipleValues">
    /// Read a sequence of top-level values (as in an EDS, which is three data tokens with no
    /// brackets) instead of exactly one value.
    /// </param>
    public JsonBReader(ReadOnlyMemory<byte> data, long baseOffset = 0, JsonBReaderOptions? options = null, bool allowMultipleValues = false)
    {
        _memory = data;
        _baseOffset = baseOffset;
        _options = options ?? JsonBReaderOptions.Default;
        _allowMultipleValues = allowMultipleValues;
    }

    private ReadOnlySpan<byte> Data => _memory.Span;

    private bool AtEnd => _pos >= _memory.Length;

    public JsonBTokenType TokenType { get; private set; }

    /// <summary>Absolute offset of the current token's first byte.</summary>
    public long TokenOffset { get; private set; }

    /// <summary>Absolute offset of the next unread byte.</summary>
    public long Position => _baseOffset + _pos;

    /// <summary>Number of objects/arrays open after the current token.</summary>
    public int CurrentDepth => _stack.Count;

    /// <summary>Name (PropertyName) or value (String) of the current token.</summary>
    public string? StringValue { get; private set; }

    /// <summary>Bytes of the current Binary token.</summary>
    public byte[]? BytesValue { get; private set; }

    /// <summary>The current Number token.</summary>
    public JsonBNumber? NumberValue { get; private set; }

    /// <summary>The current String token was JSON text holding raw LF/CR (reference base64 wrapping).</summary>
    public bool HasRawLineBreaks { get; private set; }

    /// <summary>The current token was a binary (≥ 0x80) token rather than JSON text.</summary>
    public bool IsBinaryToken { get; private set; }

    /// <summary>Non-fatal findings so far (non-JSON whitespace, over-wide integers, …).</summary>
    public IReadOnlyList<JsonBDiagnostic> Warnings => _warnings;

    /// <summary>Absolute offset of index <paramref name="index"/> of the buffer.</summary>
    private long Abs(int index) => _baseOffset + index;

    private MeshFormatException Error(string code, int index, string message) => new(code, Abs(index), message);

    private void Warn(string code, int index, string message) => _warnings.Add(new JsonBDiagnostic(code, Abs(index), message));

    /// <summary>
    /// Advances to the next token. Returns false at the end of the input once the top-level
    /// value (or, with multiple values allowed, every value) is complete.
    /// </summary>
    public bool Read()
    {
        ResetToken();
        while (true)
        {
            SkipWhitespace();
            if (_stack.Count == 0)
            {
                if (AtEnd)
                {
                    if (!_allowMultipleValues && _topLevelCount == 0)
                        throw Error(JsonBErrorCodes.Truncated, _pos, "the input holds no value");
                    TokenType = JsonBTokenType.None;
                    return false;
                }
                if (!_allowMultipleValues && _topLevelCount > 0)
                    throw Error(JsonBErrorCodes.TrailingData, _pos, "data after the end of the top-level value");
                if (TryReadDefinitionPrelude()) continue;
                ReadValueToken();
                return true;
            }

            var top = _stack[^1];
            if (AtEnd)
            {
                throw Error(JsonBErrorCodes.Truncated, top.Offset,
                    top.IsObject ? "object is not closed before the end of the input" : "array is not closed before the end of the input");
            }

            if (top.IsObject && top.ExpectValue)
            {
                if (TryReadDefinitionPrelude()) continue;
                ReadValueToken();
                return true;
            }

            // At an element boundary: a close bracket, a separator, or the next member/item.
            var b = Data[_pos];
            var close = top.IsObject ? (byte)'}' : (byte)']';
            if (b == close)
            {
                if (top.AfterSeparator) throw Error(JsonBErrorCodes.Syntax, _pos, "a separator ',' is followed by a closing bracket");
                _stack.RemoveAt(_stack.Count - 1);
                SetToken(top.IsObject ? JsonBTokenType.EndObject : JsonBTokenType.EndArray, _pos);
                _pos++;
                CompleteValue(isText: true);
                return true;
            }
            if (b == ',')
            {
                if (top.Count == 0 || top.AfterSeparator) throw Error(JsonBErrorCodes.Syntax, _pos, "unexpected ','");
                if (_options.StrictSeparators && !top.LastWasText)
                    throw Error(JsonBErrorCodes.Syntax, _pos, "',' after an x-value (the grammar has no separator after binary values)");
                top.AfterSeparator = true;
                _pos++;
                continue;
            }
            if (b is (byte)'}' or (byte)']') throw Error(JsonBErrorCodes.Syntax, _pos, $"'{(char)b}' does not match the open {(top.IsObject ? "object" : "array")}");

            if (top.Count > 0 && !top.AfterSeparator && top.LastWasText && (b < 0x80 || _options.StrictSeparators))
                throw Error(JsonBErrorCodes.Syntax, _pos, "expected ',' or a closing bracket after a JSON text value");

            if (TryReadDefinitionPrelude()) continue;
            if (top.IsObject)
            {
                ReadPropertyName();
                top.ExpectValue = true;
            }
            else
            {
                ReadValueToken();
            }
            return true;
        }
    }

    /// <summary>Skips the rest of the current value when positioned on a PropertyName, StartObject or StartArray.</summary>
    public void Skip()
    {
        if (TokenType == JsonBTokenType.PropertyName) Read();
        if (TokenType is JsonBTokenType.StartObject or JsonBTokenType.StartArray)
        {
            var depth = CurrentDepth;
            while (Read() && CurrentDepth >= depth) { }
        }
    }

    private void ResetToken()
    {
        StringValue = null;
        BytesValue = null;
        NumberValue = null;
        HasRawLineBreaks = false;
        IsBinaryToken = false;
    }

    private void SetToken(JsonBTokenType type, int start)
    {
        TokenType = type;
        TokenOffset = Abs(start);
    }

    /// <summary>Called when a complete value (scalar, or a container at its close) has been read.</summary>
    private void CompleteValue(bool isText)
    {
        if (_stack.Count == 0)
        {
            _topLevelCount++;
            return;
        }
        var top = _stack[^1];
        top.Count++;
        top.AfterSeparator = false;
        top.LastWasText = isText;
        top.ExpectValue = false;
    }

    private void Push(bool isObject, int start)
    {
        if (_stack.Count >= _options.MaxDepth)
            throw Error(JsonBErrorCodes.Depth, start, $"nesting deeper than {_options.MaxDepth}");
        _stack.Add(new Container(isObject, start));
        SetToken(isObject ? JsonBTokenType.StartObject : JsonBTokenType.StartArray, start);
        _pos++;
    }

    /// <summary>Reads a member name: JSON string + ':', a b-string, a reference B4 name, or a JSON-C code.</summary>
    private void ReadPropertyName()
    {
        var start = _pos;
        var b = Data[_pos];
        string name;
        if (b == '"')
        {
            if (_options.Profile == JsonBProfile.B0) throw Error(JsonBErrorCodes.TextInB0, start, "JSON text member name in JSON-B0");
            name = ReadTextString(out _);
            SkipWhitespace();
            if (AtEnd) throw Error(JsonBErrorCodes.Truncated, _stack[^1].Offset, "object is not closed before the end of the input");
            if (Data[_pos] != ':') throw Error(JsonBErrorCodes.Syntax, _pos, "expected ':' after a member name");
            _pos++;
        }
        else
        {
            if (b is >= 0x80 and <= 0x87)
            {
                name = (string)ReadChunkedValue(expectString: true);
            }
            else if (b is >= JsonBTag.ReferenceName and <= JsonBTag.ReferenceName + 3)
            {
                name = ReadReferenceName();
            }
            else if (b is >= JsonBTag.CodeReference and <= JsonBTag.CodeReference + 2 or >= JsonBTag.CodeReferenceAndDefinition and <= JsonBTag.CodeReferenceAndDefinition + 2)
            {
                var value = ReadCodeToken();
                name = value as string ?? throw Error(JsonBErrorCodes.UnexpectedTag, start, "a JSON-C code used as a member name stands for binary data, not a string");
            }
            else if (b is >= 0x88 and <= 0x8F)
            {
                throw Error(JsonBErrorCodes.UnexpectedTag, start, $"data token 0x{b:x2} cannot be a member name");
            }
            else
            {
                throw BadByte(start, "a member name");
            }
            // The grammar has no colon after a b-string or c-tag; some writers add one anyway.
            SkipWhitespace();
            if (!AtEnd && Data[_pos] == ':') _pos++;
            IsBinaryToken = true;
        }
        StringValue = name;
        SetToken(JsonBTokenType.PropertyName, start);
    }

    /// <summary>Reads one value token (a scalar, or the opening bracket of a container).</summary>
    private void ReadValueToken()
    {
        var start = _pos;
        var b = Data[_pos];
        switch (b)
        {
            case (byte)'{':
                Push(isObject: true, start);
                return;
            case (byte)'[':
                Push(isObject: false, start);
                return;
            case (byte)'"':
                if (_options.Profile == JsonBProfile.B0) throw Error(JsonBErrorCodes.TextInB0, start, "JSON text string in JSON-B0");
                StringValue = ReadTextString(out var raw);
                HasRawLineBreaks = raw;
                SetToken(JsonBTokenType.String, start);
                CompleteValue(isText: true);
                return;
            case (byte)'-' or (>= (byte)'0' and <= (byte)'9'):
                if (_options.Profile == JsonBProfile.B0) throw Error(JsonBErrorCodes.TextInB0, start, "JSON text number in JSON-B0");
                NumberValue = ReadTextNumber();
                SetToken(JsonBTokenType.Number, start);
                CompleteValue(isText: true);
                return;
            case (byte)'t':
                ReadLiteral("true"u8);
                SetToken(JsonBTokenType.True, start);
                CompleteValue(isText: true);
                return;
            case (byte)'f':
                ReadLiteral("false"u8);
                SetToken(JsonBTokenType.False, start);
                CompleteValue(isText: true);
                return;
            case (byte)'n':
                ReadLiteral("null"u8);
                SetToken(JsonBTokenType.Null, start);
                CompleteValue(isText: true);
                return;
        }

        if (b < 0x80) throw BadByte(start, "a value");
        IsBinaryToken = true;
        if (b <= 0x8F)
        {
            SetStringOrBinary(ReadChunkedValue(expectString: null), start);
        }
        else if (b is >= 0x90 and <= 0x98)
        {
            NumberValue = ReadFloat();
            SetToken(JsonBTokenType.Number, start);
        }
        else if (b is >= 0xA0 and <= 0xAF)
        {
            NumberValue = ReadInteger();
            SetToken(JsonBTokenType.Number, start);
        }
        else if (b is JsonBTag.True or JsonBTag.False or JsonBTag.Null)
        {
            _pos++;
            SetToken(b == JsonBTag.True ? JsonBTokenType.True : b == JsonBTag.False ? JsonBTokenType.False : JsonBTokenType.Null, start);
        }
        else if (b is >= JsonBTag.CodeReference and <= JsonBTag.CodeReference + 2 or >= JsonBTag.CodeReferenceAndDefinition and <= JsonBTag.CodeReferenceAndDefinition + 2)
        {
            SetStringOrBinary(ReadCodeToken(), start);
        }
        else
        {
            throw BadByte(start, "a value");
        }
        CompleteValue(isText: false);
    }

    private void SetStringOrBinary(object value, int start)
    {
        if (value is string s)
        {
            StringValue = s;
            SetToken(JsonBTokenType.String, start);
        }
        else
        {
            BytesValue = (byte[])value;
            SetToken(JsonBTokenType.Binary, start);
        }
    }

    /// <summary>The most specific error for a byte that cannot start what was expected.</summary>
    private MeshFormatException BadByte(int index, string expected)
    {
        var b = Data[index];
        if (b < 0x80)
        {
            var shown = b is >= 0x20 and < 0x7F ? $"'{(char)b}'" : $"0x{b:x2}";
            return Error(JsonBErrorCodes.Syntax, index, $"unexpected {shown} where {expected} was expected");
        }
        if (JsonBTag.IsReserved(b)) return Error(JsonBErrorCodes.ReservedTag, index, $"tag 0x{b:x2} is reserved (jsonbcd §7)");
        if (JsonBTag.IsFrameTag(b)) return Error(JsonBErrorCodes.ReservedTag, index, $"frame/record tag 0x{b:x2} where {expected} was expected");
        if (b is >= JsonBTag.ReferenceName and <= JsonBTag.ReferenceName + 3)
            return Error(JsonBErrorCodes.UnexpectedTag, index, $"member-name tag 0x{b:x2} where {expected} was expected");
        if (IsDefinitionTag(b) || b == JsonBTag.DictionaryHash)
            return Error(JsonBErrorCodes.UnexpectedTag, index, $"JSON-C definition 0x{b:x2} where {expected} was expected");
        if (b is >= 0x80 and <= 0x8F or >= 0x90 and <= 0x98 and not 0x93 or >= 0xA0 and <= 0xAF or JsonBTag.True or JsonBTag.False or JsonBTag.Null)
            return Error(JsonBErrorCodes.UnexpectedTag, index, $"value tag 0x{b:x2} where {expected} was expected");
        return Error(JsonBErrorCodes.UnknownTag, index, $"0x{b:x2} is not a JSON-B/C/D tag");
    }

    private static BigInteger Magnitude(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);
}
