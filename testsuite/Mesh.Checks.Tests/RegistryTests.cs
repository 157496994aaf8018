using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeshConformance.Checks;
using NUnit.Framework;

namespace MeshConformance.Tests.Checks;

/// <summary>
/// The requirement registry (vectors/requirements.json) against the code base and the seed draft: every code maps to
/// exactly one requirement and every mapped code exists, every normative statement of platform-06 is there with its
/// verbatim quote, the coverage figure is what a count gives, and a broken file is a clear error.
/// </summary>
public partial class RegistryTests
{
    private static readonly string RegistryFile = RepositoryPaths.Vectors("requirements.json");
    private static readonly string SeedDraftFile = RepositoryPaths.Vectors("specs", "draft-hallambaker-mesh-platform-06.txt");
    private static readonly string PaginatedSeedDraftFile = RepositoryPaths.Vectors("specs", "draft-hallambaker-mesh-platform-06.paginated.txt");

    private static RequirementRegistry Registry => RequirementRegistry.Default;

    private static IReadOnlyList<NormativeStatement> SeedStatements() => RegistryDraftText.NormativeStatements(RegistryDraftText.Read(SeedDraftFile));

    // ---- codes ----

    [Test]
    public void TheCodeBaseHasTheCodesThisTestExpectsToFind()
    {
        // Guards the reflection itself: an empty or tiny catalog would make the mapping tests pass vacuously.
        var codes = RegistryCodeCatalog.All;
        Assert.That(codes.Keys, Is.SupersetOf(new[]
        {
            "DARE-FRAME-TAG", "DARE-TORN-TAIL", "DARE-HEADER-NOT-OBJECT", "DARE-ENVELOPE-SYNTAX", "DARE-HEADER-TOO-LARGE",
            "CAT-EVENT-MISSING", "LAYOUT-DIALECT", "JSONB-UNKNOWN-TAG", "UDF-CHAR", "KEY-PLAINTEXT", "CHECK-UNMAPPED-CODE",
            "PROFILE-UNREADABLE", "VECTOR-KIND-UNKNOWN",
        }));
        Assert.That(codes, Has.Count.GreaterThan(150));
    }

    [Test]
    public void EveryCodeOfTheCodeBaseMapsToExactlyOneRequirement()
    {
        var problems = new List<string>();
        foreach (var (code, where) in RegistryCodeCatalog.All.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var owners = Registry.All.Where(r => r.Codes.Contains(code)).Select(r => r.Id).ToList();
            if (owners.Count != 1) problems.Add($"{code} ({where}) is mapped by {owners.Count} requirements: [{string.Join(", ", owners)}]");
            else if (Registry.ForCode(code)?.Id != owners[0]) problems.Add($"{code}: ForCode gives {Registry.ForCode(code)?.Id ?? "null"}, the file says {owners[0]}");
        }
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void EveryCodeInTheRegistryExistsInTheCodeBase()
    {
        var unknown = Registry.All
            .SelectMany(r => r.Codes.Select(code => (r.Id, code)))
            .Where(x => !RegistryCodeCatalog.All.ContainsKey(x.code))
            .Select(x => $"{x.Id} lists {x.code}, which no code of src/ defines (a typo, or a code that was removed)")
            .ToList();
        Assert.That(unknown, Is.Empty, string.Join("\n", unknown));
        Assert.That(Registry.Codes, Is.EquivalentTo(RegistryCodeCatalog.All.Keys));
    }

    [Test]
    public void NoCodeShapedConstantHidesOutsideTheClassesThisTestReflectsOver()
    {
        // A new `const string X = "DARE-…"` in some reader class would otherwise be emitted but never mapped.
        var prefixes = RegistryCodeCatalog.All.Keys.Select(c => c[..c.IndexOf('-')]).ToHashSet(StringComparer.Ordinal);
        var missed = RegistryCodeCatalog.CodeShapedConstantsInSource(prefixes)
            .Where(c => !RegistryCodeCatalog.All.ContainsKey(c.Code))
            .Select(c => $"{c.File}: {c.Code} (add it to RegistryCodeCatalog.ExtraConstants and to the registry)")
            .ToList();
        Assert.That(missed, Is.Empty, string.Join("\n", missed));
    }

    [Test]
    public void TheRunnerCodesMapToTheirIntendedRequirements()
    {
        Assert.Multiple(() =>
        {
            var keyStorage = Registry.ForCode(CheckCodes.KeyPlaintext)!;
            Assert.That(keyStorage.Id, Is.EqualTo("PLAT-1-PLATFORM-KEY-STORAGE"));
            Assert.That(keyStorage.Level, Is.EqualTo(RequirementLevel.Should));
            Assert.That(keyStorage.Spec, Is.EqualTo(new SpecReference("draft-hallambaker-mesh-platform", "06", "1")));

            foreach (var code in new[] { CheckCodes.KeyPermissions, CheckCodes.KeyDirectoryPermissions, CheckCodes.KeyOwner })
            {
                var ownerOnly = Registry.ForCode(code)!;
                Assert.That(ownerOnly.Id, Is.EqualTo("BIND-G-2-KEY-FILES-OWNER-ONLY"), code);
                Assert.That(ownerOnly.Level, Is.EqualTo(RequirementLevel.Must), code);
                Assert.That(ownerOnly.Spec.Document, Is.EqualTo("bindings.md"), code);
            }

            var format = Registry.ForCode(CheckCodes.KeyUnparsable)!;
            Assert.That(format.Id, Is.EqualTo("BIND-G-2-KEY-FILE-FORMAT"));
            Assert.That(format.Spec.Document, Is.EqualTo("bindings.md"));

            Assert.That(Registry.ForCode(CheckCodes.UnmappedCode)!.Id, Is.EqualTo(RequirementRegistry.InternalRequirementId));
            Assert.That(RequirementRegistry.InternalRequirementId, Is.EqualTo("CHECKER-INTERNAL"));
        });
    }

    [TestCase("LAYOUT-DIALECT")]
    [TestCase("LAYOUT-DIALECT-UNDECIDED")]
    [TestCase("LAYOUT-INFORMATIONAL")]
    [TestCase("DARE-DIGEST-DIALECT")]
    [TestCase("DARE-LENGTH-NOT-SHORTEST")]
    [TestCase("DARE-BASE64-WRAPPED")]
    [TestCase("DARE-META-FRAME")]
    [TestCase("CAT-HEADER-LEVEL-ONLY")]
    [TestCase("CAT-FINDINGS-TRUNCATED")]
    public void InformationalCodesMapToMayRequirementsSoTheyNeverFailARun(string code) =>
        Assert.That(Registry.ForCode(code)!.Level, Is.EqualTo(RequirementLevel.May));

    [Test]
    public void UnknownIdsAndCodesGiveNull()
    {
        Assert.That(Registry.ById("NO-SUCH-REQUIREMENT"), Is.Null);
        Assert.That(Registry.ForCode("NO-SUCH-CODE"), Is.Null);
        Assert.That(Registry.ById("PLAT-3.2-APPEND-LOCK")!.Level, Is.EqualTo(RequirementLevel.Must));
    }

    // ---- ids and shape ----

    [Test]
    public void IdsAreUniqueAndWellFormed()
    {
        var ids = Registry.All.Select(r => r.Id).ToList();
        Assert.That(ids, Is.Unique);
        Assert.That(ids.Where(id => !IdPattern().IsMatch(id)), Is.Empty);
        Assert.That(ids.All(id => Registry.ById(id)!.Id == id));
    }

    [Test]
    public void EveryRequirementHasTextAHintAndAnHonestAutomatedFlag()
    {
        Assert.Multiple(() =>
        {
            foreach (var r in Registry.All)
            {
                Assert.That(r.Text, Is.Not.Empty, r.Id);
                Assert.That(r.Text, Does.Not.Contain("\n"), $"{r.Id}: text is one line");
                Assert.That(r.Hint, Is.Not.Null.And.Not.Empty, $"{r.Id}: a hint tells an implementer how to fix it");
                Assert.That(r.Automated, Is.EqualTo(r.Codes.Count > 0), $"{r.Id}: automated exactly when a code checks it");
            }
        });
    }

    [Test]
    public void TheEmbeddedRegistryIsTheFileInVectors()
    {
        var fromFile = RequirementRegistry.Load(RegistryFile);
        Assert.That(Registry.All, Is.EqualTo(fromFile.All).Using<Requirement>(SameRequirement));
        Assert.That(Registry.SeedDraft, Is.EqualTo(fromFile.SeedDraft));
    }

    private static bool SameRequirement(Requirement a, Requirement b) =>
        a with { Codes = [] } == b with { Codes = [] } && a.Codes.SequenceEqual(b.Codes);

    // ---- the seed draft ----

    [Test]
    public void TheSeedDraftTheRegistryNamesIsTheCopyInVectors()
    {
        Assert.That(Registry.SeedDraft.Document, Is.EqualTo("draft-hallambaker-mesh-platform"));
        Assert.That(Registry.SeedDraft.Version, Is.EqualTo("06"));
        Assert.That(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(RegistryFile)!, Registry.SeedDraft.File)), Is.EqualTo(Path.GetFullPath(SeedDraftFile)));
        Assert.That(File.Exists(SeedDraftFile));
    }

    [Test]
    public void TheExtractionFindsTheStatementsAPersonFinds()
    {
        // Guards the extraction itself: the four sentences of platform-06 with RFC 2119 keywords outside §2.1.
        Assert.That(SeedStatements().Select(s => $"{s.Section} {s.Level}"),
            Is.EqualTo(new[] { "3.1.1 Should", "3.2 Must", "3.2 Should", "3.2 Must" }));
    }

    [Test]
    public void EveryNormativeStatementOfTheSeedDraftIsAQuoteOfTheRegistryAndViceVersa()
    {
        var extracted = SeedStatements();
        var normative = Registry.All.Where(r => r.Normative).ToList();
        Assert.Multiple(() =>
        {
            foreach (var statement in extracted)
            {
                var match = normative.Where(r => r.Quote == statement.Sentence).ToList();
                Assert.That(match, Has.Count.EqualTo(1), $"§{statement.Section} \"{statement.Sentence}\" needs exactly one normative requirement quoting it");
                if (match.Count != 1) continue;
                Assert.That(match[0].Spec.Section, Is.EqualTo(statement.Section), match[0].Id);
                Assert.That(match[0].Level, Is.EqualTo(statement.Level), match[0].Id);
                Assert.That(match[0].Id, Does.StartWith($"PLAT-{statement.Section}-"), match[0].Id);
            }
            foreach (var requirement in normative)
            {
                Assert.That(extracted.Select(s => s.Sentence), Does.Contain(requirement.Quote),
                    $"{requirement.Id} is marked normative but its quote is not a normative statement of the seed draft");
            }
        });
    }

    [Test]
    public void ThePaginatedRenderingHasNoStatementTheRegistryLacks()
    {
        // The IETF plain-text rendering drops the description lists of §3.1/§3.1.1; whatever it keeps must be covered too.
        var paginated = RegistryDraftText.NormativeStatements(RegistryDraftText.Read(PaginatedSeedDraftFile));
        Assert.That(paginated, Is.Not.Empty);
        var quotes = Registry.All.Where(r => r.Normative).Select(r => r.Quote).ToList();
        Assert.That(paginated.Select(s => s.Sentence).Where(s => !quotes.Contains(s)), Is.Empty);
    }

    [Test]
    public void EveryQuoteAppearsVerbatimInTheDraftItCites()
    {
        var problems = new List<string>();
        foreach (var requirement in Registry.All.Where(r => r.Quote is not null))
        {
            var spec = requirement.Spec;
            var file = RepositoryPaths.Vectors("specs", $"{spec.Document}-{spec.Version}.txt");
            if (!File.Exists(file))
            {
                problems.Add($"{requirement.Id}: quotes {spec.Display}, but vectors/specs has no copy of it");
                continue;
            }
            var text = RegistryDraftText.Normalize(RegistryDraftText.Read(file));
            if (!text.Contains(RegistryDraftText.Normalize(requirement.Quote!), StringComparison.Ordinal))
            {
                problems.Add($"{requirement.Id}: its quote is not in {Path.GetFileName(file)}");
            }
        }
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void CoverageIsWhatACountGives()
    {
        var statements = SeedStatements().Select(s => s.Sentence).ToHashSet(StringComparer.Ordinal);
        var automated = Registry.All.Count(r => r.Quote is not null && statements.Contains(r.Quote) && r.Automated && r.Codes.Count > 0);
        var coverage = Registry.Coverage;
        Assert.That(coverage.NormativeStatements, Is.EqualTo(statements.Count));
        Assert.That(coverage.Automated, Is.EqualTo(automated));
        Assert.That(coverage.Percent, Is.EqualTo(statements.Count == 0 ? 0 : 100.0 * automated / statements.Count).Within(1e-9));
    }

    [Test]
    public void CoverageOfNothingIsZeroPercent() =>
        Assert.That(RequirementCoverage.Of(0, 0), Is.EqualTo(new RequirementCoverage(0, 0, 0)));

    // ---- broken files ----

    [Test]
    public void AFileThatIsNotJsonIsAClearError()
    {
        using var dir = new TempDirectory("registry");
        var path = dir.Sub("requirements.json");
        File.WriteAllText(path, "{\n  \"schemaVersion\": 1,\n  \"requirements\": [ {\"id\": \"X\" \n");
        var error = Assert.Throws<RequirementRegistryException>(() => RequirementRegistry.Load(path))!;
        Assert.That(error.File, Is.EqualTo(path));
        Assert.That(error.Message, Does.StartWith(path + ": ").And.Contain("not valid JSON at line"));
        Assert.That(error.Message, Does.Not.Contain(" at MeshConformance").And.Not.Contain("   at "));
    }

    [Test]
    public void AMissingFileIsAClearError()
    {
        using var dir = new TempDirectory("registry");
        var path = dir.Sub("absent.json");
        var error = Assert.Throws<RequirementRegistryException>(() => RequirementRegistry.Load(path))!;
        Assert.That(error.Message, Does.StartWith(path + ": $: cannot read the registry file"));
    }

    private static IEnumerable<TestCaseData> Breakages()
    {
        static TestCaseData Case(string name, Action<JsonObject> breakIt, string path, string words) =>
            new TestCaseData(breakIt, path, words).SetName($"BrokenRegistry_{name}");

        JsonObject First(JsonObject root) => root["requirements"]!.AsArray()[0]!.AsObject();
        JsonObject Second(JsonObject root) => root["requirements"]!.AsArray()[1]!.AsObject();

        yield return Case("UnknownLevel", r => First(r)["level"] = "MUSt", "$.requirements[0].level", "unknown level \"MUSt\"");
        yield return Case("LevelNotAString", r => First(r)["level"] = 3, "$.requirements[0].level", "must be a string");
        yield return Case("DuplicateId", r => Second(r)["id"] = First(r)["id"]!.GetValue<string>(), "$.requirements[1].id", "first at $.requirements[0]");
        yield return Case("BadIdShape", r => First(r)["id"] = "plat-3.2", "$.requirements[0].id", "is not a requirement id");
        yield return Case("CodeMappedTwice", r =>
        {
            First(r)["codes"] = new JsonArray("DUPLICATED-CODE");
            Second(r)["codes"] = new JsonArray("DUPLICATED-CODE");
        }, "$.requirements[1].codes[0]", "code \"DUPLICATED-CODE\" is mapped by both \"PLAT-3.1.1-PENDING-DELETE\" and \"PLAT-3.2-APPEND-LOCK\"");
        yield return Case("CodeTwiceInOneRequirement", r => First(r)["codes"] = new JsonArray("SAME-CODE", "SAME-CODE"),
            "$.requirements[0].codes[1]", "listed twice");
        yield return Case("BadCodeShape", r => First(r)["codes"] = new JsonArray("dare-frame-tag"), "$.requirements[0].codes[0]", "is not a diagnostic code");
        yield return Case("MissingText", r => First(r).Remove("text"), "$.requirements[0].text", "required member is missing");
        yield return Case("MisspeltMember", r => First(r)["hnit"] = "x", "$.requirements[0].hnit", "unknown member");
        yield return Case("NormativeWithoutQuote", r => First(r).Remove("quote"), "$.requirements[0].quote", "needs its verbatim quote");
        yield return Case("AutomatedWithoutCodes", r => First(r)["automated"] = true, "$.requirements[0].automated", "lists no codes");
        yield return Case("WrongSchemaVersion", r => r["schemaVersion"] = 2, "$.schemaVersion", "must be 1");
        yield return Case("NoInternalRequirement", r =>
        {
            var list = r["requirements"]!.AsArray();
            list.Remove(list.First(x => x!["id"]!.GetValue<string>() == RequirementRegistry.InternalRequirementId));
        }, "$.requirements", "no requirement \"CHECKER-INTERNAL\"");
    }

    [TestCaseSource(nameof(Breakages))]
    public void ABrokenRegistryNamesTheFileAndTheJsonPath(Action<JsonObject> breakIt, string jsonPath, string words)
    {
        var root = JsonNode.Parse(File.ReadAllText(RegistryFile))!.AsObject();
        breakIt(root);
        using var dir = new TempDirectory("registry");
        var path = dir.Sub("requirements.json");
        File.WriteAllText(path, root.ToJsonString());

        var error = Assert.Throws<RequirementRegistryException>(() => RequirementRegistry.Load(path))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.File, Is.EqualTo(path));
            Assert.That(error.JsonPath, Is.EqualTo(jsonPath));
            Assert.That(error.Message, Does.StartWith($"{path}: {jsonPath}: "));
            Assert.That(error.Problem, Does.Contain(words));
        });
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9.-]*$")]
    private static partial Regex IdPattern();
}
