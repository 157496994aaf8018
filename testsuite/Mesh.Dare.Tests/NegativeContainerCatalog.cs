using System.Text;
using MeshConformance.Core;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Verification;

namespace MeshConformance.Tests.Dare;

/// <summary>
/// The source of vectors/negative/dare/*.dare and manifest.json: broken containers, each with the error
/// findings (code and byte offset) the verifier must report, and no others.
///
/// The bases are the drafts' own examples: the dare-08 §14.1 simple list (rebuilt from the printed framing and
/// header texts in vectors/drafts/dare.json) and the §14.3 Merkle container (6 data frames, frame starts
/// 0, 360, 985, 1612, 2239, 2867, 3495 per the vector). Expected offsets are worked out from those layouts by
/// finding the bytes to change with a plain byte search, never by running the verifier.
/// To regenerate the files after editing this list: MESH_REGENERATE_VECTORS=1 dotnet test testsuite/Mesh.Dare.Tests
/// (otherwise a test fails when files and list disagree).
/// </summary>
public static class NegativeContainerCatalog
{
    public sealed record Expected(string Code, long Offset);

    public sealed record Entry(string Id, byte[] Bytes, string Description, IReadOnlyList<Expected> Findings);

    private static byte[] SimpleList => Hex.Decode(DraftVectors.ById("dare.json", "dare08-container-simple-list")
        .GetProperty("expected").GetProperty("derived_full_file_hex").GetString()!);

    /// <summary>The Merkle example, built by the writer; DraftContainerVectorTests prove it has the draft's layout.</summary>
    private static byte[] Merkle => MeshConformance.Dare.Writing.ContainerWriter.WriteAll(
        new MeshConformance.Dare.Writing.ContainerSettings { Type = ContainerType.Merkle },
        Enumerable.Repeat(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray(), 6));

    // Simple list layout: frame 0 = f4 82 | f0 7c header(4..127) | f0 00 | f0 00 | 82 f4  (bytes 0..133)
    //                     frame 1 = f5 01 74 | f0 43 header(139..205) | f1 01 2c payload(209..508) | 74 01 f5 (134..511)
    private const long Frame1 = 134;
    private const long Frame1Header = 139;
    private const long Frame1PayloadRecord = 206;
    private const long Frame1TrailingLength = 509;
    private const long Merkle6 = 3495;

    public static IReadOnlyList<Entry> All => Build();

    private static List<Entry> Build()
    {
        var list = SimpleList;
        var merkle = Merkle;
        return
        [
            new("empty-file", [], "a zero-length file: every container has frame 0", [new(FramingCodes.EmptyFile, 0)]),
            new("truncated-frame", list[..400], "the file ends 112 bytes into frame 1 (a torn append)",
                [new(FramingCodes.FrameTruncated, Frame1), new(ContainerCodes.TornTail, Frame1)]),
            new("truncated-in-length", list[..135], "the file ends right after frame 1's tag, inside its length",
                [new(FramingCodes.FrameTruncated, Frame1), new(ContainerCodes.TornTail, Frame1)]),
            new("trailing-length-disagrees", Patch(list, Frame1TrailingLength, 0x75), "frame 1's reversed length reads 0x0175, its leading length 0x0174",
                [new(FramingCodes.TrailerLength, Frame1TrailingLength), new(ContainerCodes.TornTail, Frame1)]),
            new("trailing-tag-disagrees", Patch(list, list.Length - 1, 0xF6), "frame 1 starts with F5 but ends with F6",
                [new(FramingCodes.TrailerTag, list.Length - 1), new(ContainerCodes.TornTail, Frame1)]),
            new("reserved-frame-tag", Patch(list, Frame1, 0xF9), "frame 1 starts with the reserved tag F9",
                [new(FramingCodes.FrameTag, Frame1), new(ContainerCodes.TornTail, Frame1)]),
            new("record-overruns-frame", Patch(list, Frame1PayloadRecord + 2, 0xFF), "frame 1's payload record claims 0x01FF bytes; 300 remain in the frame",
                [new(FramingCodes.RecordOverrun, Frame1PayloadRecord), new(ContainerCodes.TornTail, Frame1)]),
            new("length-prefix-2pow62", [0xF7, 0x40, 0, 0, 0, 0, 0, 0, 0, 0xF0, 0x00], "a frame whose 8-byte length claims 2^62 bytes; must fail without allocating",
                [new(FramingCodes.FrameTruncated, 0)]),
            new("garbage-tail", [.. list, .. "junk"u8.ToArray()], "four bytes of text after the last frame",
                [new(FramingCodes.FrameTag, list.Length), new(ContainerCodes.TornTail, list.Length)]),
            new("header-invalid-utf8", Patch(list, Frame1Header + 5, 0xFF), "byte FF inside the member name \"ContentMetaData\" of frame 1's header",
                [new("JSONB-INVALID-UTF8", Frame1Header + 5)]),
            new("header-malformed-base64", Replace(list, "\"e30\",\n  \"ContainerInfo\": {\n    \"Index\": 1", "\"e3!\",\n  \"ContainerInfo\": {\n    \"Index\": 1", out var b64),
                "ContentMetaData of frame 1 holds '!', not a base64url character",
                [new(HeaderCodes.Base64, b64)]),
            new("header-jsonc-code-undefined", ReplaceBytes(list, "\"e30\",\n  \"ContainerInfo\": {\n    \"Index\": 1", [0xC0, 0x20, 0x20, 0x20, 0x20], out var code),
                "frame 1's ContentMetaData value is the JSON-C reference C0 20 to a code never defined",
                [new("JSONB-CODE-UNDEFINED", code)]),
            new("header-unknown-tag", ReplaceBytes(list, "\"e30\",\n  \"ContainerInfo\": {\n    \"Index\": 1", [0x93, 0x20, 0x20, 0x20, 0x20], out var tag),
                "frame 1's ContentMetaData value starts with 0x93, which no JSON-B table assigns",
                [new("JSONB-UNKNOWN-TAG", tag)]),
            new("frame0-unknown-type", Replace(list, "\"List\"", "\"Lisp\"", out _), "frame 0 names ContainerType \"Lisp\"",
                [new(ContainerCodes.Frame0Type, 4)]),
            new("frame0-index-not-zero", Replace(list, "\"Index\": 0}", "\"Index\": 7}", out _), "frame 0 carries Index 7",
                [new(ContainerCodes.Frame0Index, 4)]),
            new("index-out-of-sequence", Replace(merkle, "\"Index\": 6,", "\"Index\": 9,", out _), "the last Merkle frame (6) carries Index 9",
                [new(ContainerCodes.IndexSequence, Merkle6 + 5)]),
            new("index-duplicate", Replace(merkle, "\"Index\": 6,", "\"Index\": 5,", out _), "the last Merkle frame repeats Index 5",
                [new(ContainerCodes.IndexDuplicate, Merkle6 + 5)]),
            new("tree-position-wrong", Replace(merkle, "\"TreePosition\": 2867}", "\"TreePosition\": 2868}", out _),
                "frame 6's TreePosition is 2868; PreviousFrame(6) = 5 starts at 2867",
                [new(ContainerCodes.TreePosition, Merkle6 + 5)]),
            new("payload-digest-mismatch", Patch(merkle, merkle.Length - PayloadTailDistance(merkle), 0x00),
                "one byte of frame 6's payload changed after its digests were written",
                [new(ContainerCodes.PayloadDigest, TrailerDataOffset(merkle)), new(ContainerCodes.TreeDigest, TrailerDataOffset(merkle))]),
        ];
    }

    private static byte[] Patch(byte[] source, long offset, byte value)
    {
        var copy = (byte[])source.Clone();
        copy[offset] = value;
        return copy;
    }

    /// <summary>Replaces the last occurrence of <paramref name="from"/> by a same-length text; <paramref name="at"/> is where it started.</summary>
    private static byte[] Replace(byte[] source, string from, string to, out long at) =>
        ReplaceBytes(source, from, Encoding.UTF8.GetBytes(to), out at);

    private static byte[] ReplaceBytes(byte[] source, string from, byte[] to, out long at)
    {
        var pattern = Encoding.UTF8.GetBytes(from);
        if (pattern.Length < to.Length) throw new ArgumentException("replacement longer than the pattern");
        at = source.AsSpan().LastIndexOf(pattern);
        if (at < 0) throw new ArgumentException($"pattern not found: {from}");
        var copy = (byte[])source.Clone();
        to.CopyTo(copy, at);
        return copy;
    }

    // Frame 6 of the Merkle example ends with: f1 01 2c, 300 payload bytes, f0 LL, trailer text, LL 02 f5 … so the trailer
    // text is the last '{' … '}' of the file and the payload ends 2 bytes before it.
    private static long TrailerDataOffset(byte[] merkle) => merkle.AsSpan().LastIndexOf("{\n  \"PayloadDigest\""u8);

    private static long PayloadTailDistance(byte[] merkle) => merkle.Length - (TrailerDataOffset(merkle) - 2 - 1);
}
