namespace MeshConformance.Dare.Framing;

/// <summary>Diagnostic codes of the byte framing (jsonbcd §7, dare §1.3.1). Stable: the checker maps them to requirements.</summary>
public static class FramingCodes
{
    public const string FrameTag = "DARE-FRAME-TAG";
    public const string FrameTruncated = "DARE-FRAME-TRUNCATED";
    public const string TrailerTag = "DARE-FRAME-TRAILER-TAG";
    public const string TrailerLength = "DARE-FRAME-TRAILER-LEN";
    public const string RecordTag = "DARE-RECORD-TAG";
    public const string RecordOverrun = "DARE-RECORD-OVERRUN";
    public const string RecordCount = "DARE-RECORD-COUNT";
    public const string LengthNotShortest = "DARE-LENGTH-NOT-SHORTEST";
    public const string ReverseWalk = "DARE-REVERSE-WALK";
    public const string EmptyFile = "DARE-EMPTY-FILE";
}
