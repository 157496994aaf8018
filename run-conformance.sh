#!/usr/bin/env bash
# Builds mesh-conform and runs the main job: `mesh-conform check` on a Mesh root.
#   ./run-conformance.sh                    generate the embedded default (a deterministic reference profile: two
#                                           accounts, every catalog and spool, encrypted, with its keys) in a
#                                           temporary directory and check it
#   ./run-conformance.sh --profile DIR      check the Mesh root DIR (the folder holding Profiles/ and Keys/) instead
#   --report-dir DIR                        also write text, JSON, JUnit, SARIF and HTML reports into DIR
#   --expect FILE                           expectations file of known failures (see docs/check.md)
#   --strict                                SHOULD-level findings fail too
# Exit code: 0 conformant, 1 failing findings, 2 usage or I/O error, 3 expectations file stale.
set -uo pipefail
cd "$(dirname "$0")"

profile=""
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile) profile="${2:?--profile needs a directory}"; shift 2 ;;
    --report-dir) args+=(--report-dir "${2:?--report-dir needs a directory}" --format text json junit sarif html); shift 2 ;;
    --expect) args+=(--expect "${2:?--expect needs a file}"); shift 2 ;;
    --strict) args+=(--strict); shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "run-conformance.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

out="$PWD/out/mesh-conform"
# A Native AOT build in out/mesh-conform-aot (tools/build-aot.sh) is used when present and newer than every source
# file: it starts faster. A stale one is ignored, so edits are never checked with an old binary.
aot="$PWD/out/mesh-conform-aot/mesh-conform"
if [[ -x "$aot" ]] && [[ -z "$(find src tools vectors -newer "$aot" \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' \) -print -quit)" ]]; then
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
