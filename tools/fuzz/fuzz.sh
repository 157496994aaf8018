#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser the checker exposes to untrusted input (docs/robustness.md).
#
#   tools/fuzz/fuzz.sh build                  publish Mesh.Fuzz, instrument our assemblies (SharpFuzz), build the libFuzzer
#                                             front end, write the seed corpus from vectors/
#   tools/fuzz/fuzz.sh smoke [SECONDS]        every target for SECONDS (default 5), two at a time: the CI smoke run
#   tools/fuzz/fuzz.sh campaign [RUNS]        every target for RUNS executions (default 1,200,000), two at a time; the
#                                             long campaign; corpora grow in $MESH_FUZZ_DIR/corpus and carry over
#   tools/fuzz/fuzz.sh run TARGET [ARGS...]   one target under libFuzzer with extra libFuzzer ARGS (-max_total_time=…)
#   tools/fuzz/fuzz.sh afl TARGET [SECONDS]   one target under AFL++ (afl-fuzz) instead of libFuzzer
#   tools/fuzz/fuzz.sh replay TARGET FILE...  run inputs through the uninstrumented target (a crash, a corpus)
#
# Needs the .NET SDK, clang with libFuzzer (Debian: clang libclang-rt-14-dev) and, for `afl`, afl++. SharpFuzz's
# instrumenter comes from the tool manifest next to this script (dotnet tool restore). Work files go to
# $MESH_FUZZ_DIR (default /tmp/mesh-fuzz); a crashing input is saved in $MESH_FUZZ_DIR/crashes/TARGET/ and the run fails.
# A found crash is fixed, then its input goes into tools/fuzz/regressions/TARGET/, which `dotnet test` replays.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${MESH_FUZZ_DIR:-/tmp/mesh-fuzz}"
bin="$work/bin"
driver="$work/libfuzzer-sharpfuzz"
# The instrumented libraries: every assembly of ours that untrusted bytes reach (not the target glue itself).
instrumented=(Mesh.Core Mesh.Udf Mesh.JsonB Mesh.Dare Mesh.Catalogs Mesh.Layout Mesh.Platform Mesh.Checks)
# A hostile length field must not make the checker allocate gigabytes: the target process gets a 256 MiB heap and
# an OutOfMemoryException is reported as a crash like any other unhandled exception.
export DOTNET_GCHeapHardLimit=0x10000000
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The dictionaries that suit a target: the second column of `Mesh.Fuzz list` (FuzzTargets.All says it, next to the target).
dictionaries() { dotnet "$bin/Mesh.Fuzz.dll" list | awk -v t="$1" '$1 == t && $2 != "-" {gsub(",", " ", $2); print $2}'; }

build() {
  command -v clang >/dev/null || { echo "fuzz.sh: needs clang with libFuzzer (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
  mkdir -p "$work"
  echo "building Mesh.Fuzz into $bin ..."
  rm -rf "$bin"
  dotnet publish "$here/Mesh.Fuzz" -c Release -o "$bin" --artifacts-path "$work/artifacts" -nologo -v quiet >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; exit 2; }
  # Seeds first: once instrumented, our assemblies only run under a fuzzer (their coverage map is the fuzzer's).
  rm -rf "$work/seeds"
  dotnet "$bin/Mesh.Fuzz.dll" seeds "$repo/vectors" "$work/seeds" >/dev/null
  (cd "$here" && dotnet tool restore >/dev/null)
  for assembly in "${instrumented[@]}"; do
    (cd "$here" && dotnet tool run sharpfuzz "$bin/$assembly.dll" >/dev/null) || { echo "fuzz.sh: could not instrument $assembly" >&2; exit 2; }
  done
  clang -O2 -fsanitize=fuzzer "$here/libfuzzer-sharpfuzz.c" -o "$driver"
  mapfile -t targets < <(list_targets)
  for target in "${targets[@]}"; do
    mkdir -p "$work/corpus/$target" "$work/crashes/$target"
    local d="$work/dict/$target.dict"
    mkdir -p "$work/dict"; : >"$d"
    for name in $(dictionaries "$target"); do cat "$here/dictionaries/$name.dict" >>"$d"; done
  done
  echo "built: $(ls "$work/seeds" | wc -l) targets, $(find "$work/seeds" -type f | wc -l) seeds"
}

require_build() {
  [[ -x "$driver" && -f "$bin/Mesh.Fuzz.dll" && -d "$work/seeds" ]] || build
  mapfile -t targets < <(list_targets)
}

# The targets are the ones Mesh.Fuzz defines (FuzzTargets.All): one list, in the code.
list_targets() { dotnet "$bin/Mesh.Fuzz.dll" list | awk '{print $1}'; }

# run_one TARGET LOG [libFuzzer args...]: seeds and regressions are read-only inputs; new units go to the corpus.
run_one() {
  local target="$1" log="$2"; shift 2
  local inputs=("$work/corpus/$target" "$work/seeds/$target")
  [[ -d "$here/regressions/$target" ]] && inputs+=("$here/regressions/$target")
  local dict=(); [[ -s "$work/dict/$target.dict" ]] && dict=(-dict="$work/dict/$target.dict")
  MESH_FUZZ_COMMAND="dotnet $bin/Mesh.Fuzz.dll $target" "$driver" \
    -timeout=10 -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/crashes/$target/" "${dict[@]}" "$@" "${inputs[@]}" >"$log" 2>&1
}

# Runs every target with the given libFuzzer arguments, two at a time; prints executions per target; fails on a crash.
run_all() {
  local label="$1"; shift
  local logs="$work/logs/$label-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$logs"
  local pids=() names=() failed=0 i
  for target in "${targets[@]}"; do
    run_one "$target" "$logs/$target.log" "$@" &
    pids+=($!); names+=("$target")
    if (( ${#pids[@]} % 2 == 0 )); then wait "${pids[-2]}" || true; wait "${pids[-1]}" || true; fi
  done
  wait || true
  printf '%-16s %12s %10s %8s %s\n' target executions "exec/s" "corpus" result
  local total=0
  for i in "${!names[@]}"; do
    local target="${names[$i]}" log="$logs/${names[$i]}.log"
    local runs rate corpus result
    runs=$(awk '/stat::number_of_executed_units/ {print $NF}' "$log"); runs=${runs:-0}
    rate=$(awk '/stat::average_exec_per_sec/ {print $NF}' "$log"); rate=${rate:-0}
    corpus=$(find "$work/corpus/$target" -type f | wc -l)
    if grep -q "^==[0-9]*== ERROR: libFuzzer\|Test unit written to\|libfuzzer-sharpfuzz: the target" "$log"; then
      result="CRASH (see $log and $work/crashes/$target/)"; failed=1
    elif [[ "$runs" == 0 ]]; then
      result="DID NOT RUN (see $log)"; failed=1
    else
      result=ok
    fi
    total=$((total + runs))
    printf '%-16s %12s %10s %8s %s\n' "$target" "$runs" "$rate" "$corpus" "$result"
  done
  printf '%-16s %12s\n' total "$total"
  echo "logs: $logs"
  return $failed
}

command="${1:-}"; shift || true
case "$command" in
  build) build ;;
  smoke) require_build; run_all smoke -max_total_time="${1:-5}" ;;
  campaign) require_build; run_all campaign -runs="${1:-1200000}" ;;
  run) require_build; target="$1"; shift; run_one "$target" /dev/stdout "$@" ;;
  afl)
    require_build
    command -v afl-fuzz >/dev/null || { echo "fuzz.sh: needs afl-fuzz (apt-get install afl++)" >&2; exit 2; }
    target="$1"; seconds="${2:-60}"
    dict=(); [[ -s "$work/dict/$target.dict" ]] && dict=(-x "$work/dict/$target.dict")
    mkdir -p "$work/afl"
    # dotnet is not an instrumented binary: the coverage comes from SharpFuzz, so afl-fuzz's binary check is skipped.
    AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 \
      afl-fuzz -i "$work/seeds/$target" -o "$work/afl/$target" -t 10000 -m none -V "$seconds" "${dict[@]}" -- "$(command -v dotnet)" "$bin/Mesh.Fuzz.dll" "$target"
    ;;
  replay) target="$1"; shift; dotnet run --project "$here/Mesh.Fuzz" -c Release -- "$target" "$@" ;;
  *) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
