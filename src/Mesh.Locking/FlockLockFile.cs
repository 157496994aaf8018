using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MeshConformance.Locking;

/// <summary>
/// The Linux/macOS binding (bindings.md X-1): an exclusive <c>flock(2)</c> on a lock file that holds no data —
/// <c>&lt;Mesh root&gt;/.mesh-lock</c> — taken by every writer of every container in that root. Any language can take it
/// (Python's <c>fcntl.flock</c>, C's <c>flock</c>), the kernel drops it when the holder dies, it is shared by all of
/// the user's processes whatever their session, and it does not collide with .NET's own <c>flock</c> emulation of
/// FileShare, which .NET holds on the containers themselves, never on this file.
/// </summary>
public sealed partial class FlockLockFile : IMeshLock
{
    public const string FileName = ".mesh-lock";

    private const int LockExclusive = 2, LockNonBlocking = 4, LockUnlock = 8;
    private const int EINTR = 4;
    private static readonly int EWOULDBLOCK = OperatingSystem.IsMacOS() ? 35 : 11;
    private readonly SafeFileHandle handle;

    /// <summary>Non-blocking tries, with a yield between them, before a contended wait blocks in the kernel.</summary>
    internal static int YieldingAttempts { get; set; } = 8;
    private readonly object gate = new();

    public FlockLockFile(string path)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("flock is the Linux and macOS binding; Windows uses GlobalMutexLock");
        Path = path;
        handle = OpenLockFile(path);
    }


    /// <summary>The lock file of a Mesh root.</summary>
    public static FlockLockFile ForRoot(string meshRoot) => new(System.IO.Path.Combine(LockPaths.Canonical(meshRoot), FileName));

    public string Path { get; }

    public string Description => $"flock on {Path}";

    public ILockLease Acquire(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        // One holder per handle: flock locks belong to the open file description, so two threads sharing this handle
        // would both "hold" it. The gate keeps threads of this process in line; other processes are kept out by flock.
        if (!Monitor.TryEnter(gate, timeout)) throw Timeout(clock.Elapsed);
        // The timeout covers both waits: for this process's other threads, then for other processes.
        try
        {
            // A writer holds the lock for a few microseconds per append: yielding the processor a few times (so that a
            // holder sharing our core can finish) usually gets it without the two thread hand-offs of a blocking wait.
            for (var attempt = 0; attempt < YieldingAttempts; attempt++)
            {
                if (Flock(handle, LockExclusive | LockNonBlocking) == 0) return new Lease(this, handle, clock.Elapsed);
                var errno = Marshal.GetLastPInvokeError();
                if (errno != EWOULDBLOCK && errno != EINTR) throw new IOException($"flock({Path}) failed with errno {errno}");
                if (attempt + 1 < YieldingAttempts) Thread.Yield();
            }
            // Contended: wait in the kernel, not by polling. A poller only gets the lock if it happens to look in the
            // short gap between two appends of a busy writer, and with several writers it starved for over 30 s in the
            // stress runs; a blocked flock(2) is woken when the lock is released.
            var left = timeout == System.Threading.Timeout.InfiniteTimeSpan ? System.Threading.Timeout.InfiniteTimeSpan : timeout - clock.Elapsed;
            var waited = Waiter().WaitFor(left);
            if (waited is null) throw Timeout(clock.Elapsed);
            return new Lease(this, waited, clock.Elapsed);
        }
        catch
        {
            Monitor.Exit(gate);
            throw;
        }
    }

    public void Dispose()
    {
        lock (gate) waiter?.Stop();
        handle.Dispose();
    }

    private LockTimeoutException Timeout(TimeSpan waited) =>
        new($"gave up after {waited.TotalMilliseconds:0} ms waiting for {Description}: another process holds it");

    private void Release(SafeFileHandle holder)
    {
        Flock(holder, LockUnlock);
        Monitor.Exit(gate);
    }

    private BlockingWaiter? waiter;

    /// <summary>How often a contended Acquire took over a blocking wait an earlier, timed-out Acquire left pending.</summary>
    internal int PendingWaitsTakenOver => waiter?.TakeOvers ?? 0;

    private BlockingWaiter Waiter() => waiter ??= new BlockingWaiter(OpenLockFile(Path), Path);

    /// <summary>
    /// A blocking flock(2) with a timeout, which the system call lacks: a thread of its own blocks in flock on a
    /// descriptor of its own (flock locks belong to the open file description, so holding through that descriptor is
    /// holding the lock). The asking thread waits for it up to the timeout; if it gives up, the attempt stays pending
    /// and is either taken over by the next Acquire or, once granted, released at once.
    /// </summary>
    private sealed class BlockingWaiter
    {
        private readonly SafeFileHandle descriptor;
        private readonly object state = new();
        private bool requested, granted, abandoned, stopped;
        private int? failure; // errno of a blocking flock that failed for another reason than a signal

        /// <summary>How often an Acquire took over a wait an earlier one had given up on (for tests of that path).</summary>
        public int TakeOvers { get; private set; }

        public BlockingWaiter(SafeFileHandle descriptor, string path)
        {
            this.descriptor = descriptor;
            new Thread(Run) { IsBackground = true, Name = "flock waiter " + path }.Start();
        }

        /// <summary>The descriptor now holding the lock, or null when <paramref name="timeout"/> passed first.</summary>
        public SafeFileHandle? WaitFor(TimeSpan timeout)
        {
            var infinite = timeout == System.Threading.Timeout.InfiniteTimeSpan;
            var deadline = infinite ? long.MaxValue : Stopwatch.GetTimestamp() + (long)(Math.Max(0, timeout.TotalSeconds) * Stopwatch.Frequency);
            lock (state)
            {
                if (abandoned) TakeOvers++;
                abandoned = false; // a pending attempt that an earlier Acquire gave up on is ours now
                if (!requested)
                {
                    requested = true;
                    Monitor.PulseAll(state);
                }
                while (!granted && failure is null)
                {
                    var left = infinite ? TimeSpan.FromHours(1) : Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                    if (left <= TimeSpan.Zero)
                    {
                        abandoned = true;
                        return null;
                    }
                    Monitor.Wait(state, left < TimeSpan.FromHours(1) ? left : TimeSpan.FromHours(1)); // Monitor.Wait caps near 24.8 days
                }
                if (failure is { } errno)
                {
                    failure = null;
                    requested = false;
                    Monitor.PulseAll(state);
                    throw new IOException($"flock on the lock file failed with errno {errno}");
                }
                granted = false;
                requested = false;
                Monitor.PulseAll(state); // the waiter thread goes back to waiting for the next request
                return descriptor;
            }
        }

        public void Stop()
        {
            lock (state)
            {
                stopped = true;
                abandoned = true;
                Monitor.PulseAll(state);
            }
        }

        private void Run()
        {
            while (true)
            {
                lock (state)
                {
                    while (!requested && !stopped) Monitor.Wait(state);
                    if (stopped && !requested) break;
                }
                int errno;
                do errno = Flock(descriptor, LockExclusive) == 0 ? 0 : Marshal.GetLastPInvokeError();
                while (errno == EINTR);
                lock (state)
                {
                    if (errno != 0)
                    {
                        // Not granted: never report the lock as held. The asker gets the error; an abandoned attempt just ends.
                        if (abandoned) requested = abandoned = false;
                        else failure = errno;
                        Monitor.PulseAll(state);
                        while (failure is not null && !stopped) Monitor.Wait(state);
                        if (stopped) break;
                        continue;
                    }
                    if (abandoned)
                    {
                        Flock(descriptor, LockUnlock);
                        requested = false;
                        abandoned = false;
                        if (stopped) break;
                        continue;
                    }
                    granted = true;
                    Monitor.PulseAll(state);
                    // Until the asker takes it (it then releases through this descriptor when done). Asking flock again
                    // before that would "succeed" at once: this descriptor already holds the lock.
                    while (granted && !stopped) Monitor.Wait(state);
                }
            }
            descriptor.Dispose();
        }
    }

    private sealed class Lease(FlockLockFile owner, SafeFileHandle holder, TimeSpan waited) : ILockLease
    {
        private int released;

        public TimeSpan Waited { get; } = waited;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) owner.Release(holder);
        }
    }

    private static SafeFileHandle OpenLockFile(string path)
    {
        // Not File.OpenHandle: .NET would put its own shared flock on the file for the handle's lifetime (its FileShare
        // emulation), and another process's exclusive flock would then wait for ever. open(2) takes no lock.
        var flags = OperatingSystem.IsMacOS() ? 0x0002 | 0x0200 | 0x0100_0000 : 0x0002 | 0x0040 | 0x8_0000; // O_RDWR | O_CREAT | O_CLOEXEC
        var fd = Open(path, flags, 0b110_000_000);
        if (fd < 0) throw new IOException($"cannot open the lock file {path}: errno {Marshal.GetLastPInvokeError()}");
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle fd, int operation);
}
