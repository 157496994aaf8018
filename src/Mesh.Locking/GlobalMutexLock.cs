using MeshConformance.Udf;

namespace MeshConformance.Locking;

/// <summary>
/// The Windows binding (bindings.md X-4): a named mutex in the <c>Global\</c> namespace, so every session of the
/// machine shares it (a name without the prefix is per session, as the reference's is), named from the canonical
/// Mesh root: <c>Global\MeshLock-&lt;UDF.LockName(root)&gt;</c>. Windows releases it (as abandoned) when the holder dies.
/// On Linux and macOS .NET emulates it for .NET processes only, which is why those platforms use <see cref="FlockLockFile"/>.
/// The lease must be released on the thread that acquired it (a mutex has thread affinity).
/// </summary>
public sealed class GlobalMutexLock : IMeshLock
{
    private readonly Mutex mutex;

    public GlobalMutexLock(string meshRoot)
    {
        Name = NameFor(meshRoot);
        mutex = new Mutex(initiallyOwned: false, Name);
    }

    public static string NameFor(string meshRoot) => @"Global\MeshLock-" + UDF.LockName(LockPaths.Canonical(meshRoot));

    public string Name { get; }

    public string Description => $"the named mutex {Name}";

    public ILockLease Acquire(TimeSpan timeout) => MutexLease.Acquire(mutex, timeout, Description);

    public void Dispose() => mutex.Dispose();
}

/// <summary>A held mutex; released once. Shared by the two mutex bindings (X-2, X-4).</summary>
internal sealed class MutexLease(Mutex mutex, TimeSpan waited) : ILockLease
{
    /// <summary>Waits for <paramref name="mutex"/>; a mutex abandoned by a holder that died is taken over (the append
    /// protocol then repairs what it left).</summary>
    public static MutexLease Acquire(Mutex mutex, TimeSpan timeout, string description)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            if (!mutex.WaitOne(timeout)) throw new LockTimeoutException($"gave up after {timeout.TotalMilliseconds:0} ms waiting for {description}");
        }
        catch (AbandonedMutexException)
        {
            // The holder died while holding it: it is ours now.
        }
        return new MutexLease(mutex, clock.Elapsed);
    }

    private int released;

    public TimeSpan Waited { get; } = waited;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0) mutex.ReleaseMutex();
    }
}
