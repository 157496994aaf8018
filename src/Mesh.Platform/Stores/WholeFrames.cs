using System.Buffers.Binary;
using MeshConformance.Core;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;

namespace MeshConformance.Platform.Stores;

/// <summary>Where a whole frame lies in the file.</summary>
public readonly record struct FrameExtent(long Offset, long Length)
{
    public long End => Offset + Length;
}

/// <summary>
/// Where the whole frames of a growing container end — the one question both writers (before appending) and readers
/// (before trusting new frames) ask. Only bytes that cannot be delimited as a frame (cut short, or the closing length
/// and tag missing or wrong) are not yet, or never will be, a frame. A delimited frame with bad records inside is
/// whole: it stays (cutting it would destroy a complete append), and the checker reports it.
/// </summary>
public static class WholeFrames
{
    private static readonly HashSet<string> Undelimited =
        [FramingCodes.FrameTruncated, FramingCodes.FrameTag, FramingCodes.TrailerTag, FramingCodes.TrailerLength];

    /// <summary>
    /// The frame at <paramref name="offset"/> if it is whole and ends by <paramref name="length"/>; null if the bytes
    /// there are an append in progress or a torn tail. <paramref name="findings"/> receives what the framing check found
    /// wrong inside a whole frame (its records).
    /// </summary>
    public static FrameExtent? TryRead(IByteSource source, long offset, long ordinal, long length, List<Finding> findings)
    {
        var seen = new List<Finding>();
        var frame = FrameScanner.ReadFrameAt(source, offset, ordinal, seen);
        if (seen.Any(f => Undelimited.Contains(f.Code))) return null;
        FrameExtent extent;
        if (frame is not null)
        {
            extent = new FrameExtent(frame.Offset, frame.TotalLength);
        }
        else
        {
            // Delimited (both ends agree, or the scanner would have said so) but its records are broken: the frame's
            // extent comes from its leading tag and length.
            Span<byte> lead = stackalloc byte[9];
            if (source.Read(offset, lead[..1]) != 1) return null;
            var width = FrameTags.LengthWidth(lead[0]);
            if (source.Read(offset + 1, lead.Slice(1, width)) != width) return null;
            var body = 0L;
            foreach (var b in lead.Slice(1, width)) body = (body << 8) | b;
            extent = new FrameExtent(offset, 2 * (1 + width) + body);
        }
        if (extent.End > length) return null;
        findings.AddRange(seen);
        return extent;
    }
}
