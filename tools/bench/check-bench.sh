#!/usr/bin/env bash
# Whole-process benchmark of `mesh-conform check` against `sha512sum` over the same bytes (issue 4).
#   tools/bench/check-bench.sh [--accounts 20] [--entries 1000] [--runs 3] [--keep DIR] [--tool PATH]
# Generates a plaintext reference profile (accounts × 13 stores × entries), then runs, side by side and alternating,
# `sha512sum` over every container and `mesh-conform check` (which verifies every digest, every catalog log, the
# layout and the keys). Reports wall time and peak resident memory (GNU time) of each run, and the ratio
# check / sha512sum. The page cache is warmed first so both read from memory. --tool runs a mesh-conform built
# elsewhere (e.g. another tree's Native AOT build) instead of building this tree's into out/.
set -euo pipefail
cd "$(dirname "$0")/../.."
accounts=20; entries=1000; runs=3; keep=""; tool=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --accounts) accounts="$2"; shift 2 ;;
    --entries) entries="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    --tool) tool="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
# The Native AOT build is what CI should run (no JIT warm-up); fall back to the JIT build where it cannot be made.
if [[ -n "$tool" ]]; then
  echo "tool: $tool"
elif tools/build-aot.sh >/dev/null 2>&1; then
  tool="$PWD/out/mesh-conform-aot/mesh-conform"; echo "tool: Native AOT build"
else
  out=/tmp/mesh-bench-tool
  dotnet build tools/mesh-conform -c Release -o "$out" -nologo -v quiet >/dev/null
  tool="$out/mesh-conform"; echo "tool: JIT build (Native AOT build failed)"
fi
dir="${keep:-$(mktemp -d)/mesh}"
if [[ ! -d "$dir" ]]; then
  echo "generating $accounts accounts × 13 stores × $entries entries (plaintext) in $dir ..."
  "$tool" generate-profile --out "$dir" --seed 1 --accounts "$accounts" --devices 2 --entries "$entries" --plaintext >/dev/null
fi
mapfile -d '' files < <(find -P "$dir" -type f \( -name '*.dare' -o -name '*.dcat' \) -print0 | sort -z)
bytes=$(cat "${files[@]}" | wc -c)
echo "profile: ${#files[@]} containers, $bytes bytes"
cat "${files[@]}" >/dev/null   # warm the page cache

measure() { # label command... -> prints "label wall_s maxrss_kb"
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o /tmp/mesh-bench-time "$@" >/dev/null 2>&1 || true
  read -r wall rss < /tmp/mesh-bench-time
  echo "$label $wall $rss"
}
printf '%-10s %10s %12s\n' run wall_s peak_MB
declare -a sha_times check_times
for ((i = 1; i <= runs; i++)); do
  read -r _ w r < <(measure sha512sum sha512sum "${files[@]}")
  sha_times+=("$w"); printf '%-10s %10s %12.1f\n' sha512sum "$w" "$(echo "$r / 1024" | bc -l)"
  read -r _ w r < <(measure check "$tool" check "$dir" --format json)
  check_times+=("$w"); printf '%-10s %10s %12.1f\n' check "$w" "$(echo "$r / 1024" | bc -l)"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms=$(median "${sha_times[@]}"); mc=$(median "${check_times[@]}")
echo
echo "median wall: sha512sum ${ms}s, check ${mc}s, ratio check/sha512sum = $(echo "scale=2; $mc / $ms" | bc -l)"
[[ -n "$keep" ]] || rm -rf "$(dirname "$dir")"
