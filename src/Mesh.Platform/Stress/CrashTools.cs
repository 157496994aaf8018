using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using MeshConformance.Locking;

namespace MeshConformance.Platform.Stress;

/// <summary>What the stress runner and the crash campaign both do to writers and containers: one definition each.</summary>
internal static class CrashTools
{
    /// <summary>
    /// Sends the append and SIGKILLs the adapter <paramref name="afterMicros"/> later, spinning rather than sleeping so
    /// that the kill lands at the aimed moment. The adapter itself is killed at once (<see cref="AdapterProcess.KillAtOnce"/>):
    /// <see cref="AdapterProcess.Kill"/> first scans every process for children (60–180 ms measured under load), by which
    /// time the append has finished and the kill would land between appends; it follows for any children.
    /// </summary>
    public static void SendThenKill(AdapterProcess process, JsonObject request, double afterMicros)
    {
        process.Send(request);
        var delay = Stopwatch.StartNew();
        while (delay.Elapsed.TotalMicroseconds < afterMicros) Thread.SpinWait(20);
        process.KillAtOnce();
        process.Kill();
    }

    /// <summary>Whether the container lock of <paramref name="root"/> can be taken: a dead writer's lock must have been released.</summary>
    public static bool LockIsFree(string root, TimeSpan timeout)
    {
        using var lockFile = FlockLockFile.ForRoot(root);
        try
        {
            using var lease = lockFile.Acquire(timeout);
            return true;
        }
        catch (LockTimeoutException)
        {
            return false;
        }
    }

    /// <summary>A JSON payload starting with <paramref name="members"/>, padded to a seeded length (40–400 bytes) so frames differ in size.</summary>
    public static byte[] PaddedPayload(Random random, string members)
    {
        var text = new StringBuilder($"{{{members},\"pad\":\"");
        var length = random.Next(40, 401);
        while (text.Length < length - 2) text.Append((char)('a' + random.Next(26)));
        return Encoding.UTF8.GetBytes(text.Append("\"}").ToString());
    }
}
