using System.Numerics;
using System.Text;
using MeshConformance.Core;
using MeshConformance.Udf;
using NUnit.Framework;

namespace MeshConformance.Tests.Udf;

public class Base32Tests
{
    // RFC 4648 §10 test vectors (without the '=' padding UDFs do not use).
    [TestCase("", "")]
    [TestCase("f", "MY")]
    [TestCase("fo", "MZXQ")]
    [TestCase("foo", "MZXW6")]
    [TestCase("foob", "MZXW6YQ")]
    [TestCase("fooba", "MZXW6YTB")]
    [TestCase("foobar", "MZXW6YTBOI")]
    public void Rfc4648Vectors(string data, string expected)
    {
        Assert.That(Base32.Encode(Encoding.ASCII.GetBytes(data)), Is.EqualTo(expected));
        if (data.Length > 0)
        {
            Assert.That(Base32.Decode(expected, out _), Is.EqualTo(Encoding.ASCII.GetBytes(data)));
            Assert.That(Base32.Decode(expected.ToLowerInvariant(), out _), Is.EqualTo(Encoding.ASCII.GetBytes(data)));
        }
    }

    [TestCase("ABCDEFGHIJ", "ABCD-EFGH-IJ")]
    [TestCase("ABCD", "ABCD")]
    [TestCase("ABC", "ABC")]
    [TestCase("ABCDEFGH", "ABCD-EFGH")]
    public void DashAfterEveryFourCharacters(string compact, string expected) =>
        Assert.That(Base32.Dash4(compact), Is.EqualTo(expected));

    [Test]
    public void RandomRoundTrips()
    {
        var rng = new Random(4648);
        for (var n = 1; n < 80; n++)
        {
            var bytes = new byte[n];
            rng.NextBytes(bytes);
            var text = Presentation.Full(bytes);
            Assert.That(UDF.Parse(text).Binary, Is.EqualTo(bytes), text);
            Assert.That(UDF.Parse(text.ToLowerInvariant().Replace("-", "")).Binary, Is.EqualTo(bytes));
        }
    }

    [Test]
    public void DashesAnywhereAreIgnoredByLenientParse() =>
        Assert.That(UDF.Parse("M-DDK7N6A727AJZNOS--TRXXKS7DJAF").Binary,
            Is.EqualTo(UDF.Parse("MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF").Binary));
}

public class ContentDigestTests
{
    private static byte[] TcdvWithTrailingZeros(int zeros)
    {
        // All ones, then clear the last `zeros` bits: exactly `zeros` trailing zero bits.
        var tcdv = Enumerable.Repeat((byte)0xFF, 64).ToArray();
        for (var bit = 0; bit < zeros; bit++) tcdv[63 - bit / 8] &= (byte)~(1 << (bit % 8));
        return tcdv;
    }

    // udf-10 §3.4.1 / §5.1.3: 20/30/40/50 trailing zero bits → type + 1/2/3/4.
    [TestCase(0, 0)]
    [TestCase(19, 0)]
    [TestCase(20, 1)]
    [TestCase(29, 1)]
    [TestCase(30, 2)]
    [TestCase(39, 2)]
    [TestCase(40, 3)]
    [TestCase(49, 3)]
    [TestCase(50, 4)]
    [TestCase(64, 4)]
    [TestCase(512, 4)]
    public void CompressionThresholds(int zeros, int level)
    {
        var tcdv = TcdvWithTrailingZeros(zeros);
        Assert.That(ContentDigest.TrailingZeroBits(tcdv), Is.EqualTo(zeros));
        Assert.That(ContentDigest.CompressionLevel(tcdv), Is.EqualTo(level));
        Assert.That(ContentDigest.BinaryFromTcdv(tcdv, UdfDigestAlgorithm.Sha2_512, 140)[0], Is.EqualTo(96 + level));
        Assert.That(ContentDigest.BinaryFromTcdv(tcdv, UdfDigestAlgorithm.Sha3_512, 140)[0], Is.EqualTo(80 + level));
    }

    // Measured by running the reference implementation (brief for this component); the path is
    // not pre-hashed and the content type string is "UDFLock" (reference-platform.md §2.2).
    [TestCase("/home/alice/.Mesh/Profiles/host.dare", "MAJY-Q7FF-LMAL-ZVC4-NK3B-ZQZ7-NPO7-TIZD-G6LN-SUSJ-E476-ASWY-ZMDE-7HRA")]
    [TestCase(@"C:\Users\alice\AppData\Roaming\Mesh\Profiles\host.dare", "MAVE-UIIT-PMVS-DVA2-OILG-BB2B-5GQB-72E4-HAO6-JKUG-EV5X-LYX6-TWZO-SQ24")]
    public void LockNameMatchesReference(string path, string expected)
    {
        var name = UDF.LockName(path);
        Assert.That(name, Is.EqualTo(expected));
        Assert.That(name, Has.Length.EqualTo(69), "56 characters in 14 groups");
    }

    [Test]
    public void LockNameIsNotTheOrdinaryContentDigest() =>
        // The ordinary rule would hash the path first; the reference does not.
        Assert.That(UDF.ContentDigest(Encoding.UTF8.GetBytes("/home/alice/.Mesh/Profiles/host.dare"), "UDFLock", bits: 280),
            Is.Not.EqualTo("MAJY-Q7FF-LMAL-ZVC4-NK3B-ZQZ7-NPO7-TIZD-G6LN-SUSJ-E476-ASWY-ZMDE-7HRA"));

    [TestCase(0)]
    [TestCase(130)]
    [TestCase(540)]
    [TestCase(-20)]
    public void PrecisionMustBeMultipleOf20WithinTheDigest(int bits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => UDF.ContentDigest("x"u8, "text/plain", bits: bits));

    [Test]
    public void MaximumPrecisionShowsTheWholeDigest()
    {
        // 520 bits = type byte + all 64 TCDV bytes = 104 characters.
        var udf = UDF.ContentDigest("UDF Data Value"u8, "text/plain", bits: 520);
        Assert.That(udf.Replace("-", ""), Has.Length.EqualTo(104));
        Assert.That(udf, Does.StartWith("MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF-XI6O-ZSLU-2VOA-TZQ6-JMHP-TSXP"));
    }

    [Test]
    public void ForgedCompressionClaimIsReported()
    {
        // udf-10 §5.1.6's UDF with its type byte changed 0x60 → 0x61 (claims 20 trailing zero
        // bits that the TCDV ...85bb does not have).
        var binary = UDF.ContentDigestBinary("UDF Data Value"u8, "text/plain");
        binary[0] = 0x61;
        var forged = Presentation.Truncated(binary, 140);
        var codes = UdfValidator.ValidateAgainstContent(forged, "UDF Data Value"u8, "text/plain").Select(f => f.Code);
        Assert.That(codes, Does.Contain(UdfCodes.Compression));
    }

    [Test]
    public void WrongContentIsReported()
    {
        var codes = UdfValidator.ValidateAgainstContent("MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF", "UDF Data Valuf"u8, "text/plain").Select(f => f.Code);
        Assert.That(codes, Does.Contain(UdfCodes.DigestMismatch));
        codes = UdfValidator.ValidateAgainstContent("MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF", "UDF Data Value"u8, "text/html").Select(f => f.Code);
        Assert.That(codes, Does.Contain(UdfCodes.DigestMismatch), "the content type is part of the digest");
    }

    [Test]
    public void StrongInternetNameFollowsDraftExample() =>
        // udf-10 §1.3 (the UDF there still uses the old 5-character grouping; the helper keeps the text as given).
        Assert.That(UDF.StrongInternetName("alice@example.com", "MB2GK-6DUF5-YGYYL-JNY5E-RWSHZ"),
            Is.EqualTo("alice@example.com.mm--mb2gk-6duf5-ygyyl-jny5e-rwshz"));
}

public class ComparisonTests
{
    private const string U100 = "MDDK-7N6A-727A-JZNO-STRX";
    private const string U260 = "MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF-XI6O-ZSLU-2VOA-TZQ6-JMHP-TSXP";

    [Test]
    public void ShorterIsPrefixOfLonger()
    {
        Assert.That(UDF.PrefixMatch(U100, U260), Is.True);
        Assert.That(UDF.PrefixMatch(U260, U100.ToLowerInvariant()), Is.True, "case does not matter");
    }

    [Test]
    public void CommonBitsBelowMinimumDoNotMatch() =>
        Assert.That(UDF.PrefixMatch(U100, U260, minimumBits: 120), Is.False);

    [Test]
    public void DifferentTypeByteDoesNotMatch()
    {
        // Same BDS bits, type 0x61 instead of 0x60.
        var binary = UDF.ContentDigestBinary("UDF Data Value"u8, "text/plain", bits: 260);
        binary[0] = 0x61;
        Assert.That(UDF.PrefixMatch(U100, Presentation.Truncated(binary, 260)), Is.False);
    }

    [Test]
    public void OneCharacterDifferenceDoesNotMatch() =>
        Assert.That(UDF.PrefixMatch("MDDK-7N6A-727A-JZNO-STRY", U260), Is.False);
}

public class KeyDerivationTests
{
    // udf-10 §4.4.3 also prints P-384 and P-521 keys (not in udf.json). Like P-256, both
    // reproduce only when reducing modulo the field prime, not the group order the text names.
    [TestCase("ZAAA-NPLI-G7Z3-WFD2-GBJ6-OONN-ELTO-MHA", UdfKeyAlgorithm.P384,
        "36904921143188906308790025170320747449095307663051394962072923012683284321458397574918591433311657724460124046828583")]
    [TestCase("ZAAA-PQCC-YFVT-LRWP-7MUZ-GJV3-HLX2-JPQ", UdfKeyAlgorithm.P521,
        "634654264002940134552342747000178673315150389242882127875899967179893357080737359910264830086847526999862042693445504370476919922072068801363203357706689700")]
    public void NistKeysFollowTheFieldPrime(string udf, UdfKeyAlgorithm algorithm, string key)
    {
        var seed = KeyDerivationSeed.Parse(udf);
        Assert.That(seed.Specifier.Algorithm, Is.EqualTo(algorithm));
        Assert.That(seed.DeriveNistScalar().ToString(), Is.EqualTo(key));
        Assert.That(seed.DeriveNistScalar(modulus: NistScalarModulus.GroupOrder).ToString(), Is.Not.EqualTo(key));
    }

    [Test]
    public void KeySpecifierBitLayout()
    {
        // §4.4: key use in bits 6–7 of the first octet, 14-bit algorithm after it.
        var spec = new UdfKeySpecifier(UdfKeyUse.Signature, (int)UdfKeyAlgorithm.Ed25519);
        Assert.That(spec.ToBytes(), Is.EqualTo(new byte[] { 0x80, 0x03 }));
        Assert.That(UdfKeySpecifier.FromBytes(0xC1, 0x02), Is.EqualTo(new UdfKeySpecifier(UdfKeyUse.Authentication, 0x102)));
        Assert.That(UdfKeySpecifier.FromBytes(0xC1, 0x02).IsKnownAlgorithm, Is.False);
    }

    [Test]
    public void RsaDefaultLengthFollowsTheTable()
    {
        // Text's L = 1024 for RSA-2048 gives ~1024-bit primes (the draft example used 256).
        var seed = KeyDerivationSeed.Parse("ZAAA-RJ5I-OSMI-X2KH-MBHX-KUPB-OC54-NQI");
        var (p, q) = seed.DeriveRsaPrimes();
        Assert.That(p.GetBitLength(), Is.InRange(1000, 1025));
        Assert.That(Primes.IsProbablePrime(p) && Primes.IsProbablePrime(q), Is.True);
    }

    [Test]
    public void PrimesAgreeWithKnownValues()
    {
        Assert.That(Primes.NextPrimeAbove(BigInteger.One << 128), Is.EqualTo((BigInteger.One << 128) + 51)); // udf-10 Appendix A
        Assert.That(Primes.NextPrimeAbove(BigInteger.One << 32), Is.EqualTo((BigInteger.One << 32) + 15));   // 4294967311
        Assert.That(Primes.IsProbablePrime(561), Is.False, "Carmichael number");
        Assert.That(Primes.IsProbablePrime((BigInteger.One << 127) - 1), Is.True, "Mersenne prime M127");
    }

    [Test]
    public void WrongTypeIsATypeMismatch()
    {
        var e = Assert.Throws<MeshFormatException>(() => KeyDerivationSeed.Parse("EAML-INHA-2635-5SKT-46SH-XKSL-HAZA"));
        Assert.That(e!.Code, Is.EqualTo(UdfCodes.TypeMismatch));
    }
}

public class ShamirTests
{
    [TestCase(2, 3)]
    [TestCase(3, 5)]
    [TestCase(15, 16)]
    public void RandomSplitRecovers(int threshold, int count)
    {
        var secret = Convert.FromHexString("000102030405060708090a0b0c0d0e0f1011121314151617");
        var shares = ShamirSecretSharing.Split(secret, threshold, count);
        Assert.That(shares.Select(s => s.X), Is.EqualTo(Enumerable.Range(1, count)));
        var reparsed = shares.Select(s => ShamirShare.Parse(s.ToUdf())).Reverse().ToList();
        Assert.That(ShamirSecretSharing.Recover(reparsed.Take(threshold)), Is.EqualTo(secret));
    }

    [Test]
    public void SecretMustBeWholeWords() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ShamirSecretSharing.Split(new byte[15], 2, 3));
}
