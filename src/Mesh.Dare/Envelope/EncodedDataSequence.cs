using MeshConformance.Core;
using MeshConformance.JsonB;

namespace MeshConformance.Dare.Envelope;

/// <summary>Which layout an EDS has.</summary>
public enum EdsForm
{
    /// <summary>dare-08 §3.3: "exactly three binary fields" — salt prefix, body, authentication tag (<c>88 00</c> when empty).</summary>
    ThreeItems,
    /// <summary>The dare-11/-12 §13.2 examples: salt prefix and body only; the empty tag is omitted.</summary>
    TwoItems,
}

/// <summary>
/// An Encoded Data Sequence (dare §3.3; formats.md §1.5): JSON-B data terms with no brackets,
/// <c>88 len saltPrefix | 88 len body | 88 len tag</c>. The tag is null in the two-item form.
/// </summary>
public sealed record EncodedDataSequence(byte[] SaltPrefix, byte[] Body, byte[]? Tag)
{
    public EdsForm Form => Tag is null ? EdsForm.TwoItems : EdsForm.ThreeItems;

    /// <summary>The dare-08 form: three items, the tag written as <c>88 00</c> when empty.</summary>
    public static EncodedDataSequence Create(ReadOnlySpan<byte> saltPrefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> tag = default) =>
        new(saltPrefix.ToArray(), body.ToArray(), tag.ToArray());

    /// <summary>The dare-12 example form: two items, no tag.</summary>
    public static EncodedDataSequence CreateTwoItem(ReadOnlySpan<byte> saltPrefix, ReadOnlySpan<byte> body) =>
        new(saltPrefix.ToArray(), body.ToArray(), null);

    /// <summary>Serializes with <see cref="JsonBWriter"/>: each item one data term at its narrowest length width.</summary>
    public byte[] Encode()
    {
        var w = new JsonBWriter();
        w.WriteBinary(SaltPrefix);
        w.WriteBinary(Body);
        if (Tag is not null) w.WriteBinary(Tag);
        return w.ToArray();
    }

    /// <summary>
    /// Decodes an EDS, accepting the two- and three-item forms (see <see cref="Form"/>). Throws
    /// <see cref="MeshFormatException"/> with a DARE-EDS-* code and an offset relative to <paramref name="baseOffset"/>.
    /// </summary>
    public static EncodedDataSequence Decode(ReadOnlyMemory<byte> data, long baseOffset = 0)
    {
        IReadOnlyList<JsonBValue> items;
        try
        {
            items = JsonBParser.ParseSequence(data, baseOffset);
        }
        catch (MeshFormatException e)
        {
            throw new MeshFormatException(EnvelopeCodes.EdsSyntax, e.Offset, $"the EDS is not a sequence of JSON-B data items ({e.Code}: {e.Message})");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException or FormatException)
        {
            throw new MeshFormatException(EnvelopeCodes.EdsSyntax, baseOffset, $"the EDS does not parse: {e.Message}");
        }
        if (items.Count is not (2 or 3))
        {
            var at = items.Count > 3 ? items[3].Offset : baseOffset + data.Length;
            throw new MeshFormatException(EnvelopeCodes.EdsItemCount, at,
                $"an EDS holds 3 data items (dare-08 §3.3) or 2 (dare-12 examples); found {items.Count}");
        }
        var bytes = new byte[items.Count][];
        string[] names = ["salt prefix", "body", "authentication tag"];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonBBinary bin)
                throw new MeshFormatException(EnvelopeCodes.EdsNotData, items[i].Offset, $"the EDS {names[i]} is not a JSON-B data token (88–8F)");
            bytes[i] = bin.Value;
        }
        return new EncodedDataSequence(bytes[0], bytes[1], items.Count == 3 ? bytes[2] : null);
    }

    /// <summary>Like <see cref="Decode"/> but returns false instead of throwing.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> data, out EncodedDataSequence? sequence, out MeshFormatException? error, long baseOffset = 0)
    {
        try
        {
            sequence = Decode(data, baseOffset);
            error = null;
            return true;
        }
        catch (MeshFormatException e)
        {
            sequence = null;
            error = e;
            return false;
        }
    }
}
