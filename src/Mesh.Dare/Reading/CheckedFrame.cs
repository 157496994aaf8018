using MeshConformance.Dare.Framing;
using MeshConformance.Dare.Model;

namespace MeshConformance.Dare.Reading;

/// <summary>
/// One frame as the container checks see it: its layout and the facts of its header and trailer, however they
/// were read (<see cref="FastHeaderReader"/> or the full parser). The accessors mirror <see cref="DareFrame"/>'s.
/// </summary>
internal sealed class CheckedFrame
{
    public required FrameLayout Layout { get; init; }

    /// <summary>Null when the header record did not parse (a finding says why).</summary>
    public RecordFacts? Header { get; init; }

    public RecordFacts? Trailer { get; init; }

    public TrailerShape TrailerShape { get; init; }

    public byte HeaderFirstByte { get; init; }

    /// <summary>The fully parsed frame, kept only when the caller builds per-frame reports.</summary>
    public DareFrame? Parsed { get; init; }

    public long Ordinal => Layout.Ordinal;

    public long Offset => Layout.Offset;

    public long? Index => Header?.Info?.Index;

    public byte[]? PayloadDigest => Trailer?.PayloadDigest ?? Header?.PayloadDigest;

    public byte[]? ChainDigest => Trailer?.ChainDigest ?? Header?.ChainDigest;

    public byte[]? TreeDigest => Trailer?.TreeDigest ?? Header?.TreeDigest;

    /// <summary>Same rule as <see cref="DareFrame.DigestLocation"/>.</summary>
    public string? DigestLocation =>
        Trailer is { HasAnyDigest: true } ? "trailer"
        : Header is { HasAnyDigest: true } ? "header"
        : null;

    public static CheckedFrame From(DareFrame frame) => new()
    {
        Layout = frame.Layout,
        Header = frame.Header is { } header ? RecordFacts.From(header) : null,
        Trailer = frame.Trailer is { } trailer ? RecordFacts.From(trailer) : null,
        TrailerShape = frame.TrailerShape,
        HeaderFirstByte = frame.HeaderFirstByte,
        Parsed = frame,
    };
}
