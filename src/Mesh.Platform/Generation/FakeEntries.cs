using Bogus;
using MeshConformance.JsonB;
using static MeshConformance.Platform.Generation.JsonBuild;

namespace MeshConformance.Platform.Generation;

/// <summary>A catalog entry before it is written: its type tag and its body (the key fields included).</summary>
public sealed record EntryDraft(string Tag, JsonBObject Body);

/// <summary>
/// Realistic entry bodies for every account catalog, drawn from Bogus with a fixed seed. Dates are computed
/// from a fixed epoch, never from the clock, so the same seed gives the same bytes on every machine.
/// </summary>
public sealed class FakeEntries
{
    /// <summary>The profiles' epoch: the month the seed draft (platform-06) was published.</summary>
    public static readonly DateTime Epoch = new(2020, 7, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly Faker faker;
    private readonly SeededSecrets secrets;
    private int serial;

    public FakeEntries(int seed, SeededSecrets secrets)
    {
        faker = new Faker("en") { Random = new Randomizer(seed) };
        this.secrets = secrets;
    }

    public Faker Faker => faker;

    /// <summary>A time after the epoch, moving forward with every call, to the second.</summary>
    public DateTime NextTime() => Epoch.AddMinutes(++serial * 7 + faker.Random.Int(0, 6));

    /// <summary>A nonce-style identifier (the reference keys contacts and tasks by <c>UDF.Nonce()</c>).</summary>
    public string Identifier(string label) => Udf.UDF.Nonce(secrets.Bytes("id/" + label, 16));

    public EntryDraft Contact(string key, bool self = false)
    {
        var person = new Bogus.Person("en", faker.Random.Int());
        var address = faker.Address;
        var contact = Obj(
            ("Id", S(key)),
            ("CommonNames", Arr(Obj(("FullName", S(person.FullName)), ("First", S(person.FirstName)), ("Last", S(person.LastName))))),
            ("NetworkAddresses", Arr(Obj(("Address", S(person.Email))))),
            ("Locations", Arr(Obj(("Street", S(address.StreetAddress())), ("Locality", S(address.City())),
                ("Region", S(address.StateAbbr())), ("Postcode", S(address.ZipCode())), ("Country", S(address.CountryCode()))))),
            ("Roles", Arr(Obj(("OrganizationName", S(person.Company.Name)), ("Titles", Arr(S(faker.Name.JobTitle())))))));
        var body = Obj(("Key", S(key)), ("Contact", Obj(("ContactPerson", contact))));
        if (self) body.Add("Self", new JsonBBoolean(true));
        return new EntryDraft("CatalogedContact", body);
    }

    public EntryDraft Bookmark(string uid) => new("CatalogedBookmark", Obj(
        ("Uid", S(uid)), ("Uri", S(faker.Internet.UrlWithPath("https"))), ("Title", S(faker.Lorem.Sentence(4).TrimEnd('.'))),
        ("Comments", Arr(S(faker.Lorem.Sentence())))));

    public EntryDraft Credential(string protocol, string service) => new("CatalogedCredential", Obj(
        ("Protocol", S(protocol)), ("Service", S(service)), ("Username", S(faker.Internet.UserName())),
        ("Password", S(faker.Internet.Password(16, memorable: false)))));

    public EntryDraft Network(string ssid) => new("CatalogedNetwork", Obj(
        ("Protocol", S("wpa2")), ("Service", S(ssid)), ("Password", S(faker.Internet.Password(20)))));

    public EntryDraft Task(string key) => new("CatalogedTask", Obj(
        ("Title", S(faker.Hacker.Phrase())), ("Key", S(key))));

    public EntryDraft SshApplication(string key, string clientKeyUdf) => new("CatalogedApplicationSsh", Obj(
        ("Key", S(key)), ("ClientKey", S(clientKeyUdf))));

    public EntryDraft MailApplication(string address) => new("CatalogedApplicationMail", Obj(
        ("AccountAddress", S(address)),
        ("InboundConnect", S("imaps://imap." + address.Split('@')[1] + ":993")),
        ("OutboundConnect", S("submission://smtp." + address.Split('@')[1] + ":587"))));

    public EntryDraft Device(string accountUdf, string deviceUdf, string signatureUdf, string description) => new("CatalogedDevice", Obj(
        ("LocalName", S(description)), ("Updated", S(GoedelJsonWriter.FormatDateTime(NextTime()))),
        ("Udf", S(accountUdf)), ("DeviceUdf", S(deviceUdf)), ("SignatureUdf", S(signatureUdf))));

    public EntryDraft Publication(string id, string authenticator) => new("CatalogedPublication", Obj(
        ("Id", S(id)), ("Authenticator", S(authenticator)),
        ("NotOnOrAfter", S(GoedelJsonWriter.FormatDateTime(Epoch.AddDays(30 + faker.Random.Int(0, 60)))))));

    /// <summary>A recryption capability: the draft's CatalogRecrypt entry, indexed by the UDF of the device's decryption share.</summary>
    public EntryDraft DecryptServiced(string shareUdf, string grantee) => new("CatalogedAccess", Obj(
        ("Capability", Obj(("CapabilityDecryptServiced", Obj(
            ("Id", S(shareUdf)), ("Active", new JsonBBoolean(true)), ("Issued", JsonBNumber.FromInteger(1_593_561_600 + faker.Random.Int(0, 86_400))),
            ("GranteeAccount", S(grantee)), ("AuthenticationId", S(shareUdf))))))));

    /// <summary>A copy of <paramref name="entry"/> with one descriptive field changed, for an Update frame.</summary>
    public EntryDraft Revise(EntryDraft entry)
    {
        var body = new JsonBObject(entry.Body.Members.Where(m => m.Name != "LocalName"));
        body.Add("LocalName", S("revised " + faker.Lorem.Word()));
        return entry with { Body = body };
    }
}
