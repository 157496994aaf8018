using System.Diagnostics;
using System.Security.Cryptography;
using MeshConformance.Checks;
using MeshConformance.Core;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using MeshConformance.Layout;
using MeshConformance.Platform.Generation;
using NUnit.Framework;

namespace MeshConformance.Tests.Checks;

/// <summary>
/// The checker's guarantees: it never writes into the directory it checks, never follows a symlink out of it, never
/// hangs on a FIFO, keeps memory bounded on a huge container and a large tree, and every finding names a requirement
/// that exists in the registry.
/// </summary>
public class CheckGuaranteeTests
{
    private static Dictionary<string, (long Length, DateTime Modified, string Hash)> Snapshot(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .ToDictionary(p => p, p =>
            {
                var info = new FileInfo(p);
                var isFile = FileKinds.Of(p) == FileKind.Regular;
                return (isFile ? info.Length : -1, info.LastWriteTimeUtc, isFile ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))) : "");
            });

    private static CheckReport RunWithDeadline(string root, CheckOptions? options = null)
    {
        var task = Task.Run(() => CheckRunner.Run(root, options));
        Assert.That(task.Wait(TimeSpan.FromSeconds(60)), Is.True, "the checker hung");
        return task.Result;
    }

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, "mkfifo");
    }

    [Test]
    public void NeverWritesIntoTheCheckedTree()
    {
        using var temp = new TempDirectory();
        ProfileGenerator.Generate(temp.Sub("mesh"), new GeneratorOptions { Seed = 21, Accounts = 2 });
        // Damage it too, so that the error paths run as well.
        var bookmark = Directory.GetFiles(temp.Sub("mesh"), "MMM_Bookmark.dcat", SearchOption.AllDirectories)[0];
        using (var s = new FileStream(bookmark, FileMode.Open)) s.SetLength(s.Length - 5);
        var before = Snapshot(temp.Path);
        var report = RunWithDeadline(temp.Sub("mesh"));
        Assert.That(report.Findings, Is.Not.Empty);
        Assert.That(Snapshot(temp.Path), Is.EqualTo(before));
    }

    [Test]
    public void DoesNotFollowASymlinkOutOfTheTreeOrOpenAFifo()
    {
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "needs symlinks and mkfifo");
        using var temp = new TempDirectory();
        var root = temp.Sub("mesh");
        var profile = ProfileGenerator.Generate(root, new GeneratorOptions { Seed = 22 });
        var account = Path.Combine(root, "Profiles", profile.Accounts[0].Udf);
        // A FIFO outside the tree behind a store's name: following the link would block forever.
        MakeFifo(temp.Sub("outside.fifo"));
        File.Delete(Path.Combine(account, "MMM_Task.dcat"));
        File.CreateSymbolicLink(Path.Combine(account, "MMM_Task.dcat"), temp.Sub("outside.fifo"));
        // And a FIFO inside the tree with a container's name.
        MakeFifo(Path.Combine(account, "MMM_Stray.dcat"));
        var report = RunWithDeadline(root);
        Assert.That(report.Findings, Has.Some.Matches<CheckFinding>(f => f.Code == LayoutCodes.Symlink && f.File!.EndsWith("MMM_Task.dcat", StringComparison.Ordinal)));
        Assert.That(report.Findings, Has.Some.Matches<CheckFinding>(f => f.Code == LayoutCodes.SpecialFile && f.File!.EndsWith("MMM_Stray.dcat", StringComparison.Ordinal)));
    }

    [Test]
    public void EveryFindingNamesARequirementOfTheRegistry()
    {
        using var temp = new TempDirectory();
        var root = temp.Sub("mesh");
        ProfileGenerator.Generate(root, new GeneratorOptions { Seed = 23 });
        // Several kinds of damage, so that many codes appear.
        File.WriteAllText(Path.Combine(root, "Profiles", "stray.txt"), "not a store");
        var contact = Directory.GetFiles(root, "MMM_Contact.dcat", SearchOption.AllDirectories)[0];
        var bytes = File.ReadAllBytes(contact);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(contact, bytes);
        File.WriteAllText(Path.Combine(root, "Keys", "MAAA-NOTA-KEY"), "{}");
        var report = RunWithDeadline(root);
        var registry = RequirementRegistry.Default;
        Assert.That(report.Findings, Has.Count.GreaterThan(3));
        foreach (var finding in report.Findings)
        {
            Assert.That(registry.ById(finding.RequirementId), Is.Not.Null, finding.RequirementId);
            Assert.That(finding.Code, Is.Not.EqualTo(CheckCodes.UnmappedCode));
            Assert.That(registry.ForCode(finding.Code)?.Id, Is.EqualTo(finding.RequirementId), finding.Code);
        }
    }

    [Test]
    public void RunsAreDeterministicAlthoughStoresAreCheckedInParallel()
    {
        using var temp = new TempDirectory();
        var root = temp.Sub("mesh");
        ProfileGenerator.Generate(root, new GeneratorOptions { Seed = 25, Accounts = 3 });
        foreach (var name in new[] { "MMM_Task.dcat", "MMM_Network.dcat", "MMM_Bookmark.dcat" })
            foreach (var file in Directory.GetFiles(root, name, SearchOption.AllDirectories))
                using (var s = new FileStream(file, FileMode.Open)) s.SetLength(s.Length - 3);
        var first = CheckRunner.Run(root).Findings;
        Assert.That(first.Count(f => f.Fails), Is.GreaterThanOrEqualTo(9));
        for (var i = 0; i < 3; i++) Assert.That(CheckRunner.Run(root).Findings, Is.EqualTo(first));
    }

    [Test]
    public void MemoryStaysBoundedOnAOneGibibyteContainer()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("huge.dcat");
        const long payloadLength = 1L << 30;
        WriteSparseDigestContainer(path, payloadLength);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var report = RunWithDeadline(temp.Path);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.That(report.BytesChecked, Is.GreaterThan(payloadLength));
        // The stored digest is 64 zero bytes, so a finding proves the whole gibibyte was hashed.
        Assert.That(report.Findings, Has.Some.Matches<CheckFinding>(f => f.Code == "DARE-PAYLOAD-DIGEST"));
        Assert.That(allocated, Is.LessThan(128L << 20), $"allocated {allocated >> 20} MiB to check a 1 GiB container");
    }

    [Test]
    public void ATreeOfTenThousandFilesIsCheckedInBoundedMemory()
    {
        using var temp = new TempDirectory();
        var root = temp.Sub("mesh");
        ProfileGenerator.Generate(root, new GeneratorOptions { Seed = 24 });
        var junk = Path.Combine(root, "Profiles", "junk");
        Directory.CreateDirectory(junk);
        for (var i = 0; i < 10_000; i++) File.WriteAllBytes(Path.Combine(junk, $"f{i:D5}.dcat"), [0xF0, 0x00]);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var report = RunWithDeadline(root);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.That(report.FilesChecked, Is.GreaterThanOrEqualTo(10_000));
        Assert.That(report.Findings.Count(f => f.File?.StartsWith("Profiles/junk/", StringComparison.Ordinal) == true), Is.GreaterThanOrEqualTo(10_000));
        Assert.That(allocated, Is.LessThan(1L << 30), $"allocated {allocated >> 20} MiB for 10,000 tiny files");
    }

    /// <summary>
    /// A Digest container whose one data frame claims a 1 GiB payload; the payload is a hole in a sparse file, so
    /// the test costs no disk. Its trailer's PayloadDigest is 64 zero bytes (deliberately wrong). The framing is
    /// written here from formats.md §1.1 (tag, big-endian length, data; the frame length repeated little-endian).
    /// </summary>
    private static void WriteSparseDigestContainer(string path, long payloadLength)
    {
        var frame0 = ContainerWriter.WriteAll(new ContainerSettings { Type = ContainerType.Digest }, []);
        var headerRecord = Record(HeaderWriter.Header(new FrameHeaderFields { Vocabulary = DareVocabulary.Dare08, Index = 1, ContentMetaData = "{}"u8.ToArray() }));
        var trailerRecord = Record(HeaderWriter.Trailer(new byte[64], null, null));
        var payloadHead = new byte[9];
        payloadHead[0] = 0xF3; // record tag with an 8-byte length
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(payloadHead.AsSpan(1), payloadLength);
        var body = headerRecord.Length + payloadHead.Length + payloadLength + trailerRecord.Length;
        var frameHead = new byte[9];
        frameHead[0] = 0xF7; // frame tag with an 8-byte length
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(frameHead.AsSpan(1), body);
        var frameTail = new byte[9];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(frameTail, body);
        frameTail[8] = 0xF7;
        using var stream = new FileStream(path, FileMode.CreateNew);
        stream.Write(frame0);
        stream.Write(frameHead);
        stream.Write(headerRecord);
        stream.Write(payloadHead);
        stream.Seek(payloadLength, SeekOrigin.Current);
        stream.Write(trailerRecord);
        stream.Write(frameTail);
    }

    /// <summary>A record with a 4-byte length (tag 0xF2): not the shortest width, which readers must accept.</summary>
    private static byte[] Record(byte[] data)
    {
        var record = new byte[5 + data.Length];
        record[0] = 0xF2;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(record.AsSpan(1), data.Length);
        data.CopyTo(record, 5);
        return record;
    }
}
