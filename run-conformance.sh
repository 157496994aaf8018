#!/usr/bin/env bash
# Builds mesh-conform and runs the main job.
#   ./run-conformance.sh                  generate the embedded default (a deterministic reference profile: two accounts,
#                                         every catalog and spool, encrypted, with its keys) in a temporary directory and check it
#   ./run-conformance.sh --profile DIR    check the Mesh root DIR (the folder holding Profiles/ and Keys/) instead
# It reads the layout and every catalog log (`mesh-conform profile`), then verifies every container's framing and
# digests (`mesh-conform inspect`). Exit code: 0 valid, 1 invalid content found, 2 usage or I/O error.
# (The full profile checker, `mesh-conform check`, replaces these two steps when it lands.)
set -uo pipefail
cd "$(dirname "$0")"

profile=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile) profile="${2:?--profile needs a directory}"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "run-conformance.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

out="$PWD/out/mesh-conform"
if ! dotnet build tools/mesh-conform -c Release -o "$out" -nologo -v quiet >/tmp/mesh-conform-build.log 2>&1; then
  cat /tmp/mesh-conform-build.log >&2
  echo "run-conformance.sh: build failed" >&2
  exit 2
fi
tool="$out/mesh-conform"

if [[ -z "$profile" ]]; then
  tmp="$(mktemp -d)"; profile="$tmp"
  trap 'rm -rf "$tmp"' EXIT
  "$tool" generate-profile --out "$profile/mesh" --seed 1 --accounts 2 --devices 2 --entries 8 >/dev/null || exit 2
  profile="$profile/mesh"
  echo "embedded default: generated reference profile in $profile"
elif [[ ! -d "$profile" ]]; then
  echo "run-conformance.sh: $profile is not a directory" >&2
  exit 2
fi

echo
"$tool" profile "$profile"
profile_rc=$?
if (( profile_rc == 2 )); then exit 2; fi

echo
echo "containers:"
total=0; valid=0; invalid=0; errors=0
# -P: never follow symlinks out of the tree; only regular files are checked.
while IFS= read -r -d '' file; do
  total=$((total + 1))
  "$tool" inspect "$file" >/tmp/mesh-conform-inspect.txt 2>&1
  rc=$?
  case $rc in
    0) valid=$((valid + 1)); printf '  valid    %s\n' "${file#"$profile"/}" ;;
    1) invalid=$((invalid + 1)); printf '  INVALID  %s\n' "${file#"$profile"/}"; grep -E '^(error|warning) ' /tmp/mesh-conform-inspect.txt | sed 's/^/           /' ;;
    *) errors=$((errors + 1)); printf '  ERROR    %s\n' "${file#"$profile"/}"; sed 's/^/           /' /tmp/mesh-conform-inspect.txt ;;
  esac
done < <(find -P "$profile" -type f \( -name '*.dare' -o -name '*.dcat' -o -name '*.cat' \) -print0 | sort -z)

echo
echo "summary: $total container(s): $valid valid, $invalid invalid, $errors unreadable"
if (( total == 0 )); then echo "run-conformance.sh: no containers found under $profile" >&2; exit 2; fi
if (( errors > 0 )); then exit 2; fi
if (( invalid > 0 || profile_rc == 1 )); then exit 1; fi
exit 0
