namespace MeshConformance.JsonB;

/// <summary>A D0 dictionary-hash production as read: the code offset and the fingerprint bytes.</summary>
public readonly record struct JsonBDictionaryHash(uint CodeOffset, byte[] Fingerprint, long Offset);

// JSON-C (jsonbcd §5, Table 3): tag codes that stand for a previously defined string or data value.
public sealed partial class JsonBReader
{
    // One code space for all widths: C0 20 and C1 00 20 both name code 0x20 (§5.1 examples).
    private readonly Dictionary<uint, object> _codes = [];
    private readonly List<JsonBDictionaryHash> _dictionaryHashes = [];

    /// <summary>D0 productions seen so far. The dictionaries they name cannot be fetched here, so they define nothing.</summary>
    public IReadOnlyList<JsonBDictionaryHash> DictionaryHashes => _dictionaryHashes;

    /// <summary>The JSON-C codes defined so far (string or byte[] values).</summary>
    public IReadOnlyDictionary<uint, object> DefinedCodes => _codes;

    private static bool IsDefinitionTag(byte b) =>
        b is >= JsonBTag.CodeDefinition and <= JsonBTag.CodeDefinition + 2
          or >= JsonBTag.DictionaryDefinition and <= JsonBTag.DictionaryDefinition + 2;

    /// <summary>
    /// Consumes a c-def (C4–C6), dictionary definition (CC–CE) or dict-hash (D0) if one stands at
    /// the current position. These produce no value. The grammar puts c-def only before '{' or
    /// '[', but the §5.1 example shows one standing alone, so they are accepted wherever a value
    /// or member may start.
    /// </summary>
    private bool TryReadDefinitionPrelude()
    {
        if (AtEnd) return false;
        var tagIndex = _pos;
        var tag = Data[_pos];
        if (IsDefinitionTag(tag))
        {
            _pos++;
            var code = ReadCode(tagIndex, tag);
            Define(code, ReadDefinedItem(tagIndex), tagIndex);
            return true;
        }
        if (tag == JsonBTag.DictionaryHash)
        {
            _pos++;
            var head = TakeFixed(tagIndex, 5);
            var codeOffset = (uint)(head[0] << 24 | head[1] << 16 | head[2] << 8 | head[3]);
            var length = head[4];
            var index = TakeDeclared(tagIndex, length);
            _dictionaryHashes.Add(new JsonBDictionaryHash(codeOffset, Data.Slice(index, length).ToArray(), Abs(tagIndex)));
            Warn(JsonBErrorCodes.DictionaryUnresolved, tagIndex, "dictionary hash cannot be resolved; its codes stay undefined");
            return true;
        }
        return false;
    }

    /// <summary>Reads a c-tag reference (C0–C2) or reference-and-definition (C8–CA); returns the string or byte[].</summary>
    private object ReadCodeToken()
    {
        var tagIndex = _pos;
        var tag = Data[_pos++];
        var code = ReadCode(tagIndex, tag);
        if (tag >= JsonBTag.CodeReferenceAndDefinition)
        {
            var item = ReadDefinedItem(tagIndex);
            Define(code, item, tagIndex);
            return item;
        }
        if (!_codes.TryGetValue(code, out var value))
            throw Error(JsonBErrorCodes.CodeUndefined, tagIndex, $"JSON-C code 0x{code:x} is used before it is defined");
        return value is byte[] bytes ? bytes.Clone() : value;
    }

    private uint ReadCode(int tagIndex, byte tag)
    {
        var width = JsonBTag.CodeWidth(tag);
        var field = TakeFixed(tagIndex, width);
        uint code = 0;
        foreach (var b in field) code = code << 8 | b;
        return code;
    }

    /// <summary>The value a definition gives its code: a string or data token, or a JSON text string.</summary>
    private object ReadDefinedItem(int tagIndex)
    {
        SkipWhitespace();
        if (AtEnd) throw Error(JsonBErrorCodes.Truncated, tagIndex, "JSON-C definition without a value");
        var b = Data[_pos];
        if (b is >= 0x80 and <= 0x8F) return ReadChunkedValue(expectString: null);
        if (b == '"')
        {
            if (_options.Profile == JsonBProfile.B0) throw Error(JsonBErrorCodes.TextInB0, _pos, "JSON text string in JSON-B0");
            return ReadTextString(out _);
        }
        throw Error(JsonBErrorCodes.CodeDefinition, _pos, "a JSON-C code can only stand for a string or data value");
    }

    private void Define(uint code, object value, int tagIndex)
    {
        if (_codes.ContainsKey(code))
            Warn(JsonBErrorCodes.CodeRedefined, tagIndex, $"JSON-C code 0x{code:x} defined again; the new value replaces the old");
        _codes[code] = value;
    }
}
