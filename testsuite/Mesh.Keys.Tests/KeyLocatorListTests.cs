using NUnit.Framework;
using MeshConformance.Platform.Keys.Stores;

namespace MeshConformance.Tests.Keys.Tests;

/// <summary>Listing a store's locators survives the other things a key directory may hold.</summary>
public sealed class KeyLocatorListTests
{
    [Test]
    public void ABrokenOrHugeFileDoesNotStopTheListing()
    {
        using var temp = new TempDirectory();
        var keys = temp.Sub("Keys");
        new KeyLocator("secret-service", "MAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA", "PrivateKeyUDF", [1, 2, 3], [new("mesh-udf", "MAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")], null).Write(keys);
        new KeyLocator("dpapi", "MBBB-BBBB-BBBB-BBBB-BBBB-BBBB-BBBB", "PrivateKeyUDF", [1, 2, 3], [], [9]).Write(keys);
        File.WriteAllText(Path.Combine(keys, "MCCC-CCCC-CCCC-CCCC-CCCC-CCCC-CCCC"), "{\"PlatformKey\": {\"Store\": \"secret-service\", \"Attributes\": {\"mesh-udf\": 42}}}");
        File.WriteAllText(Path.Combine(keys, "MDDD-DDDD-DDDD-DDDD-DDDD-DDDD-DDDD"), new string(' ', 10 * 1024 * 1024));
        Assert.That(KeyLocator.List(keys, "secret-service"), Is.EqualTo(new[] { "MAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA" }));
    }
}
