#!/usr/bin/env bash
# Lock benchmark (issue 5): our writer under the X-1 flock vs a minimal C lock+write loop, 1/2/4/8 processes.
#   tools/bench/lock-bench.sh [--appends N] [--size B] [--rounds R] [--processes 1,2,4,8] [--json FILE] [--compare WORKER]
#   (--compare: a Mesh.LockBench built from another commit, run side by side)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=/tmp/lockbench-build
mkdir -p "$out"
dotnet build tools/bench/Mesh.LockBench -c Release -o "$out/ours" --artifacts-path /tmp/art-lockbench -nologo -v quiet >/dev/null
gcc -O2 -o "$out/lock_floor" tools/bench/lock/lock_floor.c
exec python3 tools/bench/lock-bench.py --ours "$out/ours/Mesh.LockBench" --floor "$out/lock_floor" "$@"
