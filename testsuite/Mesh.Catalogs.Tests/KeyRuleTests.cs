using MeshConformance.Catalogs;
using MeshConformance.Core;
using NUnit.Framework;
using static MeshConformance.Tests.Catalogs.Tests.TestData;

namespace MeshConformance.Tests.Catalogs.Tests;

/// <summary>
/// Every entry type's unique key, from hand-written payloads, against the rule reference-platform.md §4.1/§4.3 states.
/// Each body also carries fields that must NOT be the key (e.g. a Device's Udf), so a rule reading the wrong field fails.
/// </summary>
public class KeyRuleTests
{
    [TestCase("CatalogedMachine", """{"Id":"MDEV-MACH","Local":"laptop"}""", "MDEV-MACH")]
    [TestCase("CatalogedStandard", """{"Id":"MDEV-STD","Local":"x","CatalogedDeviceDigest":"d"}""", "MDEV-STD")]
    [TestCase("CatalogedPending", """{"DeviceUDF":"MDEV-OTHER","Id":"MDEV-PEND","AccountAddress":"alice@example.com"}""", "MDEV-PEND")]
    [TestCase("CatalogedPreconfigured", """{"Id":"MDEV-PRE","PublicationId":"PUB"}""", "MDEV-PRE")]
    [TestCase("CatalogedService", """{"Id":"MDEV-SVC"}""", "MDEV-SVC")]
    [TestCase("CatalogedDevice", """{"Udf":"MACC","DeviceUdf":"MDEV-1","SignatureUdf":"MSIG"}""", "MDEV-1")]
    [TestCase("CatalogedContact", """{"Uid":"U","Key":"NCON-1","Self":true}""", "NCON-1")]
    [TestCase("CatalogedApplicationSsh", """{"Key":"ssh-key-1","ClientKey":"x"}""", "ssh-key-1")]
    [TestCase("CatalogedApplicationMail", """{"Key":"ignored","AccountAddress":"alice@example.com"}""", "mailto:alice@example.com")]
    [TestCase("CatalogedGroup", """{"Key":"groupw@example.com","Default":1}""", "mmm/CatalogedGroup/groupw@example.com")]
    [TestCase("CatalogedApplicationNetwork", """{"Key":"net-1"}""", "net-1")]
    [TestCase("CatalogedCallsign", """{"Key":"ignored","Canonical":"@alice","ProfileUdf":"MP"}""", "@alice")]
    [TestCase("CatalogedCredential", """{"Protocol":"ftp","Service":"ftp.example.com","Username":"alice","Password":"pw"}""", "ftp:ftp.example.com")]
    [TestCase("CatalogedNetwork", """{"Service":"home","Protocol":"wifi","Password":"pw"}""", "wifi:home")]
    [TestCase("CatalogedBookmark", """{"Uri":"https://example.com/","Title":"t","Uid":"NBK-1"}""", "NBK-1")]
    [TestCase("CatalogedTask", """{"Title":"t","Key":"task-1"}""", "task-1")]
    [TestCase("CatalogedPublication", """{"Authenticator":"a","Id":"PUB-1"}""", "PUB-1")]
    [TestCase("CatalogedMember", """{"MemberCapabilityId":"c","ContactAddress":"bob@example.com"}""", "bob@example.com")]
    [TestCase("CatalogedAccess", """{"Uid":"U","Capability":{"CapabilityDecryptServiced":{"Id":"MKEY-SHARE","AuthenticationId":"A"}}}""", "MKEY-SHARE")]
    [TestCase("CatalogedAccess", """{"Capability":{"AccessCapability":{"Id":"MACC-CAP","Rights":["r"]}}}""", "MACC-CAP")]
    [TestCase("MessageComplete", """{"MessageId":"NMSG-1","References":[]}""", "NMSG-1")]
    [TestCase("RequestConnection", """{"Sender":"s","MessageId":"NMSG-2"}""", "NMSG-2")]
    public void KeyFollowsTheReferenceRule(string tag, string body, string expectedKey)
    {
        var result = CatalogEntryParser.Parse(Utf8($$"""{"{{tag}}":{{body}}}"""));
        Assert.That(result.Findings, Is.Empty);
        Assert.That(result.Entry!.Tag, Is.EqualTo(tag));
        Assert.That(result.Entry.Key, Is.EqualTo(expectedKey));
        Assert.That(result.Entry.EntryType, Is.SameAs(EntryTypes.ByTag(tag)));
    }

    [TestCase("CatalogedCredential", """{"Protocol":"ftp"}""", "CAT-KEY-MISSING", "Service")]
    [TestCase("CatalogedCredential", """{"Service":"s"}""", "CAT-KEY-MISSING", "Protocol")]
    [TestCase("CatalogedApplicationMail", """{"Key":"k","AccountAddress":""}""", "CAT-KEY-EMPTY", "AccountAddress")]
    [TestCase("CatalogedGroup", """{"Key":null}""", "CAT-KEY-MISSING", "Key")]
    [TestCase("CatalogedDevice", """{"DeviceUdf":5}""", "CAT-KEY-TYPE", "DeviceUdf")]
    [TestCase("CatalogedStandard", """{"Id":["MDEV"]}""", "CAT-KEY-TYPE", "Id")]
    [TestCase("CatalogedAccess", """{"Uid":"U"}""", "CAT-KEY-MISSING", "Capability")]
    [TestCase("CatalogedAccess", """{"Capability":{"Id":"MKEY"}}""", "CAT-KEY-TYPE", "Capability")]
    [TestCase("CatalogedAccess", """{"Capability":{"CapabilitySign":{"Id":"a"},"CapabilityDecrypt":{"Id":"b"}}}""", "CAT-KEY-TYPE", "Capability")]
    [TestCase("CatalogedAccess", """{"Capability":{"CapabilitySign":{"Active":true}}}""", "CAT-KEY-MISSING", "Id")]
    [TestCase("MessageComplete", """{"MessageId":""}""", "CAT-KEY-EMPTY", "MessageId")]
    public void BadKeyFieldsAreErrorsAndLeaveTheKeyUnset(string tag, string body, string code, string field)
    {
        var result = CatalogEntryParser.Parse(Utf8($$"""{"{{tag}}":{{body}}}"""));
        var finding = Single(result.Findings, code);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        Assert.That(finding.Message, Does.Contain($"'{field}'"));
        Assert.That(result.Entry!.Key, Is.Null, "the reference would build \"mailto:\" or \":\" from a null field; we build no key");
    }

    [Test]
    public void KeyFindingPointsAtTheOffendingValueInTheFile()
    {
        // {"CatalogedDevice":{"DeviceUdf":5}}: '{' 0, "CatalogedDevice" 1-17, ':' 18, '{' 19, "DeviceUdf" 20-30, ':' 31, '5' 32.
        var result = CatalogEntryParser.Parse(Utf8("""{"CatalogedDevice":{"DeviceUdf":5}}"""), baseOffset: 100, frameIndex: 7);
        var finding = Single(result.Findings, CatalogCodes.KeyType);
        Assert.That(finding.Offset, Is.EqualTo(132));
        Assert.That(finding.FrameIndex, Is.EqualTo(7));
    }

    [Test]
    public void RulesDescribeThemselvesAsTheReferenceDocumentsThem()
    {
        Assert.That(EntryTypes.CatalogedCredential.Key.Description, Is.EqualTo("\"{Protocol}:{Service}\""));
        Assert.That(EntryTypes.CatalogedApplicationMail.Key.Description, Is.EqualTo("\"mailto:\" + AccountAddress"));
        Assert.That(EntryTypes.CatalogedGroup.Key.Description, Is.EqualTo("\"mmm/CatalogedGroup/\" + Key"));
        Assert.That(EntryTypes.CatalogedDevice.Key.Fields, Is.EqualTo(new[] { "DeviceUdf" }));
        Assert.That(EntryTypes.CatalogedAccess.Key.Fields, Is.EqualTo(new[] { "Capability" }));
    }

    [Test]
    public void EveryEntryTypeListsItsKeyFieldsAmongItsFields()
    {
        foreach (var type in EntryTypes.All)
            Assert.That(type.Fields, Is.SupersetOf(type.Key.Fields), type.Tag);
    }
}
