namespace MeshConformance.Dare.Framing;

/// <summary>
/// The JBCD frame and record tags (jsonbcd §7; formats.md §1.1). The low two bits select the width
/// of the big-endian length that follows: 00 → 1 byte, 01 → 2, 10 → 4, 11 → 8.
/// </summary>
public static class FrameTags
{
    /// <summary>First record tag (F0–F3: "uframe", forward-only record).</summary>
    public const byte RecordBase = 0xF0;

    /// <summary>First bidirectional frame tag (F4–F7: "bframe").</summary>
    public const byte FrameBase = 0xF4;

    public static bool IsRecordTag(byte b) => b is >= 0xF0 and <= 0xF3;

    public static bool IsFrameTag(byte b) => b is >= 0xF4 and <= 0xF7;

    /// <summary>Number of length bytes that follow a record or frame tag.</summary>
    public static int LengthWidth(byte tag) => 1 << (tag & 0x03);

    /// <summary>The shortest width the reference writer would choose for a length (formats.md §1.1).</summary>
    public static int ShortestWidth(long length) =>
        length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x1_0000_0000L ? 4 : 8;

    public static byte FrameTagFor(int width) => (byte)(FrameBase + WidthCode(width));

    public static byte RecordTagFor(int width) => (byte)(RecordBase + WidthCode(width));

    private static int WidthCode(int width) => width switch
    {
        1 => 0,
        2 => 1,
        4 => 2,
        8 => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, "length widths are 1, 2, 4 or 8 bytes"),
    };
}
