using MeshConformance.Catalogs;
using MeshConformance.Dare.Crypto;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using MeshConformance.JsonB;
using static MeshConformance.Platform.Generation.JsonBuild;
using MeshConformance.Layout;
using MeshConformance.Platform.Keys;
using MeshConformance.Platform.Keys.Stores;
using MeshConformance.Platform.Stores;
using MeshConformance.Udf;

namespace MeshConformance.Platform.Generation;

/// <summary>
/// Writes a complete, realistic profile directory: host.dare with this machine's connections, one directory per
/// account with every catalog and spool the dialect names, and the key files. Same options ⇒ same bytes: every
/// secret comes from <see cref="SeededSecrets"/>, every name and address from Bogus with the seed, every time
/// from a fixed epoch.
/// </summary>
public sealed class ProfileGenerator
{
    private readonly GeneratorOptions options;
    private readonly LayoutDialect dialect;
    private readonly SeededSecrets secrets;
    private readonly FakeEntries fake;
    private readonly string root;
    private readonly List<string> keyFiles = [];
    private readonly IKeyStore keyStore;

    private ProfileGenerator(string root, GeneratorOptions options)
    {
        options.Validate();
        this.root = root;
        this.options = options;
        dialect = LayoutDialects.Load(options.Dialect);
        secrets = new SeededSecrets(options.Seed);
        fake = new FakeEntries(options.Seed, secrets);
        var keysDirectory = FullPath(StoreLocator.KeysDirectory(dialect));
        keyStore = options.KeyStore switch
        {
            KeyStoreChoice.SecretService => new SecretServiceKeyStore(keysDirectory, root, options.SecretServiceBus),
            _ => new FileKeyStore(keysDirectory),
        };
    }

    /// <summary>Generates into <paramref name="root"/>, which must not exist or be empty (we never mix with someone's files).</summary>
    public static GeneratedProfile Generate(string root, GeneratorOptions options)
    {
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            throw new IOException($"{root} is not empty; generate-profile writes only into a new or empty directory");
        Directory.CreateDirectory(root);
        var generator = new ProfileGenerator(root, options);
        using (generator.keyStore) return generator.Run();
    }

    private GeneratedProfile Run()
    {
        var accounts = Enumerable.Range(0, options.Accounts).Select(CreateIdentity).ToList();
        var hostPath = StoreLocator.RelativePath(dialect, EntryPurpose.Host) ?? throw new InvalidOperationException($"dialect {dialect.Id} names no host catalog");
        WriteHostCatalog(hostPath, accounts);
        var generated = accounts.Select(WriteAccount).ToList();
        return new GeneratedProfile(root, dialect.Id, hostPath, generated, keyFiles.Order(StringComparer.Ordinal).ToList());
    }

    private sealed record Identity(int Number, string Address, string Seed, MeshKeyPair Profile, MeshKeyPair Device, string DeviceName);

    private Identity CreateIdentity(int number)
    {
        var seed = KeyDerivationSeed.Create(new UdfKeySpecifier(UdfKeyUse.Any, 0), secrets.Bytes($"account{number}/seed", 32));
        var profile = MeshKeyPairs.FromSeed(seed, UdfKeyAlgorithm.Ed448);
        var deviceSeed = KeyDerivationSeed.Create(new UdfKeySpecifier(UdfKeyUse.Any, 0), secrets.Bytes($"account{number}/device0/seed", 32));
        var device = MeshKeyPairs.FromSeed(deviceSeed, UdfKeyAlgorithm.Ed448);
        var person = new Bogus.Person("en", fake.Faker.Random.Int());
        var address = $"{person.UserName.ToLowerInvariant()}@{fake.Faker.Internet.DomainName()}";
        // The reference keeps the account's root secret and each device profile's seed under the profile's UDF (§3.1).
        WriteKey(profile, "PrivateKeyUDF", KeyFiles.SeedFile(seed, "MeshProfileAccount", exportable: false), exportable: false);
        WriteKey(device, "PrivateKeyUDF", KeyFiles.SeedFile(deviceSeed, "MeshProfileDevice", exportable: false), exportable: false);
        return new Identity(number, address, seed, profile, device, fake.Faker.Commerce.ProductName() + " laptop");
    }

    private void WriteHostCatalog(string relativePath, IReadOnlyList<Identity> accounts)
    {
        var settings = Settings(CatalogKinds.HostContentType, encryptFor: null);
        using var host = new CatalogSession(StoreAppender.Open(FullPath(relativePath), settings));
        foreach (var account in accounts)
        {
            var device = Obj(("Udf", S(account.Profile.Udf)), ("DeviceUdf", S(account.Device.Udf)), ("SignatureUdf", S(account.Device.Udf)));
            if (account.Number == 0)
            {
                // The first account was connected through a pending request that was later completed: the reference
                // replaces the CatalogedPending entry with an Update to CatalogedStandard under the same Id (§4.1).
                host.Put(new EntryDraft("CatalogedPending", Obj(("Id", S(account.Device.Udf)), ("DeviceUDF", S(account.Device.Udf)),
                    ("AccountAddress", S(account.Address)))));
            }
            host.Put(new EntryDraft("CatalogedStandard", Obj(("Id", S(account.Device.Udf)), ("Local", S(account.Address)),
                ("Default", new JsonBBoolean(account.Number == 0)), ("CatalogedDevice", device))));
        }
    }

    private GeneratedAccount WriteAccount(Identity account)
    {
        var stores = new List<GeneratedStore>();
        var n = options.Entries;
        var accountDir = StoreLocator.RelativePath(dialect, EntryPurpose.Account, account.Profile.Udf);
        if (accountDir is not null) Directory.CreateDirectory(FullPath(accountDir));

        Catalog(account, EntryPurpose.Device, stores, s =>
        {
            s.Put(fake.Device(account.Profile.Udf, account.Device.Udf, account.Device.Udf, account.DeviceName));
            for (var d = 1; d < options.Devices; d++)
            {
                var other = MeshKeyPairs.FromPrivate(UdfKeyAlgorithm.Ed448, secrets.Bytes($"account{account.Number}/device{d}/key", 57));
                s.Put(fake.Device(account.Profile.Udf, other.Udf, other.Udf, fake.Faker.Commerce.ProductName() + " phone"));
            }
        });
        Catalog(account, EntryPurpose.Contact, stores, s =>
        {
            s.Put(fake.Contact(account.Profile.Udf, self: true));
            Churn(s, Enumerable.Range(0, n).Select(i => fake.Contact(fake.Identifier($"account{account.Number}/contact{i}"))));
        });
        Catalog(account, EntryPurpose.Application, stores, s =>
        {
            s.Put(fake.MailApplication(account.Address));
            var sshKey = MeshKeyPairs.FromPrivate(UdfKeyAlgorithm.Ed448, secrets.Bytes($"account{account.Number}/ssh", 57));
            s.Put(fake.SshApplication(fake.Identifier($"account{account.Number}/ssh"), sshKey.Udf));
        });
        Catalog(account, EntryPurpose.Credential, stores, s =>
            Churn(s, Enumerable.Range(0, n).Select(i => fake.Credential(i % 3 == 0 ? "ssh" : "https", $"{i}.{fake.Faker.Internet.DomainName()}"))));
        Catalog(account, EntryPurpose.Network, stores, s =>
            Churn(s, Enumerable.Range(0, Math.Max(1, n / 2)).Select(i => fake.Network($"{fake.Faker.Internet.DomainWord()}-{i}"))));
        Catalog(account, EntryPurpose.Bookmark, stores, s =>
            Churn(s, Enumerable.Range(0, n).Select(i => fake.Bookmark(fake.Identifier($"account{account.Number}/bookmark{i}")))));
        Catalog(account, EntryPurpose.Task, stores, s =>
            Churn(s, Enumerable.Range(0, Math.Max(1, n / 2)).Select(i => fake.Task(fake.Identifier($"account{account.Number}/task{i}")))));
        Catalog(account, EntryPurpose.Publication, stores, s =>
            s.Put(fake.Publication(fake.Identifier($"account{account.Number}/publication"),
                UDF.Nonce(secrets.Bytes($"account{account.Number}/publication/authenticator", 20)))));
        // The draft's CatalogRecrypt: the reference keeps these CapabilityDecryptServiced entries in MMM_Access.
        var recrypt = StoreLocator.RelativePath(dialect, EntryPurpose.Recrypt, account.Profile.Udf) is null ? EntryPurpose.Access : EntryPurpose.Recrypt;
        Catalog(account, recrypt, stores, s =>
        {
            for (var d = 0; d < options.Devices; d++)
            {
                var share = MeshKeyPairs.FromPrivate(UdfKeyAlgorithm.X448, secrets.Bytes($"account{account.Number}/share{d}", X448Recipient.KeySize));
                s.Put(fake.DecryptServiced(share.Udf, account.Address));
            }
        });
        Spool(account, EntryPurpose.Inbound, stores, Math.Max(1, n / 2), complete: true);
        Spool(account, EntryPurpose.Outbound, stores, Math.Max(1, n / 3), complete: false);
        Spool(account, EntryPurpose.Local, stores, 1, complete: false);
        Spool(account, EntryPurpose.Archive, stores, 0, complete: false);
        return new GeneratedAccount(account.Profile.Udf, account.Address, account.Device.Udf, stores);
    }

    /// <summary>Writes all entries, then updates every third and deletes every fifth, so each catalog has a real log.</summary>
    private void Churn(CatalogSession session, IEnumerable<EntryDraft> entries)
    {
        var written = entries.Select(e => (Entry: e, Key: session.Put(e))).ToList();
        for (var i = 0; i < written.Count; i += 3) session.Put(fake.Revise(written[i].Entry));
        for (var i = 4; i < written.Count; i += 5) session.Delete(written[i].Key);
    }

    private void Catalog(Identity account, EntryPurpose purpose, List<GeneratedStore> stores, Action<CatalogSession> fill)
    {
        var path = StoreLocator.RelativePath(dialect, purpose, account.Profile.Udf);
        if (path is null) return;
        var storeKey = options.Encrypt ? StoreKey(account, purpose) : null;
        using var session = new CatalogSession(StoreAppender.Open(FullPath(path), Settings(CatalogKinds.CatalogContentType, storeKey)));
        fill(session);
        stores.Add(new GeneratedStore(path, purpose, session.Frames, session.LiveEntries, storeKey?.Udf));
    }

    private void Spool(Identity account, EntryPurpose purpose, List<GeneratedStore> stores, int messages, bool complete)
    {
        var path = StoreLocator.RelativePath(dialect, purpose, account.Profile.Udf);
        if (path is null) return;
        var storeKey = options.Encrypt ? StoreKey(account, purpose) : null;
        // Spool frames keep their digests here, unlike the reference's (bindings.md B-20): a Merkle frame should have them.
        var settings = Settings(CatalogKinds.CatalogContentType, storeKey);
        using var session = new CatalogSession(StoreAppender.Open(FullPath(path), settings));
        var ids = new List<string>();
        for (var i = 0; i < messages; i++)
        {
            var id = fake.Identifier($"account{account.Number}/{purpose}/message{i}");
            ids.Add(id);
            var sender = fake.Faker.Internet.Email();
            var tag = i % 2 == 0 ? "RequestContact" : "MessagePin";
            session.Post(new EntryDraft(tag, Obj(("MessageId", S(id)), ("Sender", S(sender)), ("Recipient", S(account.Address)))), fake.NextTime());
        }
        if (complete && ids.Count > 0)
        {
            var id = fake.Identifier($"account{account.Number}/{purpose}/complete");
            var references = new JsonBArray([Obj(("MessageId", S(ids[0])), ("MessageStatus", S("Closed")))]);
            session.Post(new EntryDraft("MessageComplete", Obj(("MessageId", S(id)), ("Recipient", S(account.Address)), ("References", references))), fake.NextTime());
        }
        stores.Add(new GeneratedStore(path, purpose, session.Frames, session.LiveEntries, storeKey?.Udf));
    }

    /// <summary>One X448 exchange key per store, derived from the account seed and the store's name (as the reference does,
    /// though with our own derivation), kept in <c>Keys/</c> so the store can be read with the profile's keys.</summary>
    private MeshKeyPair StoreKey(Identity account, EntryPurpose purpose)
    {
        var storeSeed = KeyDerivationSeed.Parse(account.Seed).Okm(UdfKeyAlgorithm.X448, "store/" + purpose, 448);
        var key = MeshKeyPairs.FromPrivate(UdfKeyAlgorithm.X448, storeSeed);
        WriteKey(key, "PrivateKeyECDH", KeyFiles.PrivateKeyFile(key, exportable: true), exportable: true);
        return key;
    }

    private ContainerSettings Settings(string contentType, MeshKeyPair? encryptFor) => ContainerSettings.ReferenceCatalog(contentType) with
    {
        Clock = fake.NextTime,
        Policy = encryptFor is null ? null : Obj(
            ("EncryptKeys", new JsonBArray([X448Recipient.EphemeralKeyObject(encryptFor.PublicKey)])),
            ("Sealed", new JsonBBoolean(true))),
        IsolatedEncryption = encryptFor is null ? null
            : new IsolatedEncryption([new ExchangeRecipient(encryptFor.Udf, encryptFor.PublicKey)], secrets.Stream("frames/" + encryptFor.Udf)),
    };

    /// <summary>Stores a key under the UDF of <paramref name="named"/> (whose public key the locator carries) in the chosen store.</summary>
    private void WriteKey(MeshKeyPair named, string tag, byte[] joseJson, bool exportable)
    {
        keyStore.Store(new KeyToStore(named.Udf, tag, joseJson, named.SubjectPublicKeyInfo, exportable));
        keyFiles.Add(StoreLocator.KeysDirectory(dialect) + "/" + named.Udf);
    }

    private string FullPath(string relativePath)
    {
        var full = Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }
}
