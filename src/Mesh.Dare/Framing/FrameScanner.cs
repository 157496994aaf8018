using MeshConformance.Core;
using MeshConformance.Dare.IO;

namespace MeshConformance.Dare.Framing;

/// <summary>What a walk over the frames found.</summary>
/// <param name="Frames">Every complete, well-formed frame, in file order.</param>
/// <param name="Findings">Framing problems, each with its byte offset.</param>
/// <param name="ValidEnd">Offset just past the last well-formed frame; equal to the file length when the frames tile the file.</param>
public sealed record FrameScan(IReadOnlyList<FrameLayout> Frames, IReadOnlyList<Finding> Findings, long ValidEnd)
{
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);
}

/// <summary>
/// Walks the frames of a DARE container forwards and backwards (formats.md §1.1). It reads only tags and
/// lengths, checks every declared length against the bytes that really exist before trusting it, and
/// stops at the first frame it cannot delimit, so hostile lengths cost nothing.
/// </summary>
public static class FrameScanner
{
    public static FrameScan ScanForward(IByteSource source)
    {
        var frames = new List<FrameLayout>();
        var findings = new List<Finding>();
        long position = 0;
        var length = source.Length;
        if (length == 0)
        {
            findings.Add(new Finding(FramingCodes.EmptyFile, Severity.Error, 0, "the file is empty: a container has at least frame 0"));
            return new FrameScan(frames, findings, 0);
        }
        while (position < length)
        {
            var frame = ReadFrameAt(source, position, frames.Count, findings);
            if (frame is null) break;
            frames.Add(frame);
            position = frame.End;
        }
        return new FrameScan(frames, findings, position < length && findings.Count > 0 ? position : Math.Min(position, length));
    }

    /// <summary>
    /// Walks from the end of the file to its start using the trailing length and tag of each frame,
    /// and reports the frame start offsets found, last frame first. Stops at the first inconsistency.
    /// </summary>
    public static (IReadOnlyList<long> StartsFromEnd, Finding? Problem) ScanBackward(IByteSource source, long end)
    {
        var starts = new List<long>();
        Span<byte> buffer = stackalloc byte[9];
        var bytes = new FramingBytes(source);
        while (end > 0)
        {
            // The trailing tag and the widest trailing length, in one borrow.
            bytes.Lend(Math.Max(0, end - buffer.Length), Math.Min(buffer.Length, end));
            if (!bytes.TryRead(end - 1, buffer[..1]))
                return (starts, Problem(end - 1, "cannot read the trailing tag"));
            var tag = buffer[0];
            if (!FrameTags.IsFrameTag(tag))
                return (starts, Problem(end - 1, $"byte 0x{tag:X2} before offset {end} is not a frame tag (F4–F7), so the frame ending there cannot be found backwards"));
            var width = FrameTags.LengthWidth(tag);
            var lengthOffset = end - 1 - width;
            if (lengthOffset < 1 || !bytes.TryRead(lengthOffset, buffer[..width]))
                return (starts, Problem(end - 1, "the trailing length runs before the start of the file"));
            var declared = ReadLittleEndian(buffer[..width]);
            var start = lengthOffset - (long)Math.Min(declared, (ulong)long.MaxValue / 2) - 1 - width;
            if (declared > (ulong)lengthOffset || start < 0)
                return (starts, Problem(lengthOffset, $"the trailing length {declared} points before the start of the file"));
            bytes.Lend(start, 1 + width);
            if (!bytes.TryRead(start, buffer[..(1 + width)]) || buffer[0] != tag || ReadBigEndian(buffer[1..(1 + width)]) != declared)
                return (starts, Problem(start, $"the trailing length {declared} at offset {lengthOffset} leads to offset {start}, where no frame with the same tag and length starts"));
            starts.Add(start);
            end = start;
        }
        return (starts, null);

        static Finding Problem(long offset, string message) => new(FramingCodes.ReverseWalk, Severity.Error, offset, message);
    }

    /// <summary>
    /// Compares the backward walk with the forward walk: both must visit the same frame starts (formats.md §1.8).
    /// </summary>
    /// <param name="end">Where the forward walk's well-formed frames end.</param>
    /// <param name="frameCount">How many frames the forward walk found.</param>
    /// <param name="forwardOffset">The start offset of each forward frame, by ordinal.</param>
    public static Finding? CheckReverseWalk(IByteSource source, long end, long frameCount, Func<long, long> forwardOffset)
    {
        var (starts, problem) = ScanBackward(source, end);
        if (problem is not null) return problem;
        for (var i = 0; i < starts.Count && i < frameCount; i++)
        {
            var expected = forwardOffset(frameCount - 1 - i);
            if (starts[i] != expected)
            {
                return new Finding(FramingCodes.ReverseWalk, Severity.Error, starts[i],
                    $"walking backwards, frame {frameCount - 1 - i} starts at {starts[i]}, but walking forwards it starts at {expected}");
            }
        }
        if (starts.Count != frameCount)
        {
            return new Finding(FramingCodes.ReverseWalk, Severity.Error, 0,
                $"the backward walk found {starts.Count} frames but the forward walk found {frameCount}");
        }
        return null;
    }

    /// <summary>Reads and checks the frame whose leading tag is at <paramref name="offset"/>; null (with findings) if it cannot be delimited.</summary>
    public static FrameLayout? ReadFrameAt(IByteSource source, long offset, long ordinal, List<Finding> findings) =>
        TryReadFrameAt(source, offset, ordinal, findings, out var frame) ? frame.ToLayout() : null;

    /// <summary><see cref="ReadFrameAt"/> without allocating: the same checks, findings and layout.</summary>
    internal static bool TryReadFrameAt(IByteSource source, long offset, long ordinal, List<Finding> findings, out CompactFrameLayout frame)
    {
        frame = default;
        Span<byte> buffer = stackalloc byte[9];
        var fileLength = source.Length;
        var bytes = new FramingBytes(source);
        bytes.Lend(offset, Math.Min(buffer.Length, fileLength - offset));
        bytes.TryRead(offset, buffer[..1]);
        var tag = buffer[0];
        if (!FrameTags.IsFrameTag(tag))
        {
            findings.Add(new Finding(FramingCodes.FrameTag, Severity.Error, offset,
                $"expected a frame tag F4–F7 but found 0x{tag:X2}" + (offset > 0 ? $" after {ordinal} complete frame(s)" : ""), ordinal));
            return false;
        }
        var width = FrameTags.LengthWidth(tag);
        if (!bytes.TryRead(offset + 1, buffer[..width]))
        {
            findings.Add(Truncated(offset, ordinal, $"the file ends inside the {width}-byte length of the frame starting at {offset}"));
            return false;
        }
        var declared = ReadBigEndian(buffer[..width]);
        var remaining = fileLength - offset - 2L * (1 + width);
        if (remaining < 0 || declared > (ulong)remaining)
        {
            findings.Add(Truncated(offset, ordinal,
                $"the frame declares {declared} bytes but only {Math.Max(0, remaining)} remain before the end of the file (truncated or torn frame)"));
            return false;
        }
        var bodyLength = (long)declared;
        if (FrameTags.ShortestWidth(bodyLength) != width)
        {
            findings.Add(new Finding(FramingCodes.LengthNotShortest, Severity.Info, offset,
                $"frame length {bodyLength} uses a {width}-byte length; the reference writer uses the shortest ({FrameTags.ShortestWidth(bodyLength)})", ordinal));
        }
        var bodyOffset = offset + 1 + width;
        var bodyEnd = bodyOffset + bodyLength;
        // The whole frame now lies inside the file: borrow it at once when the source can lend it.
        bytes.Lend(offset, 2 * (1 + width) + bodyLength);

        // The trailing copy: the same length little-endian, then the same tag.
        if (!bytes.TryRead(bodyEnd, buffer[..(width + 1)]))
        {
            findings.Add(Truncated(offset, ordinal, "the file ends inside the trailing length of the frame"));
            return false;
        }
        var trailing = ReadLittleEndian(buffer[..width]);
        var trailingTag = buffer[width];
        if (trailing != declared)
        {
            findings.Add(new Finding(FramingCodes.TrailerLength, Severity.Error, bodyEnd,
                $"the trailing length reads {trailing} but the leading length is {declared}", ordinal));
            return false;
        }
        if (trailingTag != tag)
        {
            findings.Add(new Finding(FramingCodes.TrailerTag, Severity.Error, bodyEnd + width,
                $"the trailing tag is 0x{trailingTag:X2} but the frame starts with 0x{tag:X2}", ordinal));
            return false;
        }

        Span<RecordLayout> records = stackalloc RecordLayout[3];
        var count = 0;
        var position = bodyOffset;
        while (position < bodyEnd)
        {
            if (count == 3)
            {
                findings.Add(new Finding(FramingCodes.RecordCount, Severity.Error, position,
                    "the frame holds more than three records (header, payload, trailer)", ordinal));
                return false;
            }
            bytes.TryRead(position, buffer[..1]);
            var recordTag = buffer[0];
            if (!FrameTags.IsRecordTag(recordTag))
            {
                findings.Add(new Finding(FramingCodes.RecordTag, Severity.Error, position,
                    $"expected a record tag F0–F3 inside the frame but found 0x{recordTag:X2}", ordinal));
                return false;
            }
            var recordWidth = FrameTags.LengthWidth(recordTag);
            if (position + 1 + recordWidth > bodyEnd || !bytes.TryRead(position + 1, buffer[..recordWidth]))
            {
                findings.Add(new Finding(FramingCodes.RecordOverrun, Severity.Error, position,
                    "the record's length field runs past the end of its frame", ordinal));
                return false;
            }
            var recordLength = ReadBigEndian(buffer[..recordWidth]);
            var dataOffset = position + 1 + recordWidth;
            if (recordLength > (ulong)(bodyEnd - dataOffset))
            {
                findings.Add(new Finding(FramingCodes.RecordOverrun, Severity.Error, position,
                    $"the record declares {recordLength} bytes but only {bodyEnd - dataOffset} remain in its frame", ordinal));
                return false;
            }
            records[count++] = new RecordLayout(position, dataOffset, (long)recordLength);
            position = dataOffset + (long)recordLength;
        }
        if (count == 0)
        {
            findings.Add(new Finding(FramingCodes.RecordCount, Severity.Error, bodyOffset,
                "the frame holds no records: the header record is required", ordinal));
            return false;
        }
        frame = new CompactFrameLayout(ordinal, offset, tag, bodyLength, count, records[0], records[1], records[2]);
        return true;
    }

    /// <summary>
    /// Reads framing fields from a span the source lends (<see cref="IByteWindow"/>) when it holds them, and from the
    /// source otherwise, so both give the same bytes and the same failures.
    /// </summary>
    private ref struct FramingBytes(IByteSource source)
    {
        private readonly IByteSource source = source;
        private ReadOnlySpan<byte> lent;
        private long lentOffset;

        /// <summary>Borrows [offset, offset + length) if the source lends it; otherwise later reads go to the source.</summary>
        public void Lend(long offset, long length)
        {
            lent = default;
            if (source is IByteWindow window && length is > 0 and <= int.MaxValue && window.TryGetSpan(offset, (int)length, out var span))
            {
                lent = span;
                lentOffset = offset;
            }
        }

        public readonly bool TryRead(long offset, Span<byte> buffer)
        {
            var at = offset - lentOffset;
            if (at >= 0 && at <= lent.Length - buffer.Length)
            {
                lent.Slice((int)at, buffer.Length).CopyTo(buffer);
                return true;
            }
            return source.TryReadExactly(offset, buffer);
        }
    }

    private static Finding Truncated(long offset, long ordinal, string message) =>
        new(FramingCodes.FrameTruncated, Severity.Error, offset, message, ordinal);

    private static ulong ReadBigEndian(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        foreach (var b in bytes) value = (value << 8) | b;
        return value;
    }

    private static ulong ReadLittleEndian(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        for (var i = bytes.Length - 1; i >= 0; i--) value = (value << 8) | bytes[i];
        return value;
    }
}
