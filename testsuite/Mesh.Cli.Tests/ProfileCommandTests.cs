using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace MeshConformance.Tests.Cli;

/// <summary>`generate-profile` and `profile` as users and CI run them: exit codes, stderr, and the documented JSON.</summary>
public class ProfileCommandTests
{
    private string dir = "";

    [SetUp]
    public void CreateDirectory() => dir = Directory.CreateTempSubdirectory("mesh-cli-profile-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(dir, recursive: true);

    private string Generate(string name, params string[] options)
    {
        var output = Path.Combine(dir, name);
        var result = CliRunner.Run(["generate-profile", "--out", output, .. options]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        return output;
    }

    private static JsonNode ProfileJson(params string[] args)
    {
        var result = CliRunner.Run(["profile", .. args, "--json"]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stdout + result.Stderr);
        return JsonNode.Parse(result.Stdout)!;
    }

    private static Dictionary<string, string> Tree(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static void AssertOneLineError(CliRunner.Result result, string mentioning)
    {
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Stdout + result.Stderr);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), result.Stderr);
        Assert.That(lines[0], Does.StartWith("mesh-conform: ").And.Contain(mentioning));
        Assert.That(result.Stderr, Does.Not.Contain(" at MeshConformance").And.Not.Contain("Exception"), "no stack trace");
    }

    // ---- generate-profile ----

    [Test]
    public void GenerateProfileWithTheSameSeedTwiceWritesIdenticalTrees()
    {
        var a = Generate("a", "--seed", "9", "--accounts", "2", "--entries", "3");
        var b = Generate("b", "--seed", "9", "--accounts", "2", "--entries", "3");
        var first = Tree(a);
        // host.dare and two accounts of 13 stores, plus their key files.
        Assert.That(first.Keys.Count(k => k.EndsWith(".dcat", StringComparison.Ordinal)), Is.EqualTo(2 * 13));
        Assert.That(Tree(b), Is.EqualTo(first));
    }

    [Test]
    public void GenerateProfileRefusesANonEmptyOutputDirectoryAndLeavesItAlone()
    {
        var output = Path.Combine(dir, "occupied");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "mine.txt"), "somebody's file");

        AssertOneLineError(CliRunner.Run("generate-profile", "--out", output), "not empty");
        Assert.That(Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName), Is.EqualTo(new[] { "mine.txt" }));
        Assert.That(File.ReadAllText(Path.Combine(output, "mine.txt")), Is.EqualTo("somebody's file"));
    }

    [TestCase("0")]
    [TestCase("101")]
    [TestCase("-3")]
    public void GenerateProfileRejectsAnAccountCountOutOfRange(string accounts)
    {
        var output = Path.Combine(dir, "out");
        AssertOneLineError(CliRunner.Run("generate-profile", "--out", output, "--accounts", accounts), "--accounts");
        Assert.That(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), Is.False, "nothing was written");
    }

    [Test]
    public void GenerateProfileRejectsAnAccountCountThatIsNoNumber()
    {
        var output = Path.Combine(dir, "out");
        var result = CliRunner.Run("generate-profile", "--out", output, "--accounts", "many");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Stderr);
        Assert.That(result.Stderr, Does.StartWith("mesh-conform: ").And.Contain("many"));
        Assert.That(result.Stderr, Does.Not.Contain(" at MeshConformance"));
        Assert.That(Directory.Exists(output), Is.False);
    }

    // ---- profile ----

    [Test]
    public void ProfileOfAFreshProfileExitsZero()
    {
        var root = Generate("mesh", "--seed", "4");
        var result = CliRunner.Run("profile", root);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stdout + result.Stderr);
        Assert.That(result.Stdout, Does.Contain("dialect  reference").And.Contain("no problems found"));
        Assert.That(result.Stderr, Is.Empty);
    }

    [Test]
    public void ProfileJsonHasTheDocumentedShape()
    {
        var root = Generate("mesh", "--seed", "4", "--accounts", "2");
        var json = ProfileJson(root);
        Assert.That(json["schemaVersion"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(json["dialect"]!.GetValue<string>(), Is.EqualTo("reference"));
        Assert.That(json["dialectForced"]!.GetValue<bool>(), Is.False);

        // The account UDFs are the directory names the generator made under Profiles/.
        var accountDirectories = Directory.GetDirectories(Path.Combine(root, "Profiles")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var accounts = json["accounts"]!.AsArray();
        Assert.That(accounts.Select(a => a!["udf"]!.GetValue<string>()).Order(StringComparer.Ordinal), Is.EqualTo(accountDirectories));
        foreach (var account in accounts)
        {
            var stores = account!["stores"]!.AsArray();
            Assert.That(stores, Has.Count.EqualTo(13));
            Assert.That(stores.Select(s => s!["name"]!.GetValue<string>()), Is.All.StartsWith("MMM_"));
            Assert.That(stores.Select(s => s!["path"]!.GetValue<string>()),
                Is.All.StartsWith($"Profiles/{account["udf"]!.GetValue<string>()}/MMM_"));
            // Every key is in Keys/, so every store is read to the entry level: entries is a number, never null.
            Assert.That(stores.Select(s => s!["entries"]?.GetValue<long>()), Is.All.Not.Null);
            Assert.That(stores.Single(s => s!["name"]!.GetValue<string>() == "MMM_Archive")!["entries"]!.GetValue<long>(), Is.Zero,
                "the generator writes no archived message");
        }
        var host = json["hostCatalog"]!;
        Assert.That(host["path"]!.GetValue<string>(), Is.EqualTo("Profiles/host.dare"));
        var hostEntries = host["hostEntries"]!.AsArray();
        Assert.That(hostEntries.Select(e => e!["type"]!.GetValue<string>()), Is.EqualTo(new[] { "CatalogedStandard", "CatalogedStandard" }),
            "one connection per account; the first account's pending request was replaced");
        Assert.That(hostEntries.Select(e => e!["key"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(2));
        Assert.That(json["findings"]!.AsArray().Select(f => f!["severity"]!.GetValue<string>()), Is.All.EqualTo("info"));
    }

    [Test]
    public void ProfileWithADamagedStoreExitsOneAndNamesIt()
    {
        var root = Generate("mesh", "--seed", "4");
        var contact = Directory.GetFiles(root, "MMM_Contact.dcat", SearchOption.AllDirectories).Single();
        File.WriteAllText(contact, "not a container");
        var relative = Path.GetRelativePath(root, contact).Replace('\\', '/');

        var result = CliRunner.Run("profile", root, "--json");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Stderr);
        var errors = JsonNode.Parse(result.Stdout)!["findings"]!.AsArray().Where(f => f!["severity"]!.GetValue<string>() == "error");
        Assert.That(errors.Select(f => f!["file"]?.GetValue<string>()), Does.Contain(relative));
        Assert.That(CliRunner.Run("profile", root).ExitCode, Is.EqualTo(1), "the text listing exits the same way");
    }

    [Test]
    public void ProfileOfAMissingDirectoryOrAFileExitsTwo()
    {
        AssertOneLineError(CliRunner.Run("profile", Path.Combine(dir, "absent")), "not a directory");
        var file = Path.Combine(dir, "plain.txt");
        File.WriteAllText(file, "x");
        AssertOneLineError(CliRunner.Run("profile", file, "--json"), "not a directory");
    }

    [Test]
    public void ProfileDialectOptionForcesTheDialect()
    {
        var root = Generate("mesh", "--seed", "4");
        var json = ProfileJson(root, "--dialect", "draft-06");
        Assert.That(json["dialect"]!.GetValue<string>(), Is.EqualTo("draft-06"));
        Assert.That(json["dialectForced"]!.GetValue<bool>(), Is.True);
        // Judged as draft-06, the reference's Profiles/ directory is no account and holds no draft-06 host catalog.
        Assert.That(json["accounts"]!.AsArray(), Is.Empty);
        Assert.That(json["hostCatalog"], Is.Null);
        AssertOneLineError(CliRunner.Run("profile", root, "--dialect", "draft-99"), "draft-99");
    }

    [Test]
    public void ProfileKeysOptionReadsEntriesFromAKeyDirectoryMovedAway()
    {
        var root = Generate("mesh", "--seed", "4");
        var moved = Path.Combine(dir, "moved-keys");
        Directory.Move(Path.Combine(root, "Keys"), moved);

        var withoutKeys = ProfileJson(root)["accounts"]![0]!["stores"]!.AsArray();
        var nonEmpty = withoutKeys.Where(s => s!["frames"]!.GetValue<long>() > 1).ToList();
        Assert.That(nonEmpty, Has.Count.EqualTo(12), "every store but the empty archive has payloads");
        Assert.That(nonEmpty.Select(s => s!["entries"]), Is.All.Null, "no keys: header level only");
        Assert.That(nonEmpty.Select(s => s!["framesNotDecrypted"]!.GetValue<long>()), Is.All.Positive);

        var withKeys = ProfileJson(root, "--keys", moved);
        Assert.That(withKeys["keysLoaded"]!.GetValue<int>(), Is.EqualTo(13), "one exchange key per store");
        var stores = withKeys["accounts"]![0]!["stores"]!.AsArray();
        Assert.That(stores.Select(s => s!["entries"]?.GetValue<long>()), Is.All.Not.Null);
        Assert.That(stores.Select(s => s!["framesNotDecrypted"]!.GetValue<long>()), Is.All.Zero);
    }
}
