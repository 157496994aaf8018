using System.Numerics;
using System.Security.Cryptography;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;

namespace MeshConformance.Dare.Digests;

/// <summary>
/// The digest arithmetic of DARE containers (dare §4.2; formats.md §1.6), in both dialects:
/// the draft's formulas and what the reference implementation really computes.
/// All digests are SHA-2-512 (64 bytes), the default and the only algorithm the reference uses.
/// </summary>
public static class DareDigests
{
    public const int Size = 64;

    private static readonly byte[] Zero = new byte[Size];

    public static byte[] Hash(ReadOnlySpan<byte> data) => SHA512.HashData(data);

    /// <summary>SHA-512 of a payload record's bytes as stored (ciphertext for encrypted frames); H("") when absent.</summary>
    public static byte[] Payload(IByteSource source, RecordLayout? payload)
    {
        if (payload is not { DataLength: > 0 } record) return Hash([]);
        const int chunk = 1 << 20;
        if (record.DataLength <= chunk)
        {
            var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent((int)record.DataLength);
            try
            {
                var span = bytes.AsSpan(0, (int)record.DataLength);
                if (!source.TryReadExactly(record.DataOffset, span)) throw new IOException("payload vanished while hashing");
                return Hash(span);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
            }
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        var buffer = new byte[chunk];
        for (long done = 0; done < record.DataLength;)
        {
            var n = (int)Math.Min(chunk, record.DataLength - done);
            if (!source.TryReadExactly(record.DataOffset + done, buffer.AsSpan(0, n))) throw new IOException("payload vanished while hashing");
            hash.AppendData(buffer, 0, n);
            done += n;
        }
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// The reference's CombineDigest: H(left || right), where a missing input counts as 64 zero bytes.
    /// </summary>
    public static byte[] Combine(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> both = stackalloc byte[2 * Size];
        (left.IsEmpty ? Zero : left).CopyTo(both);
        (right.IsEmpty ? Zero : right).CopyTo(both[Size..]);
        return Hash(both);
    }

    /// <summary>C^k(x) with C(x) = H(0^64 || x): the shape of every reference chain and tree digest.</summary>
    public static byte[] FoldWithZero(ReadOnlySpan<byte> digest, int folds)
    {
        var result = new byte[Size];
        FoldWithZero(digest, folds, result);
        return result;
    }

    /// <summary>C^k(x) into <paramref name="destination"/> (64 bytes), without allocating.</summary>
    public static void FoldWithZero(ReadOnlySpan<byte> digest, int folds, Span<byte> destination)
    {
        Span<byte> both = stackalloc byte[2 * Size];
        Span<byte> next = stackalloc byte[Size];
        both[..Size].Clear();
        digest.CopyTo(both[Size..]);
        for (var i = 0; i < folds; i++)
        {
            SHA512.HashData(both, next);
            next.CopyTo(both[Size..]);
        }
        both[Size..].CopyTo(destination);
    }

    /// <summary>
    /// Reference ChainDigest: CombineDigest(previous chain read from the previous header, where it is never set,
    /// PayloadDigest) = H(0^64 || PD) for every frame (formats.md §1.6; every draft example shows this).
    /// </summary>
    public static byte[] ReferenceChain(ReadOnlySpan<byte> payloadDigest) => FoldWithZero(payloadDigest, 1);

    /// <summary>
    /// Draft ChainDigest (dare §4.2.1 and the schema text): H(PD[n−1] || PD[n]); for frame 0 the missing
    /// predecessor H(null) is read as 64 zero bytes (bindings.md, decision on chain digests).
    /// </summary>
    public static byte[] DraftChain(ReadOnlySpan<byte> previousPayloadDigest, ReadOnlySpan<byte> payloadDigest) =>
        Combine(previousPayloadDigest, payloadDigest);

    /// <summary>
    /// How many zero-folds the reference applies for a TreeDigest. Frame 0 always gets one. Frames written by
    /// Sequence.Append (and every draft example) get 1 + tz(Index + 2); frames of Mesh catalogs and host.dare get
    /// 1 + tz(Index + 1) (formats.md §1.6).
    /// </summary>
    public static int ReferenceTreeFolds(long index, TreeDigestConvention convention) =>
        index == 0 ? 1 : 1 + BitOperations.TrailingZeroCount((ulong)(convention == TreeDigestConvention.Sequence ? index + 2 : index + 1));

    public static byte[] ReferenceTree(ReadOnlySpan<byte> payloadDigest, long index, TreeDigestConvention convention) =>
        FoldWithZero(payloadDigest, ReferenceTreeFolds(index, convention));
}

/// <summary>The two fold-count conventions of the reference's TreeDigest, one per code path that writes frames.</summary>
public enum TreeDigestConvention
{
    /// <summary>Sequence.Append, digests in the trailer; the draft examples use it. Our writer uses it.</summary>
    Sequence,
    /// <summary>Mesh catalogs and host.dare, digests in the header.</summary>
    Catalog,
}
