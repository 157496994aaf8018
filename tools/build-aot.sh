#!/usr/bin/env bash
# Builds the self-contained Native AOT mesh-conform into out/mesh-conform-aot/ (run-conformance.sh and the benchmarks
# use it when present: it starts in milliseconds and needs no JIT). Needs the .NET 10 SDK, gcc/clang and zlib headers.
#   tools/build-aot.sh [--portable] [RID]     (default RID: the machine's, e.g. linux-x64)
# By default the binary is compiled for THIS machine's CPU (IlcInstructionSet=native), because the verifier's
# multi-buffer SHA-512 needs AVX-512 and an AOT binary cannot detect it at run time the way the JIT does. Such a
# binary may not start on an older CPU: use --portable for one to copy elsewhere (baseline x86-64, scalar hashing).
set -euo pipefail
cd "$(dirname "$0")/.."
isa=(-p:IlcInstructionSet=native)
if [[ "${1:-}" == "--portable" ]]; then isa=(); shift; fi
rid="${1:-$(dotnet --info | awk -F': *' '/^ *RID:/ {print $2; exit}')}"
dotnet publish tools/mesh-conform -c Release -r "$rid" -p:PublishAot=true "${isa[@]}" -o out/mesh-conform-aot --artifacts-path /tmp/art-aot -nologo -v quiet
if [[ ${#isa[@]} -gt 0 ]]; then note=", native instruction set"; else note=", portable"; fi
echo "out/mesh-conform-aot/mesh-conform ($rid$note)"
