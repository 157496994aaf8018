using MeshConformance.Tests.Robustness.Oracle;

namespace MeshConformance.Tests.Robustness.Mutation;

public enum MutationKind
{
    BitFlip,
    ByteOverwrite,
    Truncate,
    LeadingLength,
    TrailingLength,
    BothLengths,
    FrameSwap,
    FrameDuplicate,
    FrameDelete,
    InsertGarbage,
}

/// <summary>One mutant: how it was made (the seed alone replays it from the original) and its bytes.</summary>
public sealed record Mutant(MutationKind Kind, int Seed, string Description, byte[] Bytes);

/// <summary>
/// Seeded mutations of a container. The seed decides everything: the kind is <c>seed mod 10</c> and the rest comes from
/// <see cref="Random"/>(seed), whose sequence for a given seed is fixed across runs and machines, so a failing mutant
/// is replayed from its file and seed. Frame-level mutations use the frames the oracle's own framing walk found in
/// the original (never the checker's).
/// </summary>
public static class Mutator
{
    public static readonly MutationKind[] Kinds = Enum.GetValues<MutationKind>();

    // Bytes that mean something to JSON or DARE framing, so that overwrites and garbage hit structure often.
    private static readonly byte[] Special =
    [
        0x00, 0xFF, 0x20, 0x09, 0x0A, 0x0D, (byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':',
        (byte)'0', (byte)'1', (byte)'9', (byte)'-', (byte)'_', (byte)'A', (byte)'=', 0x80, 0xC3, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7,
    ];

    public static MutationKind KindOf(int seed) => Kinds[(int)((uint)seed % (uint)Kinds.Length)];

    public static Mutant Mutate(byte[] original, IReadOnlyList<OracleFrame> frames, int seed)
    {
        var random = new Random(seed);
        var kind = KindOf(seed);
        var (bytes, description) = kind switch
        {
            MutationKind.BitFlip => BitFlip(original, random),
            MutationKind.ByteOverwrite => Overwrite(original, random),
            MutationKind.Truncate => Truncate(original, frames, random),
            MutationKind.LeadingLength => LengthEdit(original, frames, random, leading: true, trailing: false),
            MutationKind.TrailingLength => LengthEdit(original, frames, random, leading: false, trailing: true),
            MutationKind.BothLengths => LengthEdit(original, frames, random, leading: true, trailing: true),
            MutationKind.FrameSwap => Swap(original, frames, random),
            MutationKind.FrameDuplicate => Duplicate(original, frames, random),
            MutationKind.FrameDelete => Delete(original, frames, random),
            MutationKind.InsertGarbage => Insert(original, frames, random),
            _ => throw new ArgumentOutOfRangeException(nameof(seed)),
        };
        return new Mutant(kind, seed, description, bytes);
    }

    private static (byte[], string) BitFlip(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        var at = random.Next(bytes.Length);
        var bit = random.Next(8);
        bytes[at] ^= (byte)(1 << bit);
        return (bytes, $"bit {bit} of byte {at} flipped (0x{original[at]:X2} -> 0x{bytes[at]:X2})");
    }

    private static (byte[], string) Overwrite(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        var at = random.Next(bytes.Length);
        var count = Math.Min(1 + random.Next(4), bytes.Length - at);
        for (var i = 0; i < count; i++) bytes[at + i] = RandomByte(random);
        return (bytes, $"{count} byte(s) at {at} overwritten ({Convert.ToHexString(original, at, count)} -> {Convert.ToHexString(bytes, at, count)})");
    }

    private static (byte[], string) Truncate(byte[] original, IReadOnlyList<OracleFrame> frames, Random random)
    {
        long cut = random.Next(4) switch
        {
            // Exactly at a frame's end (the container as it was before later appends), or a few bytes either side.
            0 => frames[random.Next(frames.Count)].End,
            1 => frames[random.Next(frames.Count)].End + random.Next(-9, 10),
            _ => random.Next(original.Length),
        };
        cut = Math.Clamp(cut, 0, original.Length - 1); // always shorter than the original
        return (original[..(int)cut], $"truncated to {cut} of {original.Length} bytes");
    }

    private static (byte[], string) LengthEdit(byte[] original, IReadOnlyList<OracleFrame> frames, Random random, bool leading, bool trailing)
    {
        var bytes = (byte[])original.Clone();
        var i = random.Next(frames.Count);
        var frame = frames[i];
        var width = frame.Width;
        var max = width == 8 ? ulong.MaxValue : (1UL << (8 * width)) - 1;
        var current = (ulong)frame.BodyLength;
        ulong value = random.Next(5) switch
        {
            0 => current + (ulong)(1 + random.Next(16)),
            1 => current - Math.Min(current, (ulong)(1 + random.Next(16))),
            2 => 0,
            3 => max,
            _ => (ulong)random.NextInt64() & max,
        };
        value = Math.Min(value, max);
        if (leading)
            for (var b = 0; b < width; b++) bytes[frame.LeadingLengthOffset + b] = (byte)(value >> (8 * (width - 1 - b)));
        if (trailing)
            for (var b = 0; b < width; b++) bytes[frame.TrailingLengthOffset + b] = (byte)(value >> (8 * b));
        var which = leading && trailing ? "both length fields" : leading ? "the leading length field" : "the trailing length field";
        return (bytes, $"frame {i} (at {frame.Offset}): {which} {current} -> {value}");
    }

    private static (byte[], string) Swap(byte[] original, IReadOnlyList<OracleFrame> frames, Random random)
    {
        if (frames.Count < 2) return Delete(original, frames, random);
        var i = random.Next(frames.Count - 1);
        var j = random.Next(2) == 0 ? i + 1 : random.Next(i + 1, frames.Count);
        var (a, b) = (frames[i], frames[j]);
        var bytes = Concat(original[..(int)a.Offset], Range(original, b), original[(int)a.End..(int)b.Offset], Range(original, a), original[(int)b.End..]);
        return (bytes, $"frames {i} and {j} swapped");
    }

    private static (byte[], string) Duplicate(byte[] original, IReadOnlyList<OracleFrame> frames, Random random)
    {
        var i = random.Next(frames.Count);
        var copy = Range(original, frames[i]);
        long at;
        string where;
        switch (random.Next(4))
        {
            case 0 or 1:
                (at, where) = (frames[i].End, "right after itself");
                break;
            case 2:
                (at, where) = (original.Length, "at the end");
                break;
            default:
                var k = random.Next(frames.Count);
                (at, where) = (frames[k].Offset, $"before frame {k}");
                break;
        }
        return (Concat(original[..(int)at], copy, original[(int)at..]), $"frame {i} duplicated {where}");
    }

    private static (byte[], string) Delete(byte[] original, IReadOnlyList<OracleFrame> frames, Random random)
    {
        var i = random.Next(frames.Count);
        return (Concat(original[..(int)frames[i].Offset], original[(int)frames[i].End..]), $"frame {i} of {frames.Count} deleted");
    }

    private static (byte[], string) Insert(byte[] original, IReadOnlyList<OracleFrame> frames, Random random)
    {
        long at = random.Next(4) switch
        {
            0 => frames[random.Next(frames.Count)].Offset, // between frames
            1 => original.Length,                           // after the last frame
            _ => random.Next(original.Length + 1),
        };
        var garbage = new byte[1 + random.Next(64)];
        for (var k = 0; k < garbage.Length; k++) garbage[k] = RandomByte(random);
        if (random.Next(4) == 0) garbage[0] = (byte)(0xF4 + random.Next(4)); // looks like the start of a frame
        return (Concat(original[..(int)at], garbage, original[(int)at..]), $"{garbage.Length} byte(s) of garbage inserted at {at}");
    }

    private static byte RandomByte(Random random) => random.Next(2) == 0 ? (byte)random.Next(256) : Special[random.Next(Special.Length)];

    private static byte[] Range(byte[] bytes, OracleFrame frame) => bytes[(int)frame.Offset..(int)frame.End];

    private static byte[] Concat(params byte[][] parts)
    {
        var result = new byte[parts.Sum(p => p.Length)];
        var at = 0;
        foreach (var p in parts)
        {
            p.CopyTo(result, at);
            at += p.Length;
        }
        return result;
    }
}
