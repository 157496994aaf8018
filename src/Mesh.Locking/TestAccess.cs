using System.Runtime.CompilerServices;

// The lock tests check which path a contended Acquire took (FlockLockFile.PendingWaitsTakenOver).
[assembly: InternalsVisibleTo("Mesh.Locking.Tests")]
