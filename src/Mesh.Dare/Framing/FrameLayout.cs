namespace MeshConformance.Dare.Framing;

/// <summary>Where one record (header, payload or trailer) of a frame lies in the file.</summary>
/// <param name="TagOffset">Offset of the record's F0–F3 tag.</param>
/// <param name="DataOffset">Offset of the record's first data byte.</param>
/// <param name="DataLength">Number of data bytes.</param>
public readonly record struct RecordLayout(long TagOffset, long DataOffset, long DataLength)
{
    public long End => DataOffset + DataLength;
}

/// <summary>
/// Where one frame lies in the file: its tags, its body, and the records inside it.
/// Frame = BTAG LEN_BE records LEN_LE BTAG (formats.md §1.1).
/// </summary>
/// <param name="Ordinal">Position of the frame in file order, from 0.</param>
/// <param name="Offset">Offset of the leading frame tag.</param>
/// <param name="Tag">The leading F4–F7 tag.</param>
/// <param name="BodyLength">The declared length: bytes between the leading length and the trailing length.</param>
/// <param name="Records">Header, payload and (optional) trailer records, in order.</param>
public sealed record FrameLayout(long Ordinal, long Offset, byte Tag, long BodyLength, IReadOnlyList<RecordLayout> Records)
{
    public int LengthWidth => FrameTags.LengthWidth(Tag);

    public long BodyOffset => Offset + 1 + LengthWidth;

    /// <summary>Total bytes of the frame on disk, both tags and both lengths included.</summary>
    public long TotalLength => 2 * (1 + LengthWidth) + BodyLength;

    public long End => Offset + TotalLength;

    public RecordLayout Header => Records[0];

    public RecordLayout? Payload => Records.Count > 1 ? Records[1] : null;

    public RecordLayout? Trailer => Records.Count > 2 ? Records[2] : null;
}

/// <summary>
/// The same facts as <see cref="FrameLayout"/> in a struct with the (at most three) records inline: the checking walk
/// delimits 100,000s of frames and needs no object, list or record per frame for that.
/// </summary>
internal readonly struct CompactFrameLayout
{
    private readonly RecordLayout header, payload, trailer;

    public CompactFrameLayout(long ordinal, long offset, byte tag, long bodyLength, int recordCount, RecordLayout header, RecordLayout payload, RecordLayout trailer)
    {
        Ordinal = ordinal;
        Offset = offset;
        Tag = tag;
        BodyLength = bodyLength;
        RecordCount = recordCount;
        this.header = header;
        this.payload = payload;
        this.trailer = trailer;
    }

    public long Ordinal { get; }

    public long Offset { get; }

    public byte Tag { get; }

    public long BodyLength { get; }

    /// <summary>1 to 3.</summary>
    public int RecordCount { get; }

    public int LengthWidth => FrameTags.LengthWidth(Tag);

    public long BodyOffset => Offset + 1 + LengthWidth;

    public long TotalLength => 2 * (1 + LengthWidth) + BodyLength;

    public long End => Offset + TotalLength;

    public RecordLayout Header => header;

    public RecordLayout? Payload => RecordCount > 1 ? payload : null;

    public RecordLayout? Trailer => RecordCount > 2 ? trailer : null;

    public FrameLayout ToLayout()
    {
        var records = new List<RecordLayout>(RecordCount) { header };
        if (RecordCount > 1) records.Add(payload);
        if (RecordCount > 2) records.Add(trailer);
        return new FrameLayout(Ordinal, Offset, Tag, BodyLength, records);
    }

    public static CompactFrameLayout From(FrameLayout layout) => new(layout.Ordinal, layout.Offset, layout.Tag, layout.BodyLength, layout.Records.Count,
        layout.Records[0], layout.Records.Count > 1 ? layout.Records[1] : default, layout.Records.Count > 2 ? layout.Records[2] : default);
}
