using MeshConformance.Locking;
using Tmds.DBus.Protocol;

namespace MeshConformance.Platform.Keys.Stores;

/// <summary>
/// Keys in the freedesktop Secret Service (GNOME Keyring, KWallet, KeePassXC) over D-Bus (bindings.md K-4, K-5):
/// each key is one item of the default collection whose secret is the tagged JOSE JSON, found again by the attributes
/// <c>xdg:schema</c>, <c>mesh-udf</c> and <c>mesh-root</c>; <c>Keys/&lt;UDF&gt;</c> keeps only a <see cref="KeyLocator"/>.
/// The store never shows a prompt: a locked collection, or one that only a prompt could create, is a
/// <see cref="KeyStoreException"/> saying so. Every call has a timeout, so a service that does not answer is an error, not a hang.
/// </summary>
public sealed class SecretServiceKeyStore : IKeyStore
{
    public const string StoreName = "secret-service";
    public const string Schema = "org.mathematicalmesh.Key";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private const string Bus = "org.freedesktop.secrets";
    private const string ServicePath = "/org/freedesktop/secrets";
    private const string ServiceInterface = "org.freedesktop.Secret.Service";
    private const string CollectionInterface = "org.freedesktop.Secret.Collection";
    private const string ItemInterface = "org.freedesktop.Secret.Item";
    private const string NoPrompt = "/";

    private readonly string? busAddress;
    private readonly TimeSpan timeout;
    private DBusConnection? connection;
    private SecretServiceSession? session;

    /// <param name="keysDirectory">The profile's <c>Keys/</c>, where locators are written.</param>
    /// <param name="meshRoot">The Mesh root; its canonical path is the <c>mesh-root</c> attribute, so two roots never share an item.</param>
    /// <param name="busAddress">The session bus to use; null for the user's (<c>DBUS_SESSION_BUS_ADDRESS</c>).</param>
    public SecretServiceKeyStore(string keysDirectory, string meshRoot, string? busAddress = null, TimeSpan? timeout = null)
    {
        KeysDirectory = keysDirectory;
        MeshRoot = LockPaths.Canonical(meshRoot);
        this.busAddress = busAddress ?? DBusAddress.Session;
        this.timeout = timeout ?? DefaultTimeout;
    }

    public string Name => StoreName;

    public string KeysDirectory { get; }

    public string MeshRoot { get; }

    /// <summary>The algorithm of the open session (after the first call): <c>dh-ietf1024-sha256-aes128-cbc-pkcs7</c> unless the service offers only <c>plain</c>.</summary>
    public string? SessionAlgorithm => session?.Algorithm;

    /// <summary>The item attributes of a key, which find it again: the locator keeps <c>mesh-udf</c> and <c>mesh-root</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AttributesOf(string udf) => [new("mesh-udf", udf), new("mesh-root", MeshRoot)];

    public void Store(KeyToStore key) => Run(async () =>
    {
        var collection = await UnlockedDefaultCollection();
        var (parameters, value) = session!.Encrypt(key.JoseJson);
        var properties = new Dictionary<string, VariantValue>
        {
            ["org.freedesktop.Secret.Item.Label"] = $"Mathematical Mesh key {key.Udf}",
            ["org.freedesktop.Secret.Item.Attributes"] = new Dict<string, string>(SearchAttributes(key.Udf).ToDictionary()),
        };
        var prompt = await Call(collection, CollectionInterface, "CreateItem", "a{sv}(oayays)b", (ref MessageWriter w) =>
        {
            w.WriteDictionary(properties);
            w.WriteStructureStart();
            w.WriteObjectPath(session.Path);
            w.WriteArray(parameters);
            w.WriteArray(value);
            w.WriteString("application/json");
            w.WriteBool(true);
        }, (m, _) =>
        {
            var r = m.GetBodyReader();
            r.ReadObjectPathAsString();
            return r.ReadObjectPathAsString();
        });
        await RefusePrompt(prompt, $"storing the key {key.Udf}");
        new KeyLocator(StoreName, key.Udf, key.Tag, key.PublicSpki, AttributesOf(key.Udf), null).Write(KeysDirectory);
        return true;
    });

    public byte[]? Locate(string udf) => Run(async () =>
    {
        await UnlockedDefaultCollection();
        var items = await Search(SearchAttributes(udf));
        if (items.Count == 0) return null;
        var s = session!;
        var (parameters, value) = await Call(items[0], ItemInterface, "GetSecret", "o", (ref MessageWriter w) => w.WriteObjectPath(s.Path), (m, _) =>
        {
            var r = m.GetBodyReader();
            r.AlignStruct();
            r.ReadObjectPathAsString();
            return (r.ReadArrayOfByte(), r.ReadArrayOfByte());
        });
        return s.Decrypt(parameters, value);
    });

    public bool Erase(string udf) => Run(async () =>
    {
        await UnlockedDefaultCollection();
        var items = await Search(SearchAttributes(udf));
        foreach (var item in items)
        {
            var prompt = await Call(item, ItemInterface, "Delete", null, null, (m, _) => m.GetBodyReader().ReadObjectPathAsString());
            await RefusePrompt(prompt, $"deleting the key {udf}");
        }
        // The locator holds no secret, but it goes the same way as key files, so no tool finds a dangling one.
        var hadLocator = KeyLocator.Read(KeysDirectory, udf) is { Store: StoreName } && KeyStoreFiles.Erase(KeysDirectory, udf);
        return items.Count > 0 || hadLocator;
    });

    public IReadOnlyList<string> List() => Run(async () =>
    {
        await UnlockedDefaultCollection();
        var udfs = new List<string>();
        foreach (var item in await Search([new("xdg:schema", Schema), new("mesh-root", MeshRoot)]))
        {
            var attributes = await Call(item, "org.freedesktop.DBus.Properties", "Get", "ss", (ref MessageWriter w) =>
            {
                w.WriteString(ItemInterface);
                w.WriteString("Attributes");
            }, (m, _) => m.GetBodyReader().ReadVariantValue().GetDictionary<string, string>());
            if (attributes.TryGetValue("mesh-udf", out var udf)) udfs.Add(udf);
        }
        return (IReadOnlyList<string>)udfs.Order(StringComparer.Ordinal).ToList();
    });

    private List<KeyValuePair<string, string>> SearchAttributes(string udf) => [new("xdg:schema", Schema), .. AttributesOf(udf)];

    /// <summary>Connects, opens a session and returns the default collection, unlocked; creates it when the service can without a prompt.</summary>
    private async Task<string> UnlockedDefaultCollection()
    {
        await Connect();
        var collection = await Call(ServicePath, ServiceInterface, "ReadAlias", "s", (ref MessageWriter w) => w.WriteString("default"),
            (m, _) => m.GetBodyReader().ReadObjectPathAsString());
        if (collection == NoPrompt)
        {
            var (created, prompt) = await Call(ServicePath, ServiceInterface, "CreateCollection", "a{sv}s", (ref MessageWriter w) =>
            {
                w.WriteDictionary(new Dictionary<string, VariantValue> { ["org.freedesktop.Secret.Collection.Label"] = "Default keyring" });
                w.WriteString("default");
            }, (m, _) =>
            {
                var r = m.GetBodyReader();
                return (r.ReadObjectPathAsString(), r.ReadObjectPathAsString());
            });
            await RefusePrompt(prompt, "creating the default collection (the Secret Service has none)");
            collection = created;
        }
        var (unlocked, unlockPrompt) = await Call(ServicePath, ServiceInterface, "Unlock", "ao", (ref MessageWriter w) => w.WriteArray(new[] { new ObjectPath(collection) }),
            (m, _) =>
            {
                var r = m.GetBodyReader();
                return (r.ReadArrayOfObjectPath().Select(p => p.ToString()).ToList(), r.ReadObjectPathAsString());
            });
        if (!unlocked.Contains(collection))
            await RefusePrompt(unlockPrompt == NoPrompt ? "(none)" : unlockPrompt,
                $"unlocking the default collection {collection}: it is locked; unlock it first (log in to the desktop, or run gnome-keyring-daemon --unlock)");
        return collection;
    }

    private async Task<List<string>> Search(IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        var (unlocked, locked) = await Call(ServicePath, ServiceInterface, "SearchItems", "a{ss}", (ref MessageWriter w) => WriteStringMap(ref w, attributes), (m, _) =>
        {
            var r = m.GetBodyReader();
            return (r.ReadArrayOfObjectPath(), r.ReadArrayOfObjectPath());
        });
        if (locked.Length > 0)
            throw new KeyStoreException($"{locked.Length} Secret Service item(s) for {string.Join(", ", attributes.Select(a => a.Key + "=" + a.Value))} are in a locked collection; unlock it first");
        return unlocked.Select(p => p.ToString()).ToList();
    }

    private static void WriteStringMap(ref MessageWriter w, IReadOnlyList<KeyValuePair<string, string>> map)
    {
        var start = w.WriteDictionaryStart();
        foreach (var (name, value) in map)
        {
            w.WriteDictionaryEntryStart();
            w.WriteString(name);
            w.WriteString(value);
        }
        w.WriteDictionaryEnd(start);
    }

    /// <summary>
    /// A prompt means the service wants the user (to unlock, confirm or choose a password). This store is used by
    /// tools that run unattended, so it dismisses the prompt and fails with what was being done, instead of waiting.
    /// </summary>
    private async Task RefusePrompt(string prompt, string doing)
    {
        if (prompt == NoPrompt) return;
        if (prompt != "(none)")
        {
            try
            {
                await Call(prompt, "org.freedesktop.Secret.Prompt", "Dismiss", null, null, (_, _) => true);
            }
            catch (KeyStoreException)
            {
                // Dismissing is a courtesy to the service; the error below is what the caller must see.
            }
        }
        throw new KeyStoreException($"the Secret Service wants a user prompt for {doing}; this store never prompts");
    }

    private async Task Connect()
    {
        if (session is not null) return;
        if (busAddress is null)
            throw new KeyStoreException("no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set (the Secret Service is reached over the session bus)");
        connection = new DBusConnection(busAddress);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DBusConnectionException or TimeoutException or IOException or System.Net.Sockets.SocketException)
        {
            throw new KeyStoreException($"cannot connect to the D-Bus bus {busAddress}: {e.Message}", e);
        }
        session = await OpenSession();
    }

    /// <summary>Opens a <c>dh-ietf1024-sha256-aes128-cbc-pkcs7</c> session, or a <c>plain</c> one when the service supports only that.</summary>
    private async Task<SecretServiceSession> OpenSession()
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var ours = SecretServiceSession.NewKeyPair();
            (byte[] Output, string Path) opened;
            try
            {
                opened = await Call(ServicePath, ServiceInterface, "OpenSession", "sv", (ref MessageWriter w) =>
                {
                    w.WriteString(SecretServiceSession.DhAlgorithm);
                    w.WriteVariant(VariantValue.Array(ours.Public));
                }, (m, _) =>
                {
                    var r = m.GetBodyReader();
                    return (r.ReadVariantValue().GetArray<byte>(), r.ReadObjectPathAsString());
                });
            }
            catch (KeyStoreException e) when (e.InnerException is DBusErrorReplyException { ErrorName: "org.freedesktop.DBus.Error.NotSupported" })
            {
                var path = await Call(ServicePath, ServiceInterface, "OpenSession", "sv", (ref MessageWriter w) =>
                {
                    w.WriteString(SecretServiceSession.PlainAlgorithm);
                    w.WriteVariant(VariantValue.String(""));
                }, (m, _) =>
                {
                    var r = m.GetBodyReader();
                    r.ReadVariantValue();
                    return r.ReadObjectPathAsString();
                });
                return SecretServiceSession.Plain(path);
            }
            if (SecretServiceSession.Agree(opened.Path, ours, opened.Output) is { } agreed) return agreed;
            await CloseSession(opened.Path);
        }
        throw new KeyStoreException("no Diffie-Hellman session could be agreed with the Secret Service in 8 attempts");
    }

    private Task CloseSession(string path) =>
        Call(path, "org.freedesktop.Secret.Session", "Close", null, null, (_, _) => true);

    private delegate void BodyWriter(ref MessageWriter writer);

    /// <summary>One method call on the Secret Service with the store's timeout; every failure becomes a <see cref="KeyStoreException"/>.</summary>
    private async Task<T> Call<T>(string path, string @interface, string member, string? signature, BodyWriter? body, MessageValueReader<T> read)
    {
        var bus = connection ?? throw new InvalidOperationException("not connected");
        MessageBuffer message;
        // Not a using: the writer is passed by reference to the body, and must be disposed as the very instance that wrote.
        var writer = bus.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(Bus, path, @interface, member, signature);
            body?.Invoke(ref writer);
            message = writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }
        try
        {
            return await bus.CallMethodAsync(message, read).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new KeyStoreException($"the Secret Service did not answer {@interface}.{member} within {timeout.TotalSeconds:0.#} s", e);
        }
        catch (DBusErrorReplyException e) when (e.ErrorName is "org.freedesktop.DBus.Error.ServiceUnknown" or "org.freedesktop.DBus.Error.NameHasNoOwner")
        {
            throw new KeyStoreException($"no Secret Service ({Bus}) on the bus {busAddress}: start one (gnome-keyring-daemon --components=secrets, KWallet or KeePassXC)", e);
        }
        catch (DBusErrorReplyException e) when (e.ErrorName == "org.freedesktop.Secret.Error.IsLocked")
        {
            throw new KeyStoreException($"the Secret Service refused {member}: the collection is locked; unlock it first", e);
        }
        catch (DBusErrorReplyException e)
        {
            throw new KeyStoreException($"the Secret Service refused {@interface}.{member}: {e.ErrorName}: {e.ErrorMessage}", e);
        }
        catch (Exception e) when (e is DBusConnectionException or DBusMessageException or DBusReadException or DBusUnexpectedValueException)
        {
            throw new KeyStoreException($"the D-Bus conversation with the Secret Service failed in {member}: {e.Message}", e);
        }
    }

    /// <summary>The interface is synchronous; the calls run on the thread pool so no caller's synchronization context can deadlock them.</summary>
    private static T Run<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();

    public void Dispose()
    {
        if (session is { } open && connection is not null)
        {
            try
            {
                Run(async () => { await CloseSession(open.Path); return true; });
            }
            catch (KeyStoreException)
            {
                // The bus may already be gone; the service closes a session when its client disconnects anyway.
            }
        }
        session = null;
        connection?.Dispose();
        connection = null;
    }
}
