using System.Diagnostics;
using MeshConformance.Locking;
using NUnit.Framework;

namespace MeshConformance.Tests.Locking;

/// <summary>
/// The Linux/macOS binding against a process in another language (Python's fcntl.flock), as an implementer's writer
/// would take it: mutual exclusion both ways, release by the kernel when the holder is killed, and no collision with
/// .NET's own FileShare locking of the containers.
/// </summary>
[Platform(Exclude = "Win")]
public class FlockBindingTests
{
    // Takes the lock (blocking, or non-blocking with "try"), prints a line, holds it for the given seconds.
    private const string PythonHolder = """
        import fcntl, os, sys, time
        fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (fcntl.LOCK_NB if sys.argv[3] == "try" else 0))
        except BlockingIOError:
            print("busy", flush=True); sys.exit(3)
        print("locked", flush=True)
        time.sleep(float(sys.argv[2]))
        """;

    /// <summary>The holder's next line, or a failure (and the holder killed) if it says nothing within 20 s: never a hung run.</summary>
    private static string? NextLine(Process process)
    {
        var line = Task.Run(process.StandardOutput.ReadLine);
        if (line.Wait(TimeSpan.FromSeconds(20))) return line.Result;
        process.Kill();
        Assert.Fail("the Python lock holder said nothing for 20 s (is it blocked on the lock file?)");
        return null;
    }

    /// <summary>What a Python process that only tries the lock (LOCK_NB) says: "locked" or "busy".</summary>
    private static string? PythonTries(string lockFile)
    {
        using var python = StartPython(lockFile, 0, tryOnly: true);
        var said = NextLine(python);
        python.WaitForExit();
        return said;
    }

    private static Process StartPython(string lockFile, double holdSeconds, bool tryOnly = false)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", PythonHolder, lockFile, holdSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), tryOnly ? "try" : "wait" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        return process;
    }

    [Test]
    public void APythonHolderKeepsUsOutUntilItIsKilledAndTheKernelReleasesTheLock()
    {
        using var temp = new TempDirectory("lock");
        using var ourLock = FlockLockFile.ForRoot(temp.Path);
        using var python = StartPython(ourLock.Path, 60);
        Assert.That(NextLine(python), Is.EqualTo("locked"));

        var refused = Assert.Throws<LockTimeoutException>(() => ourLock.Acquire(TimeSpan.FromMilliseconds(200)));
        Assert.That(refused!.Message, Does.Contain(FlockLockFile.FileName));

        python.Kill(); // SIGKILL: no clean-up in the holder
        python.WaitForExit();
        using var lease = ourLock.Acquire(TimeSpan.FromSeconds(5));
        Assert.That(lease.Waited, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void WhileWeHoldItPythonCannotTakeItAndAfterwardsItCan()
    {
        using var temp = new TempDirectory("lock");
        using var ourLock = FlockLockFile.ForRoot(temp.Path);
        using (ourLock.Acquire(TimeSpan.FromSeconds(1))) Assert.That(PythonTries(ourLock.Path), Is.EqualTo("busy"));
        Assert.That(PythonTries(ourLock.Path), Is.EqualTo("locked"));
    }

    [Test]
    public void DotNetFileShareLocksOnTheContainersDoNotCollideWithIt()
    {
        using var temp = new TempDirectory("lock");
        var container = Path.Combine(temp.Path, "host.dare");
        // .NET takes a shared flock on every file it opens with FileShare.ReadWrite; ours is on another file.
        using var open = new FileStream(container, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite);
        using var ourLock = FlockLockFile.ForRoot(temp.Path);
        using var lease = ourLock.Acquire(TimeSpan.FromMilliseconds(500));
        Assert.That(File.Exists(Path.Combine(temp.Path, FlockLockFile.FileName)));
    }

    [Test]
    public void TheLockFileIsOwnerOnlyAndHoldsNoData()
    {
        using var temp = new TempDirectory("lock");
        using var ourLock = FlockLockFile.ForRoot(temp.Path);
        using (ourLock.Acquire(TimeSpan.FromSeconds(1))) { }
        Assert.That(File.GetUnixFileMode(ourLock.Path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(new FileInfo(ourLock.Path).Length, Is.Zero);
    }

    [Test]
    public void ThreadsOfOneProcessAreKeptInLineToo()
    {
        using var temp = new TempDirectory("lock");
        using var ourLock = FlockLockFile.ForRoot(temp.Path);
        var inside = 0;
        var overlaps = 0;
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            using var lease = ourLock.Acquire(TimeSpan.FromSeconds(10));
            if (Interlocked.Increment(ref inside) > 1) Interlocked.Increment(ref overlaps);
            Thread.SpinWait(2000);
            Interlocked.Decrement(ref inside);
        });
        Assert.That(overlaps, Is.Zero);
    }

    [Test]
    public void AContendedWaitSucceedsOnceTheHolderReleases()
    {
        // The holder releases after 300 ms; the waiter (blocked in the kernel on its waiter thread's descriptor) gets it.
        using var temp = new TempDirectory("lock");
        using var ourLock = FlockLockFile.ForRoot(temp.Path);
        using var python = StartPython(ourLock.Path, 0.3);
        Assert.That(NextLine(python), Is.EqualTo("locked"));
        var clock = Stopwatch.StartNew();
        using (var lease = ourLock.Acquire(TimeSpan.FromSeconds(10)))
        {
            python.WaitForExit();
            Assert.That(lease.Waited, Is.GreaterThan(TimeSpan.FromMilliseconds(20)), "it really had to wait");
        }
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void AWaitThatTimedOutDoesNotKeepTheLockWhenItIsGrantedLater()
    {
        using var temp = new TempDirectory("lock");
        using var ourLock = FlockLockFile.ForRoot(temp.Path);
        using (var python = StartPython(ourLock.Path, 0.5))
        {
            Assert.That(NextLine(python), Is.EqualTo("locked"));
            Assert.Throws<LockTimeoutException>(() => ourLock.Acquire(TimeSpan.FromMilliseconds(100)));
            python.WaitForExit();
        }
        // The abandoned attempt got the lock when Python let go, and must have let go of it at once: another process
        // can take it soon (polled, because the waiter thread needs a moment to be scheduled on a busy machine).
        var free = false;
        for (var deadline = Stopwatch.StartNew(); !free && deadline.Elapsed < TimeSpan.FromSeconds(10); Thread.Sleep(50))
            free = PythonTries(ourLock.Path) == "locked";
        Assert.That(free, Is.True, "the lock is free for another process");
        using var again = ourLock.Acquire(TimeSpan.FromSeconds(1));
        Assert.That(again.Waited, Is.LessThan(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void AnAcquireAfterATimeoutTakesOverThePendingWait()
    {
        using var temp = new TempDirectory("lock");
        using var ourLock = FlockLockFile.ForRoot(temp.Path);
        // Python holds it for 2 s: long enough that the second Acquire still finds it held and the first one's wait pending.
        using var python = StartPython(ourLock.Path, 2);
        Assert.That(NextLine(python), Is.EqualTo("locked"));
        Assert.Throws<LockTimeoutException>(() => ourLock.Acquire(TimeSpan.FromMilliseconds(100)));
        using (ourLock.Acquire(TimeSpan.FromSeconds(10)))
        {
            Assert.That(ourLock.PendingWaitsTakenOver, Is.EqualTo(1), "granted through the pending wait, not a fresh try");
            // Held through the waiter's descriptor: another process is kept out.
            Assert.That(PythonTries(ourLock.Path), Is.EqualTo("busy"));
        }
        Assert.That(PythonTries(ourLock.Path), Is.EqualTo("locked"));
    }

    [Test]
    public void ContendingInstancesExcludeEachOtherAndNoneStarves()
    {
        // Four lock objects (four descriptors, as four processes have) hammer the lock; every acquire must succeed
        // well within its timeout and nobody may be inside together.
        using var temp = new TempDirectory("lock");
        var locks = Enumerable.Range(0, 4).Select(_ => FlockLockFile.ForRoot(temp.Path)).ToArray();
        var inside = 0;
        var overlaps = 0;
        try
        {
            Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            {
                for (var n = 0; n < 300; n++)
                {
                    using var lease = locks[i].Acquire(TimeSpan.FromSeconds(20));
                    if (Interlocked.Increment(ref inside) > 1) Interlocked.Increment(ref overlaps);
                    Thread.SpinWait(500);
                    Interlocked.Decrement(ref inside);
                }
            });
        }
        finally
        {
            foreach (var l in locks) l.Dispose();
        }
        Assert.That(overlaps, Is.Zero);
    }
}
