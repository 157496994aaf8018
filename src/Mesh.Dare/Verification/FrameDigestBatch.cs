using System.Security.Cryptography;
using MeshConformance.Core;
using MeshConformance.Dare.Digests;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Reading;

namespace MeshConformance.Dare.Verification;

/// <summary>
/// What the digest checks of one frame need computed: the payload digest and whether each stored digest matches
/// each reference computation. Pure functions of the frame's bytes, so any thread may compute them.
/// </summary>
internal struct FrameDigestWork
{
    public bool NeedsPayloadDigest;

    /// <summary>The payload was too large to copy into the batch and was hashed while reading.</summary>
    public bool PayloadDigestReady;

    public int PayloadStart;
    public int PayloadLength;
    public bool PayloadMatches;
    public bool ChainReferenceMatches;
    public bool TreeSequenceMatches;
    public bool TreeCatalogMatches;
}

/// <summary>
/// A run of consecutive frames read ahead of the checks, with copies of their payloads, whose digests are computed
/// by whichever threads call <see cref="ComputeDigests"/> (each frame exactly once). The checks then consume the
/// frames in file order, so the report does not depend on how the hashing was shared out.
/// </summary>
internal sealed class FrameDigestBatch
{
    private const int MaxFrames = 512;

    /// <summary>Payloads up to this size are copied into the batch; larger ones are hashed while reading, from the source.</summary>
    private const int MaxCopiedPayload = 64 * 1024;

    private const int PayloadBudget = 2 * 1024 * 1024;

    /// <summary>
    /// Frames one thread claims at a time with multi-buffer hashing: enough to keep eight fold lanes busy
    /// (about three folds per frame), few enough that two threads share a batch evenly.
    /// </summary>
    private const int MultiBufferChunk = 32;

    private readonly bool multiBuffer = VerifierTuning.MultiBufferDigests && MultiBufferSha512.IsAccelerated;

    private readonly int capacity;
    private readonly Storage storage;
    private readonly CheckedFrame[] frames;
    private readonly Finding[]?[] readFindings;
    private readonly FrameDigestWork[] work;
    private readonly byte[] payloadDigests;
    private byte[] payloads;

    private readonly WalkFollower? follower;

    /// <param name="sourceLength">The container's length: a small container gets a small batch (no frame is under 8 bytes).</param>
    /// <param name="follower">Given each frame as soon as it is read, before its instance can be refilled.</param>
    public FrameDigestBatch(long sourceLength, WalkFollower? follower = null)
    {
        this.follower = follower;
        capacity = (int)Math.Clamp(sourceLength / 8, 1, MaxFrames);
        storage = TakeSpareStorage();
        (frames, readFindings, work, payloadDigests, payloads) = (storage.Frames, storage.ReadFindings, storage.Work, storage.PayloadDigests, storage.Payloads);
    }

    /// <summary>
    /// What a batch reads into: the frame instances (with the header and trailer facts and digest arrays the fast reader
    /// refills), the per-frame results and the payload copies. Everything is overwritten for each frame before it is read.
    /// </summary>
    private sealed class Storage
    {
        public readonly CheckedFrame[] Frames = new CheckedFrame[MaxFrames];
        public readonly Finding[]?[] ReadFindings = new Finding[]?[MaxFrames];
        public readonly FrameDigestWork[] Work = new FrameDigestWork[MaxFrames];
        public readonly byte[] PayloadDigests = new byte[MaxFrames * DareDigests.Size];

        /// <summary>Grows on demand up to PayloadBudget + MaxCopiedPayload, so that a small container costs a small buffer.</summary>
        public byte[] Payloads = new byte[4096];
    }

    /// <summary>
    /// Storage left by this thread's last verification (one per batch). A checker verifies hundreds of containers on
    /// each thread: new storage for each — a frame, header and trailer facts and their digest arrays per frame, and two
    /// payload buffers grown from 4 KB (zeroed, the larger ones on the large object heap and freed only by full
    /// collections) — was most of its allocation and of its peak memory. At most two per thread are kept, each with at
    /// most PayloadBudget + MaxCopiedPayload bytes of payloads.
    /// </summary>
    [ThreadStatic] private static Storage? spareStorage;
    [ThreadStatic] private static Storage? secondSpareStorage;

    private static Storage TakeSpareStorage()
    {
        Storage? spare;
        if ((spare = spareStorage) is not null) spareStorage = null;
        else if ((spare = secondSpareStorage) is not null) secondSpareStorage = null;
        return spare ?? new Storage();
    }

    /// <summary>Leaves the storage to the next verification on this thread; the batch is not used afterwards.</summary>
    public void Release()
    {
        storage.Payloads = payloads;
        if (spareStorage is null) spareStorage = storage;
        else secondSpareStorage ??= storage;
        payloads = [];
    }
    private int payloadBytes;
    private int nextToHash;

    public int Count { get; private set; }

    private bool IsFull => Count == capacity || payloadBytes >= PayloadBudget;

    public CheckedFrame Frame(int i) => frames[i];

    /// <summary>Findings the reading of frame <paramref name="i"/> produced (framing, header parse), or null.</summary>
    public Finding[]? ReadFindings(int i) => readFindings[i];

    public ref readonly FrameDigestWork Work(int i) => ref work[i];

    /// <summary>The computed payload digest of frame <paramref name="i"/>, or empty when none was needed.</summary>
    public ReadOnlySpan<byte> PayloadDigest(int i) =>
        work[i].NeedsPayloadDigest ? payloadDigests.AsSpan(i * DareDigests.Size, DareDigests.Size) : default;

    /// <summary>Reads frames into the batch until it is full; false when the walk has ended. With <paramref name="walkGoesOn"/> false it only empties the batch.</summary>
    public bool Fill(CheckingWalk walk, List<Finding> findingsWhileReading, IByteSource source, bool walkGoesOn = true)
    {
        Count = 0;
        payloadBytes = 0;
        nextToHash = 0;
        if (!walkGoesOn) return false;
        while (!IsFull)
        {
            // The frames of the previous fill have been checked: their instances take the next frames.
            var frame = frames[Count] ??= new CheckedFrame();
            if (!walk.TryReadNext(frame)) return false;
            follower?.Frame(frame, findingsWhileReading);
            Add(frame, findingsWhileReading, source);
        }
        return true;
    }

    private void Add(CheckedFrame frame, List<Finding> findingsWhileReading, IByteSource source)
    {
        var i = Count++;
        readFindings[i] = findingsWhileReading.Count == 0 ? null : [.. findingsWhileReading];
        findingsWhileReading.Clear();
        work[i] = new FrameDigestWork { NeedsPayloadDigest = frame.PayloadDigest is not null || frame.ChainDigest is not null || frame.TreeDigest is not null };
        if (!work[i].NeedsPayloadDigest) return;
        var payload = frame.Framing.Payload;
        var length = payload?.DataLength ?? 0;
        if (length > MaxCopiedPayload)
        {
            DareDigests.Payload(source, payload).CopyTo(payloadDigests.AsSpan(i * DareDigests.Size));
            work[i].PayloadDigestReady = true;
            return;
        }
        if (payloadBytes + length > payloads.Length)
            Array.Resize(ref payloads, (int)Math.Min(PayloadBudget + MaxCopiedPayload, Math.Max(2L * payloads.Length, payloadBytes + length)));
        if (payload is { } record && !source.TryReadExactly(record.DataOffset, payloads.AsSpan(payloadBytes, (int)length)))
            throw new IOException("payload vanished while hashing");
        work[i].PayloadStart = payloadBytes;
        work[i].PayloadLength = (int)length;
        payloadBytes += (int)length;
    }

    /// <summary>Computes the digests of frames no other thread has claimed yet; safe to call from several threads at once.</summary>
    public void ComputeDigests()
    {
        if (multiBuffer)
        {
            int first;
            while ((first = Interlocked.Add(ref nextToHash, MultiBufferChunk) - MultiBufferChunk) < Count)
                ComputeMultiBuffer(first, Math.Min(first + MultiBufferChunk, Count));
            return;
        }
        int i;
        while ((i = Interlocked.Increment(ref nextToHash) - 1) < Count) Compute(i);
    }

    /// <summary>
    /// The same results as <see cref="Compute"/> for frames [<paramref name="first"/>, <paramref name="end"/>):
    /// payloads hashed eight at a time, then every fold of every frame's chain and tree digests through eight
    /// lanes, each lane taking the next fold job as soon as its own is done.
    /// </summary>
    private void ComputeMultiBuffer(int first, int end)
    {
        HashPayloads(first, end);
        for (var i = first; i < end; i++)
        {
            if (work[i].NeedsPayloadDigest && frames[i].PayloadDigest is { } payloadDigest)
                work[i].PayloadMatches = payloadDigest.AsSpan().SequenceEqual(payloadDigests.AsSpan(i * DareDigests.Size, DareDigests.Size));
        }
        FoldAll(first, end);
    }

    private void HashPayloads(int first, int end)
    {
        Span<int> starts = stackalloc int[MultiBufferSha512.Lanes];
        Span<int> lengths = stackalloc int[MultiBufferSha512.Lanes];
        Span<int> owners = stackalloc int[MultiBufferSha512.Lanes];
        Span<byte> digests = stackalloc byte[MultiBufferSha512.Lanes * DareDigests.Size];
        var count = 0;
        for (var i = first; i < end; i++)
        {
            if (!work[i].NeedsPayloadDigest || work[i].PayloadDigestReady) continue;
            starts[count] = work[i].PayloadStart;
            lengths[count] = work[i].PayloadLength;
            owners[count++] = i;
            if (count == MultiBufferSha512.Lanes)
            {
                MultiBufferSha512.Hash(payloads, starts[..count], lengths[..count], digests);
                for (var j = 0; j < count; j++)
                    digests.Slice(j * DareDigests.Size, DareDigests.Size).CopyTo(payloadDigests.AsSpan(owners[j] * DareDigests.Size));
                count = 0;
            }
        }
        if (count > 0)
        {
            MultiBufferSha512.Hash(payloads, starts[..count], lengths[..count], digests);
            for (var j = 0; j < count; j++)
                digests.Slice(j * DareDigests.Size, DareDigests.Size).CopyTo(payloadDigests.AsSpan(owners[j] * DareDigests.Size));
        }
    }

    /// <summary>
    /// Every fold job of the frames: the chain digest (one fold) and the tree digest (folded to the larger of the
    /// two conventions' counts, compared at both, as <see cref="FoldMatchesAt"/> does). A tree job stops early when
    /// the sequence convention has matched before the catalog count is reached, since the catalog result then does
    /// not count (see <see cref="Compute"/>).
    /// </summary>
    private void FoldAll(int first, int end)
    {
        const int lanes = MultiBufferSha512.Lanes;
        Span<ulong> laneWords = stackalloc ulong[MultiBufferSha512.FoldLaneWords];
        Span<int> laneFrame = stackalloc int[lanes];
        Span<bool> laneIsTree = stackalloc bool[lanes];
        Span<int> laneFolds = stackalloc int[lanes];
        Span<int> laneSequenceFolds = stackalloc int[lanes];
        Span<int> laneCatalogFolds = stackalloc int[lanes];
        laneFrame.Fill(-1);
        var nextFrame = first;
        var nextIsTree = false;
        while (true)
        {
            var busy = 0;
            for (var lane = 0; lane < lanes; lane++)
            {
                if (laneFrame[lane] < 0 && NextFoldJob(ref nextFrame, ref nextIsTree, end, out var frame, out var isTree))
                {
                    laneFrame[lane] = frame;
                    laneIsTree[lane] = isTree;
                    laneFolds[lane] = 0;
                    if (isTree)
                    {
                        var index = frames[frame].Ordinal;
                        laneSequenceFolds[lane] = DareDigests.ReferenceTreeFolds(index, TreeDigestConvention.Sequence);
                        laneCatalogFolds[lane] = DareDigests.ReferenceTreeFolds(index, TreeDigestConvention.Catalog);
                    }
                    MultiBufferSha512.SetLane(laneWords, lane, payloadDigests.AsSpan(frame * DareDigests.Size, DareDigests.Size));
                }
                if (laneFrame[lane] >= 0) busy++;
            }
            if (busy == 0) return;
            MultiBufferSha512.FoldWithZero(laneWords);
            for (var lane = 0; lane < lanes; lane++)
            {
                var i = laneFrame[lane];
                if (i < 0) continue;
                var folds = ++laneFolds[lane];
                ref var w = ref work[i];
                if (!laneIsTree[lane])
                {
                    w.ChainReferenceMatches = MultiBufferSha512.LaneEquals(laneWords, lane, frames[i].ChainDigest);
                    laneFrame[lane] = -1;
                    continue;
                }
                int sequenceFolds = laneSequenceFolds[lane], catalogFolds = laneCatalogFolds[lane];
                var stored = frames[i].TreeDigest;
                if (folds == sequenceFolds) w.TreeSequenceMatches = MultiBufferSha512.LaneEquals(laneWords, lane, stored);
                if (folds == catalogFolds) w.TreeCatalogMatches = MultiBufferSha512.LaneEquals(laneWords, lane, stored);
                if (folds < Math.Max(sequenceFolds, catalogFolds) && !(folds == sequenceFolds && w.TreeSequenceMatches)) continue;
                w.TreeCatalogMatches = (!w.TreeSequenceMatches || frames[i].Ordinal == 0) && w.TreeCatalogMatches;
                laneFrame[lane] = -1;
            }
        }
    }

    /// <summary>The next fold job after (<paramref name="nextFrame"/>, <paramref name="nextIsTree"/>): a frame's chain digest, then its tree digest.</summary>
    private bool NextFoldJob(ref int nextFrame, ref bool nextIsTree, int end, out int frame, out bool isTree)
    {
        for (; nextFrame < end; nextFrame++, nextIsTree = false)
        {
            if (!work[nextFrame].NeedsPayloadDigest) continue;
            if (!nextIsTree)
            {
                nextIsTree = true;
                if (frames[nextFrame].ChainDigest is not null)
                {
                    (frame, isTree) = (nextFrame, false);
                    return true;
                }
            }
            if (frames[nextFrame].TreeDigest is not null)
            {
                (frame, isTree) = (nextFrame++, true);
                nextIsTree = false;
                return true;
            }
        }
        (frame, isTree) = (-1, false);
        return false;
    }

    private void Compute(int i)
    {
        ref var w = ref work[i];
        if (!w.NeedsPayloadDigest) return;
        var frame = frames[i];
        var pd = payloadDigests.AsSpan(i * DareDigests.Size, DareDigests.Size);
        if (!w.PayloadDigestReady) SHA512.HashData(payloads.AsSpan(w.PayloadStart, w.PayloadLength), pd);
        if (frame.PayloadDigest is { } payloadDigest) w.PayloadMatches = payloadDigest.AsSpan().SequenceEqual(pd);
        if (frame.ChainDigest is { } chainDigest) w.ChainReferenceMatches = FoldMatches(chainDigest, pd, 1);
        if (frame.TreeDigest is { } treeDigest)
        {
            var index = frame.Ordinal;
            // Both conventions fold the same chain C(C(…C(pd))) a different number of times: fold once to the longer
            // count and compare at both, instead of hashing the shared prefix twice.
            var (sequenceMatches, catalogMatches) = FoldMatchesAt(treeDigest, pd,
                DareDigests.ReferenceTreeFolds(index, TreeDigestConvention.Sequence), DareDigests.ReferenceTreeFolds(index, TreeDigestConvention.Catalog));
            w.TreeSequenceMatches = sequenceMatches;
            // As before: the catalog convention counts only when the sequence one fails (or for frame 0, where both agree).
            w.TreeCatalogMatches = (!sequenceMatches || index == 0) && catalogMatches;
        }
    }

    /// <summary>Whether C^a(pd) and C^b(pd) equal <paramref name="stored"/>, with max(a, b) hashes in all.</summary>
    private static (bool AtA, bool AtB) FoldMatchesAt(byte[] stored, ReadOnlySpan<byte> payloadDigest, int a, int b)
    {
        Span<byte> both = stackalloc byte[2 * DareDigests.Size];
        Span<byte> next = stackalloc byte[DareDigests.Size];
        both[..DareDigests.Size].Clear();
        payloadDigest.CopyTo(both[DareDigests.Size..]);
        bool atA = false, atB = false;
        for (var k = 1; k <= Math.Max(a, b); k++)
        {
            SHA512.HashData(both, next);
            next.CopyTo(both[DareDigests.Size..]);
            if (k == a) atA = stored.AsSpan().SequenceEqual(next);
            if (k == b) atB = stored.AsSpan().SequenceEqual(next);
        }
        return (atA, atB);
    }

    private static bool FoldMatches(byte[] stored, ReadOnlySpan<byte> payloadDigest, int folds)
    {
        Span<byte> folded = stackalloc byte[DareDigests.Size];
        DareDigests.FoldWithZero(payloadDigest, folds, folded);
        return stored.AsSpan().SequenceEqual(folded);
    }
}
