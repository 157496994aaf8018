using MeshConformance.Platform.Keys;
using MeshConformance.Udf;
using NUnit.Framework;

namespace MeshConformance.Tests.Platform;

/// <summary>The reference's profile-key derivation against the drafts' own examples, and our Ed448 against RFC 8032.</summary>
public class ReferenceKeysTests
{
    [Test]
    public void Ed448PublicKeysMatchRfc8032()
    {
        // RFC 8032 §7.4, "Blank" and "1 octet".
        Assert.That(Convert.ToHexString(ReferenceKeys.Ed448Public(Convert.FromHexString(
                "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b"))),
            Is.EqualTo("5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180").IgnoreCase);
        Assert.That(Convert.ToHexString(ReferenceKeys.Ed448Public(Convert.FromHexString(
                "c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e"))),
            Is.EqualTo("43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4cb82169c235160627b4c3a9480").IgnoreCase);
    }

    // The DevicePreconfiguration examples of the schema drafts: a device seed and the UDF of its profile key.
    [TestCase("ZAAQ-AO3M-SYLX-X7ET-MZHC-BURC-V2OE-ZWUX-ZWPF-KAL4-6C3G-6IPV-2D76-MT4N", "MC6H-2IFS-4OXA-U2YQ-QZ6Y-RZWX-JC3Q", TestName = "schema-08 device seed")]
    [TestCase("ZAAQ-AGWA-OA2N-4YTE-LVH6-TM26-WVHO-35CJ-TOYF-NUJZ-7D4V-IGUP-SF3P-M6T3", "MC67-GVFM-B45X-D6AS-YAVS-TJ57-UKVY", TestName = "schema-06 device seed")]
    public void TheDraftsDeviceSeedsGiveTheirProfileKeys(string seed, string profileUdf)
    {
        var value = UDF.Parse(seed);
        Assert.That(ReferenceKeys.ProfileKeyNames(0x0100), Does.Contain("BaseDeviceProfile"));
        Assert.That(ReferenceKeys.ProfileKeyUdf(value, "BaseDeviceProfile"), Is.EqualTo(profileUdf));
    }
}
