using MeshConformance.Catalogs;
using NUnit.Framework;

namespace MeshConformance.Tests.Catalogs.Tests;

/// <summary>The kinds table against reference-platform.md §1.2, §4 and §5, value by value.</summary>
public class CatalogKindTests
{
    [TestCase("Device", "MMM_Device", "MMM_Device.dcat", "CatalogDevice", "mmm_Device", new[] { "CatalogedDevice" })]
    [TestCase("Contact", "MMM_Contact", "MMM_Contact.dcat", "CatalogContact", "mmm_Contact", new[] { "CatalogedContact" })]
    [TestCase("Application", "MMM_Application", "MMM_Application.dcat", "CatalogApplication", "mmm_Application",
        new[] { "CatalogedApplicationSsh", "CatalogedApplicationMail", "CatalogedGroup", "CatalogedApplicationNetwork", "CatalogedCallsign" })]
    [TestCase("Credential", "MMM_Credential", "MMM_Credential.dcat", null, "mmm_Credential", new[] { "CatalogedCredential" })]
    [TestCase("Network", "MMM_Network", "MMM_Network.dcat", null, "mmm_Network", new[] { "CatalogedNetwork" })]
    [TestCase("Bookmark", "MMM_Bookmark", "MMM_Bookmark.dcat", null, "mmm_Bookmark", new[] { "CatalogedBookmark" })]
    [TestCase("Task", "MMM_Task", "MMM_Task.dcat", null, "mmm_CatalogTask", new[] { "CatalogedTask" })]
    [TestCase("Publication", "MMM_Publication", "MMM_Publication.dcat", null, "mmm_Publication", new[] { "CatalogedPublication" })]
    [TestCase("Member", "MMM_Member", "MMM_Member.dcat", null, "mmm_Member", new[] { "CatalogedMember" })]
    [TestCase("Access", "MMM_Access", "MMM_Access.dcat", "CatalogRecrypt", "mmm_Access", new[] { "CatalogedAccess" })]
    public void AccountCatalogsAreNamedAndHoldTheirEntryTypes(string name, string label, string file, string? draft, string schema, string[] tags)
    {
        var kind = CatalogKinds.Find(name)!;
        Assert.Multiple(() =>
        {
            Assert.That(kind.ReferenceLabel, Is.EqualTo(label));
            Assert.That(kind.FileName, Is.EqualTo(file));
            Assert.That(kind.DraftName, Is.EqualTo(draft));
            Assert.That(kind.SchemaDraftName, Is.EqualTo(schema));
            Assert.That(kind.Class, Is.EqualTo(StoreClass.Catalog));
            Assert.That(kind.FrameZeroContentType, Is.EqualTo("application/mmm-catalog"));
            Assert.That(kind.AllowedTags, Is.EquivalentTo(tags));
            Assert.That(kind.HasEvents, Is.True);
        });
    }

    [Test]
    public void HostCatalogIsHostDareWithTheFourConnectionTypesAndTheMachineBase()
    {
        var host = CatalogKinds.Find("host.dare")!;
        Assert.That(host, Is.SameAs(CatalogKinds.Host));
        Assert.That(host.FrameZeroContentType, Is.EqualTo("application/mmm-host"));
        Assert.That(host.DraftName, Is.EqualTo("CatalogHost"));
        Assert.That(host.ReferenceLabel, Is.Null);
        Assert.That(host.IsHost, Is.True);
        Assert.That(host.AllowedTags, Is.EquivalentTo(new[]
            { "CatalogedMachine", "CatalogedStandard", "CatalogedPending", "CatalogedPreconfigured", "CatalogedService" }));
    }

    [TestCase("MMM_Inbound")]
    [TestCase("MMM_Outbound")]
    [TestCase("MMM_Local")]
    [TestCase("MMM_Archive")]
    public void SpoolsHoldMessagesWithoutEvents(string label)
    {
        var spool = CatalogKinds.Find(label)!;
        Assert.That(spool.IsSpool, Is.True);
        Assert.That(spool.HasEvents, Is.False);
        Assert.That(spool.FrameZeroContentType, Is.EqualTo("application/mmm-catalog"));
        Assert.That(spool.Allows("MessageComplete"), Is.True);
        Assert.That(spool.Allows("CatalogedContact"), Is.False);
    }

    [Test]
    public void FifteenStoresAreKnown()
    {
        Assert.That(CatalogKinds.All, Has.Count.EqualTo(15));
        Assert.That(CatalogKinds.All.Select(k => k.FileName), Is.Unique);
    }

    [Test]
    public void TheDraftsCatalogEntryDeviceIsCatalogedDeviceAndRecryptIsTheServicedDecryptionCapability()
    {
        Assert.That(EntryTypes.ByTag("CatalogedDevice")!.DraftName, Is.EqualTo("CatalogEntryDevice"));
        Assert.That(EntryTypes.ByTag("CatalogedPending")!.DraftName, Is.EqualTo("PendingConnection"));
        Assert.That(EntryTypes.ByTag("CatalogedStandard")!.DraftName, Does.Contain("DeviceConnection").And.Contain("AdminConnection"));
        Assert.That(EntryTypes.CapabilityByTag("CapabilityDecryptServiced")!.DraftName, Does.Contain("CatalogRecrypt"));
        Assert.That(EntryTypes.CapabilityByTag("CapabilityDecryptServiced")!.Fields, Does.Contain("AuthenticationId").And.Contain("EnvelopedKeyShare"));
    }

    [Test]
    public void FindIsCaseSensitiveAndReturnsNullForUnknownNames()
    {
        Assert.That(CatalogKinds.Find("mmm_device"), Is.Null);
        Assert.That(CatalogKinds.Find("MMM_Nothing"), Is.Null);
    }
}
