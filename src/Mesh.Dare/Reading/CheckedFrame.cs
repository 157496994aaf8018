using MeshConformance.Dare.Framing;
using MeshConformance.Dare.Model;

namespace MeshConformance.Dare.Reading;

/// <summary>
/// One frame as the container checks see it: its layout and the facts of its header and trailer, however they
/// were read (<see cref="FastHeaderReader"/> or the full parser). The accessors mirror <see cref="DareFrame"/>'s.
/// The verifier refills the same instances batch after batch (<see cref="CheckingWalk.TryReadNext"/>), so nothing
/// may keep one past the frame it describes.
/// </summary>
internal sealed class CheckedFrame
{
    private FrameLayout? layout;
    private CompactFrameLayout framing;

    /// <summary>Where the frame lies, without a heap object per frame (by reference: the struct is about 100 bytes).</summary>
    public ref readonly CompactFrameLayout Framing => ref framing;

    /// <summary>The same as <see cref="Framing"/> as the public <see cref="FrameLayout"/>, built on first use.</summary>
    public FrameLayout Layout => layout ??= Framing.ToLayout();

    /// <summary>Null when the header record did not parse (a finding says why).</summary>
    public RecordFacts? Header { get; private set; }

    public RecordFacts? Trailer { get; private set; }

    public TrailerShape TrailerShape { get; private set; }

    public byte HeaderFirstByte { get; private set; }

    /// <summary>The fully parsed frame, kept only when the caller builds per-frame reports.</summary>
    public DareFrame? Parsed { get; private set; }

    public long Ordinal => Framing.Ordinal;

    public long Offset => Framing.Offset;

    public long? Index => Header?.Info?.Index;

    public byte[]? PayloadDigest => Trailer?.PayloadDigest ?? Header?.PayloadDigest;

    public byte[]? ChainDigest => Trailer?.ChainDigest ?? Header?.ChainDigest;

    public byte[]? TreeDigest => Trailer?.TreeDigest ?? Header?.TreeDigest;

    /// <summary>Same rule as <see cref="DareFrame.DigestLocation"/>.</summary>
    public string? DigestLocation =>
        Trailer is { HasAnyDigest: true } ? "trailer"
        : Header is { HasAnyDigest: true } ? "header"
        : null;

    /// <summary>The last header facts the fast reader filled for this instance, kept for the next frame even when the current one has none.</summary>
    public RecordFacts? SpareHeader { get; private set; }

    /// <summary>The same for trailers.</summary>
    public RecordFacts? SpareTrailer { get; private set; }

    /// <summary>Makes this instance describe another frame (read by the fast path).</summary>
    public void Set(in CompactFrameLayout framing, RecordFacts? header, RecordFacts? trailer, TrailerShape trailerShape, byte headerFirstByte)
    {
        if (header is { Recyclable: true }) SpareHeader = header;
        if (trailer is { Recyclable: true }) SpareTrailer = trailer;
        this.framing = framing;
        layout = null;
        Header = header;
        Trailer = trailer;
        TrailerShape = trailerShape;
        HeaderFirstByte = headerFirstByte;
        Parsed = null;
    }

    /// <summary>Makes this instance describe a fully parsed frame.</summary>
    public void Set(DareFrame frame)
    {
        Set(CompactFrameLayout.From(frame.Layout), frame.Header is { } header ? RecordFacts.From(header) : null,
            frame.Trailer is { } trailer ? RecordFacts.From(trailer) : null, frame.TrailerShape, frame.HeaderFirstByte);
        layout = frame.Layout;
        Parsed = frame;
    }

    public static CheckedFrame From(DareFrame frame)
    {
        var checkedFrame = new CheckedFrame();
        checkedFrame.Set(frame);
        return checkedFrame;
    }
}
