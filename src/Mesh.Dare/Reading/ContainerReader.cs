using MeshConformance.Core;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;

namespace MeshConformance.Dare.Reading;

/// <summary>
/// Reads the frames of a container one at a time, in file order, so that a container of any size is read
/// in bounded memory. Framing problems end the walk (nothing after a frame that cannot be delimited can be
/// trusted); header problems are findings and the walk goes on.
/// </summary>
public static partial class ContainerReader
{
    /// <summary>Headers larger than this are reported rather than parsed: no real header comes close.</summary>
    public const int MaxHeaderBytes = 16 * 1024 * 1024;

    public const string HeaderTooLarge = "DARE-HEADER-TOO-LARGE";

    /// <summary>
    /// Enumerates frames. Findings (framing and header) are appended to <paramref name="findings"/> as they are
    /// found; <paramref name="walk"/> receives the offset where the well-formed frames end.
    /// </summary>
    public static IEnumerable<DareFrame> ReadFrames(IByteSource source, List<Finding> findings, WalkState? walk = null)
    {
        walk ??= new WalkState();
        if (source.Length == 0)
        {
            findings.Add(new Finding(FramingCodes.EmptyFile, Severity.Error, 0, "the file is empty: a container has at least frame 0"));
            yield break;
        }
        long position = 0;
        long ordinal = 0;
        while (position < source.Length)
        {
            var layout = FrameScanner.ReadFrameAt(source, position, ordinal, findings);
            if (layout is null)
            {
                walk.Broken = true;
                break;
            }
            yield return ReadFrame(source, layout, findings);
            position = layout.End;
            walk.ValidEnd = position;
            ordinal++;
        }
        walk.FrameCount = ordinal;
    }

    public static DareFrame ReadFrame(IByteSource source, FrameLayout layout, List<Finding> findings)
    {
        var headerRecord = layout.Header;
        DareHeader? header = null;
        byte first = 0;
        if (headerRecord.DataLength > MaxHeaderBytes)
        {
            findings.Add(TooLarge(headerRecord, "header", layout.Ordinal));
        }
        else
        {
            var bytes = source.ReadRange(headerRecord.DataOffset, (int)headerRecord.DataLength);
            first = bytes.Length > 0 ? bytes[0] : (byte)0;
            header = DareHeaderParser.ParseHeader(bytes, headerRecord.DataOffset, layout.Ordinal, findings);
        }

        DareTrailer? trailer = null;
        var shape = TrailerShape.Absent;
        if (layout.Trailer is { } trailerRecord)
        {
            shape = trailerRecord.DataLength == 0 ? TrailerShape.Empty : TrailerShape.Present;
            if (trailerRecord.DataLength > MaxHeaderBytes)
            {
                findings.Add(TooLarge(trailerRecord, "trailer", layout.Ordinal));
            }
            else if (trailerRecord.DataLength > 0)
            {
                var bytes = source.ReadRange(trailerRecord.DataOffset, (int)trailerRecord.DataLength);
                trailer = DareHeaderParser.ParseTrailer(bytes, trailerRecord.DataOffset, layout.Ordinal, findings);
            }
        }
        return new DareFrame { Layout = layout, Header = header, Trailer = trailer, TrailerShape = shape, HeaderFirstByte = first };
    }

    private static Finding TooLarge(RecordLayout record, string what, long ordinal) =>
        new(HeaderTooLarge, Severity.Error, record.TagOffset,
            $"the {what} record is {record.DataLength} bytes; {what}s over {MaxHeaderBytes} bytes are not parsed", ordinal);
}

/// <summary>How far a walk got.</summary>
public sealed class WalkState
{
    /// <summary>Offset just past the last well-formed frame.</summary>
    public long ValidEnd { get; set; }

    /// <summary>The walk stopped at bytes that do not form a frame (a torn tail, garbage, or a bad length).</summary>
    public bool Broken { get; set; }

    public long FrameCount { get; set; }
}
