#!/usr/bin/env bash
# Compile benchmarks/c_reference.c with gcc -O3 and -Ofast (OpenMP) and print updates/s.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
GRID="${1:-64}"
STEPS="${2:-2000}"
for opt in -O3 -Ofast; do
  gcc "$opt" -march=native -fopenmp "$here/c_reference.c" -o "$tmp/cref" -lm
  printf '%-6s ' "$opt"
  "$tmp/cref" "$GRID" "$STEPS"
done
