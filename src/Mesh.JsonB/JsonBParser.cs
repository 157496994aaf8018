using MeshConformance.Core;

namespace MeshConformance.JsonB;

/// <summary>
/// Builds a <see cref="JsonBValue"/> tree from JSON text, JSON-B/C/D, or a mix. Bad input always
/// ends in a <see cref="MeshFormatException"/> (JSONB-* code, absolute offset). The tree is built
/// with an explicit stack, so nesting is bounded by <see cref="JsonBReaderOptions.MaxDepth"/> and
/// never by the call stack.
/// </summary>
public static class JsonBParser
{
    /// <summary>Parses exactly one value; anything after it is JSONB-TRAILING-DATA.</summary>
    public static JsonBValue Parse(ReadOnlyMemory<byte> data, long baseOffset = 0, JsonBReaderOptions? options = null) =>
        Parse(data, out _, baseOffset, options);

    /// <summary>Parses exactly one value and returns the reader's warnings too.</summary>
    public static JsonBValue Parse(ReadOnlyMemory<byte> data, out IReadOnlyList<JsonBDiagnostic> warnings, long baseOffset = 0, JsonBReaderOptions? options = null)
    {
        var reader = new JsonBReader(data, baseOffset, options);
        reader.Read();
        var value = ReadValue(reader);
        reader.Read(); // checks for trailing data and returns false at the end
        warnings = reader.Warnings;
        return value;
    }

    /// <summary>
    /// Parses a sequence of top-level values with nothing between them but whitespace and JSON-C
    /// definitions, e.g. an EDS (three data tokens with no brackets). JSON-C codes carry over
    /// from one value to the next. An empty input is an empty sequence.
    /// </summary>
    public static IReadOnlyList<JsonBValue> ParseSequence(ReadOnlyMemory<byte> data, long baseOffset = 0, JsonBReaderOptions? options = null) =>
        ParseSequence(data, out _, baseOffset, options);

    public static IReadOnlyList<JsonBValue> ParseSequence(ReadOnlyMemory<byte> data, out IReadOnlyList<JsonBDiagnostic> warnings, long baseOffset = 0, JsonBReaderOptions? options = null)
    {
        var reader = new JsonBReader(data, baseOffset, options, allowMultipleValues: true);
        var values = new List<JsonBValue>();
        while (reader.Read()) values.Add(ReadValue(reader));
        warnings = reader.Warnings;
        return values;
    }

    /// <summary>
    /// Reads the complete value whose first token is the reader's current token (a scalar, or
    /// StartObject/StartArray) and leaves the reader on that value's last token.
    /// </summary>
    public static JsonBValue ReadValue(JsonBReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var open = new Stack<(JsonBValue Container, string? PendingName, long PendingNameOffset)>();
        string? name = null;
        long nameOffset = 0;
        while (true)
        {
            JsonBValue? complete = null;
            switch (reader.TokenType)
            {
                case JsonBTokenType.StartObject:
                    open.Push((new JsonBObject(reader.TokenOffset), name, nameOffset));
                    name = null;
                    break;
                case JsonBTokenType.StartArray:
                    open.Push((new JsonBArray(reader.TokenOffset), name, nameOffset));
                    name = null;
                    break;
                case JsonBTokenType.EndObject:
                case JsonBTokenType.EndArray:
                {
                    var (container, outerName, outerNameOffset) = open.Pop();
                    complete = container;
                    name = outerName;
                    nameOffset = outerNameOffset;
                    break;
                }
                case JsonBTokenType.PropertyName:
                    name = reader.StringValue!;
                    nameOffset = reader.TokenOffset;
                    break;
                case JsonBTokenType.String:
                    complete = new JsonBString(reader.StringValue!, reader.TokenOffset, reader.HasRawLineBreaks, reader.IsBinaryToken);
                    break;
                case JsonBTokenType.Binary:
                    complete = new JsonBBinary(reader.BytesValue!, reader.TokenOffset);
                    break;
                case JsonBTokenType.Number:
                    complete = reader.NumberValue!;
                    break;
                case JsonBTokenType.True:
                case JsonBTokenType.False:
                    complete = new JsonBBoolean(reader.TokenType == JsonBTokenType.True, reader.TokenOffset, reader.IsBinaryToken);
                    break;
                case JsonBTokenType.Null:
                    complete = new JsonBNull(reader.TokenOffset, reader.IsBinaryToken);
                    break;
                default:
                    throw new MeshFormatException(JsonBErrorCodes.Truncated, reader.Position, "no value to read");
            }

            if (complete is not null)
            {
                if (open.Count == 0) return complete;
                switch (open.Peek().Container)
                {
                    case JsonBObject obj:
                        obj.Add(name!, complete, nameOffset);
                        name = null;
                        break;
                    case JsonBArray arr:
                        arr.Add(complete);
                        break;
                }
            }
            reader.Read();
        }
    }
}
