using System.Diagnostics;
using MeshConformance.Core;
using MeshConformance.Layout;
using NUnit.Framework;

namespace MeshConformance.Tests.Layout.Tests;

public class LayoutClassifierTests
{
    private static readonly string Alice = TempTree.Udf("alice");
    private static readonly string Bob = TempTree.Udf("bob");

    private static IEnumerable<Finding> Problems(LayoutReport report) => report.Findings.Where(f => f.Severity != Severity.Info);

    private static string Codes(LayoutReport report) => string.Join("; ", report.Findings);

    [Test]
    public void TheTestUdfsLookLikeTheReferencesAccountNames()
    {
        Assert.That(Alice, Has.Length.EqualTo(34));
        Assert.That(Alice, Does.StartWith("M"));
        Assert.That(UdfNames.Check(Alice), Is.EqualTo(UdfNameStatus.Valid));
        Assert.That(UdfNames.Check(Alice.ToLowerInvariant()), Is.EqualTo(UdfNameStatus.WrongCase));
        Assert.That(UdfNames.Check("CATALOGS"), Is.EqualTo(UdfNameStatus.Invalid), "Base32 letters, but no content-digest UDF");
        Assert.That(UdfNames.Check(Alice.Replace("-", "")), Is.EqualTo(UdfNameStatus.Invalid), "dashes are part of the presentation");
    }

    [Test]
    public void ACompleteReferenceTreeIsReferenceAndClean()
    {
        using var tree = new TempTree().ReferenceUser(Alice);
        var report = LayoutClassifier.Classify(tree.Root);
        Assert.That(report.Dialect.Id, Is.EqualTo("reference"), Codes(report));
        Assert.That(report.DialectForced, Is.False);
        Assert.That(report.Scores, Is.EqualTo(new[] { new DialectScore("draft-06", 0), new DialectScore("reference", 13) }));
        Assert.That(Problems(report), Is.Empty, Codes(report));
        Assert.That(report.Findings.Single().Code, Is.EqualTo(LayoutCodes.Dialect));
        Assert.That(report.HostCatalogPath, Is.EqualTo("Profiles/host.dare"));
        var account = report.Accounts.Single();
        Assert.That((account.DirectoryName, account.RelativePath, account.DirectoryPresent, account.IsValidUdf, account.Kind),
            Is.EqualTo((Alice, $"Profiles/{Alice}", true, true, AccountKind.User)));
        Assert.That(account.Stores.Select(s => s.FileName), Is.EquivalentTo(TempTree.ReferenceUserStores));
        Assert.That(account.MissingExpectedStores, Is.Empty);
        var contact = account.Stores.Single(s => s.Purpose == EntryPurpose.Contact);
        Assert.That(contact, Is.EqualTo(new StoreReport("MMM_Contact", "MMM_Contact.dcat", $"Profiles/{Alice}/MMM_Contact.dcat",
            EntryRole.Expected, EntryPurpose.Contact, "Merkle", "application/mmm-catalog")));
        Assert.That(report.KeyFiles, Is.EqualTo(new[] { new KeyFileReport(Alice, $"Keys/{Alice}", true) }));
        Assert.That(report.UnknownEntries, Is.Empty);
    }

    [Test]
    public void ACompleteDraftTreeIsDraft06AndClean()
    {
        using var tree = new TempTree().DraftAccount(Alice).File($"{Alice}/CatalogRecrypt.dcat").File($"Keys/{Alice}");
        var report = LayoutClassifier.Classify(tree.Root);
        Assert.That(report.Dialect.Id, Is.EqualTo("draft-06"), Codes(report));
        Assert.That(report.Scores, Is.EqualTo(new[] { new DialectScore("draft-06", 4), new DialectScore("reference", 0) }));
        Assert.That(Problems(report), Is.Empty, Codes(report));
        Assert.That(report.HostCatalogPath, Is.EqualTo("host.dare"));
        var account = report.Accounts.Single();
        Assert.That((account.RelativePath, account.Kind, account.IsValidUdf), Is.EqualTo((Alice, AccountKind.User, true)));
        Assert.That(account.Stores.Select(s => (s.Label, s.RelativePath)), Is.EquivalentTo(new[]
        {
            ("CatalogDevice", $"{Alice}.dcat"), ("CatalogApplication", $"{Alice}/CatalogApplication.dcat"),
            ("CatalogContact", $"{Alice}/CatalogContact.dcat"), ("CatalogRecrypt", $"{Alice}/CatalogRecrypt.dcat"),
        }));
        Assert.That(account.Stores.Single(s => s.Label == "CatalogRecrypt").Role, Is.EqualTo(EntryRole.Optional));
        Assert.That(report.KeyFiles.Single().IsValidUdf, Is.True);
    }

    [Test]
    public void AnEmptyDirectoryIsUndecidedAndCheckedAsReference()
    {
        using var tree = new TempTree();
        var report = LayoutClassifier.Classify(tree.Root);
        Assert.That(report.Dialect.Id, Is.EqualTo("reference"));
        Assert.That(report.Findings.Select(f => (f.Code, f.Severity, f.File)), Is.EqualTo(new[]
        {
            (LayoutCodes.DialectUndecided, Severity.Info, "."),
            (LayoutCodes.Missing, Severity.Error, "Profiles"),
            (LayoutCodes.Missing, Severity.Warning, "Keys"),
        }));
    }

    [Test]
    public void AForcedDialectWins()
    {
        using var tree = new TempTree().ReferenceUser(Alice);
        var report = LayoutClassifier.Classify(tree.Root, LayoutDialects.Draft06);
        Assert.That((report.Dialect.Id, report.DialectForced), Is.EqualTo(("draft-06", true)));
        // In draft-06 terms the reference's Profiles directory is another dialect's name, and host.dare is missing.
        Assert.That(report.Findings.Select(f => (f.Code, f.File)), Is.EqualTo(new[]
        {
            (LayoutCodes.Dialect, "."), (LayoutCodes.MixedDialect, "Profiles"), (LayoutCodes.Missing, "host.dare"),
        }));
        Assert.That(report.KeyFiles.Single().Name, Is.EqualTo(Alice), "Keys is shared by both dialects");
    }

    [Test]
    public void MissingExpectedStoresAreListedWithTheirSeverity()
    {
        using var tree = new TempTree().ReferenceUser(Alice, "MMM_Contact.dcat", "MMM_Archive.dcat");
        var report = LayoutClassifier.Classify(tree.Root);
        var account = report.Accounts.Single();
        Assert.That(account.MissingExpectedStores.Select(s => s.RelativePath),
            Is.EqualTo(new[] { $"Profiles/{Alice}/MMM_Contact.dcat", $"Profiles/{Alice}/MMM_Archive.dcat" }));
        Assert.That(Problems(report).Select(f => (f.Code, f.Severity, f.File)), Is.EqualTo(new[]
        {
            (LayoutCodes.Missing, Severity.Warning, $"Profiles/{Alice}/MMM_Contact.dcat"),
            (LayoutCodes.Missing, Severity.Warning, $"Profiles/{Alice}/MMM_Archive.dcat"),
        }));
    }

    [Test]
    public void AMissingHostCatalogIsAnErrorInTheReferenceAndAWarningInTheDraft()
    {
        using var reference = new TempTree().ReferenceUser(Alice);
        File.Delete(reference.PathOf("Profiles/host.dare"));
        var referenceFinding = LayoutClassifier.Classify(reference.Root).Findings.Single(f => f.Code == LayoutCodes.Missing);
        Assert.That((referenceFinding.Severity, referenceFinding.File), Is.EqualTo((Severity.Error, "Profiles/host.dare")));

        using var draft = new TempTree().DraftAccount(Alice);
        File.Delete(draft.PathOf("host.dare"));
        var draftFinding = LayoutClassifier.Classify(draft.Root).Findings.Single(f => f.Code == LayoutCodes.Missing);
        Assert.That((draftFinding.Severity, draftFinding.File), Is.EqualTo((Severity.Warning, "host.dare")));
    }

    [TestCase("mmm_contact.dcat")]
    [TestCase("MMM_contact.dcat")]
    [TestCase("MMM_CONTACT.DCAT")]
    public void AWrongCaseStoreNameIsAnErrorAndTheStoreCountsAsMissing(string name)
    {
        using var tree = new TempTree().ReferenceUser(Alice, "MMM_Contact.dcat").File($"Profiles/{Alice}/{name}");
        var report = LayoutClassifier.Classify(tree.Root);
        Assert.That(Problems(report).Select(f => (f.Code, f.Severity, f.File)), Is.EqualTo(new[]
        {
            (LayoutCodes.WrongCase, Severity.Error, $"Profiles/{Alice}/{name}"),
            (LayoutCodes.Missing, Severity.Warning, $"Profiles/{Alice}/MMM_Contact.dcat"),
        }), Codes(report));
        Assert.That(report.Findings.Single(f => f.Code == LayoutCodes.WrongCase).Message, Does.Contain("MMM_Contact.dcat"));
    }

    [Test]
    public void ALowerCaseAccountDirectoryIsWrongCase()
    {
        using var tree = new TempTree().ReferenceUser(Alice);
        Directory.Move(tree.PathOf($"Profiles/{Alice}"), tree.PathOf($"Profiles/{Alice.ToLowerInvariant()}"));
        var report = LayoutClassifier.Classify(tree.Root);
        var finding = Problems(report).Single();
        Assert.That((finding.Code, finding.File), Is.EqualTo((LayoutCodes.WrongCase, $"Profiles/{Alice.ToLowerInvariant()}")));
        Assert.That(finding.Message, Does.Contain(Alice));
        Assert.That(report.Accounts, Is.Empty);
    }

    [TestCase("MMM_Contacts.dcat", "MMM_Contact.dcat")]
    [TestCase("MMM_Contact.dare", "MMM_Contact.dcat")]
    [TestCase("MMM_Contct.dcat", "MMM_Contact.dcat")]
    public void ANearMissIsMisnamed(string name, string meant)
    {
        using var tree = new TempTree().ReferenceUser(Alice).File($"Profiles/{Alice}/{name}");
        var report = LayoutClassifier.Classify(tree.Root);
        var finding = Problems(report).Single();
        Assert.That((finding.Code, finding.Severity, finding.File), Is.EqualTo((LayoutCodes.Misnamed, Severity.Warning, $"Profiles/{Alice}/{name}")));
        Assert.That(finding.Message, Does.Contain(meant));
        Assert.That(report.UnknownEntries, Is.EqualTo(new[] { $"Profiles/{Alice}/{name}" }));
    }

    [Test]
    public void AnUnknownFileIsAWarningAndListed()
    {
        using var tree = new TempTree().ReferenceUser(Alice).File($"Profiles/{Alice}/notes.txt").File("Profiles/readme");
        var report = LayoutClassifier.Classify(tree.Root);
        Assert.That(Problems(report).Select(f => (f.Code, f.Severity)), Is.All.EqualTo((LayoutCodes.Unknown, Severity.Warning)));
        Assert.That(report.UnknownEntries, Is.EqualTo(new[] { $"Profiles/{Alice}/notes.txt", "Profiles/readme" }));
    }

    [Test]
    public void AnAccountDirectoryThatIsNotAUdfIsAnErrorButStillClassified()
    {
        using var tree = new TempTree().ReferenceUser(Alice).File("Profiles/alice-account/MMM_Contact.dcat");
        var report = LayoutClassifier.Classify(tree.Root);
        var finding = report.Findings.Single(f => f.Code == LayoutCodes.AccountNotUdf);
        Assert.That((finding.Severity, finding.File), Is.EqualTo((Severity.Error, "Profiles/alice-account")));
        var bad = report.Accounts.Single(a => a.DirectoryName == "alice-account");
        Assert.That((bad.IsValidUdf, bad.Kind), Is.EqualTo((false, AccountKind.User)));
        Assert.That(bad.MissingExpectedStores, Has.Count.EqualTo(TempTree.ReferenceUserStores.Length - 1));
    }

    [Test]
    public void AKeyFileThatIsNotAUdfIsAnError()
    {
        using var tree = new TempTree().ReferenceUser(Alice).File("Keys/mykey.pem");
        var report = LayoutClassifier.Classify(tree.Root);
        var finding = Problems(report).Single();
        Assert.That((finding.Code, finding.Severity, finding.File), Is.EqualTo((LayoutCodes.KeyNotUdf, Severity.Error, "Keys/mykey.pem")));
        Assert.That(report.KeyFiles, Does.Contain(new KeyFileReport("mykey.pem", "Keys/mykey.pem", false)));
    }

    [Test]
    public void AStoreOfTheOtherDialectIsMixed()
    {
        using var tree = new TempTree().ReferenceUser(Alice).File($"Profiles/{Alice}/CatalogContact.dcat");
        var report = LayoutClassifier.Classify(tree.Root);
        var finding = Problems(report).Single();
        Assert.That((finding.Code, finding.Severity, finding.File), Is.EqualTo((LayoutCodes.MixedDialect, Severity.Warning, $"Profiles/{Alice}/CatalogContact.dcat")));
        Assert.That(finding.Message, Does.Contain("draft-06"));
    }

    [Test]
    public void TheDraftsTopLevelDeviceCatalogInAReferenceRootIsMixed()
    {
        using var tree = new TempTree().ReferenceUser(Alice).File("host.dare");
        var report = LayoutClassifier.Classify(tree.Root);
        Assert.That(Problems(report).Select(f => (f.Code, f.File)), Is.EqualTo(new[] { (LayoutCodes.MixedDialect, "host.dare") }));
    }

    [Test]
    public void InTheDraftADeviceCatalogWithoutItsDirectoryAndTheReverseAreMissing()
    {
        using var tree = new TempTree().DraftAccount(Alice).File($"{Bob}.dcat").File($"{TempTree.Udf("carol")}/CatalogContact.dcat");
        var carol = TempTree.Udf("carol");
        var report = LayoutClassifier.Classify(tree.Root);
        Assert.That(Problems(report).Select(f => (f.Code, f.Severity, f.File)), Is.EquivalentTo(new[]
        {
            (LayoutCodes.Missing, Severity.Warning, Bob),
            (LayoutCodes.Missing, Severity.Warning, $"{carol}.dcat"),
            (LayoutCodes.Missing, Severity.Warning, $"{carol}/CatalogApplication.dcat"),
        }), Codes(report));
        Assert.That(report.Accounts.Single(a => a.DirectoryName == Bob).DirectoryPresent, Is.False);
        Assert.That(report.Accounts.Single(a => a.DirectoryName == carol).MissingExpectedStores.Select(s => s.Label),
            Is.EquivalentTo(new[] { "CatalogDevice", "CatalogApplication" }));
    }

    [Test]
    public void AccountKindsAreJudgedByTheStoresPresent()
    {
        using var tree = new TempTree().ReferenceUser(Alice)
            .File($"Profiles/{Bob}/MMM_Member.dcat")
            .File($"Profiles/{Bob}/MMM_Access.dcat")
            .Dir($"Profiles/{TempTree.Udf("empty")}")
            .File($"Profiles/{TempTree.Udf("both")}/MMM_Member.dcat").File($"Profiles/{TempTree.Udf("both")}/MMM_Contact.dcat");
        var report = LayoutClassifier.Classify(tree.Root);
        var kinds = report.Accounts.ToDictionary(a => a.DirectoryName, a => a.Kind);
        Assert.That(kinds[Alice], Is.EqualTo(AccountKind.User));
        Assert.That(kinds[Bob], Is.EqualTo(AccountKind.Group));
        Assert.That(kinds[TempTree.Udf("empty")], Is.EqualTo(AccountKind.Unknown));
        Assert.That(kinds[TempTree.Udf("both")], Is.EqualTo(AccountKind.Unknown));
        Assert.That(report.Findings.Where(f => f.Code == LayoutCodes.AccountKindUnknown).Select(f => f.File),
            Is.EquivalentTo(new[] { $"Profiles/{TempTree.Udf("empty")}", $"Profiles/{TempTree.Udf("both")}" }));
        // A group account with its member catalog lacks nothing; spools are optional for groups.
        Assert.That(report.Accounts.Single(a => a.DirectoryName == Bob).MissingExpectedStores, Is.Empty);
    }

    [Test]
    public void ServerSideEntriesAreInformationalAndTheirContentsUnchecked()
    {
        using var tree = new TempTree().ReferenceUser(Alice).File("Profiles/Master.cat").File("Profiles/Hosts/host1.json").File("Profiles/Service/anything");
        var report = LayoutClassifier.Classify(tree.Root);
        Assert.That(Problems(report), Is.Empty, Codes(report));
        Assert.That(report.Findings.Where(f => f.Code == LayoutCodes.Informational).Select(f => f.File),
            Is.EqualTo(new[] { "Profiles/Hosts", "Profiles/Master.cat", "Profiles/Service" }));
    }

    [Test]
    public void ADirectoryWhereAFileBelongsIsWrongKind()
    {
        using var tree = new TempTree().ReferenceUser(Alice, "MMM_Task.dcat").Dir($"Profiles/{Alice}/MMM_Task.dcat");
        var report = LayoutClassifier.Classify(tree.Root);
        Assert.That(Problems(report).Select(f => (f.Code, f.Severity)), Is.EqualTo(new[]
        {
            (LayoutCodes.WrongKind, Severity.Error), (LayoutCodes.Missing, Severity.Warning),
        }));
    }

    [Test]
    public void ASymlinkPointingOutsideIsReportedAndNeverFollowed()
    {
        using var outside = new TempTree().ReferenceUser(Bob).File("outside-only-file");
        using var tree = new TempTree().ReferenceUser(Alice, "MMM_Contact.dcat")
            .Symlink($"Profiles/{Alice}/MMM_Contact.dcat", outside.PathOf($"Profiles/{Bob}/MMM_Contact.dcat"))
            .Symlink("Profiles/other", outside.Root);
        var report = LayoutClassifier.Classify(tree.Root);
        var symlinks = report.Findings.Where(f => f.Code == LayoutCodes.Symlink).ToList();
        Assert.That(symlinks.Select(f => (f.File, f.Severity)), Is.EqualTo(new[]
        {
            ($"Profiles/{Alice}/MMM_Contact.dcat", Severity.Warning), ("Profiles/other", Severity.Warning),
        }));
        Assert.That(symlinks[1].Message, Does.Contain(outside.Root));
        // Nothing behind the links was listed: no Bob account, no outside file, and the linked store is not counted.
        Assert.That(report.Accounts.Select(a => a.DirectoryName), Is.EqualTo(new[] { Alice }));
        Assert.That(report.Findings.Select(f => f.Message + f.File), Has.None.Contains("outside-only-file"));
        Assert.That(report.Accounts.Single().MissingExpectedStores.Single().FileName, Is.EqualTo("MMM_Contact.dcat"));
    }

    [Test]
    public void ARootThatIsASymlinkIsNotFollowed()
    {
        using var target = new TempTree().ReferenceUser(Alice);
        using var holder = new TempTree().Symlink("mesh", target.Root);
        var report = LayoutClassifier.Classify(holder.PathOf("mesh"));
        Assert.That(report.Findings.Select(f => f.Code), Is.EqualTo(new[] { LayoutCodes.Symlink }));
        Assert.That(report.Accounts, Is.Empty);
    }

    [Test]
    public void AMissingRootAndAFileRootAreErrors()
    {
        using var tree = new TempTree().File("plain");
        Assert.That(LayoutClassifier.Classify(tree.PathOf("absent")).Findings.Single().Code, Is.EqualTo(LayoutCodes.RootMissing));
        Assert.That(LayoutClassifier.Classify(tree.PathOf("plain")).Findings.Single().Code, Is.EqualTo(LayoutCodes.RootNotDirectory));
    }

    [Test]
    public void AFifoUnderAStoreNameIsAnErrorAndNotOpened()
    {
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "needs mkfifo");
        using var tree = new TempTree().ReferenceUser(Alice, "MMM_Device.dcat").Fifo($"Profiles/{Alice}/MMM_Device.dcat").Fifo("Profiles/stray-pipe");
        var classify = Task.Run(() => LayoutClassifier.Classify(tree.Root));
        Assert.That(classify.Wait(TimeSpan.FromSeconds(20)), Is.True, "the check hung: it opened a FIFO");
        var report = classify.Result;
        Assert.That(report.Findings.Where(f => f.Code == LayoutCodes.SpecialFile).Select(f => (f.File, f.Severity)), Is.EqualTo(new[]
        {
            ($"Profiles/{Alice}/MMM_Device.dcat", Severity.Error), ("Profiles/stray-pipe", Severity.Warning),
        }));
        Assert.That(report.Accounts.Single().MissingExpectedStores.Single().FileName, Is.EqualTo("MMM_Device.dcat"));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AnUnreadableAccountDirectoryIsReportedAndNothingInItCountsAsMissing()
    {
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "uses Unix permissions");
        Assume.That(Environment.UserName != "root", "root reads every directory, so no directory is unreadable");
        using var tree = new TempTree().ReferenceUser(Alice);
        File.SetUnixFileMode(tree.PathOf($"Profiles/{Alice}"), UnixFileMode.None);
        try
        {
            var report = LayoutClassifier.Classify(tree.Root);
            Assert.That(Problems(report).Select(f => (f.Code, f.Severity, f.File)), Is.EqualTo(new[]
            {
                (LayoutCodes.Unreadable, Severity.Warning, $"Profiles/{Alice}"),
                (LayoutCodes.AccountKindUnknown, Severity.Warning, $"Profiles/{Alice}"),
            }), Codes(report));
        }
        finally
        {
            File.SetUnixFileMode(tree.PathOf($"Profiles/{Alice}"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Test]
    public void TooManyEntriesStopsTheCheckAndSkipsMissingFiles()
    {
        using var tree = new TempTree().ReferenceUser(Alice);
        var report = LayoutClassifier.Classify(tree.Root, limits: new WalkLimits(MaxEntries: 4));
        Assert.That(Problems(report).Select(f => f.Code), Is.EqualTo(new[] { LayoutCodes.TooManyEntries }), Codes(report));
    }

    [Test]
    public void TooDeepIsReported()
    {
        using var tree = new TempTree().ReferenceUser(Alice);
        var report = LayoutClassifier.Classify(tree.Root, limits: new WalkLimits(MaxDepth: 2));
        Assert.That(report.Findings.Where(f => f.Code == LayoutCodes.TooDeep).Select(f => f.File), Is.EqualTo(new[] { $"Profiles/{Alice}" }));
    }

    [Test]
    public void TenThousandFilesClassifyInBoundedTime()
    {
        using var tree = new TempTree().ReferenceUser(Alice);
        for (var i = 0; i < 10_000; i++) File.WriteAllText(tree.PathOf($"Keys/{TempTree.Udf("k" + i)}"), "");
        var watch = Stopwatch.StartNew();
        var report = LayoutClassifier.Classify(tree.Root);
        watch.Stop();
        Assert.That(Problems(report), Is.Empty, Codes(report).Length > 2000 ? Codes(report)[..2000] : Codes(report));
        Assert.That(report.KeyFiles, Has.Count.EqualTo(10_001));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
    }
}
