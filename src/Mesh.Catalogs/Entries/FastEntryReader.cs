using System.Text;
using MeshConformance.Dare.Model;

namespace MeshConformance.Catalogs;

/// <summary>
/// Reads a catalog entry's tag and key straight from the payload bytes, without a JSON tree, for readers that keep no
/// entry bodies (checking reads 100,000s of entries and needs only tag and key). It accepts only payloads on which
/// <see cref="CatalogEntryParser"/> would report nothing and return the same tag, type and key: JSON text in the
/// <see cref="GoedelJsonCursor"/> subset (no escapes, printable ASCII, integers), one tag member holding an object,
/// a known tag the store allows, and every key field a non-empty string at the body's top level (the first one of
/// its name, as the parser's lookup takes). Anything else returns null and the caller uses the parser, so findings
/// and state never differ. Types whose log handling reads the body (a spool's MessageComplete) or whose key is inside
/// a tagged member (CatalogedAccess, whose Capability tag is also checked) always go to the parser.
/// </summary>
internal static class FastEntryReader
{
    /// <summary>Nesting skipped inside the body; far below the parser's limit (64), so depth is never the difference.</summary>
    private const int MaxSkippedDepth = 32;

    /// <summary>Key rules have one or two fields.</summary>
    private const int MaxKeyFields = 2;

    /// <param name="payload">The entry's bytes.</param>
    /// <param name="kind">The store's kind, when known: a tag it does not allow goes to the parser.</param>
    /// <param name="expectedKey">The frame's ContentMeta UniqueId: when the key has that text, the entry's key is that string (no new one).</param>
    /// <returns>The entry with <see cref="CatalogLog.NoBody"/> as its body, or null when the parser must read it.</returns>
    public static CatalogEntry? TryRead(ReadOnlySpan<byte> payload, CatalogKind? kind, string? expectedKey = null)
    {
        var cursor = new GoedelJsonCursor(payload);
        if (!cursor.TryConsume((byte)'{') || !cursor.TryReadString(out var tagBytes) || !cursor.TryConsume((byte)':')) return null;
        var type = EntryTypes.ByTag(tagBytes);
        if (type is null || type == EntryTypes.MessageComplete || (kind is not null && !kind.Allows(type.Tag))) return null;
        if (type.Key.Layout is not { } layout) return null;
        var fields = type.Key.Fields;
        if (fields.Count > MaxKeyFields || !cursor.TryConsume((byte)'{')) return null;

        // Where each key field's value lies in the payload.
        Span<Range> values = stackalloc Range[MaxKeyFields];
        var found = 0; // bit i: field i has been read
        if (!cursor.TryConsume((byte)'}'))
        {
            bool more;
            do
            {
                if (!cursor.TryReadString(out var name) || !cursor.TryConsume((byte)':')) return null;
                var field = IndexOf(fields, name);
                if (field >= 0 && (found & (1 << field)) == 0)
                {
                    // The parser's lookup takes the first member of a name: that one must be a usable key value.
                    if (!cursor.TryReadString(out var value) || value.IsEmpty || !payload.Overlaps(value, out var start)) return null;
                    values[field] = new Range(start, start + value.Length);
                    found |= 1 << field;
                }
                else if (!cursor.TrySkipValue(MaxSkippedDepth))
                {
                    return null;
                }
                if (!cursor.TryEndMember(out more)) return null;
            }
            while (more);
        }
        // The tagged object has exactly one member, and nothing follows it.
        if (!cursor.TryConsume((byte)'}') || !cursor.AtEnd() || found != (1 << fields.Count) - 1) return null;
        var hasSecond = fields.Count == 2;
        var key = layout.ComposeAscii(payload[values[0]], hasSecond ? payload[values[1]] : default, hasSecond, expectedKey);
        return new CatalogEntry(type.Tag, key, CatalogLog.NoBody, type);
    }

    private static int IndexOf(IReadOnlyList<string> fields, ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < fields.Count; i++)
            if (Ascii.Equals(name, fields[i])) return i;
        return -1;
    }
}
