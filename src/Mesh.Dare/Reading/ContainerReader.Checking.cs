using MeshConformance.Core;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;

namespace MeshConformance.Dare.Reading;

// Checking mode: the same walk and the same findings as ReadFrames, but headers and trailers of the common
// shape are read by FastHeaderReader into RecordFacts instead of being parsed into JSON trees.
public static partial class ContainerReader
{
    /// <summary>
    /// Walks the frames like <see cref="ReadFrames"/>. With <paramref name="keepParsed"/> every frame is fully
    /// parsed (and kept for reports); otherwise the fast reader is tried first and the full parser only runs on
    /// records it declines, which gives the same findings and facts. With <paramref name="readContentMeta"/> each
    /// header's whole <see cref="RecordFacts.ContentMeta"/> is read too (catalog reading).
    /// </summary>
    internal static IEnumerable<CheckedFrame> ReadCheckedFrames(IByteSource source, List<Finding> findings, WalkState walk, bool keepParsed,
        bool readContentMeta = false)
    {
        var frames = new CheckingWalk(source, findings, walk, keepParsed, readContentMeta);
        while (true)
        {
            // A new instance per frame: callers of the enumerable may keep frames.
            var frame = new CheckedFrame();
            if (!frames.TryReadNext(frame)) yield break;
            yield return frame;
        }
    }

    /// <summary>
    /// The checking-mode twin of <see cref="ReadFrame"/>: same findings, in the same order. The frame is read into
    /// <paramref name="into"/>, whose earlier facts the fast reader refills.
    /// </summary>
    internal static void ReadCheckedFrame(IByteSource source, in CompactFrameLayout layout, List<Finding> findings, RecordBuffer buffer,
        CheckedFrame into, bool readContentMeta = false)
    {
        var headerRecord = layout.Header;
        RecordFacts? header = null;
        byte first = 0;
        if (headerRecord.DataLength > MaxHeaderBytes)
        {
            findings.Add(TooLarge(headerRecord, "header", layout.Ordinal));
        }
        else
        {
            var bytes = buffer.Read(source, headerRecord);
            first = bytes.Length > 0 ? bytes[0] : (byte)0;
            header = FastHeaderReader.TryReadHeader(bytes, readContentMeta, into.SpareHeader)
                     ?? (DareHeaderParser.ParseHeader(bytes.ToArray(), headerRecord.DataOffset, layout.Ordinal, findings) is { } parsed ? RecordFacts.From(parsed) : null);
        }

        RecordFacts? trailer = null;
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
                var bytes = buffer.Read(source, trailerRecord);
                trailer = FastHeaderReader.TryReadTrailer(bytes, into.SpareTrailer)
                          ?? (DareHeaderParser.ParseTrailer(bytes.ToArray(), trailerRecord.DataOffset, layout.Ordinal, findings) is { } parsed ? RecordFacts.From(parsed) : null);
            }
        }
        into.Set(layout, header, trailer, shape, first);
    }
}

/// <summary>
/// The frame-by-frame state of a checking walk (<see cref="ContainerReader.ReadCheckedFrames"/>): the verifier pulls
/// frames into instances it reuses, instead of a new object per frame through an enumerator.
/// </summary>
internal sealed class CheckingWalk(IByteSource source, List<Finding> findings, WalkState walk, bool keepParsed, bool readContentMeta = false)
{
    private readonly RecordBuffer buffer = new();
    private long position;
    private long ordinal;
    private bool started;
    private bool ended;

    /// <summary>End of the frame returned last, applied to the walk state on the next call as ReadFrames does after its yield.</summary>
    private long pendingEnd = -1;

    /// <summary>Reads the next frame into <paramref name="into"/>; false (with the walk's state final) when the walk has ended.</summary>
    public bool TryReadNext(CheckedFrame into)
    {
        if (ended) return false;
        if (pendingEnd >= 0)
        {
            position = pendingEnd;
            walk.ValidEnd = position;
            ordinal++;
            pendingEnd = -1;
        }
        if (!started)
        {
            started = true;
            if (source.Length == 0)
            {
                findings.Add(new Finding(FramingCodes.EmptyFile, Severity.Error, 0, "the file is empty: a container has at least frame 0"));
                // ReadFrames leaves the walk state untouched for an empty file.
                ended = true;
                return false;
            }
        }
        if (position >= source.Length)
        {
            walk.FrameCount = ordinal;
            ended = true;
            return false;
        }
        if (keepParsed)
        {
            var layout = FrameScanner.ReadFrameAt(source, position, ordinal, findings);
            if (layout is null) return Broken();
            into.Set(ContainerReader.ReadFrame(source, layout, findings));
        }
        else
        {
            if (!FrameScanner.TryReadFrameAt(source, position, ordinal, findings, out var layout)) return Broken();
            ContainerReader.ReadCheckedFrame(source, layout, findings, buffer, into, readContentMeta);
        }
        // ReadFrames moves the walk state on only when the next frame is asked for: a caller that fails while
        // handling this frame sees the state before it.
        pendingEnd = into.Framing.End;
        return true;
    }

    private bool Broken()
    {
        walk.Broken = true;
        walk.FrameCount = ordinal;
        ended = true;
        return false;
    }
}

/// <summary>One buffer reused for every header and trailer of a walk, instead of an array per record.</summary>
internal sealed class RecordBuffer
{
    private byte[] bytes = new byte[4096];

    /// <summary>Reads a record the framing walk has already checked lies inside the source.</summary>
    public ReadOnlySpan<byte> Read(IByteSource source, RecordLayout record)
    {
        var length = (int)record.DataLength;
        // The framing walk has just read this frame, so a windowed source usually still holds it.
        if (source is IByteWindow window && window.TryGetSpan(record.DataOffset, length, out var lent)) return lent;
        if (bytes.Length < length) bytes = new byte[Math.Max(length, 2 * bytes.Length)];
        var span = bytes.AsSpan(0, length);
        if (!source.TryReadExactly(record.DataOffset, span))
            throw new IOException($"could not read {length} bytes at offset {record.DataOffset}");
        return span;
    }
}
