using System.Numerics;

namespace MeshConformance.Udf;

/// <summary>
/// Primality for the two places UDFs need it: the Shamir prime (smallest prime above 2^n) and
/// RSA p/q (smallest prime above an HKDF output). Neither draft names a test; any correct test
/// gives the same "next prime", so a Miller–Rabin with fixed bases keeps results reproducible.
/// </summary>
public static class Primes
{
    private static readonly int[] SmallPrimes =
    [
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
        101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193, 197, 199,
    ];

    /// <summary>Miller–Rabin with the first 24 primes as bases (deterministic for n &lt; 3.3·10^24, error ≤ 4^-24 beyond).</summary>
    public static bool IsProbablePrime(BigInteger n)
    {
        if (n < 2) return false;
        foreach (var p in SmallPrimes)
        {
            if (n == p) return true;
            if (n % p == 0) return false;
        }
        var d = n - 1;
        var s = 0;
        while (d.IsEven) { d >>= 1; s++; }
        for (var i = 0; i < 24; i++)
        {
            var x = BigInteger.ModPow(SmallPrimes[i], d, n);
            if (x.IsOne || x == n - 1) continue;
            var witness = true;
            for (var r = 1; r < s; r++)
            {
                x = BigInteger.ModPow(x, 2, n);
                if (x == n - 1) { witness = false; break; }
            }
            if (witness) return false;
        }
        return true;
    }

    /// <summary>The smallest prime strictly greater than <paramref name="n"/>.</summary>
    public static BigInteger NextPrimeAbove(BigInteger n)
    {
        if (n < 2) return 2;
        var candidate = n + 1;
        if (candidate.IsEven) candidate++;
        while (!IsProbablePrime(candidate)) candidate += 2;
        return candidate;
    }
}
