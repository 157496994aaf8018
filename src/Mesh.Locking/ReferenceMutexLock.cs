using MeshConformance.Udf;

namespace MeshConformance.Locking;

/// <summary>
/// The reference-compatible binding (bindings.md X-2): the .NET named <see cref="Mutex"/> the reference
/// implementation takes for a container, named <c>UDF.LockName(path)</c> over the path exactly as it spells it (not
/// canonicalised; reference-platform.md §2.2). Taking it as well keeps reference writers in the same session out
/// while we append. It is session-scoped and .NET-only, which is why it is never the only lock we take. The lease must
/// be released on the thread that acquired it.
/// </summary>
public sealed class ReferenceMutexLock : IMeshLock
{
    private readonly Mutex mutex;

    public ReferenceMutexLock(string containerPath)
    {
        Name = UDF.LockName(containerPath);
        mutex = new Mutex(initiallyOwned: false, Name);
    }

    public string Name { get; }

    public string Description => $"the reference's named mutex {Name}";

    public ILockLease Acquire(TimeSpan timeout) => MutexLease.Acquire(mutex, timeout, Description);

    public void Dispose() => mutex.Dispose();
}
