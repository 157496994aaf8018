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
    private readonly object gate = new();

    public FlockLockFile(string path)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("flock is the Linux and macOS binding; Windows uses GlobalMutexLock");
        Path = path;
        // Not File.OpenHandle: .NET would put its own shared flock on the file for the handle's lifetime (its FileShare
        // emulation), and another process's exclusive flock would then wait for ever. open(2) takes no lock.
        var flags = OperatingSystem.IsMacOS() ? 0x0002 | 0x0200 | 0x0100_0000 : 0x0002 | 0x0040 | 0x8_0000; // O_RDWR | O_CREAT | O_CLOEXEC
        var fd = Open(path, flags, 0b110_000_000);
        if (fd < 0) throw new IOException($"cannot open the lock file {path}: errno {Marshal.GetLastPInvokeError()}");
        handle = new SafeFileHandle(fd, ownsHandle: true);
    }


    /// <summary>The lock file of a Mesh root.</summary>
    public static FlockLockFile ForRoot(string meshRoot) => new(System.IO.Path.Combine(LockPaths.Canonical(meshRoot), FileName));

    public string Path { get; }

    public string Description => $"flock on {Path}";

    public ILockLease Acquire(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromTicks(500); // 50 µs, doubling to 5 ms: short waits stay short, long ones cost little CPU
        // One holder per handle: flock locks belong to the open file description, so two threads sharing this handle
        // would both "hold" it. The gate keeps threads of this process in line; other processes are kept out by flock.
        if (!Monitor.TryEnter(gate, timeout)) throw Timeout(clock.Elapsed);
        // The timeout covers both waits: for this process's other threads, then for other processes.
        try
        {
            while (true)
            {
                if (Flock(handle, LockExclusive | LockNonBlocking) == 0) return new Lease(this, clock.Elapsed);
                var errno = Marshal.GetLastPInvokeError();
                if (errno != EWOULDBLOCK && errno != EINTR) throw new IOException($"flock({Path}) failed with errno {errno}");
                if (clock.Elapsed >= timeout) throw Timeout(clock.Elapsed);
                Thread.Sleep(pause);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.TicksPerMillisecond * 5));
            }
        }
        catch
        {
            Monitor.Exit(gate);
            throw;
        }
    }

    public void Dispose() => handle.Dispose();

    private LockTimeoutException Timeout(TimeSpan waited) =>
        new($"gave up after {waited.TotalMilliseconds:0} ms waiting for {Description}: another process holds it");

    private void Release()
    {
        Flock(handle, LockUnlock);
        Monitor.Exit(gate);
    }

    private sealed class Lease(FlockLockFile owner, TimeSpan waited) : ILockLease
    {
        private int released;

        public TimeSpan Waited { get; } = waited;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) owner.Release();
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle fd, int operation);
}
