#!/usr/bin/env bash
# Builds the self-contained Native AOT mesh-conform into out/mesh-conform-aot/ (run-conformance.sh and the benchmarks
# use it when present: it starts in milliseconds and needs no JIT). Needs the .NET 10 SDK, gcc/clang and zlib headers.
#   tools/build-aot.sh [RID]     (default: the machine's, e.g. linux-x64)
set -euo pipefail
cd "$(dirname "$0")/.."
rid="${1:-$(dotnet --info | awk -F': *' '/^ *RID:/ {print $2; exit}')}"
dotnet publish tools/mesh-conform -c Release -r "$rid" -p:PublishAot=true -o out/mesh-conform-aot --artifacts-path /tmp/art-aot -nologo -v quiet
echo "out/mesh-conform-aot/mesh-conform ($rid)"
