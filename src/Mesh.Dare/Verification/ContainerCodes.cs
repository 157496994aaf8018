namespace MeshConformance.Dare.Verification;

/// <summary>
/// Diagnostic codes of container-level checks (formats.md §1.8). Stable: the checker maps each one to a
/// requirement of the registry.
/// </summary>
public static class ContainerCodes
{
    public const string Frame0Info = "DARE-FRAME0-INFO";
    public const string Frame0Index = "DARE-FRAME0-INDEX";
    public const string Frame0Type = "DARE-FRAME0-TYPE";
    public const string Frame0Encoding = "DARE-FRAME0-ENCODING";
    public const string Frame0Json = "DARE-FRAME0-JSON";
    public const string InfoOnlyInFrame0 = "DARE-INFO-ONLY-FRAME0";
    public const string IndexMissing = "DARE-INDEX-MISSING";
    public const string IndexSequence = "DARE-INDEX-SEQUENCE";
    public const string IndexDuplicate = "DARE-INDEX-DUPLICATE";
    public const string TreePositionMissing = "DARE-TREE-POSITION-MISSING";
    public const string TreePosition = "DARE-TREE-POSITION";
    public const string PayloadRecordMissing = "DARE-PAYLOAD-RECORD-MISSING";
    public const string PayloadDigest = "DARE-PAYLOAD-DIGEST";
    public const string PayloadDigestMissing = "DARE-PAYLOAD-DIGEST-MISSING";
    public const string ChainDigest = "DARE-CHAIN-DIGEST";
    public const string ChainDigestMissing = "DARE-CHAIN-DIGEST-MISSING";
    public const string TreeDigest = "DARE-TREE-DIGEST";
    public const string TreeDigestMissing = "DARE-TREE-DIGEST-MISSING";
    public const string DigestLength = "DARE-DIGEST-LENGTH";
    public const string DigestDialect = "DARE-DIGEST-DIALECT";
    public const string ExchangePosition = "DARE-EXCHANGE-POSITION";
    public const string SaltMissing = "DARE-SALT-MISSING";
    public const string SaltLength = "DARE-SALT-LENGTH";
    public const string SaltTooLong = "DARE-SALT-TOO-LONG";
    public const string SaltUnique = "DARE-SALT-UNIQUE";
    public const string SaltAndMalt = "DARE-SALT-MALT";
    public const string RecipientKid = "DARE-RECIPIENT-KID";
    public const string Decrypt = "DARE-DECRYPT";
    public const string MetaFrame = "DARE-META-FRAME";
    public const string MixedVocabulary = "DARE-MIXED-VOCABULARY";
    public const string TornTail = "DARE-TORN-TAIL";
}
