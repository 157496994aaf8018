using System.Diagnostics;
using MeshConformance.Core;
using MeshConformance.Dare.Digests;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Reading;
using MeshConformance.Dare.Verification;
using MeshConformance.Dare.Writing;

namespace MeshConformance.Bench;

/// <summary>
/// Where ContainerVerifier.Verify spends its time, measured stage by stage on the same file through the
/// library's pieces (internal ones through InternalsVisibleTo): each stage runs once to warm up, then
/// <c>iterations</c> times, and the median is reported.
/// </summary>
internal static class Profile
{
    /// <summary>One warm-up, then the median of <paramref name="iterations"/> timed runs and the last run's allocation.</summary>
    private static (string, double, string) TimeStage(string name, string note, Action body, int iterations)
    {
        body();
        var runs = new double[iterations];
        long allocated = 0;
        for (var i = 0; i < iterations; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            body();
            runs[i] = sw.Elapsed.TotalSeconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        return (name, Stats.Median(runs), $"{note}; {allocated / 1e6:F1} MB allocated");
    }

    public static List<(string Stage, double Seconds, string Note)> Run(string path, byte[] fileBytes, int iterations)
    {
        var stages = new List<(string, double, string)>();
        void Stage(string name, string note, Action body) => stages.Add(TimeStage(name, note, body, iterations));

        // Layouts and raw header/trailer bytes, gathered once for the stages that isolate one kind of work.
        var layouts = FrameScanner.ScanForward(new MemoryByteSource(fileBytes)).Frames;
        var headers = layouts.Select(l => fileBytes.AsMemory((int)l.Header.DataOffset, (int)l.Header.DataLength)).ToArray();
        var trailers = layouts.Select(l => l.Trailer is { } t ? fileBytes.AsMemory((int)t.DataOffset, (int)t.DataLength) : ReadOnlyMemory<byte>.Empty).ToArray();
        var end = layouts[^1].End;

        Stage("read.file_all_bytes", "File.ReadAllBytes of the container", () => File.ReadAllBytes(path));
        Stage("verify.total_file", "ContainerVerifier.Verify(path): the measured figure", () => ContainerVerifier.Verify(path));
        Stage("verify.total_memory", "Verify over a MemoryByteSource: no file reads", () => ContainerVerifier.Verify(new MemoryByteSource(fileBytes)));
        Stage("walk.forward_framing", "FrameScanner.ReadFrameAt loop (tags, lengths, records)", () =>
        {
            using var source = new FileByteSource(path);
            var findings = new List<Finding>();
            long position = 0, ordinal = 0;
            while (position < source.Length && FrameScanner.ReadFrameAt(source, position, ordinal++, findings) is { } layout) position = layout.End;
        });
        Stage("walk.forward_framing+parse", "ContainerReader.ReadFrames: framing + header/trailer read + parse", () =>
        {
            using var source = new FileByteSource(path);
            var findings = new List<Finding>();
            foreach (var _ in ContainerReader.ReadFrames(source, findings)) { }
        });
        Stage("walk.checking_read", "ContainerReader.ReadCheckedFrames: framing + fast header/trailer reader (checking mode)", () =>
        {
            using var source = new FileByteSource(path);
            var findings = new List<Finding>();
            foreach (var _ in ContainerReader.ReadCheckedFrames(source, findings, new WalkState(), keepParsed: false)) { }
        });
        Stage("parse.fast_header", "FastHeaderReader.TryReadHeader on in-memory header bytes", () =>
        {
            for (var i = 0; i < headers.Length; i++) FastHeaderReader.TryReadHeader(headers[i].Span);
        });
        Stage("parse.fast_trailer", "FastHeaderReader.TryReadTrailer on in-memory trailer bytes", () =>
        {
            for (var i = 0; i < trailers.Length; i++) if (!trailers[i].IsEmpty) FastHeaderReader.TryReadTrailer(trailers[i].Span);
        });
        Stage("parse.header_json", "DareHeaderParser.ParseHeader on in-memory header bytes", () =>
        {
            var findings = new List<Finding>();
            for (var i = 0; i < headers.Length; i++) DareHeaderParser.ParseHeader(headers[i], 0, i, findings);
        });
        Stage("parse.trailer_json", "DareHeaderParser.ParseTrailer on in-memory trailer bytes", () =>
        {
            var findings = new List<Finding>();
            for (var i = 0; i < trailers.Length; i++) if (!trailers[i].IsEmpty) DareHeaderParser.ParseTrailer(trailers[i], 0, i, findings);
        });
        Stage("digest.payload", "DareDigests.Payload per frame (in memory)", () =>
        {
            var source = new MemoryByteSource(fileBytes);
            foreach (var l in layouts) DareDigests.Payload(source, l.Payload);
        });
        Stage("digest.payload+tree", "Payload + ReferenceTree(Sequence) per frame, as the verifier does", () =>
        {
            var source = new MemoryByteSource(fileBytes);
            foreach (var l in layouts)
            {
                var pd = DareDigests.Payload(source, l.Payload);
                DareDigests.ReferenceTree(pd, l.Ordinal, TreeDigestConvention.Sequence);
            }
        });
        Stage("digest.floor", "fewest SHA-512 calls, no allocation: HashData(payload) + k folds into stack buffers", () =>
        {
            Span<byte> pd = stackalloc byte[64];
            Span<byte> both = stackalloc byte[128];
            foreach (var l in layouts)
            {
                var p = l.Payload!.Value;
                System.Security.Cryptography.SHA512.HashData(fileBytes.AsSpan((int)p.DataOffset, (int)p.DataLength), pd);
                both[..64].Clear();
                var folds = DareDigests.ReferenceTreeFolds(l.Ordinal, TreeDigestConvention.Sequence);
                pd.CopyTo(both[64..]);
                for (var k = 0; k < folds; k++)
                {
                    System.Security.Cryptography.SHA512.HashData(both, both[64..]);
                }
            }
        });
        Stage("digest.payload+tree_2threads", "Payload + ReferenceTree split over 2 threads (Parallel.For, 2 ranges)", () =>
        {
            var half = layouts.Count / 2;
            Parallel.For(0, 2, part =>
            {
                var source = new MemoryByteSource(fileBytes);
                for (var i = part == 0 ? 0 : half; i < (part == 0 ? half : layouts.Count); i++)
                {
                    var pd = DareDigests.Payload(source, layouts[i].Payload);
                    DareDigests.ReferenceTree(pd, layouts[i].Ordinal, TreeDigestConvention.Sequence);
                }
            });
        });
        Stage("walk.backward", "FrameScanner.ScanBackward over the file", () =>
        {
            using var source = new FileByteSource(path);
            FrameScanner.ScanBackward(source, end);
        });
        return stages;
    }

    /// <summary>Where ContainerWriter.Append spends its time: the same steps Append takes, one kind at a time.</summary>
    public static List<(string Stage, double Seconds, string Note)> RunAppend(string path, byte[][] payloads, ContentMeta[] metas, int iterations)
    {
        var stages = new List<(string, double, string)>();
        void Stage(string name, string note, Action body) => stages.Add(TimeStage(name, note, body, iterations));
        var n = payloads.Length;
        var settings = new ContainerSettings { Type = ContainerType.Merkle };
        var metaBytes = metas.Select(HeaderWriter.ContentMetaBytes).ToArray();
        var digests = payloads.Select(p => DareDigests.Hash(p)).ToArray();
        var trees = digests.Select((d, i) => DareDigests.ReferenceTree(d, i + 1, TreeDigestConvention.Sequence)).ToArray();
        var headers = new byte[n][];
        var trailers = new byte[n][];
        var frames = new byte[n][];

        Stage("append.build_frames_no_io", "ContainerWriter.BuildNextFrame + Commit, no stream", () =>
        {
            var writer = new ContainerWriter(settings);
            long offset = 0;
            var f0 = writer.BuildFrame0(); writer.Commit(offset, f0.Length); offset += f0.Length;
            for (var i = 0; i < n; i++) { var f = writer.BuildNextFrame(payloads[i], metas[i]); writer.Commit(offset, f.Length); offset += f.Length; }
        });
        Stage("append.content_meta_json", "HeaderWriter.ContentMetaBytes(meta)", () =>
        {
            for (var i = 0; i < n; i++) HeaderWriter.ContentMetaBytes(metas[i]);
        });
        Stage("append.header_json", "HeaderWriter.Header(fields) incl. base64 of ContentMetaData", () =>
        {
            for (var i = 0; i < n; i++)
                headers[i] = HeaderWriter.Header(new FrameHeaderFields { Vocabulary = DareVocabulary.Dare08, Index = i + 1, ContentMetaData = metaBytes[i], TreePosition = 1000L * i });
        });
        Stage("append.digests", "DareDigests.Hash(payload) + ReferenceTree(Sequence)", () =>
        {
            for (var i = 0; i < n; i++) DareDigests.ReferenceTree(DareDigests.Hash(payloads[i]), i + 1, TreeDigestConvention.Sequence);
        });
        Stage("append.trailer_json", "HeaderWriter.Trailer(pd, null, tree)", () =>
        {
            for (var i = 0; i < n; i++) trailers[i] = HeaderWriter.Trailer(digests[i], null, trees[i]);
        });
        Stage("append.frame_builder", "FrameBuilder.Build(header, payload, trailer)", () =>
        {
            for (var i = 0; i < n; i++) frames[i] = FrameBuilder.Build(headers[i], payloads[i], trailers[i], hasTrailer: true);
        });
        Stage("append.filestream_write", "FileStream.Write of the prebuilt frames (64 KiB buffer, no fsync)", () =>
        {
            using var stream = new FileStream(path + ".w", FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 64 * 1024);
            for (var i = 0; i < n; i++) stream.Write(frames[i]);
            stream.Flush(false);
        });
        File.Delete(path + ".w");
        return stages;
    }
}
