using System.Text;
using MeshConformance.Layout;
using NUnit.Framework;

namespace MeshConformance.Tests.Layout.Tests;

public class DialectFileTests
{
    [Test]
    public void BothDialectsAreEmbeddedAndValid()
    {
        Assert.That(LayoutDialects.All.Select(d => d.Id), Is.EqualTo(new[] { "draft-06", "reference" }));
        foreach (var dialect in LayoutDialects.All)
        {
            Assert.That(dialect.CaseSensitive, Is.True, dialect.Id);
            Assert.That(dialect.Sources, Is.Not.Empty, dialect.Id);
            Assert.That(dialect.Roots[MeshPlatform.Windows], Is.EqualTo(@"%APPDATA%\Mesh"), dialect.Id);
            Assert.That(dialect.Roots[MeshPlatform.Linux], Is.EqualTo("~/.Mesh"), dialect.Id);
            Assert.That(dialect.Roots[MeshPlatform.MacOS], Is.EqualTo("~/.Mesh"), dialect.Id);
        }
    }

    [Test]
    public void TheEmbeddedCopyIsTheFileInVectors()
    {
        foreach (var dialect in LayoutDialects.All)
        {
            var fromFile = LayoutDialects.LoadFile(RepositoryPaths.Vectors("layouts", dialect.Id + ".json"));
            Assert.That(fromFile.AllEntries.Select(e => e.Display), Is.EqualTo(dialect.AllEntries.Select(e => e.Display)), dialect.Id);
        }
    }

    [Test]
    public void ReferenceDialectHasTheReferenceNames()
    {
        var reference = LayoutDialects.Reference;
        var profiles = reference.Entries.Single(e => e.Name == "Profiles");
        var host = profiles.Entries.Single(e => e.Name == "host.dare");
        Assert.That((host.Role, host.Requirement, host.ContainerType, host.ContentType),
            Is.EqualTo(((EntryRole?)EntryRole.Expected, (Requirement?)Requirement.Must, "Merkle", "application/mmm-host")));
        var account = profiles.Entries.Single(e => e.Pattern == "{account-udf}");
        var stores = account.Entries.ToDictionary(e => e.Name!);
        Assert.That(stores.Keys, Is.EquivalentTo(TempTree.ReferenceUserStores.Concat(["MMM_Access.dcat", "MMM_Member.dcat"])));
        Assert.That(stores.Values.Select(s => s.ContentType).Distinct(), Is.EqualTo(new[] { "application/mmm-catalog" }));
        Assert.That(stores["MMM_Contact.dcat"].RoleFor(AccountKind.User), Is.EqualTo(EntryRole.Expected));
        Assert.That(stores["MMM_Access.dcat"].RoleFor(AccountKind.User), Is.EqualTo(EntryRole.Optional));
        Assert.That(stores["MMM_Member.dcat"].RoleFor(AccountKind.Group), Is.EqualTo(EntryRole.Expected));
        Assert.That(stores["MMM_Member.dcat"].RoleFor(AccountKind.User), Is.Null);
        Assert.That(profiles.Entries.Where(e => e.Role == EntryRole.Informational).Select(e => e.Name), Is.EquivalentTo(new[] { "Master.cat", "Hosts", "Service" }));
        var keys = reference.Entries.Single(e => e.Name == "Keys");
        Assert.That(keys.Entries.Single().Pattern, Is.EqualTo("{key-udf}"));
    }

    [Test]
    public void Draft06DialectHasTheDraftNamesAndOptionalOnes()
    {
        var draft = LayoutDialects.Draft06;
        Assert.That(draft.Entries.Select(e => e.Display), Is.EqualTo(new[] { "host.dare", "{account-udf}.dcat", "{account-udf}", ".mesh-lock", "Keys" }));
        var account = draft.Entries.Single(e => e.Pattern == "{account-udf}");
        var expected = account.Entries.Where(e => e.RoleFor(AccountKind.User) == EntryRole.Expected).Select(e => e.Name);
        Assert.That(expected, Is.EquivalentTo(new[] { "CatalogApplication.dcat", "CatalogContact.dcat" }));
        Assert.That(account.Entries.Single(e => e.Purpose == EntryPurpose.Recrypt).Name, Is.EqualTo("CatalogRecrypt.dcat"));
        Assert.That(draft.AccountKinds, Is.EquivalentTo(new[] { AccountKind.User }));
    }

    private const string Minimal = """
        { "schema": 1, "id": "mine", "description": "d", "caseSensitive": true,
          "sources": [ { "what": "w", "where": "x" } ],
          "roots": { "windows": "%APPDATA%\\Mesh", "linux": "~/.Mesh", "macos": "~/.Mesh" },
          "entries": [ ENTRY ] }
        """;

    private static LayoutDialect ParseWith(string entry) =>
        LayoutDialects.Parse(Encoding.UTF8.GetBytes(Minimal.Replace("ENTRY", entry)), "mine.json");

    [Test]
    public void AMinimalUserDialectParses()
    {
        var dialect = ParseWith("""{ "name": "host.dare", "kind": "file", "role": "expected", "requirement": "MUST", "what": "host" }""");
        Assert.That(dialect.Id, Is.EqualTo("mine"));
        Assert.That(dialect.Entries.Single().Requirement, Is.EqualTo(Requirement.Must));
    }

    [TestCase("""{ "name": "host.dare", "kind": "fil", "role": "expected", "requirement": "MUST", "what": "host" }""", "$.entries[0].kind")]
    [TestCase("""{ "name": "host.dare", "kind": "file", "role": "expected", "what": "host" }""", "needs \"requirement\"")]
    [TestCase("""{ "name": "host.dare", "kind": "file", "role": "optional", "requirment": "MUST", "what": "host" }""", "unknown property \"requirment\"")]
    [TestCase("""{ "name": "host.dare", "kind": "file", "role": "optional", "what": "hosts" }""", "$.entries[0].what")]
    [TestCase("""{ "name": "a/b", "kind": "file", "role": "optional", "what": "host" }""", "$.entries[0].name")]
    [TestCase("""{ "pattern": "{account}", "kind": "directory", "role": "optional", "what": "account" }""", "$.entries[0].pattern")]
    [TestCase("""{ "pattern": "{account-udf}", "kind": "directory", "role": "optional", "what": "account" }""", "uses \"roles\"")]
    [TestCase("""{ "pattern": "{key-udf}", "kind": "file", "role": "expected", "requirement": "MUST", "what": "key" }""", "cannot be expected")]
    [TestCase("""{ "name": "x.dcat", "kind": "file", "role": "optional", "what": "host", "entries": [] }""", "only a directory has entries")]
    [TestCase("""{ "name": "x", "kind": "file", "role": "optional", "what": "host" }, { "name": "X", "kind": "file", "role": "optional", "what": "host" }""", "appears more than once")]
    public void BrokenDialectsGiveAClearErrorNamingThePlace(string entry, string expectedText)
    {
        var error = Assert.Throws<LayoutDialectException>(() => ParseWith(entry))!;
        Assert.That(error.Message, Does.StartWith("mine.json: "));
        Assert.That(error.Message, Does.Contain(expectedText));
        Assert.That(error.Message, Does.Not.Contain("   at "), "a message, not a stack trace");
    }

    [Test]
    public void MalformedJsonNamesTheLine()
    {
        var error = Assert.Throws<LayoutDialectException>(() => LayoutDialects.Parse("{\n \"schema\": 1,\n oops }"u8, "bad.json"))!;
        Assert.That(error.Message, Does.StartWith("bad.json: not valid JSON (line 3"));
    }

    [Test]
    public void WrongSchemaVersionAndMissingRootsAreRejected()
    {
        Assert.That(() => LayoutDialects.Parse(Encoding.UTF8.GetBytes(Minimal.Replace("\"schema\": 1", "\"schema\": 2").Replace("ENTRY",
            """{ "name": "h", "kind": "file", "role": "optional", "what": "host" }""")), "v.json"),
            Throws.TypeOf<LayoutDialectException>().With.Message.Contains("schema version 2"));
        Assert.That(() => LayoutDialects.Parse(Encoding.UTF8.GetBytes(Minimal.Replace("\"macos\": \"~/.Mesh\"", "\"mac\": \"~\"").Replace("ENTRY",
            """{ "name": "h", "kind": "file", "role": "optional", "what": "host" }""")), "r.json"),
            Throws.TypeOf<LayoutDialectException>().With.Message.Contains("$.roots: unknown property \"mac\""));
    }

    [Test]
    public void AMissingFileAndAnUnknownIdGiveClearErrors()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dialect-" + Guid.NewGuid().ToString("N") + ".json");
        Assert.That(() => LayoutDialects.LoadFile(missing),
            Throws.TypeOf<LayoutDialectException>().With.Message.StartsWith(missing + ": cannot read the dialect file"));
        Assert.That(() => LayoutDialects.Load("draft-07"),
            Throws.TypeOf<LayoutDialectException>().With.Message.Contains("known: draft-06, reference"));
    }
}
