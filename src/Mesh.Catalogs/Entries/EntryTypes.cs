namespace MeshConformance.Catalogs;

/// <summary>
/// Every entry type the reference writes into host.dare, the account catalogs and the spools, with its key rule
/// (reference-platform.md §4.1, §4.3, §4.4). This is data, not behaviour: the parser, the log and a generator
/// all read the same table.
/// </summary>
public static class EntryTypes
{
    // Fields every account catalog entry inherits from the abstract CatalogedEntry.
    private static readonly string[] CatalogedEntryFields = ["Labels", "LocalName", "Uid"];

    // Fields of CatalogedMachine, which every host entry type extends.
    private static readonly string[] MachineFields =
        ["Id", "Local", "Default", "EnvelopedProfileAccount", "CatalogedDevice", "CatalogedDeviceDigest", "EnvelopedAccountHostAssignment"];

    // Fields of the abstract CatalogedApplication.
    private static readonly string[] ApplicationFields =
        [.. CatalogedEntryFields, "Default", "Key", "Grant", "Deny", "EnvelopedCapabilities", "EnvelopedEscrow"];

    // Fields every Mesh message has; its primary key is MessageId.
    private static readonly string[] MessageFields = ["MessageId", "Sender", "Recipient"];

    private static readonly PrimaryKeyRule HostKey = PrimaryKeyRule.Field("Id");
    private static readonly PrimaryKeyRule MessageKey = PrimaryKeyRule.Field("MessageId");

    // ---- host.dare (§4.1): every host entry is keyed by Id, the device profile UDF ----

    public static readonly CatalogEntryType CatalogedMachine = new("CatalogedMachine", HostKey, MachineFields);

    /// <summary>Both the draft's DeviceConnection and AdminConnection: admin versus device is not a type distinction.</summary>
    public static readonly CatalogEntryType CatalogedStandard = new("CatalogedStandard", HostKey, MachineFields, "DeviceConnection / AdminConnection");

    public static readonly CatalogEntryType CatalogedPending = new("CatalogedPending", HostKey,
        [.. MachineFields, "DeviceUDF", "EnvelopedProfileDevice", "EnvelopedAcknowledgeConnection", "AccountAddress"], "PendingConnection");

    /// <summary>Not in the draft.</summary>
    public static readonly CatalogEntryType CatalogedPreconfigured = new("CatalogedPreconfigured", HostKey,
        [.. MachineFields, "EnvelopedProfileDevice", "EnvelopedConnectionService", "EnvelopedConnectionDevice", "AccountAddress",
            "PublicationId", "ServiceAuthenticator", "DeviceAuthenticator"]);

    /// <summary>Not in the draft: a service or host machine.</summary>
    public static readonly CatalogEntryType CatalogedService = new("CatalogedService", HostKey,
        [.. MachineFields, "EnvelopedProfileService", "EnvelopedProfileHost", "EnvelopedActivationHost", "EnvelopedConnectionService"]);

    // ---- account catalogs (§4.3) ----

    public static readonly CatalogEntryType CatalogedDevice = new("CatalogedDevice", PrimaryKeyRule.Field("DeviceUdf"),
        [.. CatalogedEntryFields, "Updated", "Udf", "DeviceUdf", "SignatureUdf", "EnvelopedProfileUser", "EnvelopedProfileDevice",
            "EnvelopedConnectionService", "EnvelopedConnectionDevice", "EnvelopedActivationAccount", "EnvelopedActivationCommon",
            "ApplicationEntries"], "CatalogEntryDevice");

    public static readonly CatalogEntryType CatalogedContact = new("CatalogedContact", PrimaryKeyRule.Field("Key"),
        [.. CatalogedEntryFields, "Key", "Self", "Contact"]);

    public static readonly CatalogEntryType CatalogedApplicationSsh = new("CatalogedApplicationSsh", PrimaryKeyRule.Field("Key"),
        [.. ApplicationFields, "ClientKey"]);

    public static readonly CatalogEntryType CatalogedApplicationMail = new("CatalogedApplicationMail", PrimaryKeyRule.Prefixed("mailto:", "AccountAddress"),
        [.. ApplicationFields, "AccountAddress", "InboundConnect", "OutboundConnect", "SmimeSign", "SmimeEncrypt", "OpenpgpSign", "OpenpgpEncrypt"]);

    public static readonly CatalogEntryType CatalogedGroup = new("CatalogedGroup", PrimaryKeyRule.Prefixed("mmm/CatalogedGroup/", "Key"),
        [.. ApplicationFields, "EnvelopedConnectionAddress", "EnvelopedProfileGroup", "EnvelopedActivationCommon"]);

    public static readonly CatalogEntryType CatalogedApplicationNetwork = new("CatalogedApplicationNetwork", PrimaryKeyRule.Field("Key"), ApplicationFields);

    public static readonly CatalogEntryType CatalogedCallsign = new("CatalogedCallsign", PrimaryKeyRule.Field("Canonical"),
        [.. ApplicationFields, "Canonical", "ProfileUdf", "EnvelopedCallsignBinding"]);

    public static readonly CatalogEntryType CatalogedCredential = new("CatalogedCredential", PrimaryKeyRule.Joined("Protocol", ":", "Service"),
        [.. CatalogedEntryFields, "Protocol", "Service", "Username", "Password", "ClientAuthentication", "HostAuthentication"]);

    public static readonly CatalogEntryType CatalogedNetwork = new("CatalogedNetwork", PrimaryKeyRule.Joined("Protocol", ":", "Service"),
        [.. CatalogedEntryFields, "Protocol", "Service", "Username", "Password"]);

    public static readonly CatalogEntryType CatalogedBookmark = new("CatalogedBookmark", PrimaryKeyRule.Field("Uid"),
        [.. CatalogedEntryFields, "Uri", "Title", "Comments"]);

    public static readonly CatalogEntryType CatalogedTask = new("CatalogedTask", PrimaryKeyRule.Field("Key"),
        [.. CatalogedEntryFields, "EnvelopedTask", "Title", "Key"]);

    public static readonly CatalogEntryType CatalogedPublication = new("CatalogedPublication", PrimaryKeyRule.Field("Id"),
        [.. CatalogedEntryFields, "Id", "Authenticator", "EnvelopedData", "NotOnOrAfter"]);

    public static readonly CatalogEntryType CatalogedMember = new("CatalogedMember", PrimaryKeyRule.Field("ContactAddress"),
        [.. CatalogedEntryFields, "ContactAddress", "MemberCapabilityId", "ServiceCapabilityId"]);

    /// <summary>Keyed by the Id of the tagged Capability inside it. Holds the draft's CatalogRecrypt entries (CapabilityDecryptServiced).</summary>
    public static readonly CatalogEntryType CatalogedAccess = new("CatalogedAccess", PrimaryKeyRule.InsideTaggedMember("Capability", "Id"),
        [.. CatalogedEntryFields, "Capability"]);

    // ---- spool messages (§4.4): keyed by MessageId ----

    public static readonly CatalogEntryType MessageComplete = new("MessageComplete", MessageKey, [.. MessageFields, "References"]);

    /// <summary>Message types a spool holds; all share the MessageId key. MessageComplete carries status changes.</summary>
    public static readonly IReadOnlyList<CatalogEntryType> Messages =
    [
        MessageComplete,
        .. new[]
        {
            "MessageError", "MessagePin", "RequestConnection", "AcknowledgeConnection", "RespondConnection", "RequestContact",
            "ReplyContact", "GroupInvitation", "RequestConfirmation", "ResponseConfirmation", "RequestTask", "MessageClaim",
        }.Select(tag => new CatalogEntryType(tag, MessageKey, MessageFields)),
    ];

    public static readonly IReadOnlyList<CatalogEntryType> Host =
        [CatalogedMachine, CatalogedStandard, CatalogedPending, CatalogedPreconfigured, CatalogedService];

    public static readonly IReadOnlyList<CatalogEntryType> Application =
        [CatalogedApplicationSsh, CatalogedApplicationMail, CatalogedGroup, CatalogedApplicationNetwork, CatalogedCallsign];

    /// <summary>Every type this model knows, catalog entries and messages.</summary>
    public static readonly IReadOnlyList<CatalogEntryType> All =
    [
        .. Host, CatalogedDevice, CatalogedContact, .. Application, CatalogedCredential, CatalogedNetwork, CatalogedBookmark,
        CatalogedTask, CatalogedPublication, CatalogedMember, CatalogedAccess, .. Messages,
    ];

    private static readonly Dictionary<string, CatalogEntryType> ByTagTable = All.ToDictionary(t => t.Tag, StringComparer.Ordinal);

    /// <summary>The type with this tag (tags are case-sensitive, as JSON member names are), or null.</summary>
    public static CatalogEntryType? ByTag(string tag) => ByTagTable.GetValueOrDefault(tag);

    /// <summary>Longest tag looked up from bytes; every known tag is shorter.</summary>
    private const int MaxTagLength = 64;

    private static readonly Dictionary<string, CatalogEntryType>.AlternateLookup<ReadOnlySpan<char>> ByTagChars =
        ByTagTable.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>As <see cref="ByTag(string)"/> for a tag given as its UTF-8 bytes, without making a string of it.</summary>
    internal static CatalogEntryType? ByTag(ReadOnlySpan<byte> tag)
    {
        if (tag.Length > MaxTagLength || !System.Text.Ascii.IsValid(tag)) return null;
        Span<char> chars = stackalloc char[tag.Length];
        System.Text.Ascii.ToUtf16(tag, chars, out _);
        return ByTagChars.TryGetValue(chars, out var type) ? type : null;
    }

    // ---- Capability subtypes inside CatalogedAccess (§4.3) ----

    private static readonly string[] CapabilityFields = ["Id", "Active", "Issued", "Mode", "Udf", "Witness"];
    private static readonly string[] CryptographicFields = [.. CapabilityFields, "KeyData", "GranteeAccount", "GranteeUdf", "EnvelopedKeyShare"];

    public static readonly IReadOnlyList<CapabilityType> Capabilities =
    [
        new("AccessCapability", [.. CapabilityFields, "Rights", "EnvelopedCatalogedDevice", "CatalogedDeviceDigest"]),
        new("CryptographicCapability", CryptographicFields),
        new("CapabilityDecrypt", CryptographicFields),
        new("CapabilityDecryptPartial", CryptographicFields),
        new("CapabilityDecryptServiced", [.. CryptographicFields, "AuthenticationId"], "CatalogRecrypt entry"),
        new("CapabilitySign", CryptographicFields),
        new("CapabilityKeyGenerate", CryptographicFields),
        new("CapabilityFairExchange", CryptographicFields),
        new("PublicationCapability", [.. CapabilityFields, "Identifier", "Digest", "Data"]),
        new("NullCapability", CapabilityFields),
    ];

    public static CapabilityType? CapabilityByTag(string tag) => Capabilities.FirstOrDefault(c => c.Tag == tag);
}
