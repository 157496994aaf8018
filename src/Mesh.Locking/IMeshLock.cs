namespace MeshConformance.Locking;

/// <summary>
/// The lock every append to a Mesh container is made under (platform-06 §3.2: "a single system-wide named MUTEX";
/// bindings.md X-1..X-5 say which one on each platform). Holding it is a lease: dispose the lease to release.
/// </summary>
public interface IMeshLock : IDisposable
{
    /// <summary>What this lock is, for messages (e.g. "flock on /home/alice/.Mesh/.mesh-lock").</summary>
    string Description { get; }

    /// <summary>Waits for the lock; throws <see cref="LockTimeoutException"/> when <paramref name="timeout"/> passes first.</summary>
    ILockLease Acquire(TimeSpan timeout);
}

/// <summary>Proof of holding a lock; releasing twice is harmless.</summary>
public interface ILockLease : IDisposable
{
    /// <summary>How long the holder waited for it.</summary>
    TimeSpan Waited { get; }
}

/// <summary>The lock was not obtained in time: another process holds it (and is alive, or the kernel would have released it).</summary>
public sealed class LockTimeoutException(string message) : Exception(message);
