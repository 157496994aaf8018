#!/usr/bin/env bash
# Builds the DARE container benchmark in Release and runs it.
#   tools/bench/run.sh [--entries N] [--size B] [--iterations K] [--json results.json] [--profile] [--keep]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec dotnet run -c Release --project tools/bench/Mesh.Bench --artifacts-path /tmp/art-bench -- "$@"
