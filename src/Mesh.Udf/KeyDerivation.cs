using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using MeshConformance.Core;

namespace MeshConformance.Udf;

/// <summary>Key algorithm codes of a Z-UDF key specifier (udf-10 §4.4).</summary>
public enum UdfKeyAlgorithm
{
    Any = 0,
    X25519 = 1,
    X448 = 2,
    Ed25519 = 3,
    Ed448 = 4,
    P256 = 5,
    P384 = 6,
    P521 = 7,
    Rsa2048 = 8,
    Rsa3072 = 9,
    Rsa4096 = 10,
}

/// <summary>Key use codes, bits 6–7 of the first key-specifier byte (udf-10 §4.4).</summary>
public enum UdfKeyUse
{
    Any = 0,
    Encryption = 1,
    Signature = 2,
    Authentication = 3,
}

/// <summary>
/// How a NIST-curve OKM is reduced to a private scalar d = (c mod (m − 1)) + 1.
/// udf-10 §4.4.3 says m is n (the group order, as FIPS 186-4 B.4.1 does), but all three printed
/// examples (P-256, P-384, P-521) only come out with m = the field prime p.
/// </summary>
public enum NistScalarModulus
{
    /// <summary>m = field prime p: what the draft's examples (and so the reference) compute.</summary>
    FieldPrime,
    /// <summary>m = group order n: what the draft's text says.</summary>
    GroupOrder,
}

/// <summary>The 16-bit key specifier that starts a Z-UDF's BDS and is the HKDF salt.</summary>
/// <param name="Use">Key use (2 bits).</param>
/// <param name="AlgorithmCode">Algorithm (14 bits); may be a code this suite does not know.</param>
public readonly record struct UdfKeySpecifier(UdfKeyUse Use, int AlgorithmCode)
{
    public bool IsKnownAlgorithm => AlgorithmCode is >= 0 and <= (int)UdfKeyAlgorithm.Rsa4096;

    public UdfKeyAlgorithm Algorithm => IsKnownAlgorithm ? (UdfKeyAlgorithm)AlgorithmCode
        : throw new MeshFormatException(UdfCodes.KeySpecifier, -1, $"key algorithm code {AlgorithmCode} is not defined");

    public static UdfKeySpecifier FromBytes(byte first, byte second) =>
        new((UdfKeyUse)(first >> 6), ((first & 0x3F) << 8) | second);

    /// <summary>Network byte order: use in the top 2 bits, then the 14-bit algorithm.</summary>
    public byte[] ToBytes() => [(byte)(((int)Use << 6) | ((AlgorithmCode >> 8) & 0x3F)), (byte)AlgorithmCode];
}

/// <summary>
/// A key-pair derivation seed (Z-UDF, type 200, udf-10 §4.4) and the private key material it yields.
/// IKM = the whole BDS (key specifier included); salt = the key specifier (with "Any" replaced
/// by the algorithm actually wanted); HKDF-SHA-512.
/// </summary>
public sealed class KeyDerivationSeed
{
    private readonly byte[] ikm;

    private KeyDerivationSeed(byte[] bds)
    {
        ikm = bds;
        Specifier = UdfKeySpecifier.FromBytes(bds[0], bds[1]);
    }

    public UdfKeySpecifier Specifier { get; }

    /// <summary>The HKDF input keying material: the BDS without the type byte.</summary>
    public ReadOnlySpan<byte> Ikm => ikm;

    /// <summary>Parse a Z-UDF. Errors: text errors, UDF-TYPE-MISMATCH, UDF-KEYSPEC (shorter than the specifier).</summary>
    public static KeyDerivationSeed Parse(string udf)
    {
        var value = UDF.Parse(udf).Expect(UdfType.KeyDerivationSeed);
        if (value.Bds.Length < 3)
        {
            throw new MeshFormatException(UdfCodes.KeySpecifier, value.Text.Length, "Z-UDF has no room for a key specifier and seed");
        }
        return new KeyDerivationSeed(value.Bds.ToArray());
    }

    /// <summary>Make a Z-UDF from a specifier and seed bytes.</summary>
    public static string Create(UdfKeySpecifier specifier, ReadOnlySpan<byte> seed)
    {
        var bds = new byte[2 + seed.Length];
        specifier.ToBytes().CopyTo(bds, 0);
        seed.CopyTo(bds.AsSpan(2));
        return Presentation.Fixed(UdfType.KeyDerivationSeed, bds);
    }

    /// <summary>The salt for <paramref name="algorithm"/>: this seed's specifier, with the algorithm filled in when it was Any.</summary>
    public byte[] Salt(UdfKeyAlgorithm? algorithm = null) => Resolve(algorithm).ToBytes();

    /// <summary>PRK = HKDF-Extract-SHA-512(salt, IKM).</summary>
    public byte[] Prk(UdfKeyAlgorithm? algorithm = null) =>
        HKDF.Extract(HashAlgorithmName.SHA512, ikm, Salt(algorithm));

    /// <summary>OKM = HKDF-Expand-SHA-512(PRK, info, L).</summary>
    public byte[] Okm(UdfKeyAlgorithm? algorithm, string info, int lengthBits)
    {
        if (lengthBits <= 0 || lengthBits % 8 != 0) throw new ArgumentOutOfRangeException(nameof(lengthBits));
        return HKDF.Expand(HashAlgorithmName.SHA512, Prk(algorithm), lengthBits / 8, Encoding.UTF8.GetBytes(info));
    }

    /// <summary>L from the draft's tables (udf-10 §4.4.2–4.4.4).</summary>
    public static int OkmLengthBits(UdfKeyAlgorithm algorithm) => algorithm switch
    {
        UdfKeyAlgorithm.X25519 or UdfKeyAlgorithm.Ed25519 => 256,
        UdfKeyAlgorithm.X448 or UdfKeyAlgorithm.Ed448 => 448,
        UdfKeyAlgorithm.P256 => 320,
        UdfKeyAlgorithm.P384 => 448,
        UdfKeyAlgorithm.P521 => 592,
        UdfKeyAlgorithm.Rsa2048 => 1024,
        UdfKeyAlgorithm.Rsa3072 => 1536,
        UdfKeyAlgorithm.Rsa4096 => 2048,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "no key is derived for Any"),
    };

    /// <summary>X25519/X448/Ed25519/Ed448: the OKM is the raw private key (info empty).</summary>
    public byte[] DeriveRawPrivateKey(UdfKeyAlgorithm? algorithm = null)
    {
        var alg = Resolve(algorithm).Algorithm;
        if (alg is not (UdfKeyAlgorithm.X25519 or UdfKeyAlgorithm.X448 or UdfKeyAlgorithm.Ed25519 or UdfKeyAlgorithm.Ed448))
        {
            throw new InvalidOperationException($"{alg} does not use a raw private key");
        }
        return Okm(algorithm, "", OkmLengthBits(alg));
    }

    /// <summary>P-256/384/521: d = (OKM as big-endian integer mod (m − 1)) + 1, info empty.</summary>
    public BigInteger DeriveNistScalar(UdfKeyAlgorithm? algorithm = null, NistScalarModulus modulus = NistScalarModulus.FieldPrime)
    {
        var alg = Resolve(algorithm).Algorithm;
        var (p, n) = NistCurve(alg);
        var m = modulus == NistScalarModulus.FieldPrime ? p : n;
        var c = new BigInteger(Okm(algorithm, "", OkmLengthBits(alg)), isUnsigned: true, isBigEndian: true);
        return c % (m - 1) + 1;
    }

    /// <summary>
    /// RSA: p / q = smallest prime above the OKM for info "p" / "q". <paramref name="okmLengthBits"/>
    /// defaults to the draft's table (1024 for RSA-2048); the draft's own example was made with 256.
    /// </summary>
    public (BigInteger P, BigInteger Q) DeriveRsaPrimes(UdfKeyAlgorithm? algorithm = null, int? okmLengthBits = null)
    {
        var alg = Resolve(algorithm).Algorithm;
        if (alg is not (UdfKeyAlgorithm.Rsa2048 or UdfKeyAlgorithm.Rsa3072 or UdfKeyAlgorithm.Rsa4096))
        {
            throw new InvalidOperationException($"{alg} is not RSA");
        }
        var length = okmLengthBits ?? OkmLengthBits(alg);
        BigInteger Prime(string info) =>
            Primes.NextPrimeAbove(new BigInteger(Okm(algorithm, info, length), isUnsigned: true, isBigEndian: true));
        return (Prime("p"), Prime("q"));
    }

    private UdfKeySpecifier Resolve(UdfKeyAlgorithm? algorithm)
    {
        if (!Specifier.IsKnownAlgorithm)
        {
            throw new MeshFormatException(UdfCodes.KeySpecifier, 1, $"key algorithm code {Specifier.AlgorithmCode} is not defined");
        }
        if (algorithm is null || (int)algorithm == Specifier.AlgorithmCode) return Specifier;
        if (Specifier.Algorithm != UdfKeyAlgorithm.Any)
        {
            throw new InvalidOperationException($"seed is for {Specifier.Algorithm}, not {algorithm}");
        }
        // §4.4.1: the salt MAY differ from the BDS's specifier by replacing Any with a specific algorithm.
        return Specifier with { AlgorithmCode = (int)algorithm.Value };
    }

    /// <summary>(field prime p, group order n) of the NIST curves (FIPS 186-4 D.1.2).</summary>
    private static (BigInteger P, BigInteger N) NistCurve(UdfKeyAlgorithm algorithm) => algorithm switch
    {
        UdfKeyAlgorithm.P256 => (
            Hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"),
            Hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")),
        UdfKeyAlgorithm.P384 => (
            Hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff"),
            Hex("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973")),
        UdfKeyAlgorithm.P521 => (
            (BigInteger.One << 521) - 1,
            Hex("01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409")),
        _ => throw new InvalidOperationException($"{algorithm} is not a NIST curve"),
    };

    private static BigInteger Hex(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
