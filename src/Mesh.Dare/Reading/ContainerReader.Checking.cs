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
        if (keepParsed)
        {
            foreach (var frame in ReadFrames(source, findings, walk)) yield return CheckedFrame.From(frame);
            yield break;
        }
        if (source.Length == 0)
        {
            findings.Add(new Finding(FramingCodes.EmptyFile, Severity.Error, 0, "the file is empty: a container has at least frame 0"));
            yield break;
        }
        var buffer = new RecordBuffer();
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
            yield return ReadCheckedFrame(source, layout, findings, buffer, readContentMeta);
            position = layout.End;
            walk.ValidEnd = position;
            ordinal++;
        }
        walk.FrameCount = ordinal;
    }

    /// <summary>The checking-mode twin of <see cref="ReadFrame"/>: same findings, in the same order.</summary>
    internal static CheckedFrame ReadCheckedFrame(IByteSource source, FrameLayout layout, List<Finding> findings, RecordBuffer buffer,
        bool readContentMeta = false)
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
            header = FastHeaderReader.TryReadHeader(bytes, readContentMeta)
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
                trailer = FastHeaderReader.TryReadTrailer(bytes)
                          ?? (DareHeaderParser.ParseTrailer(bytes.ToArray(), trailerRecord.DataOffset, layout.Ordinal, findings) is { } parsed ? RecordFacts.From(parsed) : null);
            }
        }
        return new CheckedFrame { Layout = layout, Header = header, Trailer = trailer, TrailerShape = shape, HeaderFirstByte = first };
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
        if (bytes.Length < length) bytes = new byte[Math.Max(length, 2 * bytes.Length)];
        var span = bytes.AsSpan(0, length);
        if (!source.TryReadExactly(record.DataOffset, span))
            throw new IOException($"could not read {length} bytes at offset {record.DataOffset}");
        return span;
    }
}
