#!/usr/bin/env bash
# Builds mesh-conform and runs the main job: `mesh-conform check` on a Mesh root.
#   ./run-conformance.sh                    generate the embedded default (a deterministic reference profile: two
#                                           accounts, every catalog and spool, encrypted, with its keys) in a
#                                           temporary directory and check it
#   ./run-conformance.sh --profile DIR      check the Mesh root DIR (the folder holding Profiles/ and Keys/) instead
#   --report-dir DIR                        also write text, JSON, JUnit, SARIF and HTML reports into DIR
#   --expect FILE                           expectations file of known failures (see docs/check.md)
#   --strict                                SHOULD-level findings fail too
#   --adapter CMD                           add an implementation's writer (a protocol-1 adapter, docs/adapter-protocol.md)
#                                           to the locking stress run; repeatable
#   --stress-suite short|full               the stress scenario set (default short: 4 writers x 100 appends, ~10 s)
#   --no-stress                             skip the locking stress run
# After the check, the locking stress run (mesh-conform stress --suite short) mixes our writer, the Python reference
# adapter (tools/adapters/python, when python3 is present) and every --adapter in one container, with kills, readers
# and two deliberately broken scenarios that must be caught.
# Exit code: 0 conformant, 1 failing findings or a failed stress scenario, 2 usage or I/O error, 3 expectations file stale.
set -uo pipefail
cd "$(dirname "$0")"

profile=""
args=()
stress=(--suite short)
run_stress=1
report_dir=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile) profile="${2:?--profile needs a directory}"; shift 2 ;;
    --report-dir) report_dir="${2:?--report-dir needs a directory}"; args+=(--report-dir "$report_dir" --format text json junit sarif html); shift 2 ;;
    --expect) args+=(--expect "${2:?--expect needs a file}"); shift 2 ;;
    --strict) args+=(--strict); shift ;;
    --adapter) stress+=(--adapter "${2:?--adapter needs a command}"); shift 2 ;;
    --stress-suite) stress[1]="${2:?--stress-suite needs short or full}"; shift 2 ;;
    --no-stress) run_stress=0; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "run-conformance.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

out="$PWD/out/mesh-conform"
# A Native AOT build in out/mesh-conform-aot (tools/build-aot.sh) is used when present and newer than every source
# file: it starts faster. A stale one is ignored, so edits are never checked with an old binary. Build output (bin/,
# obj/: generated .cs and .json files that every build rewrites) is not source and does not make it stale.
aot="$PWD/out/mesh-conform-aot/mesh-conform"
if [[ -x "$aot" ]] && [[ -z "$(find src tools vectors Directory.Build.props Directory.Packages.props \( -name bin -o -name obj \) -prune -o -newer "$aot" \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' -o -name '*.props' \) -print -quit)" ]]; then
  tool="$aot"
else
  if ! dotnet build tools/mesh-conform -c Release -o "$out" -nologo -v quiet >/tmp/mesh-conform-build.log 2>&1; then
    cat /tmp/mesh-conform-build.log >&2
    echo "run-conformance.sh: build failed" >&2
    exit 2
  fi
  tool="$out/mesh-conform"
fi

if [[ -z "$profile" ]]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  profile="$tmp/mesh"
  "$tool" generate-profile --out "$profile" --seed 1 --accounts 2 --devices 2 --entries 8 >/dev/null || exit 2
  echo "embedded default: generated reference profile in $profile"
elif [[ ! -d "$profile" ]]; then
  echo "run-conformance.sh: $profile is not a directory" >&2
  exit 2
fi

"$tool" check "$profile" "${args[@]}"
checked=$?
if [[ $checked -ne 0 && $checked -ne 1 ]] || [[ $run_stress -eq 0 ]]; then exit $checked; fi

if command -v python3 >/dev/null 2>&1; then
  stress+=(--adapter "python3 $PWD/tools/adapters/python/mesh_adapter.py")
else
  echo "run-conformance.sh: python3 not found; the stress run mixes our writer with --adapter writers only" >&2
fi
[[ -n "$report_dir" ]] && stress+=(--report-dir "$report_dir")
echo
echo "locking stress run: mesh-conform stress ${stress[*]}"
"$tool" stress "${stress[@]}"
stressed=$?
if [[ $checked -ne 0 ]]; then exit $checked; fi
exit $stressed
