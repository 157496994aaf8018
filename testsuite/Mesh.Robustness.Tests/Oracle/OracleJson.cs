using System.Text;

namespace MeshConformance.Tests.Robustness.Oracle;

/// <summary>A JSON value as the oracle reads it: objects keep their members in order, scalars keep their text.</summary>
public abstract record OracleValue;

public sealed record OracleObject(IReadOnlyList<KeyValuePair<string, OracleValue>> Members) : OracleValue
{
    public OracleValue? Get(string name) => Members.FirstOrDefault(m => m.Key == name).Value;
}

public sealed record OracleArray(IReadOnlyList<OracleValue> Items) : OracleValue;

/// <summary>A string with its escapes resolved.</summary>
public sealed record OracleString(string Value) : OracleValue;

/// <summary>A number, true, false or null: its text exactly as written (the grammar is checked).</summary>
public sealed record OracleLiteral(string Text) : OracleValue;

/// <summary>
/// The mutation campaign's own JSON reader, written for the oracle and sharing no code with the checker's readers
/// (GoedelJsonCursor, FastHeaderReader, the JSON-B reader). RFC 8259 text, strict: valid UTF-8, the number grammar,
/// the four literals, escapes, no trailing commas, no duplicate member names (a duplicate makes the meaning ambiguous,
/// so the oracle refuses it). One documented tolerance, the one the reference writer needs: raw LF, CR, tab and
/// space inside strings (its base64url values are line-wrapped inside the string, formats.md §1.4).
/// </summary>
public static class OracleJson
{
    private const int MaxDepth = 64;

    /// <summary>The value the bytes hold, or null when they are not (tolerant) JSON text with exactly one value.</summary>
    public static OracleValue? Parse(ReadOnlySpan<byte> utf8)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        if (text.Length > 0 && text[0] == '\uFEFF') return null; // a byte order mark is not JSON text (RFC 8259 §8.1)
        var reader = new Reader(text);
        try
        {
            reader.SkipWhitespace();
            var value = reader.Value(0);
            reader.SkipWhitespace();
            return reader.AtEnd ? value : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed class Reader(string text)
    {
        private int at;

        public bool AtEnd => at == text.Length;

        public void SkipWhitespace()
        {
            while (at < text.Length && text[at] is ' ' or '\t' or '\n' or '\r') at++;
        }

        private char Peek() => at < text.Length ? text[at] : throw new FormatException("end of text");

        public OracleValue Value(int depth)
        {
            if (depth > MaxDepth) throw new FormatException("too deep");
            var c = Peek();
            return c switch
            {
                '{' => Object(depth),
                '[' => Array(depth),
                '"' => new OracleString(String()),
                't' => Literal("true"),
                'f' => Literal("false"),
                'n' => Literal("null"),
                _ when c == '-' || c is >= '0' and <= '9' => Number(),
                _ => throw new FormatException($"unexpected '{c}'"),
            };
        }

        private OracleObject Object(int depth)
        {
            at++; // {
            var members = new List<KeyValuePair<string, OracleValue>>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            SkipWhitespace();
            if (Peek() == '}')
            {
                at++;
                return new OracleObject(members);
            }
            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"') throw new FormatException("member name expected");
                var name = String();
                if (!names.Add(name)) throw new FormatException($"duplicate member '{name}'");
                SkipWhitespace();
                if (Peek() != ':') throw new FormatException("':' expected");
                at++;
                SkipWhitespace();
                members.Add(new(name, Value(depth + 1)));
                SkipWhitespace();
                var next = Peek();
                at++;
                if (next == '}') return new OracleObject(members);
                if (next != ',') throw new FormatException("',' or '}' expected");
            }
        }

        private OracleArray Array(int depth)
        {
            at++; // [
            var items = new List<OracleValue>();
            SkipWhitespace();
            if (Peek() == ']')
            {
                at++;
                return new OracleArray(items);
            }
            while (true)
            {
                SkipWhitespace();
                items.Add(Value(depth + 1));
                SkipWhitespace();
                var next = Peek();
                at++;
                if (next == ']') return new OracleArray(items);
                if (next != ',') throw new FormatException("',' or ']' expected");
            }
        }

        private string String()
        {
            at++; // opening quote
            var value = new StringBuilder();
            while (true)
            {
                var c = Peek();
                at++;
                switch (c)
                {
                    case '"':
                        return value.ToString();
                    case '\\':
                        var e = Peek();
                        at++;
                        switch (e)
                        {
                            case '"': value.Append('"'); break;
                            case '\\': value.Append('\\'); break;
                            case '/': value.Append('/'); break;
                            case 'b': value.Append('\b'); break;
                            case 'f': value.Append('\f'); break;
                            case 'n': value.Append('\n'); break;
                            case 'r': value.Append('\r'); break;
                            case 't': value.Append('\t'); break;
                            case 'u':
                                if (at + 4 > text.Length) throw new FormatException("short \\u escape");
                                var code = 0;
                                for (var i = 0; i < 4; i++)
                                {
                                    var h = text[at++];
                                    var digit = h is >= '0' and <= '9' ? h - '0' : h is >= 'a' and <= 'f' ? h - 'a' + 10 : h is >= 'A' and <= 'F' ? h - 'A' + 10 : -1;
                                    if (digit < 0) throw new FormatException("bad \\u escape");
                                    code = code * 16 + digit;
                                }
                                value.Append((char)code);
                                break;
                            default:
                                throw new FormatException($"bad escape \\{e}");
                        }
                        break;
                    case '\n' or '\r' or '\t':
                        value.Append(c); // the reference writer's line-wrapped base64url (the one tolerance)
                        break;
                    default:
                        if (c < ' ') throw new FormatException("control character in a string");
                        value.Append(c);
                        break;
                }
            }
        }

        private OracleLiteral Literal(string word)
        {
            if (string.CompareOrdinal(text, at, word, 0, word.Length) != 0) throw new FormatException($"'{word}' expected");
            at += word.Length;
            return new OracleLiteral(word);
        }

        private OracleLiteral Number()
        {
            var start = at;
            if (Peek() == '-') at++;
            if (Peek() == '0') at++;
            else if (Peek() is >= '1' and <= '9') Digits();
            else throw new FormatException("digit expected");
            if (at < text.Length && text[at] == '.')
            {
                at++;
                if (Peek() is not (>= '0' and <= '9')) throw new FormatException("digit expected after '.'");
                Digits();
            }
            if (at < text.Length && text[at] is 'e' or 'E')
            {
                at++;
                if (Peek() is '+' or '-') at++;
                if (Peek() is not (>= '0' and <= '9')) throw new FormatException("digit expected in exponent");
                Digits();
            }
            return new OracleLiteral(text[start..at]);
        }

        private void Digits()
        {
            while (at < text.Length && text[at] is >= '0' and <= '9') at++;
        }
    }
}
