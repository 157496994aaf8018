#!/usr/bin/env bash
# Whole-process start-up benchmark (issue 7): `mesh-conform check` of a small generated profile with the Native AOT
# build against the framework-dependent build (`dotnet build -c Release` output), the latter run both through its
# apphost and as `dotnet mesh-conform.dll`.
#   tools/bench/aot-startup-bench.sh [--rounds 31] [--accounts 1] [--devices 2] [--entries 6] [--plaintext]
#                                    [--aot PATH] [--fdd DIR]
# The profile is `generate-profile --seed 1` with those counts (encrypted, as the reference writes it, unless
# --plaintext). Every round runs the three once each, in an order that rotates from round to round (interleaved, so
# a change of machine load hits all three alike), after one warm-up round. Wall time: hyperfine (-N, one run of each
# command per round) when it is installed (apt-get install hyperfine), and always this script's own clock around GNU
# time, which gives the peak RSS (%M) and CPU time of the same runs. Prints the medians, the ratios AOT / framework-
# dependent, the machine's load before and after, and the commit. Needs GNU time (apt-get install time).
# --aot PATH: an AOT binary built already (default: tools/build-aot.sh builds out/mesh-conform-aot/mesh-conform);
# --fdd DIR: a framework-dependent build output already made (default: built here into a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=31; accounts=1; devices=2; entries=6; plaintext=(); aot=""; fdd=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --accounts) accounts="$2"; shift 2 ;;
    --devices) devices="$2"; shift 2 ;;
    --entries) entries="$2"; shift 2 ;;
    --plaintext) plaintext=(--plaintext); shift ;;
    --aot) aot="$2"; shift 2 ;;
    --fdd) fdd="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "aot-startup-bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v /usr/bin/time >/dev/null || { echo "aot-startup-bench.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
hyperfine=""; command -v hyperfine >/dev/null && hyperfine=hyperfine
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ -z "$aot" ]]; then
  echo "building the Native AOT binary (tools/build-aot.sh) ..."
  tools/build-aot.sh >/dev/null
  aot="$PWD/out/mesh-conform-aot/mesh-conform"
fi
if [[ -z "$fdd" ]]; then
  echo "building the framework-dependent release build ..."
  dotnet build tools/mesh-conform -c Release --artifacts-path "$work/build" -nologo -v quiet >/dev/null
  fdd="$work/build/bin/MeshConform/release"
fi
[[ -x "$aot" ]] || { echo "aot-startup-bench.sh: $aot is not an executable" >&2; exit 2; }
[[ -x "$fdd/mesh-conform" && -f "$fdd/mesh-conform.dll" ]] || { echo "aot-startup-bench.sh: no mesh-conform build in $fdd" >&2; exit 2; }

profile="$work/mesh"
"$aot" generate-profile --out "$profile" --seed 1 --accounts "$accounts" --devices "$devices" --entries "$entries" "${plaintext[@]}" >/dev/null
files=$(find "$profile" -type f | wc -l); bytes=$(find "$profile" -type f -printf '%s\n' | awk '{s += $1} END {print s}')

names=(aot apphost dotnet-dll)
declare -A argv=(
  [aot]="$(printf '%q ' "$aot" check "$profile")"
  [apphost]="$(printf '%q ' "$fdd/mesh-conform" check "$profile")"
  [dotnet-dll]="$(printf '%q ' dotnet "$fdd/mesh-conform.dll" check "$profile")"
)
for n in "${names[@]}"; do # same verdict from each, and the page cache warmed
  eval "set -- ${argv[$n]}"
  "$@" > "$work/verdict-$n" 2>&1 || { echo "aot-startup-bench.sh: $n: check failed" >&2; cat "$work/verdict-$n" >&2; exit 1; }
  grep -q '^CONFORMANT' "$work/verdict-$n" || { echo "aot-startup-bench.sh: $n: no CONFORMANT verdict" >&2; exit 1; }
done

load_before="$(uptime)"
declare -A wall cpu rss hf
for ((r = 0; r <= rounds; r++)); do # round 0 is the warm-up
  order=("${names[@]:r%3}" "${names[@]:0:r%3}")
  for n in "${order[@]}"; do
    eval "set -- ${argv[$n]}"
    start=$EPOCHREALTIME
    /usr/bin/time -f '%M %U %S' -o "$work/time" "$@" >/dev/null 2>&1
    end=$EPOCHREALTIME
    read -r kb user sys < "$work/time"
    if ((r > 0)); then
      wall[$n]+="$(echo "($end - $start) * 1000" | bc -l) "
      cpu[$n]+="$(echo "($user + $sys) * 1000" | bc -l) "
      rss[$n]+="$(echo "$kb / 1024" | bc -l) "
    fi
  done
  if [[ -n "$hyperfine" ]]; then
    hargs=(); for n in "${order[@]}"; do hargs+=(-n "$n" "${argv[$n]}"); done
    "$hyperfine" -N --runs 1 --style none --export-csv "$work/hf.csv" "${hargs[@]}" >/dev/null 2>&1
    if ((r > 0)); then
      while IFS=, read -r n mean _; do hf[$n]+="$(echo "$mean * 1000" | bc -l) "; done < <(tail -n +2 "$work/hf.csv")
    fi
  fi
done
load_after="$(uptime)"

median() { printf '%s\n' $1 | sort -g | awk '{a[NR] = $1} END {printf "%.1f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
declare -A mw mh mc mr
for n in "${names[@]}"; do
  mw[$n]=$(median "${wall[$n]}"); mc[$n]=$(median "${cpu[$n]}"); mr[$n]=$(median "${rss[$n]}")
  mh[$n]=$([[ -n "$hyperfine" ]] && median "${hf[$n]}" || echo "-")
done

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -z "$(git status --porcelain -- src tools 2>/dev/null)" ]] || commit+=" (with uncommitted changes in src/ or tools/)"
echo
echo "mesh-conform check: Native AOT vs framework-dependent, $rounds interleaved rounds (+1 warm-up)"
echo "commit:  $commit"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), .NET $(dotnet --version)"
echo "profile: generate-profile --seed 1 --accounts $accounts --devices $devices --entries $entries ${plaintext[*]} ($files files, $bytes bytes)"
echo "load before: ${load_before#*load average: }; after: ${load_after#*load average: }"
echo "wall: $([[ -n "$hyperfine" ]] && echo "hyperfine $(hyperfine --version | awk '{print $2}') -N, and ")own clock around GNU time; CPU and RSS: GNU time"
echo
printf '%-12s %16s %16s %14s %14s\n' build "wall ms (hyperf.)" "wall ms (own)" "CPU ms" "peak RSS MB"
for n in "${names[@]}"; do printf '%-12s %16s %16s %14s %14s\n' "$n" "${mh[$n]}" "${mw[$n]}" "${mc[$n]}" "${mr[$n]}"; done
echo
ref=$([[ -n "$hyperfine" ]] && echo mh || echo mw)
declare -n best="$ref"
for n in apphost dotnet-dll; do
  echo "AOT / $n: wall $(echo "scale=3; ${best[aot]} / ${best[$n]}" | bc -l), peak RSS $(echo "scale=3; ${mr[aot]} / ${mr[$n]}" | bc -l)"
done
if (( $(echo "${best[aot]} < 150" | bc -l) )); then target="met"; else target="MISSED"; fi
echo "target (AOT median wall under 150 ms): $target (${best[aot]} ms)"
