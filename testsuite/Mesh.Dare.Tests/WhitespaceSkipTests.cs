using MeshConformance.Dare.Model;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>
/// The cursor's whitespace skip (an inlined check plus a vectorised search over runs) stops where the byte-by-byte
/// loop it replaced stops: at the first byte that is not space, tab, line feed or carriage return.
/// </summary>
public class WhitespaceSkipTests
{
    /// <summary>The loop the vectorised skip replaced: where the next token starts.</summary>
    private static int ReferenceSkip(ReadOnlySpan<byte> data)
    {
        var at = 0;
        while (at < data.Length && data[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') at++;
        return at;
    }

    /// <summary>Where the cursor's skip stops, seen through its public reads: AtEnd after the run, or the byte TryConsume takes.</summary>
    private static void AssertSkipsTo(ReadOnlySpan<byte> data, int expected, string shown)
    {
        var cursor = new GoedelJsonCursor(data);
        if (expected == data.Length)
        {
            Assert.That(cursor.AtEnd(), Is.True, shown);
            return;
        }
        Assert.That(cursor.AtEnd(), Is.False, shown);
        var probe = new GoedelJsonCursor(data);
        Assert.That(probe.TryConsume(data[expected]), Is.True, shown);
        // The byte after the run was consumed: the rest reads as the data after it would.
        var rest = data[(expected + 1)..];
        Assert.That(probe.AtEnd(), Is.EqualTo(ReferenceSkip(rest) == rest.Length), shown);
    }

    [Test]
    public void SkipStopsWhereTheByteLoopStops()
    {
        var random = new Random(20261126);
        // Whitespace, the bytes just around it, and the control bytes the full parser rejects (0x0B, 0x0C, 0x00).
        byte[] alphabet = " \t\n\r\u000b\u000c\u0000\u001f!\"{}0a"u8.ToArray();
        for (var round = 0; round < 20000; round++)
        {
            // Runs as short as the Goedel indentation and longer than a vector (up to 300 bytes).
            var length = round % 5 == 0 ? random.Next(64, 300) : random.Next(0, 24);
            var data = new byte[length];
            var whitespaceOnly = random.Next(4) == 0;
            for (var i = 0; i < length; i++)
                data[i] = whitespaceOnly || random.Next(6) > 0 ? " \t\n\r"u8[random.Next(4)] : alphabet[random.Next(alphabet.Length)];
            for (var start = 0; start <= length; start += 1 + random.Next(8))
            {
                var slice = data.AsSpan(start);
                AssertSkipsTo(slice, ReferenceSkip(slice), Convert.ToHexString(slice));
            }
        }
    }

    [Test]
    public void EveryByteValueEndsARunOrNot()
    {
        for (var b = 0; b < 256; b++)
        {
            foreach (var prefix in new[] { 0, 1, 3, 17, 40, 130 })
            {
                var data = new byte[prefix + 2];
                for (var i = 0; i < prefix; i++) data[i] = (byte)(i % 3 == 0 ? '\n' : ' ');
                data[prefix] = (byte)b;
                data[prefix + 1] = (byte)'x';
                AssertSkipsTo(data, ReferenceSkip(data), $"byte 0x{b:X2} after {prefix}");
            }
        }
    }
}
