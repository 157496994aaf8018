using System.Security.Cryptography;
using MeshConformance.Core;
using MeshConformance.JsonB;
using MeshConformance.Udf;
using Org.BouncyCastle.Math.EC.Rfc7748;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace MeshConformance.Platform.Keys;

/// <summary>
/// Which public key a key file stands for, so that its name can be checked: the reference names every key file by the
/// UDF of the SubjectPublicKeyInfo of the public key (reference-platform.md §1.4, §3.1).
/// </summary>
/// <param name="Names">The UDFs the file may be named by: the standard form, and the reference implementation's where it
/// differs (bindings.md U-12); empty when the name cannot be worked out (see <see cref="Unverifiable"/>).</param>
/// <param name="Unverifiable">Why the name cannot be checked (a key kind whose public-key encoding no draft pins down).</param>
/// <param name="Problem">What is wrong with the key itself (unknown curve, bad encoding, a public half that does not belong to the private half).</param>
/// <param name="IsLocator">A platform-store locator (<c>PlatformKey</c>): the key material is elsewhere.</param>
public sealed record KeyIdentity(string Tag, IReadOnlyList<KeyName> Names, string? Unverifiable, string? Problem, bool IsLocator)
{
    /// <summary>A key named one way, the standard one (with what else is wrong with it, if anything).</summary>
    public static KeyIdentity Named(string tag, string udf, string? problem = null, bool isLocator = false) =>
        new(tag, [new KeyName(udf, ReferenceForm: false, "the key's SubjectPublicKeyInfo")], null, problem, isLocator);

    /// <summary>A key that does not load, so no name can be worked out.</summary>
    public static KeyIdentity Broken(string tag, string problem, bool isLocator = false) => new(tag, [], null, problem, isLocator);

    /// <summary>A key whose name cannot be checked, and why.</summary>
    public static KeyIdentity Unchecked(string tag, string why) => new(tag, [], why, null, false);
}

/// <summary>One UDF a key file may be named by, and how it was computed.</summary>
/// <param name="ReferenceForm">Computed the reference implementation's way where it departs from the drafts.</param>
public sealed record KeyName(string Udf, bool ReferenceForm, string How);

/// <summary>Works out <see cref="KeyIdentity"/> from a parsed tagged key object.</summary>
public static class KeyIdentities
{
    /// <summary>The tag of a locator file that points into a platform key store instead of holding the key.</summary>
    public const string LocatorTag = "PlatformKey";

    /// <summary>Every tag a file in the key directory may carry.</summary>
    public static IReadOnlyList<string> Tags { get; } = ["PrivateKeyUDF", "PrivateKeyECDH", "PrivateKeyRSA", "PrivateKeyDH", LocatorTag];

    // RFC 8410 §4: SEQUENCE { SEQUENCE { OID 1.3.101.110..113 }, BIT STRING } for the four CFRG curves.
    private static readonly Dictionary<string, (byte Oid, int Size)> Cfrg = new(StringComparer.Ordinal)
    {
        ["X25519"] = (0x6E, 32), ["Ed25519"] = (0x70, 32), ["X448"] = (0x6F, 56), ["Ed448"] = (0x71, 57),
    };

    private static readonly Dictionary<string, ECCurve> NistCurves = new(StringComparer.Ordinal)
    {
        ["P-256"] = ECCurve.NamedCurves.nistP256, ["P-384"] = ECCurve.NamedCurves.nistP384, ["P-521"] = ECCurve.NamedCurves.nistP521,
    };

    public static KeyIdentity Of(string tag, JsonBObject key)
    {
        try
        {
            return tag switch
            {
                "PrivateKeyECDH" => Ecdh(key),
                "PrivateKeyRSA" => Rsa(key),
                "PrivateKeyDH" => KeyIdentity.Unchecked(tag,
                    "the SubjectPublicKeyInfo of a finite-field DH key (its Domain) is not pinned down by the drafts or the reference's own files"),
                "PrivateKeyUDF" => Seed(key),
                LocatorTag => Locator(key),
                _ => KeyIdentity.Broken(tag, $"unknown key type '{tag}'"),
            };
        }
        catch (CryptographicException e)
        {
            return KeyIdentity.Broken(tag, $"the key does not load: {e.Message}", isLocator: tag == LocatorTag);
        }
    }

    /// <summary>SubjectPublicKeyInfo of a raw CFRG public key (RFC 8410).</summary>
    /// <summary>The last octet of a CFRG curve's OID 1.3.101.x (RFC 8410), for every SPKI form that names one.</summary>
    internal static byte CfrgOid(string curve) =>
        Cfrg.TryGetValue(curve, out var known) ? known.Oid : throw new CryptographicException($"{curve} is not a CFRG curve");

    public static byte[] CfrgSpki(string curve, ReadOnlySpan<byte> publicKey)
    {
        var (oid, size) = Cfrg[curve];
        if (publicKey.Length != size) throw new CryptographicException($"a {curve} public key is {size} bytes, not {publicKey.Length}");
        byte[] prefix = [0x30, (byte)(7 + 3 + size), 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, oid, 0x03, (byte)(size + 1), 0x00];
        return [.. prefix, .. publicKey];
    }

    private static KeyIdentity Ecdh(JsonBObject key)
    {
        const string tag = "PrivateKeyECDH";
        var curve = Text(key, "crv");
        if (curve is null) return KeyIdentity.Broken(tag, "no 'crv' member: the curve is unknown");
        var declaredPublic = Binary(key, "Public");
        var privateKey = Binary(key, "Private");
        if (Cfrg.TryGetValue(curve, out var cfrg))
        {
            // The reference writes Ed448 secrets of 56 octets (its key is the HKDF output) and X448 public keys of 57 (the
            // u-coordinate and a sign octet); both are its own forms, read here rather than reported as broken.
            var derived = privateKey switch
            {
                null => null,
                { Length: 56 } when curve == "Ed448" => ReferenceKeys.Ed448Public(privateKey),
                _ => CfrgPublic(curve, privateKey),
            };
            var referenceX448 = curve == "X448" && declaredPublic is { Length: 57 };
            var comparable = referenceX448 ? declaredPublic![..56] : declaredPublic;
            if (derived is not null && comparable is not null && !derived.AsSpan().SequenceEqual(comparable))
                return new KeyIdentity(tag, Names(curve, derived, null), null, "its 'Public' is not the public half of its 'Private'", false);
            var publicKey = derived ?? comparable;
            if (publicKey is null) return KeyIdentity.Broken(tag, "neither 'Private' nor 'Public' holds the key");
            if (publicKey.Length != cfrg.Size) throw new CryptographicException($"a {curve} public key is {cfrg.Size} bytes, not {publicKey.Length}");
            return new KeyIdentity(tag, Names(curve, publicKey, referenceX448 ? declaredPublic : null), null, null, false);
        }
        else if (NistCurves.TryGetValue(curve, out var named))
        {
            if (privateKey is null) return KeyIdentity.Broken(tag, "no 'Private' member");
            using var ec = ECDiffieHellman.Create(new ECParameters { Curve = named, D = privateKey });
            return KeyIdentity.Named(tag, UDF.PkixKeyFingerprint(ec.ExportSubjectPublicKeyInfo()));
        }
        return KeyIdentity.Broken(tag, $"unknown curve '{curve}'");
    }

    /// <summary>
    /// A CFRG key's names: RFC 8410's SPKI, and the reference's SPKI form (of its 57-octet X448 key when it wrote one,
    /// else of the same raw key).
    /// </summary>
    private static List<KeyName> Names(string curve, byte[] publicKey, byte[]? referencePublic) =>
    [
        new(UDF.PkixKeyFingerprint(CfrgSpki(curve, publicKey)), false, "RFC 8410 SubjectPublicKeyInfo"),
        .. ReferenceNames(curve, referencePublic ?? publicKey, "the reference's SubjectPublicKeyInfo form (NULL parameters, OCTET STRING key)"),
    ];

    /// <summary>The reference's SPKI form, with its own OID for the curve and with the single OID later versions use.</summary>
    private static IEnumerable<KeyName> ReferenceNames(string curve, byte[] publicKey, string how)
    {
        yield return new KeyName(UDF.PkixKeyFingerprint(ReferenceKeys.Spki(curve, publicKey)), true, how);
        if (curve != "Ed25519")
            yield return new KeyName(UDF.PkixKeyFingerprint(ReferenceKeys.Spki(curve, publicKey, oneOid: true)), true, how + ", with the Ed25519 OID later reference versions give every CFRG curve");
    }

    private static byte[]? CfrgPublic(string curve, byte[] privateKey)
    {
        var (_, size) = Cfrg[curve];
        if (privateKey.Length != size) throw new CryptographicException($"a {curve} private key is {size} bytes, not {privateKey.Length}");
        var publicKey = new byte[size];
        switch (curve)
        {
            case "X25519": X25519.ScalarMultBase(privateKey, 0, publicKey, 0); break;
            case "X448": X448.ScalarMultBase(privateKey, 0, publicKey, 0); break;
            case "Ed25519": Ed25519.GeneratePublicKey(privateKey, 0, publicKey, 0); break;
            case "Ed448": Ed448.GeneratePublicKey(privateKey, 0, publicKey, 0); break;
        }
        return publicKey;
    }

    private static KeyIdentity Rsa(JsonBObject key)
    {
        var modulus = Binary(key, "n");
        var exponent = Binary(key, "e");
        if (modulus is null || exponent is null) return KeyIdentity.Broken("PrivateKeyRSA", "no modulus 'n' or exponent 'e'");
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
        return KeyIdentity.Named("PrivateKeyRSA", UDF.PkixKeyFingerprint(rsa.ExportSubjectPublicKeyInfo()));
    }

    private static KeyIdentity Seed(JsonBObject key)
    {
        const string tag = "PrivateKeyUDF";
        var seed = Text(key, "PrivateValue");
        if (seed is null) return KeyIdentity.Broken(tag, "no 'PrivateValue' seed");
        UdfValue value;
        try
        {
            value = UDF.Parse(seed);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or MeshFormatException)
        {
            return KeyIdentity.Broken(tag, $"'PrivateValue' is not a UDF: {e.Message}");
        }
        if (value.TypeByte != (byte)UdfType.KeyDerivationSeed)
            return KeyIdentity.Broken(tag, $"'PrivateValue' is a UDF of type {value.Initial}, not a key derivation seed (Z)");
        if (value.Bds.Length < 3) return KeyIdentity.Broken(tag, "'PrivateValue' holds no seed bytes");
        var algorithm = Text(key, "AlgorithmSign") ?? "Ed448";
        if (algorithm is not ("Ed448" or "Default"))
            return KeyIdentity.Unchecked(tag, $"no derivation is known for a profile signature key of algorithm '{algorithm}'");
        var names = new List<KeyName>();
        // The udf-10 derivation (§4.4: salt = key specifier, no info), which our generator follows for seeds of its own.
        try
        {
            names.Add(new KeyName(MeshKeyPairs.FromSeed(seed, UdfKeyAlgorithm.Ed448).Udf, false, "the udf-10 key derivation"));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or MeshFormatException or InvalidOperationException)
        {
            // A Mesh profile specifier udf-10 does not define, or a seed specified for another algorithm than the
            // file's AlgorithmSign (InvalidOperationException, found by fuzzing): only the reference's derivation applies.
        }
        var specifier = (ushort)(value.Bds[0] << 8 | value.Bds[1]);
        foreach (var keyName in ReferenceKeys.ProfileKeyNames(specifier))
            names.AddRange(ReferenceNames("Ed448", ReferenceKeys.ProfileKey(value, keyName), $"the reference's derivation of its {keyName} key"));
        if (names.Count == 0)
            return KeyIdentity.Unchecked(tag, $"no derivation is known for a seed with key specifier 0x{specifier:X4}");
        return new KeyIdentity(tag, names, null, null, false);
    }

    private static KeyIdentity Locator(JsonBObject key)
    {
        var spki = Binary(key, "Public");
        if (Text(key, "Store") is null) return KeyIdentity.Broken(LocatorTag, "no 'Store' member: the locator names no key store", isLocator: true);
        if (spki is null) return KeyIdentity.Broken(LocatorTag, "no 'Public' member: the locator does not say which key it stands for", isLocator: true);
        var udf = UDF.PkixKeyFingerprint(spki);
        var named = Text(key, "Udf");
        if (named is not null && !string.Equals(named, udf, StringComparison.Ordinal))
            return KeyIdentity.Named(LocatorTag, udf, $"its 'Udf' {named} is not the UDF of its 'Public' key", isLocator: true);
        return KeyIdentity.Named(LocatorTag, udf, isLocator: true);
    }

    private static string? Text(JsonBObject key, string name) => key[name]?.AsString();

    /// <summary>A binary member: JSON-B binary, or (JSON text) base64url, line breaks allowed.</summary>
    private static byte[]? Binary(JsonBObject key, string name) => key[name] switch
    {
        JsonBBinary b => b.Value,
        JsonBString s when Base64Url.TryDecodeWrapped(s.Value, out var bytes, out _) => bytes,
        null => null,
        _ => throw new CryptographicException($"'{name}' is not binary (base64url)"),
    };
}
