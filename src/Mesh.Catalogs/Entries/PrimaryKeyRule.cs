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
    /// The key built from the string values of <see cref="Fields"/> (same order), each present and not empty; null
    /// when the rule is not built from plain string fields. Lets a reader that never builds a tree make the same key.
    /// </summary>
    internal abstract string? Compose(ReadOnlySpan<string> fieldValues);

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

        public override IReadOnlyList<string> Fields => [name];

        public override KeyResult Compute(JsonBObject body)
        {
            var field = ReadString(body, name);
            return field.Key is null ? field : KeyResult.Of(Compose([field.Key]));
        }

        internal override string Compose(ReadOnlySpan<string> fieldValues) => prefix + fieldValues[0];
    }

    private sealed class JoinedRule(string first, string separator, string second) : PrimaryKeyRule
    {
        public override string Description => $"\"{{{first}}}{separator}{{{second}}}\"";

        public override IReadOnlyList<string> Fields => [first, second];

        public override KeyResult Compute(JsonBObject body)
        {
            var a = ReadString(body, first);
            if (a.Key is null) return a;
            var b = ReadString(body, second);
            return b.Key is null ? b : KeyResult.Of(Compose([a.Key, b.Key]));
        }

        internal override string Compose(ReadOnlySpan<string> fieldValues) => fieldValues[0] + separator + fieldValues[1];
    }

    private sealed class TaggedMemberRule(string member, string name) : PrimaryKeyRule
    {
        public override string Description => $"{member}.{name} (inside the tagged {member})";

        public override IReadOnlyList<string> Fields => [member];

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
        internal override string? Compose(ReadOnlySpan<string> fieldValues) => null;

        private static string Shape(JsonBValue value) =>
            value is JsonBObject o ? $"an object with {o.Members.Count} members" : value.Describe();
    }
}
