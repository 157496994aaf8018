// A lock-benchmark worker (tools/bench/lock-bench.py): our writer, StoreAppender under the X-1 flock, one lock taken
// per append, no fsync — exactly the append path of the product. Protocol shared with lock/lock_floor.c:
//   args: ROOT CONTAINER APPENDS PAYLOAD_BYTES WORKER_ID
//   prints "ready", waits for one line on stdin, appends, prints one JSON line:
//   {"startUs": …, "endUs": …, "appends": N, "waitsUs": [lock wait of every append]}
using System.Globalization;
using System.Text;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using MeshConformance.Locking;
using MeshConformance.Platform.Stores;

if (args.Length != 5)
{
    Console.Error.WriteLine("usage: Mesh.LockBench ROOT CONTAINER APPENDS PAYLOAD_BYTES WORKER_ID");
    return 2;
}
var (root, container) = (args[0], args[1]);
var appends = int.Parse(args[2], CultureInfo.InvariantCulture);
var size = int.Parse(args[3], CultureInfo.InvariantCulture);
var worker = args[4];

var settings = ContainerSettings.ReferenceCatalog("application/mmm-catalog");
using var lockFile = FlockLockFile.ForRoot(root);
using var appender = StoreAppender.Open(container, settings, new AppendOptions { Lock = lockFile });
var payload = Encoding.ASCII.GetBytes(new string('x', size));
var ids = Enumerable.Range(0, appends).Select(i => new ContentMeta { UniqueId = $"{worker}/{i}", Event = "New" }).ToArray();
var waits = new double[appends];

// Warm the same locked append path on a throwaway root for a while, so the timed loop measures appends, not the JIT:
// tiered compilation with dynamic PGO needs about a second of calls before the hot methods reach their final code.
var scratch = Directory.CreateTempSubdirectory("lockbench-warm-").FullName;
using (var warmLock = FlockLockFile.ForRoot(scratch))
using (var warm = StoreAppender.Open(Path.Combine(scratch, "warm.dcat"), settings, new AppendOptions { Lock = warmLock }))
{
    var clock = System.Diagnostics.Stopwatch.StartNew();
    for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(1.5); i++) warm.Append(payload, ids[i % appends]);
}
Directory.Delete(scratch, recursive: true);

Console.Out.WriteLine("ready");
Console.Out.Flush();
Console.In.ReadLine();
var start = NowMicros();
for (var i = 0; i < appends; i++)
{
    appender.Append(payload, ids[i]);
    waits[i] = appender.LastLockWait.TotalMicroseconds;
}
var end = NowMicros();
var json = new StringBuilder(appends * 6 + 64);
json.Append(CultureInfo.InvariantCulture, $"{{\"startUs\":{start},\"endUs\":{end},\"appends\":{appends},\"waitsUs\":[");
for (var i = 0; i < appends; i++) json.Append(i == 0 ? "" : ",").Append(waits[i].ToString("0.0", CultureInfo.InvariantCulture));
json.Append("]}");
Console.Out.WriteLine(json.ToString());
return 0;

static long NowMicros() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
