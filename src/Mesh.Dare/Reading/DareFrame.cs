using MeshConformance.Dare.Framing;
using MeshConformance.Dare.Model;

namespace MeshConformance.Dare.Reading;

/// <summary>The shape of a frame's trailer record: absent, empty (<c>F0 00</c>), or a JSON object.</summary>
public enum TrailerShape
{
    Absent,
    Empty,
    Present,
}

/// <summary>One frame as read from a container: where it is, and its parsed header and trailer.</summary>
public sealed class DareFrame
{
    public required FrameLayout Layout { get; init; }

    /// <summary>Null when the header record did not parse (a finding says why).</summary>
    public DareHeader? Header { get; init; }

    public DareTrailer? Trailer { get; init; }

    public TrailerShape TrailerShape { get; init; }

    /// <summary>The first byte of the header record: <c>{</c> for JSON text.</summary>
    public byte HeaderFirstByte { get; init; }

    public long Ordinal => Layout.Ordinal;

    public long Offset => Layout.Offset;

    public long? Index => Header?.Info?.Index;

    /// <summary>A digest wherever the writer put it: the trailer first, then the header (catalog frames).</summary>
    public byte[]? PayloadDigest => Trailer?.PayloadDigest ?? Header?.PayloadDigest;

    public byte[]? ChainDigest => Trailer?.ChainDigest ?? Header?.ChainDigest;

    public byte[]? TreeDigest => Trailer?.TreeDigest ?? Header?.TreeDigest;

    /// <summary>Where the digests sit: "trailer", "header", or null when the frame has none.</summary>
    public string? DigestLocation =>
        Trailer is { } t && (t.PayloadDigest ?? t.ChainDigest ?? t.TreeDigest) is not null ? "trailer"
        : Header is { } h && (h.PayloadDigest ?? h.ChainDigest ?? h.TreeDigest) is not null ? "header"
        : null;
}
