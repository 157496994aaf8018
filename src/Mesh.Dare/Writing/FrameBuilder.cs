using System.Buffers;
using MeshConformance.Dare.Framing;

namespace MeshConformance.Dare.Writing;

/// <summary>
/// Assembles a frame from its records: BTAG LEN_BE, each record as UTAG LEN_BE data, then LEN_LE BTAG
/// (formats.md §1.1). Lengths use the shortest width, as the reference writer does.
/// </summary>
public static class FrameBuilder
{
    /// <summary>Writes the frame into <paramref name="output"/>; a null trailer means "no trailer record".</summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> trailer, bool hasTrailer)
    {
        long body = RecordSize(header.Length) + RecordSize(payload.Length) + (hasTrailer ? RecordSize(trailer.Length) : 0);
        var width = FrameTags.ShortestWidth(body);
        var tag = FrameTags.FrameTagFor(width);
        var total = checked((int)(body + 2 * (1 + width)));
        var span = output.GetSpan(total)[..total];
        var p = 0;
        span[p++] = tag;
        WriteBigEndian(span.Slice(p, width), (ulong)body);
        p += width;
        p += WriteRecord(span[p..], header);
        p += WriteRecord(span[p..], payload);
        if (hasTrailer) p += WriteRecord(span[p..], trailer);
        for (var i = 0; i < width; i++) span[p++] = (byte)((ulong)body >> (8 * i));
        span[p++] = tag;
        output.Advance(total);
    }

    public static byte[] Build(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> trailer, bool hasTrailer)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, header, payload, trailer, hasTrailer);
        return buffer.WrittenSpan.ToArray();
    }

    public static long RecordSize(long dataLength) => 1 + FrameTags.ShortestWidth(dataLength) + dataLength;

    private static int WriteRecord(Span<byte> span, ReadOnlySpan<byte> data)
    {
        var width = FrameTags.ShortestWidth(data.Length);
        span[0] = FrameTags.RecordTagFor(width);
        WriteBigEndian(span.Slice(1, width), (ulong)data.Length);
        data.CopyTo(span[(1 + width)..]);
        return 1 + width + data.Length;
    }

    private static void WriteBigEndian(Span<byte> span, ulong value)
    {
        for (var i = span.Length - 1; i >= 0; i--)
        {
            span[i] = (byte)value;
            value >>= 8;
        }
    }
}
