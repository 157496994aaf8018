using System.Diagnostics;
using MeshConformance.Core;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Reading;
using MeshConformance.Layout;
using MeshConformance.Platform.Generation;
using MeshConformance.Platform.Keys;
using MeshConformance.Platform.Reading;
using NUnit.Framework;

namespace MeshConformance.Tests.Platform;

/// <summary>
/// Issue 3, bad input: a generated profile is damaged in one way per test and <see cref="ProfileReader.Read"/> must
/// say so in a finding on the damaged path, never throw, never hang, never read through a link, and never write into
/// the tree. Every expectation comes from the damage done or from what the generator reports it wrote.
/// </summary>
[NonParallelizable]
public class ProfileReaderHostileTests
{
    /// <summary>Long enough for a slow CI machine to read a small profile, short enough that a hang on a FIFO fails fast.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    private TempDirectory temp = null!;
    private string root = "";
    private GeneratedProfile profile = null!;

    [SetUp]
    public void GenerateProfile()
    {
        temp = new TempDirectory("meshconf-hostile");
        root = temp.Sub("mesh");
        profile = ProfileGenerator.Generate(root, new GeneratorOptions { Seed = 31, Entries = 4 });
    }

    [TearDown]
    public void RemoveProfile() => temp.Dispose();

    private GeneratedAccount Account => profile.Accounts.Single();

    private GeneratedStore Store(EntryPurpose purpose) => Account.Stores.Single(s => s.Purpose == purpose);

    private string Full(string relativePath) => Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    private string KeyFileOf(GeneratedStore store) => $"Keys/{store.KeyIdentifier}";

    private int StoreKeysGenerated => Account.Stores.Select(s => s.KeyIdentifier).Distinct().Count();

    // ---- the undamaged baseline: what every damaged case departs from ----

    [Test]
    public void AnUndamagedProfileReadsEveryStoreToItsGeneratedEntryCount()
    {
        var report = ReadWithoutWriting(root);
        Assert.That(Problems(report), Is.Empty, Describe(report));
        Assert.That(report.KeysLoaded, Is.EqualTo(StoreKeysGenerated));
        AssertStoresReadFully(report, except: null);
        Assert.That(report.HostEntries, Has.Count.EqualTo(profile.Accounts.Count), "one live CatalogedStandard per account");
    }

    // ---- stores that cannot be read, or are not containers ----

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AnUnreadableStoreIsAnErrorOnItsPathAndTheOtherStoresAreStillRead()
    {
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "uses Unix permissions");
        var contact = Store(EntryPurpose.Contact);
        File.SetUnixFileMode(Full(contact.RelativePath), UnixFileMode.None);
        InconclusiveWhenStillReadable(Full(contact.RelativePath));

        var report = ReadWithoutWriting(root);
        Assert.That(report.Findings.Where(f => f.Code == ProfileCodes.Unreadable).Select(f => (f.Severity, f.File)),
            Is.EqualTo(new[] { (Severity.Error, (string?)contact.RelativePath) }), Describe(report));
        Assert.That(ReadStores(report).Select(s => s.RelativePath), Does.Not.Contain(contact.RelativePath));
        AssertStoresReadFully(report, except: contact);
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AnUnreadableKeyDirectoryLeavesTheStoresAtHeaderLevelInsteadOfThrowing()
    {
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "uses Unix permissions");
        File.SetUnixFileMode(Full("Keys"), UnixFileMode.None);
        try
        {
            InconclusiveWhenStillListable(Full("Keys"));
            var report = ReadWithoutWriting(root);
            Assert.That(report.Findings.Where(f => f.File == "Keys").Select(f => f.Code), Does.Contain(LayoutCodes.Unreadable), Describe(report));
            Assert.That(report.KeysLoaded, Is.Zero);
            AssertEveryAccountStoreAtHeaderLevel(report);
        }
        finally
        {
            File.SetUnixFileMode(Full("Keys"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [TestCase("random bytes")]
    [TestCase("empty")]
    [TestCase("text")]
    public void AStoreThatIsNotAContainerIsAnErrorOnItsPath(string content)
    {
        var contact = Store(EntryPurpose.Contact);
        File.WriteAllBytes(Full(contact.RelativePath), content switch
        {
            "random bytes" => RandomBytes(seed: 7, 4096),
            "empty" => [],
            _ => "This is not a DARE container.\nJust some notes somebody saved under a store's name.\n"u8.ToArray(),
        });

        var report = ReadWithoutWriting(root);
        Assert.That(report.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.File), Does.Contain(contact.RelativePath), Describe(report));
        var damaged = ReadStores(report).SingleOrDefault(s => s.RelativePath == contact.RelativePath);
        Assert.That(damaged?.Frames ?? 0, Is.Zero, "no frame can be read out of bytes that are not a container");
        AssertStoresReadFully(report, except: contact);
    }

    [Test]
    public void AStoreTruncatedInTheMiddleIsAnErrorAndKeepsOnlyTheFramesBeforeTheCut()
    {
        var contact = Store(EntryPurpose.Contact);
        var path = Full(contact.RelativePath);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var report = ReadWithoutWriting(root);
        Assert.That(report.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.File), Does.Contain(contact.RelativePath), Describe(report));
        var damaged = ReadStores(report).Single(s => s.RelativePath == contact.RelativePath);
        Assert.That(damaged.Frames, Is.InRange(1, contact.Frames - 1), "frame 0 lies in the first half; the last frame does not");
        AssertStoresReadFully(report, except: contact);
    }

    [Test]
    public void EveryCutAndEveryFlippedByteOfAnEncryptedStoreIsReportedWithoutAnException()
    {
        // A deterministic sweep: cuts at every 97th byte and single-byte flips at every 89th. None may throw or pass unnoticed.
        var contact = Store(EntryPurpose.Contact);
        var path = Full(contact.RelativePath);
        var original = File.ReadAllBytes(path);
        // A cut exactly where a frame starts leaves a well-formed, shorter container: that is fewer frames, not an error.
        var frameStarts = ContainerReader.ReadFrames(new MemoryByteSource(original), []).Select(f => f.Offset).ToList();
        Assert.That(frameStarts, Has.Count.EqualTo(contact.Frames));
        // The reader does not check digests (verification does), so a flip in a header field it never interprets (frame 0's
        // policy key, say) is invisible to it; a flip in an encrypted payload cannot be, as decryption or parsing fails.
        var payloads = ContainerReader.ReadFrames(new MemoryByteSource(original), []).Select(f => f.Layout.Payload)
            .OfType<RecordLayout>().Where(p => p.DataLength > 0).Select(p => (Start: p.DataOffset, End: p.DataOffset + p.DataLength)).ToList();
        var damages = new List<(string What, byte[] Bytes, bool MustBeNoticed)>();
        for (var cut = 1; cut < original.Length; cut += 97) damages.Add(($"cut at {cut}", original[..cut], true));
        foreach (var start in frameStarts.Skip(1)) damages.Add(($"cut at {start}", original[..(int)start], true));
        for (var at = 0; at < original.Length; at += 89)
        {
            var flipped = (byte[])original.Clone();
            flipped[at] ^= 0x5A;
            damages.Add(($"byte {at} flipped", flipped, payloads.Any(p => at >= p.Start && at < p.End)));
        }
        Assert.That(damages.Count(d => d.What.Contains("flipped", StringComparison.Ordinal) && d.MustBeNoticed), Is.GreaterThan(20));
        var watch = Stopwatch.StartNew();
        foreach (var (what, bytes, mustBeNoticed) in damages)
        {
            File.WriteAllBytes(path, bytes);
            var report = ReadWithin(root, what);
            var errorFiles = report.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.File).ToList();
            if (what.StartsWith("cut", StringComparison.Ordinal))
            {
                var framesBefore = frameStarts.IndexOf(bytes.Length);
                if (framesBefore > 0)
                {
                    Assert.That(ReadStores(report).Single(s => s.RelativePath == contact.RelativePath).Frames, Is.EqualTo(framesBefore), what);
                }
                else
                {
                    Assert.That(errorFiles, Does.Contain(contact.RelativePath), $"{what}: a frame cut short must be an error. {Describe(report)}");
                }
            }
            else if (mustBeNoticed)
            {
                // A flip inside ciphertext may only show as a failed decryption or a changed entry count; it must show somewhere.
                var noticed = report.Findings.Where(f => f.Severity != Severity.Info).Select(f => f.File).Append(ChangedEntryCount(report, contact));
                Assert.That(noticed, Does.Contain(contact.RelativePath), $"{what}: the damage went unnoticed. {Describe(report)}");
            }
        }
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), $"{damages.Count} damaged reads");
    }

    // ---- things in the tree that are not the profile's ----

    [Test]
    public void ForeignFilesAreReportedWhereTheyAreAndTheStoresAreStillRead()
    {
        var account = $"Profiles/{Account.Udf}";
        string[] unknown = ["notes.txt", "Profiles/backup.tar", $"{account}/readme.md"];
        foreach (var file in unknown) File.WriteAllText(Full(file), "not part of any Mesh profile");
        Directory.CreateDirectory(Full("stray/deeper"));
        File.WriteAllText(Full("stray/deeper/file"), "x");
        File.WriteAllText(Full("Keys/not-a-key-name.txt"), "x");

        var report = ReadWithoutWriting(root);
        Assert.That(report.Findings.Where(f => f.Code == LayoutCodes.Unknown).Select(f => f.File).Order(StringComparer.Ordinal),
            Is.EqualTo(unknown.Append("stray").Order(StringComparer.Ordinal)), Describe(report));
        Assert.That(report.Findings.Where(f => f.Code == LayoutCodes.KeyNotUdf).Select(f => f.File), Is.EqualTo(new[] { "Keys/not-a-key-name.txt" }));
        AssertStoresReadFully(report, except: null);
    }

    [Test]
    public void TenThousandForeignFilesAreEachReportedInBoundedTime()
    {
        const int count = 10_000;
        var account = $"Profiles/{Account.Udf}";
        for (var i = 0; i < count; i++) File.WriteAllBytes(Full($"{account}/stray-{i:D5}.bin"), [(byte)i]);

        var watch = Stopwatch.StartNew();
        var report = ReadWithoutWriting(root);
        watch.Stop();
        var unknown = report.Findings.Where(f => f.Code == LayoutCodes.Unknown).ToList();
        Assert.That(unknown, Has.Count.EqualTo(count));
        Assert.That(unknown.Select(f => f.File), Is.All.StartsWith(account + "/stray-"));
        Assert.That(report.Layout.UnknownEntries, Has.Count.EqualTo(count));
        AssertStoresReadFully(report, except: null);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
    }

    [Test]
    public void AFifoUnderAStoreNameIsAnErrorAndIsNeverOpened()
    {
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "needs mkfifo");
        var contact = Store(EntryPurpose.Contact);
        File.Delete(Full(contact.RelativePath));
        MakeFifo(Full(contact.RelativePath));

        var report = ReadWithoutWriting(root);
        Assert.That(report.Findings.Where(f => f.Code == LayoutCodes.SpecialFile).Select(f => (f.Severity, f.File)),
            Is.EqualTo(new[] { (Severity.Error, (string?)contact.RelativePath) }), Describe(report));
        Assert.That(ReadStores(report).Select(s => s.RelativePath), Does.Not.Contain(contact.RelativePath));
        AssertStoresReadFully(report, except: contact);
    }

    // ---- symbolic links: reported, never followed ----

    [Test]
    public void AStoreSymlinkedToAFifoOutsideIsReportedAndTheFifoIsNeverOpened()
    {
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "needs mkfifo");
        var contact = Store(EntryPurpose.Contact);
        var outsideFifo = temp.Sub("outside-pipe");
        MakeFifo(outsideFifo);
        File.Delete(Full(contact.RelativePath));
        File.CreateSymbolicLink(Full(contact.RelativePath), outsideFifo);

        // Opening the FIFO for reading would block until a writer comes: a hang here means the link was followed.
        var report = ReadWithoutWriting(root, releaseFifoOnTimeout: outsideFifo);
        AssertSymlinkReportedAndNotRead(report, contact, outsideFifo);
    }

    [Test]
    public void AStoreSymlinkedToAContainerOutsideIsReportedAndItsEntriesAreNeverRead()
    {
        // The target is a real container holding entries only it has: any of them in the report means it was read.
        var contact = Store(EntryPurpose.Contact);
        var outsideContainer = temp.Sub("outside-contact.dcat");
        File.Move(Full(contact.RelativePath), outsideContainer);
        File.CreateSymbolicLink(Full(contact.RelativePath), outsideContainer);

        var report = ReadWithoutWriting(root);
        AssertSymlinkReportedAndNotRead(report, contact, outsideContainer);
    }

    [Test]
    public void ASymlinkedKeyDirectoryIsReportedAndNoKeyBehindItIsLoaded()
    {
        var outsideKeys = temp.Sub("outside-keys");
        Directory.Move(Full("Keys"), outsideKeys);
        Directory.CreateSymbolicLink(Full("Keys"), outsideKeys);

        var report = ReadWithoutWriting(root);
        Assert.That(report.Findings.Where(f => f.Code == LayoutCodes.Symlink).Select(f => f.File), Is.EqualTo(new[] { "Keys" }), Describe(report));
        Assert.That(report.KeysLoaded, Is.Zero, "the keys are behind the link, which is not followed");
        AssertEveryAccountStoreAtHeaderLevel(report);
    }

    [Test]
    public void ARootThatIsASymlinkIsNotFollowedEvenForItsKeys()
    {
        var link = temp.Sub("link-to-mesh");
        Directory.CreateSymbolicLink(link, root);

        var report = ReadWithoutWriting(link);
        Assert.That(report.Findings.Select(f => f.Code), Does.Contain(LayoutCodes.Symlink), Describe(report));
        Assert.That(report.Accounts, Is.Empty);
        Assert.That(report.HostCatalog, Is.Null);
        Assert.That(report.KeysLoaded, Is.Zero, "Keys/ lies behind the link too");
    }

    // ---- key files ----

    [Test]
    public void AGarbageKeyFileIsReportedAndOnlyItsStoreFallsBackToHeaderLevel()
    {
        var contact = Store(EntryPurpose.Contact);
        File.WriteAllBytes(Full(KeyFileOf(contact)), RandomBytes(seed: 11, 300));

        var report = ReadWithoutWriting(root);
        Assert.That(report.Findings.Where(f => f.Code == ProfileCodes.KeyFileSkipped).Select(f => (f.Severity, f.File)),
            Is.EqualTo(new[] { (Severity.Warning, (string?)KeyFileOf(contact)) }), Describe(report));
        Assert.That(report.KeysLoaded, Is.EqualTo(StoreKeysGenerated - 1));
        AssertAtHeaderLevel(report, contact);
        AssertStoresReadFully(report, except: contact);
    }

    [Test]
    public void AKeyFileOverTheSizeLimitIsNotReadEvenWhenItHoldsTheKey()
    {
        // The real key padded with JSON whitespace past the limit: had the limit not held, the store would decrypt.
        var contact = Store(EntryPurpose.Contact);
        var key = File.ReadAllBytes(Full(KeyFileOf(contact)));
        File.WriteAllBytes(Full(KeyFileOf(contact)), [.. key, .. Enumerable.Repeat((byte)' ', KeyRing.MaxKeyFileBytes + 1 - key.Length)]);

        var report = ReadWithoutWriting(root);
        Assert.That(report.Findings.Where(f => f.Code == ProfileCodes.KeyFileSkipped).Select(f => (f.Severity, f.File)),
            Is.EqualTo(new[] { (Severity.Warning, (string?)KeyFileOf(contact)) }), Describe(report));
        Assert.That(report.KeysLoaded, Is.EqualTo(StoreKeysGenerated - 1));
        AssertAtHeaderLevel(report, contact);
    }

    [Test]
    public void AKeyFileJustUnderTheSizeLimitStillLoads()
    {
        // The control for the test above: the same padding, one byte short of the limit, changes nothing.
        var contact = Store(EntryPurpose.Contact);
        var key = File.ReadAllBytes(Full(KeyFileOf(contact)));
        File.WriteAllBytes(Full(KeyFileOf(contact)), [.. key, .. Enumerable.Repeat((byte)' ', KeyRing.MaxKeyFileBytes - key.Length)]);

        var report = ReadWithoutWriting(root);
        Assert.That(report.KeysLoaded, Is.EqualTo(StoreKeysGenerated), Describe(report));
        AssertStoresReadFully(report, except: null);
    }

    [Test]
    public void AKeyFileThatIsAFifoIsReportedAndNeverOpened()
    {
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "needs mkfifo");
        var contact = Store(EntryPurpose.Contact);
        File.Delete(Full(KeyFileOf(contact)));
        MakeFifo(Full(KeyFileOf(contact)));

        var report = ReadWithoutWriting(root, releaseFifoOnTimeout: Full(KeyFileOf(contact)));
        Assert.That(report.Findings.Where(f => f.Code == LayoutCodes.SpecialFile).Select(f => f.File), Is.EqualTo(new[] { KeyFileOf(contact) }), Describe(report));
        Assert.That(report.KeysLoaded, Is.EqualTo(StoreKeysGenerated - 1));
        AssertAtHeaderLevel(report, contact);
        AssertStoresReadFully(report, except: contact);
    }

    [Test]
    public void AKeyFileSymlinkedOutsideIsNotFollowed()
    {
        var contact = Store(EntryPurpose.Contact);
        var outsideKey = temp.Sub("outside-key");
        File.Move(Full(KeyFileOf(contact)), outsideKey);
        File.CreateSymbolicLink(Full(KeyFileOf(contact)), outsideKey);

        var report = ReadWithoutWriting(root);
        Assert.That(report.Findings.Where(f => f.Code == LayoutCodes.Symlink).Select(f => f.File), Is.EqualTo(new[] { KeyFileOf(contact) }), Describe(report));
        Assert.That(report.KeysLoaded, Is.EqualTo(StoreKeysGenerated - 1));
        AssertAtHeaderLevel(report, contact);
    }

    [Test]
    public void WithoutAKeyDirectoryEveryAccountStoreIsReadToHeaderLevelAndTheHostStillToEntries()
    {
        Directory.Delete(Full("Keys"), recursive: true);

        var report = ReadWithoutWriting(root);
        Assert.That(report.Findings.Where(f => f.Code == LayoutCodes.Missing).Select(f => f.File), Is.EqualTo(new[] { "Keys" }), Describe(report));
        Assert.That(report.KeysLoaded, Is.Zero);
        AssertEveryAccountStoreAtHeaderLevel(report);
        Assert.That(report.HostCatalog!.Entries, Is.EqualTo(profile.Accounts.Count), "host.dare is plaintext");
        Assert.That(report.HostEntries.Select(e => e.Tag), Is.All.EqualTo("CatalogedStandard"));
    }

    [Test]
    public void AKeyDirectoryMovedAwayAndNamedAsExtraReadsTheEntriesAgain()
    {
        var movedKeys = temp.Sub("moved-keys");
        Directory.Move(Full("Keys"), movedKeys);

        var report = ReadWithoutWriting(root, extraKeyDirectories: [movedKeys]);
        Assert.That(report.KeysLoaded, Is.EqualTo(StoreKeysGenerated), Describe(report));
        AssertStoresReadFully(report, except: null);
    }

    [Test]
    public void AnExtraKeyDirectoryThatDoesNotExistIsReported()
    {
        var absent = temp.Sub("no-such-keys");
        var report = ReadWithoutWriting(root, extraKeyDirectories: [absent]);
        Assert.That(report.Findings.Where(f => f.Code == ProfileCodes.KeyDirectoryUnusable).Select(f => (f.Severity, f.File)),
            Is.EqualTo(new[] { (Severity.Warning, (string?)absent) }), Describe(report));
        AssertStoresReadFully(report, except: null);
    }

    // ---- helpers ----

    private static IEnumerable<StoreSummary> ReadStores(ProfileReport report) => report.Accounts.SelectMany(a => a.Stores);

    private static IEnumerable<Finding> Problems(ProfileReport report) => report.Findings.Where(f => f.Severity != Severity.Info);

    private static string Describe(ProfileReport report)
    {
        var text = string.Join("\n", report.Findings.Select(f => f.ToString()));
        return text.Length > 3000 ? text[..3000] + "…" : text;
    }

    /// <summary>Every generated store except <paramref name="except"/> is in the report with all its entries decrypted.</summary>
    private void AssertStoresReadFully(ProfileReport report, GeneratedStore? except)
    {
        var read = ReadStores(report).ToDictionary(s => s.RelativePath);
        foreach (var store in Account.Stores.Where(s => s != except))
        {
            Assert.That(read.TryGetValue(store.RelativePath, out var summary), $"{store.RelativePath} was not read. {Describe(report)}");
            Assert.That((summary!.Frames, summary.Entries, summary.FramesNotDecrypted), Is.EqualTo((store.Frames, (long?)store.LiveEntries, 0L)),
                store.RelativePath);
        }
    }

    private static void AssertAtHeaderLevel(ProfileReport report, GeneratedStore store)
    {
        var summary = ReadStores(report).Single(s => s.RelativePath == store.RelativePath);
        if (store.Frames == 1)
        {
            // Only the header frame: no payload to decrypt, so nothing is unknown and the store is known to be empty.
            Assert.That((summary.Frames, summary.Entries, summary.FramesNotDecrypted), Is.EqualTo((1L, (long?)0, 0L)), store.RelativePath);
            return;
        }
        Assert.That(summary.Encrypted, Is.True, store.RelativePath);
        Assert.That(summary.Entries, Is.Null, $"{store.RelativePath}: no key, so no entry count");
        Assert.That(summary.Frames, Is.EqualTo(store.Frames), $"{store.RelativePath}: headers are still read");
        Assert.That(summary.FramesNotDecrypted, Is.Positive, store.RelativePath);
    }

    private void AssertEveryAccountStoreAtHeaderLevel(ProfileReport report)
    {
        foreach (var store in Account.Stores) AssertAtHeaderLevel(report, store);
    }

    private void AssertSymlinkReportedAndNotRead(ProfileReport report, GeneratedStore store, string target)
    {
        var atLink = report.Findings.Where(f => f.File == store.RelativePath).ToList();
        Assert.That(atLink.Select(f => f.Code), Does.Contain(LayoutCodes.Symlink), Describe(report));
        Assert.That(atLink.Single(f => f.Code == LayoutCodes.Symlink).Message, Does.Contain(target));
        Assert.That(atLink.Select(f => f.Code), Is.All.StartsWith("LAYOUT-"), "only the layout may speak of the link: nothing was read through it");
        Assert.That(ReadStores(report).Select(s => s.RelativePath), Does.Not.Contain(store.RelativePath));
        Assert.That(report.Accounts.Single().MissingStores, Does.Contain(Path.GetFileNameWithoutExtension(store.RelativePath)));
        AssertStoresReadFully(report, except: store);
    }

    /// <summary>The store's path when its entry count is not what the generator wrote (damage that parses as other entries).</summary>
    private static string ChangedEntryCount(ProfileReport report, GeneratedStore store) =>
        ReadStores(report).SingleOrDefault(s => s.RelativePath == store.RelativePath) is { } summary && summary.Entries == store.LiveEntries
            ? "" : store.RelativePath;

    /// <summary>Reads with a deadline (a FIFO opened by mistake would block forever) and checks the tree did not change.</summary>
    private ProfileReport ReadWithoutWriting(string path, IEnumerable<string>? extraKeyDirectories = null, string? releaseFifoOnTimeout = null)
    {
        var before = Snapshot(temp.Path);
        var report = ReadWithin(path, "read", extraKeyDirectories, releaseFifoOnTimeout);
        Assert.That(Snapshot(temp.Path), Is.EqualTo(before), "the reader changed the tree");
        return report;
    }

    private static ProfileReport ReadWithin(string path, string what, IEnumerable<string>? extraKeyDirectories = null, string? releaseFifoOnTimeout = null)
    {
        var read = Task.Run(() => ProfileReader.Read(path, extraKeyDirectories: extraKeyDirectories));
        if (!read.Wait(ReadTimeout))
        {
            // Give the blocked open a writer so the thread can finish, then fail.
            if (releaseFifoOnTimeout is not null) using (new FileStream(releaseFifoOnTimeout, FileMode.Open, FileAccess.Write)) { }
            Assert.Fail($"{what}: the reader did not finish in {ReadTimeout.TotalSeconds} s (did it open a FIFO?)");
        }
        Assert.That(read.Exception, Is.Null, $"{what}: the reader threw");
        return read.Result;
    }

    /// <summary>
    /// Every entry under <paramref name="directory"/> (links not followed): its kind, and for regular files length and
    /// modification time, for links their target. Any write, create, delete or rename changes it.
    /// </summary>
    private static SortedDictionary<string, string> Snapshot(string directory)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<string>([directory]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var path in Directory.EnumerateFileSystemEntries(current))
            {
                var relative = Path.GetRelativePath(directory, path).Replace('\\', '/');
                var kind = FileKinds.Of(path);
                var info = new FileInfo(path);
                entries[relative] = kind switch
                {
                    FileKind.Regular => $"file {info.Length} {info.LastWriteTimeUtc.Ticks}",
                    FileKind.SymbolicLink => $"link {info.LinkTarget}",
                    FileKind.Directory => $"dir {new DirectoryInfo(path).LastWriteTimeUtc.Ticks}",
                    _ => kind.ToString(),
                };
                if (kind == FileKind.Directory && CanList(path)) pending.Push(path);
            }
        }
        return entries;
    }

    private static bool CanList(string directory)
    {
        try
        {
            using var listing = Directory.EnumerateFileSystemEntries(directory).GetEnumerator();
            listing.MoveNext();
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void InconclusiveWhenStillReadable(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }
        Assert.Inconclusive("a mode-000 file is still readable here (running as root, or with CAP_DAC_OVERRIDE), so nothing is unreadable");
    }

    private static void InconclusiveWhenStillListable(string directory)
    {
        if (CanList(directory))
            Assert.Inconclusive("a mode-000 directory can still be listed here (running as root, or with CAP_DAC_READ_SEARCH), so nothing is unreadable");
    }

    private static byte[] RandomBytes(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("mkfifo failed");
    }
}
