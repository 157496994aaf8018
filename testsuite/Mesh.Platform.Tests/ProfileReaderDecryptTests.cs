using MeshConformance.Catalogs;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Reading;
using MeshConformance.Platform.Generation;
using MeshConformance.Platform.Reading;
using NUnit.Framework;

namespace MeshConformance.Tests.Platform;

/// <summary>With the right key at hand, a payload that does not decrypt is damage, not a missing key.</summary>
public class ProfileReaderDecryptTests
{
    [Test]
    public void DamagedCiphertextIsReportedWhenTheKeyIsPresent()
    {
        using var temp = new TempDirectory();
        var profile = ProfileGenerator.Generate(temp.Path, new GeneratorOptions { Seed = 31 });
        var relative = $"Profiles/{profile.Accounts[0].Udf}/MMM_Bookmark.dcat";
        var path = Path.Combine(temp.Path, relative);
        var bytes = File.ReadAllBytes(path);
        var frame = ContainerReader.ReadFrames(new MemoryByteSource(bytes), []).ElementAt(1);
        var payload = frame.Layout.Payload!.Value;
        // The last ciphertext block carries the CBC padding: flipping a byte there makes the padding check fail.
        bytes[payload.DataOffset + payload.DataLength - 1] ^= 0x55;
        File.WriteAllBytes(path, bytes);

        var report = ProfileReader.Read(temp.Path);
        Assert.That(report.Findings, Has.Some.Matches<Core.Finding>(f => f.Code == CatalogCodes.DecryptFailed && f.File == relative));
        var intact = $"Profiles/{profile.Accounts[0].Udf}/MMM_Contact.dcat";
        Assert.That(report.Findings.Where(f => f.File == intact && f.Code == CatalogCodes.DecryptFailed), Is.Empty);
    }
}
