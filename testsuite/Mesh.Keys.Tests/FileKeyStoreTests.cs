using NUnit.Framework;
using MeshConformance.Platform.Keys.Stores;

namespace MeshConformance.Tests.Keys.Tests;

public sealed class FileKeyStoreTests
{
    [Test]
    public void KeySurvivesARoundTripThroughAFreshProcess()
    {
        using var temp = new TempDirectory();
        var keys = temp.Sub("Keys");
        var seed = TestKeys.Seed(1);
        var exchange = TestKeys.Exchange(2);
        using (var store = new FileKeyStore(keys))
        {
            store.Store(seed);
            store.Store(exchange);
        }
        // The reference's format: Keys/<UDF>, no extension, exactly the tagged JOSE JSON.
        Assert.That(File.ReadAllBytes(Path.Combine(keys, seed.Udf)), Is.EqualTo(seed.JoseJson));
        Assert.That(FreshProcess.Locate(FileKeyStore.StoreName, keys, temp.Path, null, seed.Udf), Is.EqualTo(seed.JoseJson));
        Assert.That(FreshProcess.Locate(FileKeyStore.StoreName, keys, temp.Path, null, exchange.Udf), Is.EqualTo(exchange.JoseJson));
        Assert.That(FreshProcess.List(FileKeyStore.StoreName, keys, temp.Path, null), Is.EquivalentTo(new[] { seed.Udf, exchange.Udf }));
    }

    [Test]
    public void KeyFilesAndTheirDirectoryAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Unix permission bits do not exist on Windows");
            return;
        }
        using var temp = new TempDirectory();
        var keys = temp.Sub("Keys");
        var key = TestKeys.Seed(3);
        using var store = new FileKeyStore(keys);
        store.Store(key);
        Assert.That(File.GetUnixFileMode(Path.Combine(keys, key.Udf)), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(keys), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
    }

    [Test]
    public void ErasingLeavesNothingBehind()
    {
        using var temp = new TempDirectory();
        var keys = temp.Sub("Keys");
        var key = TestKeys.Exchange(4);
        using var store = new FileKeyStore(keys);
        store.Store(key);
        store.Store(key); // replacing goes through the same temporary file and rename
        Assert.That(store.Erase(key.Udf), Is.True);
        Assert.That(Directory.EnumerateFileSystemEntries(keys), Is.Empty, "no key file and no temporary file");
        Assert.That(FreshProcess.Locate(FileKeyStore.StoreName, keys, temp.Path, null, key.Udf), Is.Null);
        Assert.That(store.Erase(key.Udf), Is.False);
    }

    [Test]
    public void ErasingALinkNeverZeroesItsTarget()
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("symbolic links need privileges on Windows");
        using var temp = new TempDirectory();
        var keys = temp.Sub("Keys");
        Directory.CreateDirectory(keys);
        var target = temp.Sub("precious");
        File.WriteAllText(target, "not a key");
        var key = TestKeys.Seed(5);
        File.CreateSymbolicLink(Path.Combine(keys, key.Udf), target);
        using var store = new FileKeyStore(keys);
        Assert.That(() => store.Locate(key.Udf), Throws.TypeOf<KeyStoreException>().With.Message.Contains("not a regular file"));
        Assert.That(store.Erase(key.Udf), Is.True);
        Assert.That(File.ReadAllText(target), Is.EqualTo("not a key"));
        Assert.That(Directory.EnumerateFileSystemEntries(keys), Is.Empty);
    }

    [Test]
    public void AnotherStoresLocatorIsNeitherAKeyNorErasedHere()
    {
        using var temp = new TempDirectory();
        var keys = temp.Sub("Keys");
        var key = TestKeys.Seed(6);
        new KeyLocator(SecretServiceKeyStore.StoreName, key.Udf, key.Tag, key.PublicSpki, [new("mesh-udf", key.Udf)], null).Write(keys);
        using var store = new FileKeyStore(keys);
        Assert.That(store.Locate(key.Udf), Is.Null);
        Assert.That(store.List(), Is.Empty);
        Assert.That(() => store.Erase(key.Udf), Throws.TypeOf<KeyStoreException>().With.Message.Contains("secret-service"));
        Assert.That(File.Exists(Path.Combine(keys, key.Udf)), Is.True);
    }

    [Test]
    public void AHugeOrDirectoryKeyIsAClearError()
    {
        using var temp = new TempDirectory();
        var keys = temp.Sub("Keys");
        Directory.CreateDirectory(keys);
        File.WriteAllBytes(Path.Combine(keys, "HUGE"), new byte[10 * 1024 * 1024]);
        Directory.CreateDirectory(Path.Combine(keys, "DIRECTORY"));
        using var store = new FileKeyStore(keys);
        Assert.That(() => store.Locate("HUGE"), Throws.TypeOf<KeyStoreException>().With.Message.Contains("not read"));
        Assert.That(() => store.Locate("DIRECTORY"), Throws.TypeOf<KeyStoreException>().With.Message.Contains("not a regular file"));
        Assert.That(() => store.Erase("DIRECTORY"), Throws.TypeOf<KeyStoreException>());
        Assert.That(store.Erase("HUGE"), Is.True);
        Assert.That(File.Exists(Path.Combine(keys, "HUGE")), Is.False);
    }
}
