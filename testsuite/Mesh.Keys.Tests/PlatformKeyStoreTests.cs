using NUnit.Framework;
using MeshConformance.Platform.Keys.Stores;

namespace MeshConformance.Tests.Keys.Tests;

/// <summary>
/// DPAPI and the Keychain: round trips where the system has them, PlatformNotSupportedException everywhere else
/// (bindings.md K-6, K-7). On Linux CI the round trips are skipped with that reason.
/// </summary>
public sealed class PlatformKeyStoreTests
{
    private static IKeyStore Open(string name, TempDirectory temp) => name switch
    {
        DpapiKeyStore.StoreName => new DpapiKeyStore(temp.Sub("Keys"), temp.Path),
        _ => new KeychainKeyStore(temp.Sub("Keys"), temp.Path),
    };

    private static bool Available(string name) => name == DpapiKeyStore.StoreName ? OperatingSystem.IsWindows() : OperatingSystem.IsMacOS();

    [TestCase(DpapiKeyStore.StoreName)]
    [TestCase(KeychainKeyStore.StoreName)]
    public void KeySurvivesARoundTripThroughAFreshProcessAndErasesCompletely(string name)
    {
        if (!Available(name)) Assert.Ignore($"the {name} store exists only on {(name == DpapiKeyStore.StoreName ? "Windows" : "macOS")}");
        using var temp = new TempDirectory();
        var key = TestKeys.Seed(31);
        using (var store = Open(name, temp)) store.Store(key);
        Assert.That(KeyLocator.Read(temp.Sub("Keys"), key.Udf)?.Store, Is.EqualTo(name));
        Assert.That(FreshProcess.Locate(name, temp.Sub("Keys"), temp.Path, null, key.Udf), Is.EqualTo(key.JoseJson));
        using (var store = Open(name, temp))
        {
            Assert.That(store.List(), Is.EqualTo(new[] { key.Udf }));
            Assert.That(store.Erase(key.Udf), Is.True);
            Assert.That(store.Locate(key.Udf), Is.Null);
        }
        Assert.That(Directory.EnumerateFileSystemEntries(temp.Sub("Keys")), Is.Empty);
    }

    [TestCase(DpapiKeyStore.StoreName)]
    [TestCase(KeychainKeyStore.StoreName)]
    public void ElsewhereEveryOperationIsPlatformNotSupported(string name)
    {
        if (Available(name)) Assert.Ignore($"the {name} store is available here");
        using var temp = new TempDirectory();
        using var store = Open(name, temp);
        var key = TestKeys.Seed(32);
        Assert.That(() => store.Store(key), Throws.TypeOf<PlatformNotSupportedException>());
        Assert.That(() => store.Locate(key.Udf), Throws.TypeOf<PlatformNotSupportedException>());
        Assert.That(() => store.Erase(key.Udf), Throws.TypeOf<PlatformNotSupportedException>());
        Assert.That(() => store.List(), Throws.TypeOf<PlatformNotSupportedException>());
        Assert.That(Directory.Exists(temp.Sub("Keys")), Is.False, "nothing written");
    }
}
