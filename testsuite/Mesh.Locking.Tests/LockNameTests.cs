using MeshConformance.Locking;
using NUnit.Framework;

namespace MeshConformance.Tests.Locking;

public class LockNameTests
{
    [Test]
    public void TheReferenceMutexIsNamedByTheRawPathAsTheReferenceNamesIt()
    {
        // Measured from the reference implementation (issue 5): UDF.LockName over the path string as written.
        using var lockForHost = new ReferenceMutexLock("/home/alice/.Mesh/Profiles/host.dare");
        Assert.That(lockForHost.Name, Is.EqualTo("MAJY-Q7FF-LMAL-ZVC4-NK3B-ZQZ7-NPO7-TIZD-G6LN-SUSJ-E476-ASWY-ZMDE-7HRA"));
    }

    [Test]
    public void CanonicalPathsResolveDotsTrailingSeparatorsAndSymlinks()
    {
        using var temp = new TempDirectory("paths");
        var real = Directory.CreateDirectory(Path.Combine(temp.Path, "real", "Mesh")).FullName;
        var canonicalReal = LockPaths.Canonical(real);
        Assert.That(LockPaths.Canonical(Path.Combine(temp.Path, "real", "x", "..", "Mesh") + Path.DirectorySeparatorChar), Is.EqualTo(canonicalReal));
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateSymbolicLink(Path.Combine(temp.Path, "link"), Path.Combine(temp.Path, "real"));
            Assert.That(LockPaths.Canonical(Path.Combine(temp.Path, "link", "Mesh")), Is.EqualTo(canonicalReal));
        }
        Assert.That(LockPaths.Canonical(Path.Combine(temp.Path, "real", "mesh")), Is.Not.EqualTo(canonicalReal), "case is kept");
    }

    [Test]
    public void TheGlobalMutexNameIsTheSameForEverySpellingOfTheRoot()
    {
        using var temp = new TempDirectory("paths");
        var root = Directory.CreateDirectory(Path.Combine(temp.Path, "Mesh")).FullName;
        Assert.That(GlobalMutexLock.NameFor(root + Path.DirectorySeparatorChar), Is.EqualTo(GlobalMutexLock.NameFor(Path.Combine(temp.Path, ".", "Mesh"))));
        Assert.That(GlobalMutexLock.NameFor(root), Does.StartWith(@"Global\MeshLock-M"));
    }

    [Test]
    public void ANamedMutexHeldByOneThreadTimesOutForAnother()
    {
        using var temp = new TempDirectory("mutex");
        using var first = new GlobalMutexLock(temp.Path);
        using var second = new GlobalMutexLock(temp.Path);
        using var held = new ManualResetEventSlim();
        using var done = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            using (first.Acquire(TimeSpan.FromSeconds(1)))
            {
                held.Set();
                done.Wait();
            }
        });
        holder.Start();
        held.Wait();
        Assert.That(() => second.Acquire(TimeSpan.FromMilliseconds(100)), Throws.InstanceOf<LockTimeoutException>());
        done.Set();
        holder.Join();
        using var lease = second.Acquire(TimeSpan.FromSeconds(1));
        Assert.That(lease.Waited, Is.LessThan(TimeSpan.FromSeconds(1)));
    }
}

public class LockFileLayoutTests
{
    [TestCase("reference")]
    [TestCase("draft-06")]
    public void TheLockFileIsAKnownOptionalFileOfEveryDialect(string dialect)
    {
        var d = MeshConformance.Layout.LayoutDialects.Load(dialect);
        var entry = d.Entries.SingleOrDefault(e => e.Name == FlockLockFile.FileName);
        Assert.That(entry, Is.Not.Null, "the layout checker would report the lock file as unknown");
        Assert.That(entry!.Purpose, Is.EqualTo(MeshConformance.Layout.EntryPurpose.Lock));
        Assert.That(entry.Role, Is.EqualTo(MeshConformance.Layout.EntryRole.Optional));
    }
}
