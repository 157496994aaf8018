using System.Numerics;
using System.Security.Cryptography;
using MeshConformance.Core;

namespace MeshConformance.Udf;

/// <summary>
/// One Shamir share as an S-UDF (udf-10 §4.5): 0x90 || ((threshold &lt;&lt; 4) | (x − 1)) || f(x),
/// with f(x) big-endian and padded to the length of the secret.
/// Note: udf-10 §1.1.1 labels its shares "Share 0..2" but they encode x = 1..3.
/// </summary>
/// <param name="Threshold">Shares needed to recover (2..15: it has 4 bits).</param>
/// <param name="X">Point the share was evaluated at (1..16: stored as x − 1 in 4 bits).</param>
/// <param name="Value">f(x), big-endian, as long as the secret.</param>
public sealed record ShamirShare(int Threshold, int X, byte[] Value)
{
    /// <summary>Binary S-UDF.</summary>
    public byte[] ToBinary()
    {
        var binary = new byte[Value.Length + 2];
        binary[0] = (byte)UdfType.ShamirShare;
        binary[1] = (byte)((Threshold << 4) | (X - 1));
        Value.CopyTo(binary, 2);
        return binary;
    }

    public string ToUdf() => Presentation.Full(ToBinary());

    public BigInteger ValueAsInteger => new(Value, isUnsigned: true, isBigEndian: true);

    /// <summary>Parse an S-UDF. Errors are MeshFormatException (UDF-TYPE-MISMATCH, UDF-SHARE-THRESHOLD, UDF-SHARE-LENGTH, or a text error).</summary>
    public static ShamirShare Parse(string udf)
    {
        var value = UDF.Parse(udf).Expect(UdfType.ShamirShare);
        var bds = value.Bds;
        if (bds.Length < 5 || (bds.Length - 1) % 4 != 0)
        {
            throw new MeshFormatException(UdfCodes.ShareLength, value.Text.Length,
                $"share carries {Math.Max(0, bds.Length - 1)} value bytes; the secret must be a non-empty multiple of 4 bytes");
        }
        var threshold = bds[0] >> 4;
        if (threshold < 2)
        {
            throw new MeshFormatException(UdfCodes.ShareThreshold, value.TextOffsetOfBit(8), $"share threshold {threshold} is below 2");
        }
        return new ShamirShare(threshold, (bds[0] & 0x0F) + 1, bds[1..].ToArray());
    }
}

/// <summary>Shamir secret sharing over the prime field udf-10 §4.5 prescribes.</summary>
public static class ShamirSecretSharing
{
    /// <summary>
    /// The modulus for a secret of <paramref name="secretBytes"/> bytes: the smallest prime above
    /// 2^n with n = 8 × secretBytes, which must be a multiple of 32 (so 2^128 + 51 for 16 bytes).
    /// </summary>
    public static BigInteger Prime(int secretBytes)
    {
        if (secretBytes <= 0 || secretBytes % 4 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(secretBytes), secretBytes, "secret must be a non-empty multiple of 32 bits");
        }
        return Primes.NextPrimeAbove(BigInteger.One << (8 * secretBytes));
    }

    /// <summary>
    /// Split with given polynomial coefficients a1..a(t−1) (a0 is the secret). Used to reproduce
    /// worked examples; production callers use the random overload.
    /// </summary>
    public static IReadOnlyList<ShamirShare> Split(ReadOnlySpan<byte> secret, int threshold, int shares, IReadOnlyList<BigInteger> coefficients)
    {
        CheckParameters(secret.Length, threshold, shares);
        if (coefficients.Count != threshold - 1)
        {
            throw new ArgumentException($"need {threshold - 1} coefficients for threshold {threshold}", nameof(coefficients));
        }
        var p = Prime(secret.Length);
        var limit = BigInteger.One << (8 * secret.Length);
        var poly = new List<BigInteger> { new(secret, isUnsigned: true, isBigEndian: true) };
        poly.AddRange(coefficients);
        var result = new List<ShamirShare>(shares);
        for (var x = 1; x <= shares; x++)
        {
            var y = Evaluate(poly, x, p);
            // §4.5: a share that does not fit in the secret's length makes the polynomial unusable.
            if (y >= limit) throw new ArgumentException($"f({x}) does not fit in {secret.Length} bytes; choose other coefficients", nameof(coefficients));
            result.Add(new ShamirShare(threshold, x, ToFixedBytes(y, secret.Length)));
        }
        return result;
    }

    /// <summary>Split with random coefficients, drawing again if a share would not fit (§4.5 "MUST NOT be used").</summary>
    public static IReadOnlyList<ShamirShare> Split(ReadOnlySpan<byte> secret, int threshold, int shares)
    {
        CheckParameters(secret.Length, threshold, shares);
        var p = Prime(secret.Length);
        var secretCopy = secret.ToArray();
        while (true)
        {
            var coefficients = new List<BigInteger>();
            for (var i = 1; i < threshold; i++)
            {
                coefficients.Add(new BigInteger(RandomNumberGenerator.GetBytes(secret.Length + 8), isUnsigned: true) % p);
            }
            try
            {
                return Split(secretCopy, threshold, shares, coefficients);
            }
            catch (ArgumentException)
            {
                // Overflowed 2^n: astronomically rare, draw again.
            }
        }
    }

    /// <summary>Lagrange interpolation at x = 0 over the first <c>threshold</c> distinct shares.</summary>
    public static byte[] Recover(IEnumerable<ShamirShare> shares)
    {
        var list = shares.DistinctBy(s => s.X).ToList();
        if (list.Count == 0) throw new ArgumentException("no shares", nameof(shares));
        var length = list[0].Value.Length;
        var threshold = list[0].Threshold;
        if (list.Any(s => s.Value.Length != length || s.Threshold != threshold))
        {
            throw new MeshFormatException(UdfCodes.ShareLength, -1, "shares differ in length or threshold; they are not from one split");
        }
        if (list.Count < threshold)
        {
            throw new ArgumentException($"{list.Count} distinct shares given, threshold is {threshold}", nameof(shares));
        }
        list = list.Take(threshold).ToList();
        var p = Prime(length);
        var secret = BigInteger.Zero;
        foreach (var si in list)
        {
            BigInteger num = 1, den = 1;
            foreach (var sj in list)
            {
                if (sj.X == si.X) continue;
                num = num * (p - sj.X) % p;          // (0 − xj)
                den = den * Mod(si.X - sj.X, p) % p; // (xi − xj)
            }
            var term = si.ValueAsInteger * num % p * BigInteger.ModPow(den, p - 2, p) % p;
            secret = (secret + term) % p;
        }
        if (secret >= BigInteger.One << (8 * length))
        {
            throw new MeshFormatException(UdfCodes.ShareLength, -1, "recovered value does not fit the secret length; shares are inconsistent");
        }
        return ToFixedBytes(secret, length);
    }

    private static BigInteger Evaluate(List<BigInteger> poly, int x, BigInteger p)
    {
        var y = BigInteger.Zero;
        for (var i = poly.Count - 1; i >= 0; i--) y = (y * x + poly[i]) % p;
        return y;
    }

    private static BigInteger Mod(BigInteger a, BigInteger p) => ((a % p) + p) % p;

    internal static byte[] ToFixedBytes(BigInteger value, int length)
    {
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (raw.Length > length) throw new ArgumentOutOfRangeException(nameof(value), "value longer than the field");
        var result = new byte[length];
        raw.CopyTo(result, length - raw.Length);
        return result;
    }

    private static void CheckParameters(int secretLength, int threshold, int shares)
    {
        if (secretLength <= 0 || secretLength % 4 != 0) throw new ArgumentOutOfRangeException(nameof(secretLength), "secret must be a non-empty multiple of 32 bits");
        if (threshold is < 2 or > 15) throw new ArgumentOutOfRangeException(nameof(threshold), "threshold is 2..15 (4 bits)");
        if (shares < threshold || shares > 16) throw new ArgumentOutOfRangeException(nameof(shares), "shares is threshold..16 (x − 1 has 4 bits)");
    }
}
