using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;

namespace MeshConformance.Dare.Digests;

/// <summary>
/// SHA-512 of up to eight independent messages at once, one message per 64-bit lane of a <see cref="Vector512{T}"/>.
/// The verifier hashes many short messages (payloads of a few hundred bytes, 128-byte folds), where
/// <see cref="SHA512.HashData(ReadOnlySpan{byte}, Span{byte})"/> spends most of its time on fixed per-call costs;
/// eight lanes share one pass through the 80 rounds and have no per-call set-up.
/// Without AVX-512 every method falls back to <see cref="SHA512.HashData(ReadOnlySpan{byte}, Span{byte})"/> per
/// message, with the same results.
/// </summary>
internal static class MultiBufferSha512
{
    public const int Lanes = 8;
    public const int DigestSize = 64;

    /// <summary>Words of one digest per lane, word-major: word t of lane j is at [t * Lanes + j].</summary>
    public const int FoldLaneWords = 8 * Lanes;

    private const int BlockSize = 128;
    private const int WordsPerBlock = 16;
    private const int Rounds = 80;

    /// <summary>Whether the eight-lane code runs here; otherwise every call hashes message by message.</summary>
    public static bool IsAccelerated { get; } = Avx512F.IsSupported && Avx512BW.IsSupported && Vector512.IsHardwareAccelerated;

    private static ReadOnlySpan<ulong> RoundConstants =>
    [
        0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538, 0x59f111f1b605d019,
        0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3,
        0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65, 0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
        0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
        0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
        0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b, 0xa2bfe8a14cf10364, 0xa81a664bbc423001,
        0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb,
        0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
        0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c, 0xd186b8c721c0c207,
        0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
        0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a,
        0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
    ];

    private static ReadOnlySpan<ulong> InitialState =>
    [
        0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
        0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
    ];

    /// <summary>
    /// A fold hashes 0^64 || x: the first eight message words are zero, so its first eight rounds start from the
    /// initial state with constant input and end in a constant state, computed once.
    /// </summary>
    private static readonly ulong[] FoldStateAfterZeroWords = ComputeFoldStateAfterZeroWords();

    /// <summary>
    /// The second block of every 128-byte message is the same padding block (0x80, zeros, length 1024 bits), so its
    /// whole message schedule, with the round constants added, is computed once.
    /// </summary>
    private static readonly ulong[] FoldPaddingScheduleWithConstants = ComputeFoldPaddingSchedule();

    /// <summary>
    /// SHA-512 of up to eight messages, message j being <paramref name="source"/>[starts[j] .. starts[j] + lengths[j]],
    /// into <paramref name="digests"/>[j * 64 .. (j + 1) * 64]. Lengths may differ and be zero.
    /// </summary>
    public static void Hash(ReadOnlySpan<byte> source, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, Span<byte> digests) =>
        Hash(source, starts, lengths, digests, IsAccelerated);

    /// <param name="vectorised">False forces the per-message fallback (tests compare the two).</param>
    internal static void Hash(ReadOnlySpan<byte> source, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, Span<byte> digests, bool vectorised)
    {
        var count = starts.Length;
        if (count > Lanes || lengths.Length != count) throw new ArgumentException($"between 0 and {Lanes} messages, with one start and one length each");
        if (digests.Length < count * DigestSize) throw new ArgumentException("too small for the digests", nameof(digests));
        if (!vectorised)
        {
            for (var j = 0; j < count; j++) SHA512.HashData(source.Slice(starts[j], lengths[j]), digests.Slice(j * DigestSize, DigestSize));
            return;
        }
        HashVectorised(source, starts, lengths, digests);
    }

    /// <summary>C(x) = SHA-512(0^64 || x) of the digest in each lane, in place (see <see cref="SetLane"/>).</summary>
    public static void FoldWithZero(Span<ulong> laneWords) => FoldWithZero(laneWords, IsAccelerated);

    internal static void FoldWithZero(Span<ulong> laneWords, bool vectorised)
    {
        if (laneWords.Length != FoldLaneWords) throw new ArgumentException($"{FoldLaneWords} words: {Lanes} digests, word-major", nameof(laneWords));
        if (vectorised)
        {
            FoldVectorised(laneWords);
            return;
        }
        Span<byte> message = stackalloc byte[2 * DigestSize];
        message[..DigestSize].Clear();
        for (var lane = 0; lane < Lanes; lane++)
        {
            GetLane(laneWords, lane, message[DigestSize..]);
            SHA512.HashData(message, message[DigestSize..]);
            SetLane(laneWords, lane, message[DigestSize..]);
        }
    }

    /// <summary>Puts a 64-byte digest into a lane of the word-major fold layout.</summary>
    public static void SetLane(Span<ulong> laneWords, int lane, ReadOnlySpan<byte> digest)
    {
        for (var t = 0; t < 8; t++) laneWords[t * Lanes + lane] = BinaryPrimitives.ReadUInt64BigEndian(digest[(t * 8)..]);
    }

    public static void GetLane(ReadOnlySpan<ulong> laneWords, int lane, Span<byte> digest)
    {
        for (var t = 0; t < 8; t++) BinaryPrimitives.WriteUInt64BigEndian(digest[(t * 8)..], laneWords[t * Lanes + lane]);
    }

    /// <summary>Whether the lane holds exactly <paramref name="digest"/> (false for any other length).</summary>
    public static bool LaneEquals(ReadOnlySpan<ulong> laneWords, int lane, ReadOnlySpan<byte> digest)
    {
        if (digest.Length != DigestSize) return false;
        for (var t = 0; t < 8; t++)
        {
            if (laneWords[t * Lanes + lane] != BinaryPrimitives.ReadUInt64BigEndian(digest[(t * 8)..])) return false;
        }
        return true;
    }

    private static void HashVectorised(ReadOnlySpan<byte> source, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, Span<byte> digests)
    {
        var count = starts.Length;
        // Each lane's last one or two blocks (the message's tail, 0x80, zeros, the bit length) are built here.
        Span<byte> tails = stackalloc byte[Lanes * 2 * BlockSize];
        Span<int> fullBlocks = stackalloc int[Lanes];
        Span<int> totalBlocks = stackalloc int[Lanes];
        var mostBlocks = 0;
        for (var j = 0; j < count; j++)
        {
            var message = source.Slice(starts[j], lengths[j]);
            fullBlocks[j] = message.Length / BlockSize;
            var remainder = message.Length % BlockSize;
            var tailBlocks = remainder + 1 + 16 <= BlockSize ? 1 : 2;
            var tail = tails.Slice(j * 2 * BlockSize, tailBlocks * BlockSize);
            message[(fullBlocks[j] * BlockSize)..].CopyTo(tail);
            tail[remainder] = 0x80;
            tail[(remainder + 1)..^16].Clear();
            BinaryPrimitives.WriteUInt64BigEndian(tail[^16..], (ulong)message.Length >> 61);
            BinaryPrimitives.WriteUInt64BigEndian(tail[^8..], (ulong)message.Length << 3);
            totalBlocks[j] = fullBlocks[j] + tailBlocks;
            mostBlocks = Math.Max(mostBlocks, totalBlocks[j]);
        }

        var state = LaneState.Broadcast(InitialState);
        Span<ulong> blockWords = stackalloc ulong[WordsPerBlock * Lanes];
        Span<Vector512<ulong>> schedule = stackalloc Vector512<ulong>[Rounds];
        Span<ulong> laneActive = stackalloc ulong[Lanes];
        for (var block = 0; block < mostBlocks; block++)
        {
            for (var j = 0; j < count; j++)
            {
                laneActive[j] = block < totalBlocks[j] ? 1UL : 0UL;
                if (laneActive[j] == 0) continue; // finished lane: its words do not matter, its state is kept below
                var bytes = block < fullBlocks[j]
                    ? source.Slice(starts[j] + block * BlockSize, BlockSize)
                    : tails.Slice(j * 2 * BlockSize + (block - fullBlocks[j]) * BlockSize, BlockSize);
                for (var t = 0; t < WordsPerBlock; t++) blockWords[t * Lanes + j] = BinaryPrimitives.ReadUInt64BigEndian(bytes[(t * 8)..]);
            }
            for (var j = count; j < Lanes; j++) laneActive[j] = 0;
            for (var t = 0; t < WordsPerBlock; t++) schedule[t] = Vector512.Create<ulong>(blockWords.Slice(t * Lanes, Lanes));
            ExpandSchedule(schedule);
            AddRoundConstants(schedule);
            var next = state;
            RunRounds(ref next, schedule, 0);
            next.Add(state);
            // Lanes whose message has already ended keep their final state.
            var active = Vector512.Equals(Vector512.Create<ulong>(laneActive), Vector512<ulong>.One);
            state.Select(active, next);
        }

        Span<ulong> stateWords = stackalloc ulong[8 * Lanes];
        state.Store(stateWords);
        for (var j = 0; j < count; j++)
        {
            var digest = digests.Slice(j * DigestSize, DigestSize);
            for (var t = 0; t < 8; t++) BinaryPrimitives.WriteUInt64BigEndian(digest[(t * 8)..], stateWords[t * Lanes + j]);
        }
    }

    private static void FoldVectorised(Span<ulong> laneWords)
    {
        Span<Vector512<ulong>> schedule = stackalloc Vector512<ulong>[Rounds];
        // First block: words 0-7 are zero (their rounds are precomputed), words 8-15 are the digest.
        for (var t = 0; t < 8; t++) schedule[t] = Vector512<ulong>.Zero;
        for (var t = 0; t < 8; t++) schedule[8 + t] = Vector512.Create<ulong>(laneWords.Slice(t * Lanes, Lanes));
        ExpandSchedule(schedule);
        AddRoundConstants(schedule);
        var state = LaneState.Broadcast(FoldStateAfterZeroWords);
        RunRounds(ref state, schedule, 8);
        var initial = LaneState.Broadcast(InitialState);
        state.Add(initial);

        // Second block: the constant padding block.
        var afterFirstBlock = state;
        for (var t = 0; t < Rounds; t++) schedule[t] = Vector512.Create(FoldPaddingScheduleWithConstants[t]);
        RunRounds(ref state, schedule, 0);
        state.Add(afterFirstBlock);
        state.Store(laneWords);
    }

    /// <summary>Fills schedule[16..80] from schedule[0..16] (the raw message words).</summary>
    private static void ExpandSchedule(Span<Vector512<ulong>> w)
    {
        for (var t = WordsPerBlock; t < Rounds; t++)
            w[t] = SmallSigma1(w[t - 2]) + w[t - 7] + SmallSigma0(w[t - 15]) + w[t - 16];
    }

    private static void AddRoundConstants(Span<Vector512<ulong>> w)
    {
        var k = RoundConstants;
        for (var t = 0; t < Rounds; t++) w[t] += Vector512.Create(k[t]);
    }

    /// <summary>Rounds <paramref name="firstRound"/>..79 (a multiple of 8) with message words plus round constants.</summary>
    private static void RunRounds(ref LaneState s, ReadOnlySpan<Vector512<ulong>> kw, int firstRound)
    {
        Vector512<ulong> a = s.A, b = s.B, c = s.C, d = s.D, e = s.E, f = s.F, g = s.G, h = s.H;
        // Eight rounds per pass, with the variables renamed instead of shifted.
        for (var t = firstRound; t < Rounds; t += 8)
        {
            Round(a, b, c, ref d, e, f, g, ref h, kw[t]);
            Round(h, a, b, ref c, d, e, f, ref g, kw[t + 1]);
            Round(g, h, a, ref b, c, d, e, ref f, kw[t + 2]);
            Round(f, g, h, ref a, b, c, d, ref e, kw[t + 3]);
            Round(e, f, g, ref h, a, b, c, ref d, kw[t + 4]);
            Round(d, e, f, ref g, h, a, b, ref c, kw[t + 5]);
            Round(c, d, e, ref f, g, h, a, ref b, kw[t + 6]);
            Round(b, c, d, ref e, f, g, h, ref a, kw[t + 7]);
        }
        s = new LaneState(a, b, c, d, e, f, g, h);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, ref Vector512<ulong> d,
        Vector512<ulong> e, Vector512<ulong> f, Vector512<ulong> g, ref Vector512<ulong> h, Vector512<ulong> kw)
    {
        // 0xCA: e ? f : g (Ch); 0xE8: majority of a, b, c (Maj); 0x96: three-way xor.
        var t1 = h + BigSigma1(e) + Avx512F.TernaryLogic(e, f, g, 0xCA) + kw;
        var t2 = BigSigma0(a) + Avx512F.TernaryLogic(a, b, c, 0xE8);
        d += t1;
        h = t1 + t2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> BigSigma0(Vector512<ulong> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 28), Avx512F.RotateRight(x, 34), Avx512F.RotateRight(x, 39), 0x96);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> BigSigma1(Vector512<ulong> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 14), Avx512F.RotateRight(x, 18), Avx512F.RotateRight(x, 41), 0x96);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> SmallSigma0(Vector512<ulong> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 1), Avx512F.RotateRight(x, 8), Vector512.ShiftRightLogical(x, 7), 0x96);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> SmallSigma1(Vector512<ulong> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 19), Avx512F.RotateRight(x, 61), Vector512.ShiftRightLogical(x, 6), 0x96);

    private static ulong[] ComputeFoldStateAfterZeroWords()
    {
        var s = InitialState.ToArray();
        for (var t = 0; t < 8; t++) ScalarRound(s, RoundConstants[t]);
        return s;
    }

    private static ulong[] ComputeFoldPaddingSchedule()
    {
        var w = new ulong[Rounds];
        w[0] = 0x8000000000000000; // the 0x80 byte right after the 128-byte message
        w[15] = BlockSize * 8; // the message length in bits
        for (var t = WordsPerBlock; t < Rounds; t++)
        {
            var x = w[t - 15];
            var y = w[t - 2];
            var sigma0 = ulong.RotateRight(x, 1) ^ ulong.RotateRight(x, 8) ^ (x >> 7);
            var sigma1 = ulong.RotateRight(y, 19) ^ ulong.RotateRight(y, 61) ^ (y >> 6);
            w[t] = sigma1 + w[t - 7] + sigma0 + w[t - 16];
        }
        for (var t = 0; t < Rounds; t++) w[t] += RoundConstants[t];
        return w;
    }

    /// <summary>One round in scalar form, for the precomputed fold state (state as a, b, …, h).</summary>
    private static void ScalarRound(ulong[] s, ulong kw)
    {
        ulong a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
        var t1 = h + (ulong.RotateRight(e, 14) ^ ulong.RotateRight(e, 18) ^ ulong.RotateRight(e, 41)) + ((e & f) ^ (~e & g)) + kw;
        var t2 = (ulong.RotateRight(a, 28) ^ ulong.RotateRight(a, 34) ^ ulong.RotateRight(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
        s[7] = g; s[6] = f; s[5] = e; s[4] = d + t1; s[3] = c; s[2] = b; s[1] = a; s[0] = t1 + t2;
    }

    /// <summary>The eight working variables of eight lanes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct LaneState(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d,
        Vector512<ulong> e, Vector512<ulong> f, Vector512<ulong> g, Vector512<ulong> h)
    {
        public Vector512<ulong> A = a, B = b, C = c, D = d, E = e, F = f, G = g, H = h;

        public static LaneState Broadcast(ReadOnlySpan<ulong> words) =>
            new(Vector512.Create(words[0]), Vector512.Create(words[1]), Vector512.Create(words[2]), Vector512.Create(words[3]),
                Vector512.Create(words[4]), Vector512.Create(words[5]), Vector512.Create(words[6]), Vector512.Create(words[7]));

        public void Add(in LaneState other)
        {
            A += other.A; B += other.B; C += other.C; D += other.D; E += other.E; F += other.F; G += other.G; H += other.H;
        }

        /// <summary>Takes <paramref name="other"/>'s value in the lanes where <paramref name="mask"/> is set.</summary>
        public void Select(Vector512<ulong> mask, in LaneState other)
        {
            A = Vector512.ConditionalSelect(mask, other.A, A); B = Vector512.ConditionalSelect(mask, other.B, B);
            C = Vector512.ConditionalSelect(mask, other.C, C); D = Vector512.ConditionalSelect(mask, other.D, D);
            E = Vector512.ConditionalSelect(mask, other.E, E); F = Vector512.ConditionalSelect(mask, other.F, F);
            G = Vector512.ConditionalSelect(mask, other.G, G); H = Vector512.ConditionalSelect(mask, other.H, H);
        }

        /// <summary>Word-major: word t of lane j at [t * Lanes + j].</summary>
        public readonly void Store(Span<ulong> words)
        {
            A.CopyTo(words); B.CopyTo(words[Lanes..]); C.CopyTo(words[(2 * Lanes)..]); D.CopyTo(words[(3 * Lanes)..]);
            E.CopyTo(words[(4 * Lanes)..]); F.CopyTo(words[(5 * Lanes)..]); G.CopyTo(words[(6 * Lanes)..]); H.CopyTo(words[(7 * Lanes)..]);
        }
    }
}
