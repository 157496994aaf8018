using NUnit.Framework;
using MeshConformance.Platform.Generation;
using MeshConformance.Platform.Keys.Stores;

namespace MeshConformance.Tests.Keys.Tests;

/// <summary>A profile generated into the Secret Service holds the same keys as the default one, with locators in Keys/.</summary>
[NonParallelizable]
public sealed class GeneratorKeyStoreTests
{
    [Test]
    public void SecretServiceProfileHasTheFileProfilesKeysAndTheSameStores()
    {
        using var service = PrivateSecretService.Start(withKeyring: true);
        using var temp = new TempDirectory();
        var options = new GeneratorOptions { Seed = 5, Accounts = 2, Devices = 1, Entries = 2 };
        var files = ProfileGenerator.Generate(temp.Sub("file"), options);
        var secret = ProfileGenerator.Generate(temp.Sub("secret"), options with { KeyStore = KeyStoreChoice.SecretService, SecretServiceBus = service.Address });
        Assert.That(secret.KeyFiles, Is.EqualTo(files.KeyFiles));
        var keys = Path.Combine(secret.Root, "Keys");
        using var store = new SecretServiceKeyStore(keys, secret.Root, service.Address);
        Assert.That(store.List(), Is.EquivalentTo(files.KeyFiles.Select(Path.GetFileName)));
        foreach (var keyFile in files.KeyFiles)
        {
            var udf = Path.GetFileName(keyFile);
            var expected = File.ReadAllBytes(Path.Combine(files.Root, keyFile));
            Assert.That(store.Locate(udf), Is.EqualTo(expected), $"{udf} in the Secret Service");
            Assert.That(KeyLocator.Read(keys, udf), Is.Not.Null.And.Property("Store").EqualTo("secret-service"));
        }
        // Everything but the keys is byte-identical.
        foreach (var store2 in files.Accounts.SelectMany(a => a.Stores).Select(s => s.RelativePath).Append(files.HostCatalog))
            Assert.That(File.ReadAllBytes(Path.Combine(secret.Root, store2)), Is.EqualTo(File.ReadAllBytes(Path.Combine(files.Root, store2))), store2);
    }

    [Test]
    public void TheKeyChecksFindNothingInASecretServiceProfileAndOnlyPlaintextInAFileOne()
    {
        using var service = PrivateSecretService.Start(withKeyring: true);
        using var temp = new TempDirectory();
        var options = new GeneratorOptions { Seed = 6, Accounts = 2, Devices = 2, Entries = 2 };
        var files = ProfileGenerator.Generate(temp.Sub("file"), options);
        var secret = ProfileGenerator.Generate(temp.Sub("secret"), options with { KeyStore = KeyStoreChoice.SecretService, SecretServiceBus = service.Address });
        // Locators: named by the key they stand for, no key material, owner-only: nothing to report at all.
        var secretFindings = MeshConformance.Checks.KeyFileChecks.Run(secret.Root, "Keys").ToList();
        Assert.That(secretFindings, Is.Empty, string.Join("\n", secretFindings));
        // Key files: every name checks out; only the plaintext keys are reported (the draft prefers platform storage).
        var fileFindings = MeshConformance.Checks.KeyFileChecks.Run(files.Root, "Keys").ToList();
        Assert.That(fileFindings.Select(f => f.Code).Distinct(), Is.EqualTo(new[] { MeshConformance.Checks.CheckCodes.KeyPlaintext }));
        Assert.That(fileFindings, Has.Count.EqualTo(files.KeyFiles.Count));
    }

    [Test]
    public void WithoutASecretServiceTheGeneratorFailsClearly()
    {
        using var bus = PrivateSecretService.Start(withKeyring: false);
        using var temp = new TempDirectory();
        var options = new GeneratorOptions { Seed = 5, KeyStore = KeyStoreChoice.SecretService, SecretServiceBus = bus.Address };
        Assert.That(() => ProfileGenerator.Generate(temp.Sub("secret"), options), Throws.TypeOf<KeyStoreException>().With.Message.Contains("no Secret Service"));
    }
}
