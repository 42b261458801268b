#!/usr/bin/env bash
# Build benchmarks/c_reference.c with gcc -O3, -O3 -fno-math-errno (both IEEE float64) and -Ofast
# (fast-math, not IEEE), OpenMP, and print one JSON line of updates/s for each build.
# Usage: benchmarks/run_c_reference.sh [GRID=256] [STEPS=2000]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
GRID="${1:-256}"
STEPS="${2:-2000}"
for opt in "-O3" "-O3 -fno-math-errno" "-Ofast"; do
  # shellcheck disable=SC2086
  gcc $opt -march=native -fopenmp "$here/c_reference.c" -o "$tmp/cref" -lm
  printf '%-20s ' "$opt"
  "$tmp/cref" "$GRID" "$STEPS"
done
