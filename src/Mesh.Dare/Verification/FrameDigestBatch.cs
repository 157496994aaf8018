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

    private readonly int capacity;
    private readonly CheckedFrame[] frames;
    private readonly Finding[]?[] readFindings;
    private readonly FrameDigestWork[] work;
    private readonly byte[] payloadDigests;

    /// <param name="sourceLength">The container's length: a small container gets a small batch (no frame is under 8 bytes).</param>
    public FrameDigestBatch(long sourceLength)
    {
        capacity = (int)Math.Clamp(sourceLength / 8, 1, MaxFrames);
        frames = new CheckedFrame[capacity];
        readFindings = new Finding[]?[capacity];
        work = new FrameDigestWork[capacity];
        payloadDigests = new byte[capacity * DareDigests.Size];
    }
    // Grows on demand up to PayloadBudget + MaxCopiedPayload, so that a small container costs a small buffer.
    private byte[] payloads = new byte[4096];
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
    public bool Fill(IEnumerator<CheckedFrame> walk, List<Finding> findingsWhileReading, IByteSource source, bool walkGoesOn = true)
    {
        Count = 0;
        payloadBytes = 0;
        nextToHash = 0;
        if (!walkGoesOn) return false;
        while (!IsFull)
        {
            if (!walk.MoveNext()) return false;
            Add(walk.Current, findingsWhileReading, source);
        }
        return true;
    }

    private void Add(CheckedFrame frame, List<Finding> findingsWhileReading, IByteSource source)
    {
        var i = Count++;
        frames[i] = frame;
        readFindings[i] = findingsWhileReading.Count == 0 ? null : [.. findingsWhileReading];
        findingsWhileReading.Clear();
        work[i] = new FrameDigestWork { NeedsPayloadDigest = frame.PayloadDigest is not null || frame.ChainDigest is not null || frame.TreeDigest is not null };
        if (!work[i].NeedsPayloadDigest) return;
        var payload = frame.Layout.Payload;
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
        int i;
        while ((i = Interlocked.Increment(ref nextToHash) - 1) < Count) Compute(i);
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
