using System.Security.Cryptography;
using MeshConformance.Core;
using MeshConformance.Dare.Verification;
using MeshConformance.Layout;
using MeshConformance.Platform.Generation;
using NUnit.Framework;

namespace MeshConformance.Tests.Platform;

public class GeneratorTests
{
    private static Dictionary<string, string> Hashes(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [TestCase("reference")]
    [TestCase("draft-06")]
    public void SameSeedGivesByteIdenticalTrees(string dialect)
    {
        using var temp = new TempDirectory();
        var options = new GeneratorOptions { Seed = 42, Dialect = dialect, Accounts = 2, Devices = 3, Entries = 7 };
        ProfileGenerator.Generate(temp.Sub("a"), options);
        ProfileGenerator.Generate(temp.Sub("b"), options);
        var a = Hashes(temp.Sub("a"));
        Assert.That(a, Has.Count.GreaterThan(20));
        Assert.That(Hashes(temp.Sub("b")), Is.EqualTo(a));
    }

    [Test]
    public void DifferentSeedsGiveDifferentAccountsAndBytes()
    {
        using var temp = new TempDirectory();
        var one = ProfileGenerator.Generate(temp.Sub("a"), new GeneratorOptions { Seed = 1 });
        var two = ProfileGenerator.Generate(temp.Sub("b"), new GeneratorOptions { Seed = 2 });
        Assert.That(one.Accounts[0].Udf, Is.Not.EqualTo(two.Accounts[0].Udf));
        var a = Hashes(temp.Sub("a"));
        var b = Hashes(temp.Sub("b"));
        Assert.That(a.Values.Intersect(b.Values), Is.Empty, "no file may come out the same under another seed");
    }

    [Test]
    public void ReferenceDialectUsesTheReferenceNamesAndAccountDirectoriesAreKeyUdfs()
    {
        using var temp = new TempDirectory();
        var profile = ProfileGenerator.Generate(temp.Path, new GeneratorOptions { Seed = 3 });
        var account = profile.Accounts.Single();
        Assert.That(File.Exists(Path.Combine(temp.Path, "Profiles", "host.dare")));
        Assert.That(account.Udf, Does.Match("^M[A-Z2-7]{3}(-[A-Z2-7]{4}){6}$"), "140-bit M-UDF presentation, 34 characters");
        var names = Directory.GetFiles(Path.Combine(temp.Path, "Profiles", account.Udf)).Select(Path.GetFileName).Order().ToList();
        Assert.That(names, Is.EqualTo(new[]
        {
            "MMM_Access.dcat", "MMM_Application.dcat", "MMM_Archive.dcat", "MMM_Bookmark.dcat", "MMM_Contact.dcat", "MMM_Credential.dcat",
            "MMM_Device.dcat", "MMM_Inbound.dcat", "MMM_Local.dcat", "MMM_Network.dcat", "MMM_Outbound.dcat", "MMM_Publication.dcat", "MMM_Task.dcat",
        }));
        Assert.That(File.Exists(Path.Combine(temp.Path, "Keys", account.Udf)), "the account's root seed is kept under its UDF, as the reference does");
    }

    [Test]
    public void Draft06DialectPutsTheDeviceCatalogBesideTheAccountDirectory()
    {
        using var temp = new TempDirectory();
        var profile = ProfileGenerator.Generate(temp.Path, new GeneratorOptions { Seed = 3, Dialect = "draft-06" });
        var udf = profile.Accounts.Single().Udf;
        Assert.That(File.Exists(Path.Combine(temp.Path, "host.dare")));
        Assert.That(File.Exists(Path.Combine(temp.Path, udf + ".dcat")));
        Assert.That(File.Exists(Path.Combine(temp.Path, udf, "CatalogContact.dcat")));
        Assert.That(File.Exists(Path.Combine(temp.Path, udf, "CatalogRecrypt.dcat")));
        Assert.That(Directory.GetFiles(temp.Path, "MMM_*", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void EveryContainerVerifiesWithoutErrorsOrWarnings()
    {
        using var temp = new TempDirectory();
        ProfileGenerator.Generate(temp.Path, new GeneratorOptions { Seed = 5, Accounts = 2, Entries = 12 });
        var containers = Directory.EnumerateFiles(temp.Path, "*.d*", SearchOption.AllDirectories).ToList();
        Assert.That(containers, Has.Count.EqualTo(1 + 2 * 13));
        foreach (var file in containers)
        {
            var report = ContainerVerifier.Verify(file);
            Assert.That(report.Findings.Where(f => f.Severity != Severity.Info), Is.Empty, file);
            Assert.That(report.ContainerTypeText, Is.EqualTo("Merkle"), file);
        }
    }

    [Test]
    public void KeyFilesAndTheKeyDirectoryAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("Unix permissions only");
        using var temp = new TempDirectory();
        var profile = ProfileGenerator.Generate(temp.Path, new GeneratorOptions { Seed = 9 });
        Assert.That(profile.KeyFiles, Is.Not.Empty);
        Assert.That(File.GetUnixFileMode(Path.Combine(temp.Path, "Keys")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        foreach (var key in profile.KeyFiles)
            Assert.That(File.GetUnixFileMode(Path.Combine(temp.Path, key)), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), key);
        Assert.That(Directory.GetFiles(Path.Combine(temp.Path, "Keys"), ".*"), Is.Empty, "no temporary file is left behind");
    }

    [Test]
    public void RefusesToWriteIntoADirectoryThatHoldsFiles()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Sub("precious.txt"), "keep me");
        Assert.That(() => ProfileGenerator.Generate(temp.Path, new GeneratorOptions { Seed = 1 }), Throws.InstanceOf<IOException>());
        Assert.That(File.ReadAllText(temp.Sub("precious.txt")), Is.EqualTo("keep me"));
        Assert.That(Directory.GetFileSystemEntries(temp.Path), Has.Length.EqualTo(1));
    }

    [Test]
    public void DialectNamesComeFromTheLayoutDataFiles()
    {
        Assert.That(StoreLocator.RelativePath(LayoutDialects.Reference, EntryPurpose.Contact, "MABC"), Is.EqualTo("Profiles/MABC/MMM_Contact.dcat"));
        Assert.That(StoreLocator.RelativePath(LayoutDialects.Draft06, EntryPurpose.Device, "MABC"), Is.EqualTo("MABC.dcat"));
        Assert.That(StoreLocator.KeysDirectory(LayoutDialects.Reference), Is.EqualTo("Keys"));
    }
}
