#!/usr/bin/env bash
# The mesh-conform CI job as a plain shell script (docs/ci.md shows it verbatim; a test compares the two and runs it).
# Runs your program to write a Mesh profile, checks it, leaves SARIF, JUnit XML and HTML reports, and exits with
# mesh-conform's verdict. Run it from your repository's root, e.g.
#   MESH_PRODUCE_PROFILE='./build/my-mesh --home "$MESH_PROFILE_DIR" create-profile' ./conformance-job.sh
# Environment (all optional):
#   MESH_CONFORM          how to run mesh-conform (split at spaces). Default: `dotnet tool run mesh-conform`, after
#                         `dotnet tool restore` installed it from your tool manifest (dotnet-tools.json).
#   MESH_PRODUCE_PROFILE  your program's command line (run with sh -c) that writes a Mesh root into $MESH_PROFILE_DIR;
#                         without it, MESH_PROFILE_DIR must already hold one
#   MESH_PROFILE_DIR      the Mesh root to check (default: mesh-profile)
#   MESH_REPORT_DIR       where the reports go (default: reports)
#   MESH_EXPECT           expectations file of known failures (default: conformance-expectations.txt, when it exists)
#   MESH_ADAPTER          your protocol-1 writer adapter (docs/adapter-protocol.md): also run the locking stress suite
# Exit code: 0 conformant, 1 failing findings or a failed stress scenario, 2 usage or I/O error (or the tool or your
# program could not run), 3 the expectations file lists failures that no longer occur.
set -uo pipefail

profile="${MESH_PROFILE_DIR:-mesh-profile}"
reports="${MESH_REPORT_DIR:-reports}"
expect="${MESH_EXPECT:-conformance-expectations.txt}"

if [[ -n "${MESH_CONFORM:-}" ]]; then
  read -r -a tool <<<"$MESH_CONFORM"
else
  dotnet tool restore || { echo "conformance-job: dotnet tool restore failed" >&2; exit 2; }
  tool=(dotnet tool run mesh-conform)
fi
version="$("${tool[@]}" --version)" || { echo "conformance-job: cannot run ${tool[*]}" >&2; exit 2; }
echo "mesh-conform $version"

if [[ -n "${MESH_PRODUCE_PROFILE:-}" ]]; then
  export MESH_PROFILE_DIR="$profile"
  sh -c "$MESH_PRODUCE_PROFILE" || { echo "conformance-job: the profile command failed" >&2; exit 2; }
fi

check=(check "$profile" --format sarif,junit,html --report-dir "$reports")
# A default expectations file that is absent is no error; one named in MESH_EXPECT must exist (else exit 2).
if [[ -n "${MESH_EXPECT:-}" || -f "$expect" ]]; then check+=(--expect "$expect"); fi
rm -f "$reports/mesh-conform.sarif" "$reports/mesh-conform.junit.xml" "$reports/mesh-conform.html" # never upload an old run's
"${tool[@]}" "${check[@]}"
status=$?
case $status in
  0) verdict="conformant" ;;
  1) verdict="failing findings" ;;
  2) verdict="usage or I/O error" ;;
  3) verdict="expectations file stale: drop the entries that no longer fail" ;;
  *) verdict="unexpected exit code" ;;
esac
for report in mesh-conform.sarif mesh-conform.junit.xml mesh-conform.html; do
  if [[ -f "$reports/$report" ]]; then echo "report: $reports/$report"; fi
done
echo "conformance-job: check exit $status ($verdict)"

if [[ -n "${MESH_ADAPTER:-}" ]] && [[ $status -eq 0 || $status -eq 1 ]]; then
  "${tool[@]}" stress --suite short --adapter "$MESH_ADAPTER" --report-dir "$reports"
  stressed=$?
  echo "conformance-job: stress exit $stressed (reports: $reports/stress.json, $reports/stress.html)"
  if [[ $status -eq 0 ]]; then status=$stressed; fi
fi
exit "$status"
