using System.Security.Cryptography;
using System.Text;
using MeshConformance.Checks;
using MeshConformance.Core;
using MeshConformance.Platform.Keys;
using MeshConformance.Udf;
using NUnit.Framework;

namespace MeshConformance.Tests.Checks;

/// <summary>
/// Key files: each names the key it holds (public keys from the RFC test vectors, so the expected names do not come
/// from the code under test), locators are not plaintext keys, and every kind of bad input gets a finding, no crash.
/// </summary>
public class KeyFileCheckTests
{
    // RFC 8032 §7.1 test 1 (Ed25519), RFC 7748 §6.1/§6.2 Alice (X25519, X448), RFC 8032 §7.4 "blank" (Ed448).
    private static readonly Dictionary<string, (string Private, string Public)> Rfc = new()
    {
        ["Ed25519"] = ("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"),
        ["X25519"] = ("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"),
        ["X448"] = ("9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
                    "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0"),
        ["Ed448"] = ("6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b",
                     "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180"),
    };

    private static string B64(byte[] bytes) => Base64Url.Encode(bytes);

    private static string Ecdh(string curve, byte[]? privateKey, byte[]? publicKey) =>
        "{\"PrivateKeyECDH\": {\"Exportable\": false, \"crv\": \"" + curve + "\"" +
        (publicKey is null ? "" : ", \"Public\": \"" + B64(publicKey) + "\"") +
        (privateKey is null ? "" : ", \"Private\": \"" + B64(privateKey) + "\"") + "}}";

    private static string NameOf(string curve, byte[] publicKey) => UDF.PkixKeyFingerprint(KeyIdentities.CfrgSpki(curve, publicKey));

    private static List<Finding> Check(TempDirectory temp, string name, string content)
    {
        var keys = Path.Combine(temp.Path, "Keys");
        Directory.CreateDirectory(keys);
        File.WriteAllText(Path.Combine(keys, name), content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(Path.Combine(keys, name), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return KeyFileChecks.Run(temp.Path, "Keys").ToList();
    }

    private static IEnumerable<string> Codes(IEnumerable<Finding> findings) => findings.Select(f => f.Code).Where(c => c != CheckCodes.KeyPlaintext);

    [TestCase("Ed25519")]
    [TestCase("X25519")]
    [TestCase("X448")]
    [TestCase("Ed448")]
    public void ACfrgKeyFileNamedByItsPublicKeysUdfPasses(string curve)
    {
        var (privateHex, publicHex) = Rfc[curve];
        using var temp = new TempDirectory("keys");
        var findings = Check(temp, NameOf(curve, Convert.FromHexString(publicHex)), Ecdh(curve, Convert.FromHexString(privateHex), Convert.FromHexString(publicHex)));
        Assert.That(Codes(findings), Is.Empty, string.Join("\n", findings));
        Assert.That(findings.Select(f => f.Code), Does.Contain(CheckCodes.KeyPlaintext), "a private key in a file is still reported as plaintext");
    }

    [TestCase("Ed25519")]
    [TestCase("X448")]
    public void ThePrivateHalfAloneNamesTheFile(string curve)
    {
        var (privateHex, publicHex) = Rfc[curve];
        using var temp = new TempDirectory("keys");
        Assert.That(Codes(Check(temp, NameOf(curve, Convert.FromHexString(publicHex)), Ecdh(curve, Convert.FromHexString(privateHex), null))), Is.Empty);
    }

    [Test]
    public void AFileNamedByAnotherKeysUdfIsAMismatch()
    {
        var (privateHex, _) = Rfc["X448"];
        var other = Convert.FromHexString(Rfc["Ed448"].Public);
        using var temp = new TempDirectory("keys");
        var findings = Check(temp, NameOf("Ed448", other), Ecdh("X448", Convert.FromHexString(privateHex), null));
        Assert.That(Codes(findings), Is.EqualTo(new[] { CheckCodes.KeyNameMismatch }));
        Assert.That(findings.First(f => f.Code == CheckCodes.KeyNameMismatch).Message, Does.Contain(NameOf("X448", Convert.FromHexString(Rfc["X448"].Public))));
    }

    [Test]
    public void APublicHalfThatIsNotThePrivateHalfsIsInvalid()
    {
        var (privateHex, publicHex) = Rfc["Ed25519"];
        var wrong = Convert.FromHexString(publicHex);
        wrong[0] ^= 1;
        using var temp = new TempDirectory("keys");
        var findings = Check(temp, NameOf("Ed25519", Convert.FromHexString(publicHex)), Ecdh("Ed25519", Convert.FromHexString(privateHex), wrong));
        Assert.That(Codes(findings), Is.EqualTo(new[] { CheckCodes.KeyInvalid }));
    }

    [Test]
    public void NistAndRsaKeysAreNamedByTheirSpki()
    {
        using var temp = new TempDirectory("keys");
        using var ec = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var d = ec.ExportParameters(includePrivateParameters: true).D!;
        var p256 = Check(temp, UDF.PkixKeyFingerprint(ec.ExportSubjectPublicKeyInfo()), Ecdh("P-256", d, null));
        Assert.That(Codes(p256), Is.Empty, string.Join("\n", p256));

        using var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(includePrivateParameters: true);
        var json = "{\"PrivateKeyRSA\": {\"n\": \"" + B64(parameters.Modulus!) + "\", \"e\": \"" + B64(parameters.Exponent!) + "\", \"d\": \"" + B64(parameters.D!) + "\"}}";
        using var temp2 = new TempDirectory("keys");
        var rsaFindings = Check(temp2, UDF.PkixKeyFingerprint(rsa.ExportSubjectPublicKeyInfo()), json);
        Assert.That(Codes(rsaFindings), Is.Empty, string.Join("\n", rsaFindings));
    }

    [Test]
    public void ALocatorNamedByItsPublicKeyIsNeitherPlaintextNorAMismatch()
    {
        var publicKey = Convert.FromHexString(Rfc["Ed448"].Public);
        var spki = KeyIdentities.CfrgSpki("Ed448", publicKey);
        var udf = UDF.PkixKeyFingerprint(spki);
        var locator = "{\"PlatformKey\": {\"Store\": \"secret-service\", \"Udf\": \"" + udf + "\", \"KeyType\": \"PrivateKeyUDF\", \"Public\": \"" + B64(spki) + "\"}}";
        using var temp = new TempDirectory("keys");
        Assert.That(Check(temp, udf, locator), Is.Empty);
        using var temp2 = new TempDirectory("keys");
        var wrongName = NameOf("X448", Convert.FromHexString(Rfc["X448"].Public));
        Assert.That(Check(temp2, wrongName, locator).Select(f => f.Code), Is.EqualTo(new[] { CheckCodes.KeyNameMismatch }));
    }

    [Test]
    public void ASeedFileIsNamedByTheProfileKeyDerivedFromIt()
    {
        var seed = KeyDerivationSeed.Create(new UdfKeySpecifier(UdfKeyUse.Any, 0), SHA256.HashData("seed"u8));
        var profile = MeshKeyPairs.FromSeed(seed, UdfKeyAlgorithm.Ed448);
        using var temp = new TempDirectory("keys");
        Assert.That(Codes(Check(temp, profile.Udf, Encoding.UTF8.GetString(KeyFiles.SeedFile(seed, "MeshProfileAccount", exportable: false)))), Is.Empty);
        using var temp2 = new TempDirectory("keys");
        var stranger = MeshKeyPairs.FromSeed(KeyDerivationSeed.Create(new UdfKeySpecifier(UdfKeyUse.Any, 0), SHA256.HashData("other"u8)), UdfKeyAlgorithm.Ed448);
        Assert.That(Codes(Check(temp2, stranger.Udf, Encoding.UTF8.GetString(KeyFiles.SeedFile(seed, "MeshProfileAccount", exportable: false)))),
            Is.EqualTo(new[] { CheckCodes.KeyNameMismatch }));
    }

    private static IEnumerable<TestCaseData> BadFiles()
    {
        var name = NameOf("X448", Convert.FromHexString(Rfc["X448"].Public));
        var good = Ecdh("X448", Convert.FromHexString(Rfc["X448"].Private), null);
        yield return new TestCaseData(name, "not json at all", CheckCodes.KeyUnparsable).SetName("not JSON");
        yield return new TestCaseData(name, good[..(good.Length / 2)], CheckCodes.KeyUnparsable).SetName("truncated");
        yield return new TestCaseData(name, "{\"PrivateKeyQuantum\": {\"k\": \"AAAA\"}}", CheckCodes.KeyUnknownType).SetName("unknown key type");
        yield return new TestCaseData(name, new string(' ', 10 * 1024 * 1024) + good, CheckCodes.KeyUnparsable).SetName("10 MB long");
        yield return new TestCaseData(name, "[1, 2, 3]", CheckCodes.KeyUnparsable).SetName("not an object");
        yield return new TestCaseData(name, Ecdh("X9999", Convert.FromHexString(Rfc["X448"].Private), null), CheckCodes.KeyInvalid).SetName("unknown curve");
        yield return new TestCaseData(name, "{\"PrivateKeyECDH\": {\"crv\": \"X448\", \"Private\": \"AAAA\"}}", CheckCodes.KeyInvalid).SetName("private key of the wrong length");
        yield return new TestCaseData(name, "{\"PrivateKeyECDH\": {\"crv\": \"X448\", \"Private\": 42}}", CheckCodes.KeyInvalid).SetName("private key not binary");
        yield return new TestCaseData(name, "{\"PrivateKeyUDF\": {\"PrivateValue\": \"not-a-seed\"}}", CheckCodes.KeyInvalid).SetName("seed that is not a UDF");
        yield return new TestCaseData(name, "{\"PlatformKey\": {\"Store\": \"secret-service\"}}", CheckCodes.KeyInvalid).SetName("locator without its public key");
    }

    [TestCaseSource(nameof(BadFiles))]
    public void BadKeyFilesGetAFindingNotAnException(string name, string content, string code)
    {
        using var temp = new TempDirectory("keys");
        var findings = Check(temp, name, content);
        Assert.That(findings.Select(f => f.Code), Does.Contain(code), string.Join("\n", findings));
        Assert.That(findings.All(f => f.File == "Keys/" + name));
    }

    [Test]
    public void AReferenceSeedFileIsNamedByTheReferencesProfileKeyAndThatIsOnlyNoted()
    {
        // schema-08's DevicePreconfiguration example: this device seed's profile key is MC6H-2IFS-4OXA-U2YQ-QZ6Y-RZWX-JC3Q.
        const string seed = "ZAAQ-AO3M-SYLX-X7ET-MZHC-BURC-V2OE-ZWUX-ZWPF-KAL4-6C3G-6IPV-2D76-MT4N";
        var file = "{\"PrivateKeyUDF\": {\"PrivateValue\": \"" + seed + "\", \"KeyType\": \"MeshProfileDevice\"}}";
        using var temp = new TempDirectory("keys");
        var findings = Check(temp, "MC6H-2IFS-4OXA-U2YQ-QZ6Y-RZWX-JC3Q", file);
        Assert.That(Codes(findings), Is.EqualTo(new[] { CheckCodes.KeyNameReferenceForm }), string.Join("\n", findings));
        Assert.That(findings.Single(f => f.Code == CheckCodes.KeyNameReferenceForm).Severity, Is.EqualTo(Severity.Info));
        using var temp2 = new TempDirectory("keys");
        Assert.That(Codes(Check(temp2, "MC67-GVFM-B45X-D6AS-YAVS-TJ57-UKVY", file)), Is.EqualTo(new[] { CheckCodes.KeyNameMismatch }),
            "another seed's profile key is not this one's");
    }

    [Test]
    public void AReferenceEd448KeyWithA56OctetSecretAndItsSpkiFormIsOnlyNoted()
    {
        var secret = SHA512.HashData("reference ed448"u8)[..56];
        var publicKey = ReferenceKeys.Ed448Public(secret);
        var name = UDF.PkixKeyFingerprint(ReferenceKeys.Spki("Ed448", publicKey));
        using var temp = new TempDirectory("keys");
        var findings = Check(temp, name, Ecdh("Ed448", secret, publicKey));
        Assert.That(Codes(findings), Is.EqualTo(new[] { CheckCodes.KeyNameReferenceForm }), string.Join("\n", findings));
    }

    [Test]
    public void AReferenceX448KeyWithA57OctetPublicKeyIsOnlyNoted()
    {
        var (privateHex, publicHex) = Rfc["X448"];
        byte[] reference57 = [.. Convert.FromHexString(publicHex), 0x80];
        var name = UDF.PkixKeyFingerprint(ReferenceKeys.Spki("X448", reference57));
        using var temp = new TempDirectory("keys");
        var findings = Check(temp, name, Ecdh("X448", Convert.FromHexString(privateHex), reference57));
        Assert.That(Codes(findings), Is.EqualTo(new[] { CheckCodes.KeyNameReferenceForm }), string.Join("\n", findings));
    }

    [Test]
    public void AnAccountWithoutKeyMaterialAndASeedForNobodyAreReported()
    {
        var seed = KeyDerivationSeed.Create(new UdfKeySpecifier(UdfKeyUse.Any, 0), SHA256.HashData("device"u8));
        var device = MeshKeyPairs.FromSeed(seed, UdfKeyAlgorithm.Ed448).Udf;
        var strayed = KeyDerivationSeed.Create(new UdfKeySpecifier(UdfKeyUse.Any, 0), SHA256.HashData("gone"u8));
        var gone = MeshKeyPairs.FromSeed(strayed, UdfKeyAlgorithm.Ed448).Udf;
        var account = NameOf("Ed448", Convert.FromHexString(Rfc["Ed448"].Public));
        using var temp = new TempDirectory("keys");
        Check(temp, device, Encoding.UTF8.GetString(KeyFiles.SeedFile(seed, "MeshProfileDevice", exportable: false)));
        Check(temp, gone, Encoding.UTF8.GetString(KeyFiles.SeedFile(strayed, "MeshProfileDevice", exportable: false)));
        // An exchange key that belongs to no profile is a store's key, not an orphaned seed.
        Check(temp, NameOf("X448", Convert.FromHexString(Rfc["X448"].Public)), Ecdh("X448", Convert.FromHexString(Rfc["X448"].Private), null));
        var findings = KeyFileChecks.Run(temp.Path, "Keys", new ProfileUdfs(new HashSet<string> { account }, new HashSet<string> { device })).ToList();
        Assert.That(findings.Where(f => f.Code is KeyCoverageCodes.AccountMissing or KeyCoverageCodes.Orphan).Select(f => (f.Code, f.File)),
            Is.EquivalentTo(new[] { (KeyCoverageCodes.AccountMissing, "Keys/" + account), (KeyCoverageCodes.Orphan, "Keys/" + gone) }));
        Assert.That(findings.Where(f => f.Code is KeyCoverageCodes.AccountMissing or KeyCoverageCodes.Orphan).Select(f => f.Severity), Is.All.EqualTo(Severity.Warning));
        Assert.That(KeyFileChecks.Run(temp.Path, "Keys").Select(f => f.Code), Has.None.AnyOf(KeyCoverageCodes.AccountMissing, KeyCoverageCodes.Orphan),
            "without the root's profiles nothing is said about coverage");
    }

    [Test]
    [Platform(Exclude = "Win")]
    public void StrangeEntriesInTheKeyDirectoryOfAProfileEachGetAFinding()
    {
        // The list of bad key entries that are not bad content: a symlink, a directory named like a key, a key
        // name in lower case, a key name without dashes. The whole check runs; each gets its finding, nothing throws.
        using var temp = new TempDirectory("keys");
        var root = temp.Sub("mesh");
        var profile = MeshConformance.Platform.Generation.ProfileGenerator.Generate(root, new MeshConformance.Platform.Generation.GeneratorOptions { Seed = 31, Entries = 2 });
        var keys = Path.Combine(root, "Keys");
        var real = Path.GetFileName(profile.KeyFiles[0]);
        File.CreateSymbolicLink(Path.Combine(keys, "MAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG"), "/etc/passwd");
        Directory.CreateDirectory(Path.Combine(keys, "MBBB-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG"));
        File.Copy(Path.Combine(keys, real), Path.Combine(keys, real.ToLowerInvariant()));
        File.Copy(Path.Combine(keys, real), Path.Combine(keys, real.Replace("-", "")));
        foreach (var file in Directory.GetFiles(keys)) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var report = CheckRunner.Run(root);
        string Code(string name) => string.Join(",", report.Findings.Where(f => f.File == "Keys/" + name).Select(f => f.Code).Where(c => c != CheckCodes.KeyPlaintext));
        Assert.That(Code("MAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG"), Does.Contain("LAYOUT-SYMLINK"));
        Assert.That(Code("MBBB-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG"), Does.Contain("LAYOUT-WRONG-KIND"));
        Assert.That(Code(real.ToLowerInvariant()), Does.Contain("LAYOUT-WRONG-CASE"));
        Assert.That(Code(real.Replace("-", "")), Does.Contain("LAYOUT-KEY-NOT-UDF"));
        Assert.That(report.Findings.Select(f => f.RequirementId), Has.None.EqualTo(MeshConformance.Checks.RequirementRegistry.InternalRequirementId));
    }

    [Test]
    public void ADhKeyIsNotCheckedAndSaysSo()
    {
        using var temp = new TempDirectory("keys");
        var findings = Check(temp, NameOf("X448", Convert.FromHexString(Rfc["X448"].Public)), "{\"PrivateKeyDH\": {\"Domain\": \"AAAA\", \"Public\": \"AAAA\", \"Private\": \"AAAA\"}}");
        Assert.That(Codes(findings), Is.EqualTo(new[] { CheckCodes.KeyNameUnverified }));
        Assert.That(findings.Single(f => f.Code == CheckCodes.KeyNameUnverified).Severity, Is.EqualTo(Severity.Info));
    }
}
