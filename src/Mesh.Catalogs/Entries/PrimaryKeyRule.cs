using System.Text;
using MeshConformance.Core;
using MeshConformance.JsonB;

namespace MeshConformance.Catalogs;

/// <summary>What went wrong computing a primary key: a CAT-KEY-* code, the field, where, and why.</summary>
public sealed record KeyProblem(string Code, string Field, long Offset, string Message);

/// <summary>The outcome of computing a primary key: the key, or the problem that prevented it.</summary>
public readonly record struct KeyResult(string? Key, KeyProblem? Problem)
{
    public static KeyResult Of(string key) => new(key, null);

    public static KeyResult Failed(KeyProblem problem) => new(null, problem);
}

/// <summary>
/// How an entry type's unique key (the reference's <c>_PrimaryKey</c>, written as ContentMeta <c>UniqueId</c>) is built
/// from the fields of its body (reference-platform.md §4.1, §4.3). A rule never throws: a missing, empty or
/// non-string field is a <see cref="KeyProblem"/>. The reference would build "mailto:" or ":" from a null field;
/// we report such an entry instead of inventing a key for it.
/// </summary>
public abstract class PrimaryKeyRule
{
    /// <summary>The rule as written in §4.3, e.g. <c>"mailto:" + AccountAddress</c>.</summary>
    public abstract string Description { get; }

    /// <summary>The body fields the key is built from (for an Access entry, the member holding the tagged Capability).</summary>
    public abstract IReadOnlyList<string> Fields { get; }

    public abstract KeyResult Compute(JsonBObject body);

    /// <summary>
    /// How the key is written from the string values of <see cref="Fields"/>; null when the rule is not built from
    /// plain string fields. Lets a reader that never builds a tree make the same key.
    /// </summary>
    internal abstract KeyLayout? Layout { get; }

    public override string ToString() => Description;

    /// <summary>The key is the value of one string field.</summary>
    public static PrimaryKeyRule Field(string name) => new FieldRule(name, prefix: "");

    /// <summary>The key is a fixed prefix followed by one string field.</summary>
    public static PrimaryKeyRule Prefixed(string prefix, string name) => new FieldRule(name, prefix);

    /// <summary>The key is two string fields joined by a separator, e.g. <c>"{Protocol}:{Service}"</c>.</summary>
    public static PrimaryKeyRule Joined(string first, string separator, string second) => new JoinedRule(first, separator, second);

    /// <summary>The key is a string field of the object inside a tagged member, e.g. <c>Capability</c> → <c>{"CapabilitySign":{"Id":…}}</c>.</summary>
    public static PrimaryKeyRule InsideTaggedMember(string member, string name) => new TaggedMemberRule(member, name);

    /// <summary>Reads a string field that takes part in a key.</summary>
    internal static KeyResult ReadString(JsonBObject body, string name, string? context = null)
    {
        var where = context is null ? $"'{name}'" : $"'{name}' (inside {context})";
        var value = body[name];
        return value switch
        {
            null or JsonBNull => KeyResult.Failed(new KeyProblem(CatalogCodes.KeyMissing, name, value?.Offset ?? body.Offset,
                $"the key field {where} is absent")),
            JsonBString { Value.Length: 0 } s => KeyResult.Failed(new KeyProblem(CatalogCodes.KeyEmpty, name, s.Offset,
                $"the key field {where} is the empty string")),
            JsonBString s => KeyResult.Of(s.Value),
            _ => KeyResult.Failed(new KeyProblem(CatalogCodes.KeyType, name, value.Offset,
                $"the key field {where} should be a string but is {value.Describe()}")),
        };
    }

    private sealed class FieldRule(string name, string prefix) : PrimaryKeyRule
    {
        public override string Description => prefix.Length == 0 ? name : $"\"{prefix}\" + {name}";

        public override IReadOnlyList<string> Fields { get; } = [name];

        public override KeyResult Compute(JsonBObject body)
        {
            var field = ReadString(body, name);
            return field.Key is null ? field : KeyResult.Of(Layout.Compose(field.Key, null));
        }

        internal override KeyLayout Layout { get; } = new(prefix, Separator: "");
    }

    private sealed class JoinedRule(string first, string separator, string second) : PrimaryKeyRule
    {
        public override string Description => $"\"{{{first}}}{separator}{{{second}}}\"";

        public override IReadOnlyList<string> Fields { get; } = [first, second];

        public override KeyResult Compute(JsonBObject body)
        {
            var a = ReadString(body, first);
            if (a.Key is null) return a;
            var b = ReadString(body, second);
            return b.Key is null ? b : KeyResult.Of(Layout.Compose(a.Key, b.Key));
        }

        internal override KeyLayout Layout { get; } = new(Prefix: "", separator);
    }

    private sealed class TaggedMemberRule(string member, string name) : PrimaryKeyRule
    {
        public override string Description => $"{member}.{name} (inside the tagged {member})";

        public override IReadOnlyList<string> Fields { get; } = [member];

        public override KeyResult Compute(JsonBObject body)
        {
            var value = body[member];
            if (value is null or JsonBNull)
                return KeyResult.Failed(new KeyProblem(CatalogCodes.KeyMissing, member, value?.Offset ?? body.Offset,
                    $"the key field '{member}' is absent"));
            if (value is not JsonBObject { Members.Count: 1 } tagged || tagged.Members[0].Value is not JsonBObject inner)
                return KeyResult.Failed(new KeyProblem(CatalogCodes.KeyType, member, value.Offset,
                    $"'{member}' should be a tagged object {{\"<Type>\":{{…}}}} but is {Shape(value)}"));
            return ReadString(inner, name, $"{member}.{tagged.Members[0].Name}");
        }

        /// <summary>The key is inside a tagged object, not a plain field.</summary>
        internal override KeyLayout? Layout => null;

        private static string Shape(JsonBValue value) =>
            value is JsonBObject o ? $"an object with {o.Members.Count} members" : value.Describe();
    }
}

/// <summary>
/// How a key is written from one or two plain string fields: <see cref="Prefix"/>, the first field's value, and for a
/// second field <see cref="Separator"/> and its value (e.g. <c>"mailto:" + AccountAddress</c>, <c>"{Protocol}:{Service}"</c>).
/// </summary>
internal sealed record KeyLayout(string Prefix, string Separator)
{
    /// <summary>Longest key built on the stack; longer ones (none in real stores) use an array.</summary>
    private const int StackBytes = 256;

    /// <param name="second">The second field's value; null for a one-field key.</param>
    public string Compose(string first, string? second) => second is null ? Prefix + first : Prefix + first + Separator + second;

    /// <summary>
    /// The key from the fields' values as ASCII bytes (a payload read without a tree), in one string. When
    /// <paramref name="expected"/> (the frame's ContentMeta UniqueId, which a well-formed frame's key equals) has that
    /// text, it is returned instead of a new string, so the log's key and the entry's key are one string.
    /// </summary>
    /// <param name="second">The second field's value; ignored for a one-field key (<paramref name="hasSecond"/> false).</param>
    public string ComposeAscii(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, bool hasSecond, string? expected)
    {
        var length = Prefix.Length + first.Length + (hasSecond ? Separator.Length + second.Length : 0);
        if (expected is not null && expected.Length == length && Matches(expected.AsSpan(), first, second, hasSecond)) return expected;
        Span<byte> bytes = length <= StackBytes ? stackalloc byte[StackBytes] : new byte[length];
        var at = Encoding.ASCII.GetBytes(Prefix, bytes);
        first.CopyTo(bytes[at..]);
        at += first.Length;
        if (hasSecond)
        {
            at += Encoding.ASCII.GetBytes(Separator, bytes[at..]);
            second.CopyTo(bytes[at..]);
            at += second.Length;
        }
        return Encoding.ASCII.GetString(bytes[..at]);
    }

    private bool Matches(ReadOnlySpan<char> text, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, bool hasSecond)
    {
        if (!text.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        text = text[Prefix.Length..];
        if (!Ascii.Equals(first, text[..first.Length])) return false;
        if (!hasSecond) return true;
        text = text[first.Length..];
        return text.StartsWith(Separator, StringComparison.Ordinal) && Ascii.Equals(second, text[Separator.Length..]);
    }
}
