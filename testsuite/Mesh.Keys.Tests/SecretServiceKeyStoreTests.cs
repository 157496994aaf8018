using NUnit.Framework;
using MeshConformance.JsonB;
using MeshConformance.Platform.Keys.Stores;
using MeshConformance.Udf;

namespace MeshConformance.Tests.Keys.Tests;

/// <summary>The Secret Service store against a real GNOME Keyring on a private bus started for these tests.</summary>
[NonParallelizable]
public sealed class SecretServiceKeyStoreTests
{
    private PrivateSecretService service = null!;

    [OneTimeSetUp]
    public void StartKeyring() => service = PrivateSecretService.Start(withKeyring: true);

    [OneTimeTearDown]
    public void StopKeyring() => service?.Dispose();

    [Test]
    public void KeySurvivesARoundTripThroughAFreshProcessAndStaysOutOfTheProfile()
    {
        using var temp = new TempDirectory();
        var keys = temp.Sub("Keys");
        var seed = TestKeys.Seed(11);
        var exchange = TestKeys.Exchange(12);
        using (var store = new SecretServiceKeyStore(keys, temp.Path, service.Address))
        {
            store.Store(seed);
            store.Store(exchange);
            Assert.That(store.SessionAlgorithm, Is.EqualTo("dh-ietf1024-sha256-aes128-cbc-pkcs7"));
        }
        Assert.That(FreshProcess.Locate(SecretServiceKeyStore.StoreName, keys, temp.Path, service.Address, seed.Udf), Is.EqualTo(seed.JoseJson));
        Assert.That(FreshProcess.Locate(SecretServiceKeyStore.StoreName, keys, temp.Path, service.Address, exchange.Udf), Is.EqualTo(exchange.JoseJson));
        Assert.That(FreshProcess.List(SecretServiceKeyStore.StoreName, keys, temp.Path, service.Address), Is.EquivalentTo(new[] { seed.Udf, exchange.Udf }));
        foreach (var file in Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.That(text, Does.Not.Contain("PrivateValue").And.Not.Contain("\"Private\""), $"{file} holds key material");
        }
    }

    [Test]
    public void LibsecretFindsTheItemByItsAttributes()
    {
        if (PrivateSecretService.Which("secret-tool") is null) Assert.Ignore("secret-tool (libsecret-tools) is not installed");
        using var temp = new TempDirectory();
        var key = TestKeys.Exchange(13);
        using var store = new SecretServiceKeyStore(temp.Sub("Keys"), temp.Path, service.Address);
        store.Store(key);
        // An independent client reads what our encrypted session stored: the schema and attributes are the lookup keys.
        var (exit, output) = service.Command("secret-tool", "lookup", "xdg:schema", SecretServiceKeyStore.Schema, "mesh-udf", key.Udf, "mesh-root", store.MeshRoot);
        Assert.That(exit, Is.Zero);
        Assert.That(output, Is.EqualTo(System.Text.Encoding.UTF8.GetString(key.JoseJson)));
    }

    [Test]
    public void TheLocatorNamesTheStoreTheKeyAndItsPublicKey()
    {
        using var temp = new TempDirectory();
        var keys = temp.Sub("Keys");
        var key = TestKeys.Seed(14);
        using var store = new SecretServiceKeyStore(keys, temp.Path, service.Address);
        store.Store(key);
        var path = Path.Combine(keys, key.Udf);
        if (!OperatingSystem.IsWindows())
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var body = (JsonBObject)((JsonBObject)JsonBParser.Parse(File.ReadAllBytes(path)))["PlatformKey"]!;
        Assert.That(body["Store"]!.AsString(), Is.EqualTo("secret-service"));
        Assert.That(body["Udf"]!.AsString(), Is.EqualTo(key.Udf));
        Assert.That(body["KeyType"]!.AsString(), Is.EqualTo("PrivateKeyUDF"));
        Assert.That(body["Public"]!.TryGetBytes(out var spki, out _), Is.True);
        Assert.That(UDF.PkixKeyFingerprint(spki!), Is.EqualTo(key.Udf), "the file name is the UDF of the locator's public key");
        var attributes = (JsonBObject)body["Attributes"]!;
        Assert.That(attributes.Members.Select(m => (m.Name, m.Value.AsString())),
            Is.EqualTo(new[] { ("mesh-udf", key.Udf), ("mesh-root", store.MeshRoot) }));
    }

    [Test]
    public void ErasingLeavesNothingBehind()
    {
        using var temp = new TempDirectory();
        var keys = temp.Sub("Keys");
        var key = TestKeys.Exchange(15);
        using (var store = new SecretServiceKeyStore(keys, temp.Path, service.Address))
        {
            store.Store(key);
            store.Store(key); // replaces, never duplicates
            Assert.That(store.List(), Is.EqualTo(new[] { key.Udf }));
            Assert.That(store.Erase(key.Udf), Is.True);
        }
        Assert.That(Directory.EnumerateFileSystemEntries(keys), Is.Empty, "no locator and no temporary file");
        using (var fresh = new SecretServiceKeyStore(keys, temp.Path, service.Address))
        {
            Assert.That(fresh.Locate(key.Udf), Is.Null);
            Assert.That(fresh.List(), Is.Empty);
            Assert.That(fresh.Erase(key.Udf), Is.False);
        }
        Assert.That(FreshProcess.Locate(SecretServiceKeyStore.StoreName, keys, temp.Path, service.Address, key.Udf), Is.Null);
        if (PrivateSecretService.Which("secret-tool") is not null)
        {
            var (_, found) = service.Command("secret-tool", "search", "--all", "mesh-udf", key.Udf);
            Assert.That(found, Is.Empty, "the service still has an item with the key's UDF");
        }
    }

    [Test]
    public void TwoRootsKeepTheirOwnCopyOfTheSameKey()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var key = TestKeys.Seed(16);
        using var a = new SecretServiceKeyStore(first.Sub("Keys"), first.Path, service.Address);
        using var b = new SecretServiceKeyStore(second.Sub("Keys"), second.Path, service.Address);
        a.Store(key);
        b.Store(key);
        Assert.That(a.Erase(key.Udf), Is.True);
        Assert.That(b.Locate(key.Udf), Is.EqualTo(key.JoseJson), "erasing one root's key must not take another root's");
    }
}
