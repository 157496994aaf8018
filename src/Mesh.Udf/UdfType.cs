namespace MeshConformance.Udf;

/// <summary>
/// UDF type identifier byte (udf-10 §3.2 table; udf-13 and the reference code add 1 and 33).
/// The byte values were chosen so that the first Base32 character is a mnemonic (M for
/// Merkle-Damgård SHA-2, K for Keccak SHA-3, ...), which is why gaps in the numbering exist.
/// </summary>
public enum UdfType : byte
{
    AuthenticatorHmacSha2_512 = 0,
    AuthenticatorHmacSha3_512 = 1,
    EncryptionKey = 32,
    EncryptionSignatureKey = 33,
    Sha3_512 = 80,
    Sha3_512Compressed20 = 81,
    Sha3_512Compressed30 = 82,
    Sha3_512Compressed40 = 83,
    Sha3_512Compressed50 = 84,
    Sha2_512 = 96,
    Sha2_512Compressed20 = 97,
    Sha2_512Compressed30 = 98,
    Sha2_512Compressed40 = 99,
    Sha2_512Compressed50 = 100,
    Nonce = 104,
    Oid = 112,
    RandomSeed = 136,
    ShamirShare = 144,
    KeyDerivationSeed = 200,
}

/// <summary>How a type's Binary Data Sequence is presented (udf-10 §3: variable ones MUST be
/// truncated, fixed ones MUST NOT).</summary>
public enum UdfLengthKind
{
    /// <summary>Digest or MAC: truncated to a multiple of 20 bits for presentation.</summary>
    Variable,
    /// <summary>Key, nonce, DER, share, seed: always shown in full.</summary>
    Fixed,
}

/// <summary>One row of the type registry.</summary>
/// <param name="Type">Type identifier byte.</param>
/// <param name="Initial">First Base32 character every UDF of this type starts with.</param>
/// <param name="Length">Fixed or variable presentation.</param>
/// <param name="CompressionLevel">0..4 for content digests (20/30/40/50 trailing zero bits), else 0.</param>
/// <param name="Description">Registry text.</param>
/// <param name="Source">Which document defines it.</param>
public sealed record UdfTypeInfo(
    UdfType Type, char Initial, UdfLengthKind Length, int CompressionLevel, string Description, string Source)
{
    public bool IsContentDigest => Type is >= UdfType.Sha3_512 and <= UdfType.Sha3_512Compressed50
        or >= UdfType.Sha2_512 and <= UdfType.Sha2_512Compressed50;

    public bool IsAuthenticator => Type is UdfType.AuthenticatorHmacSha2_512 or UdfType.AuthenticatorHmacSha3_512;

    /// <summary>The minimum number of trailing zero bits a TCDV must have to carry this type (0 when uncompressed).</summary>
    public int ClaimedTrailingZeroBits => CompressionLevel == 0 ? 0 : 10 + 10 * CompressionLevel;
}

/// <summary>The type registry. Unknown bytes are not in it (the validator reports them).</summary>
public static class UdfTypes
{
    private static readonly Dictionary<byte, UdfTypeInfo> ByByte = Build();

    public static IReadOnlyCollection<UdfTypeInfo> All => ByByte.Values;

    public static bool TryGet(byte typeByte, out UdfTypeInfo info) => ByByte.TryGetValue(typeByte, out info!);

    public static bool IsKnown(byte typeByte) => ByByte.ContainsKey(typeByte);

    public static UdfTypeInfo Get(UdfType type) => ByByte[(byte)type];

    /// <summary>Base type for a content-digest algorithm; the compression level is added to it.</summary>
    public static UdfType DigestBase(UdfDigestAlgorithm algorithm) => algorithm switch
    {
        UdfDigestAlgorithm.Sha2_512 => UdfType.Sha2_512,
        UdfDigestAlgorithm.Sha3_512 => UdfType.Sha3_512,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    private static Dictionary<byte, UdfTypeInfo> Build()
    {
        const string udf10 = "udf-10 §3.2";
        const string udf13 = "udf-13 (and reference code)";
        var list = new List<UdfTypeInfo>
        {
            new(UdfType.AuthenticatorHmacSha2_512, 'A', UdfLengthKind.Variable, 0, "Authenticator HMAC-SHA-2-512", udf10),
            new(UdfType.AuthenticatorHmacSha3_512, 'A', UdfLengthKind.Variable, 0, "Authenticator HMAC-SHA-3-512", udf13),
            new(UdfType.EncryptionKey, 'E', UdfLengthKind.Fixed, 0, "Encryption key HKDF-AES-512", udf10),
            new(UdfType.EncryptionSignatureKey, 'E', UdfLengthKind.Fixed, 0, "Encryption/signature key HKDF-AES-512", udf13),
            new(UdfType.Nonce, 'N', UdfLengthKind.Fixed, 0, "Nonce data", udf10),
            new(UdfType.Oid, 'O', UdfLengthKind.Fixed, 0, "OID distinguished sequence (DER)", udf10),
            new(UdfType.RandomSeed, 'R', UdfLengthKind.Fixed, 0, "Random generation seed", "udf-10 §3.2 (dropped later)"),
            new(UdfType.ShamirShare, 'S', UdfLengthKind.Fixed, 0, "Shamir secret share", udf10),
            new(UdfType.KeyDerivationSeed, 'Z', UdfLengthKind.Fixed, 0, "Key pair derivation seed", udf10),
        };
        for (var c = 0; c <= 4; c++)
        {
            var label = c == 0 ? "" : $" ({10 + 10 * c} bits compressed)";
            list.Add(new((UdfType)(80 + c), 'K', UdfLengthKind.Variable, c, "SHA-3-512" + label, udf10));
            list.Add(new((UdfType)(96 + c), 'M', UdfLengthKind.Variable, c, "SHA-2-512" + label, udf10));
        }
        return list.ToDictionary(i => (byte)i.Type);
    }
}

/// <summary>Digest algorithm of a content-digest UDF.</summary>
public enum UdfDigestAlgorithm
{
    /// <summary>SHA-2-512, types 96..100 ('M').</summary>
    Sha2_512,
    /// <summary>SHA-3-512, types 80..84 ('K').</summary>
    Sha3_512,
}
