using System.Diagnostics;
using MeshConformance.Core;
using MeshConformance.Layout;
using NUnit.Framework;

namespace MeshConformance.Tests.Layout.Tests;

public class ProfileTreeWalkerTests
{
    [Test]
    public void ListsEveryEntryDepthFirstInNameOrderIncludingHiddenOnes()
    {
        using var tree = new TempTree().File("b/z").File("b/.hidden").File("a").Dir("c");
        var paths = ProfileTreeWalker.Walk(tree.Root).Select(e => (e.RelativePath, e.Depth, e.Kind)).ToList();
        Assert.That(paths, Is.EqualTo(new[]
        {
            ("a", 1, FileKind.Regular), ("b", 1, FileKind.Directory), ("b/.hidden", 2, FileKind.Regular),
            ("b/z", 2, FileKind.Regular), ("c", 1, FileKind.Directory),
        }));
    }

    [Test]
    public void ASymlinkOutsideTheTreeIsReportedWithItsTargetAndNeverFollowed()
    {
        using var outside = new TempTree().File("secret-inside-target").Dir("deeper").File("deeper/more");
        using var tree = new TempTree().Symlink("Profiles", outside.Root).Symlink("link-to-file", outside.PathOf("secret-inside-target"));
        var entries = ProfileTreeWalker.Walk(tree.Root).ToList();
        Assert.That(entries.Select(e => (e.RelativePath, e.Kind, e.LinkTarget)), Is.EqualTo(new[]
        {
            ("Profiles", FileKind.SymbolicLink, outside.Root),
            ("link-to-file", FileKind.SymbolicLink, outside.PathOf("secret-inside-target")),
        }));
        Assert.That(entries.Select(e => e.Name), Has.None.AnyOf("secret-inside-target", "deeper", "more"));
    }

    [Test]
    public void AFifoIsReportedAndNotOpened()
    {
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "needs mkfifo");
        using var tree = new TempTree().Fifo("Profiles/host.dare").File("Profiles/after");
        var watch = Stopwatch.StartNew();
        // Opening a FIFO for reading blocks until a writer appears, so finishing at all shows it was not opened.
        var walk = Task.Run(() => ProfileTreeWalker.Walk(tree.Root).ToList());
        Assert.That(walk.Wait(TimeSpan.FromSeconds(20)), Is.True, "the walk hung: it opened the FIFO");
        Assert.That(walk.Result.Select(e => (e.RelativePath, e.Kind)), Is.EqualTo(new[]
        {
            ("Profiles", FileKind.Directory), ("Profiles/after", FileKind.Regular), ("Profiles/host.dare", FileKind.Fifo),
        }));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
    }

    [Test]
    public void DirectoriesBelowTheDepthLimitAreNotEntered()
    {
        using var tree = new TempTree().File("a/b/c/d/file");
        var entries = ProfileTreeWalker.Walk(tree.Root, new WalkLimits(MaxDepth: 2)).ToList();
        Assert.That(entries.Where(e => !e.IsProblem).Select(e => e.RelativePath), Is.EqualTo(new[] { "a", "a/b" }));
        var problem = entries.Single(e => e.IsProblem);
        Assert.That((problem.RelativePath, problem.Problem), Is.EqualTo(("a/b", WalkProblem.TooDeep)));
    }

    [Test]
    public void TheWalkStopsAtTheEntryLimit()
    {
        using var tree = new TempTree();
        for (var i = 0; i < 20; i++) tree.File($"d/f{i:D2}");
        var entries = ProfileTreeWalker.Walk(tree.Root, new WalkLimits(MaxEntries: 5)).ToList();
        Assert.That(entries.Count(e => !e.IsProblem), Is.EqualTo(5));
        Assert.That(entries.Last().Problem, Is.EqualTo(WalkProblem.TooManyEntries));
        // Which names are examined is not defined once a listing is cut short; that it stops is.
        Assert.That(entries.Last().RelativePath, Does.StartWith("d/f"));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AnUnreadableDirectoryBecomesAProblemRecord()
    {
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "uses Unix permissions");
        Assume.That(Environment.UserName != "root", "root reads every directory, so no directory is unreadable");
        using var tree = new TempTree().File("locked/inside").File("open");
        File.SetUnixFileMode(tree.PathOf("locked"), UnixFileMode.None);
        try
        {
            var entries = ProfileTreeWalker.Walk(tree.Root).ToList();
            Assert.That(entries.Single(e => e.IsProblem).Problem, Is.EqualTo(WalkProblem.Unreadable));
            Assert.That(entries.Select(e => e.RelativePath), Does.Contain("open"));
        }
        finally
        {
            File.SetUnixFileMode(tree.PathOf("locked"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Test]
    public void TheWalkWritesNothing()
    {
        using var tree = new TempTree().ReferenceUser(TempTree.Udf("w"));
        var before = Snapshot(tree.Root);
        Thread.Sleep(20);
        _ = ProfileTreeWalker.Walk(tree.Root).ToList();
        _ = LayoutClassifier.Classify(tree.Root);
        Assert.That(Snapshot(tree.Root), Is.EqualTo(before));
    }

    private static List<string> Snapshot(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Order(StringComparer.Ordinal)
            .Select(p => $"{p} {new FileInfo(p).LastWriteTimeUtc.Ticks} {(File.Exists(p) ? new FileInfo(p).Length : -1)}")
            .Prepend($"root {Directory.GetLastWriteTimeUtc(root).Ticks}")
            .ToList();
}
