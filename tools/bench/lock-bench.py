#!/usr/bin/env python3
"""Lock benchmark (issue 5): appends per second with the lock taken per append, one writer and 2/4/8 contending
processes, and lock-wait percentiles — our writer (Mesh.LockBench: StoreAppender under the X-1 flock, 200-byte Merkle
catalog entries, no fsync) side by side with the floor (lock/lock_floor.c: blocking flock + fstat + write, no framing).

Every configuration gets a fresh container; the same total number of appends is split over the processes; workers
start together (each prints "ready", then all are sent "go"). Aggregate rate = total appends / (last end - first
start). Rounds alternate the implementations; medians over rounds are reported. Run through lock-bench.sh."""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile


def percentile(sorted_values, p):
    # nearest rank, as the stress report uses
    if not sorted_values:
        return 0.0
    k = max(0, min(len(sorted_values) - 1, int(-(-p * len(sorted_values) // 1)) - 1))
    return sorted_values[k]


def run(command, processes, total, size):
    root = tempfile.mkdtemp(prefix="lockbench-")
    container = os.path.join(root, "MMM_Task.dcat")
    per = total // processes
    workers = [subprocess.Popen(command + [root, container, str(per), str(size), "w%d" % i],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for i in range(processes)]
    for w in workers:
        if w.stdout.readline().strip() != "ready":
            raise SystemExit("a worker did not get ready: %s" % command)
    for w in workers:
        w.stdin.write("go\n")
        w.stdin.flush()
    results = []
    for w in workers:
        line = w.stdout.readline()
        w.wait()
        if w.returncode != 0 or not line:
            raise SystemExit("a worker failed: %s" % command)
        results.append(json.loads(line))
    size_on_disk = os.path.getsize(container)
    subprocess.run(["rm", "-rf", root], check=True)
    start = min(r["startUs"] for r in results)
    end = max(r["endUs"] for r in results)
    waits = sorted(x for r in results for x in r["waitsUs"])
    return {
        "rate": per * processes / ((end - start) / 1e6),
        "p50": percentile(waits, 0.50),
        "p99": percentile(waits, 0.99),
        "max": waits[-1] if waits else 0.0,
        # flock lets a releasing writer take the lock straight back, so waits are rare but can be long: say how rare
        "waited": sum(1 for w in waits if w > 10.0) / max(1, len(waits)),
        "bytes": size_on_disk,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ours", required=True, help="command of our worker (Mesh.LockBench)")
    parser.add_argument("--floor", required=True, help="command of the floor worker (lock_floor)")
    parser.add_argument("--compare", help="another build of our worker (e.g. from an earlier commit), run side by side as 'compare'")
    parser.add_argument("--appends", type=int, default=100_000, help="appends per configuration, split over the processes")
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--processes", default="1,2,4,8")
    parser.add_argument("--json", help="also write the medians here")
    args = parser.parse_args()
    counts = [int(x) for x in args.processes.split(",")]
    impls = {"ours": args.ours.split()}
    if args.compare:
        impls["compare"] = args.compare.split()
    impls["floor"] = args.floor.split()
    samples = {(i, n): [] for i in impls for n in counts}
    for r in range(args.rounds):
        for n in counts:
            for name, command in impls.items():
                samples[(name, n)].append(run(command, n, args.appends, args.size))
        print("round %d of %d done" % (r + 1, args.rounds), file=sys.stderr)

    medians = {}
    for key, runs in samples.items():
        medians[key] = {m: statistics.median(x[m] for x in runs) for m in ("rate", "p50", "p99", "max", "waited")}
        medians[key]["runs"] = [round(x["rate"]) for x in runs]
    print("| Implementation | Processes | Appends/s (median; runs) | ÷ its single writer | ÷ floor, same processes | Lock wait p50 µs | p99 µs | max ms | appends that waited > 10 µs |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in impls:
        single = medians[(name, counts[0])]["rate"]
        for n in counts:
            m = medians[(name, n)]
            print("| %s | %d | %.0f (%s) | %.2f | %.2f | %.1f | %.1f | %.1f | %.2f %% |" % (
                name, n, m["rate"], ", ".join(str(x) for x in m["runs"]), m["rate"] / single,
                m["rate"] / medians[("floor", n)]["rate"], m["p50"], m["p99"], m["max"] / 1000, 100 * m["waited"]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"%s-%d" % k: v for k, v in medians.items()}, f, indent=2)


if __name__ == "__main__":
    main()
