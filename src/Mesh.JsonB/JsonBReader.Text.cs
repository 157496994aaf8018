using System.Globalization;
using System.Numerics;
using System.Text;

namespace MeshConformance.JsonB;

// The JSON text lexer (RFC 8259): whitespace, strings, numbers and the three literals.
public sealed partial class JsonBReader
{
    /// <summary>JSON text integers longer than this keep only their text (BigInteger parsing is quadratic).</summary>
    private const int MaxIntegerDigits = 4096;

    private void SkipWhitespace()
    {
        var data = Data;
        while (_pos < data.Length)
        {
            var b = data[_pos];
            if (b is 0x20 or 0x09 or 0x0A or 0x0D)
            {
                _pos++;
            }
            else if (b is 0x0C or 0x08 && _options.AllowReferenceWhitespace)
            {
                // The reference reader skips form feed and backspace too; JSON does not.
                Warn(JsonBErrorCodes.NonJsonWhitespace, _pos, $"0x{b:x2} used as whitespace");
                _pos++;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>
    /// Reads a JSON text string starting at its opening quote. Raw bytes must be UTF-8. A raw
    /// LF/CR is accepted (and reported) when <see cref="JsonBReaderOptions.AllowRawLineBreaksInStrings"/>
    /// is set, because the reference writer wraps long base64 values that way.
    /// </summary>
    private string ReadTextString(out bool hasRawLineBreaks)
    {
        var start = _pos;
        hasRawLineBreaks = false;
        var data = Data;
        var text = new StringBuilder();
        _pos++;
        var runStart = _pos;
        while (true)
        {
            if (_pos >= data.Length) throw Error(JsonBErrorCodes.Truncated, start, "string is not closed before the end of the input");
            var b = data[_pos];
            if (b == '"')
            {
                AppendRun(text, runStart, _pos);
                _pos++;
                return text.ToString();
            }
            if (b == '\\')
            {
                AppendRun(text, runStart, _pos);
                ReadEscape(text, start);
                runStart = _pos;
                continue;
            }
            if (b < 0x20)
            {
                if (b is 0x0A or 0x0D)
                {
                    if (!_options.AllowRawLineBreaksInStrings)
                        throw Error(JsonBErrorCodes.RawLineBreak, _pos, "raw line break inside a JSON string");
                    if (!hasRawLineBreaks)
                        Warn(JsonBErrorCodes.RawLineBreakWarning, _pos, "raw line break inside a JSON string (reference base64 wrapping; not RFC 8259)");
                    hasRawLineBreaks = true;
                }
                else
                {
                    throw Error(JsonBErrorCodes.Syntax, _pos, $"unescaped control character 0x{b:x2} in a string");
                }
            }
            _pos++;
        }
    }

    /// <summary>Appends raw string bytes [from, to); a run never splits a UTF-8 sequence since it ends at an ASCII byte.</summary>
    private void AppendRun(StringBuilder text, int from, int to)
    {
        if (to > from) text.Append(DecodeUtf8(Data[from..to], i => from + i));
    }

    private void ReadEscape(StringBuilder text, int stringStart)
    {
        var data = Data;
        var escapeIndex = _pos;
        if (_pos + 1 >= data.Length) throw Error(JsonBErrorCodes.Truncated, stringStart, "string ends inside an escape");
        var c = data[_pos + 1];
        _pos += 2;
        switch (c)
        {
            case (byte)'"': text.Append('"'); return;
            case (byte)'\\': text.Append('\\'); return;
            case (byte)'/': text.Append('/'); return;
            case (byte)'b': text.Append('\b'); return;
            case (byte)'f': text.Append('\f'); return;
            case (byte)'n': text.Append('\n'); return;
            case (byte)'r': text.Append('\r'); return;
            case (byte)'t': text.Append('\t'); return;
            case (byte)'u':
                if (data.Length - _pos < 4) throw Error(JsonBErrorCodes.Truncated, stringStart, "string ends inside a \\u escape");
                var code = 0;
                for (var i = 0; i < 4; i++)
                {
                    var h = HexValue(data[_pos + i]);
                    if (h < 0) throw Error(JsonBErrorCodes.Syntax, _pos + i, "\\u must be followed by four hex digits");
                    code = code * 16 + h;
                }
                _pos += 4;
                // Surrogates are kept as they are, in pairs or alone: JSON text allows both.
                text.Append((char)code);
                return;
            default:
                throw Error(JsonBErrorCodes.Syntax, escapeIndex, $"invalid escape '\\{(c is >= 0x20 and < 0x7F ? ((char)c).ToString() : $"x{c:x2}")}'");
        }
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>Reads a JSON number: <c>-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</c>.</summary>
    private JsonBNumber ReadTextNumber()
    {
        var data = Data;
        var start = _pos;
        if (data[_pos] == '-') _pos++;
        RequireDigit(start);
        if (data[_pos] == '0')
        {
            _pos++;
            if (_pos < data.Length && IsDigit(data[_pos]))
                throw Error(JsonBErrorCodes.Syntax, _pos, "a JSON number has no leading zeros");
        }
        else
        {
            while (_pos < data.Length && IsDigit(data[_pos])) _pos++;
        }
        var isInteger = true;
        if (_pos < data.Length && data[_pos] == '.')
        {
            isInteger = false;
            _pos++;
            RequireDigit(start);
            while (_pos < data.Length && IsDigit(data[_pos])) _pos++;
        }
        if (_pos < data.Length && data[_pos] is (byte)'e' or (byte)'E')
        {
            isInteger = false;
            _pos++;
            if (_pos < data.Length && data[_pos] is (byte)'+' or (byte)'-') _pos++;
            RequireDigit(start);
            while (_pos < data.Length && IsDigit(data[_pos])) _pos++;
        }

        var text = Encoding.ASCII.GetString(data[start.._pos]);
        if (!isInteger) return JsonBNumber.FromDecimalText(text, Abs(start));
        if (text.Length > MaxIntegerDigits) return JsonBNumber.FromLongIntegerText(text, Abs(start));
        return JsonBNumber.FromInteger(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), Abs(start));
    }

    private void RequireDigit(int numberStart)
    {
        if (_pos >= _memory.Length) throw Error(JsonBErrorCodes.Truncated, numberStart, "number ends before a required digit");
        if (!IsDigit(Data[_pos])) throw Error(JsonBErrorCodes.Syntax, _pos, "digit expected in number");
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private void ReadLiteral(ReadOnlySpan<byte> literal)
    {
        var start = _pos;
        for (var i = 0; i < literal.Length; i++)
        {
            if (_pos + i >= _memory.Length) throw Error(JsonBErrorCodes.Truncated, start, $"input ends inside '{Encoding.ASCII.GetString(literal)}'");
            if (Data[_pos + i] != literal[i]) throw Error(JsonBErrorCodes.Syntax, _pos + i, $"invalid literal (expected '{Encoding.ASCII.GetString(literal)}')");
        }
        _pos += literal.Length;
    }
}
