#!/usr/bin/env bash
# Everything adamdyn measures and tests on a GPU, in one command (a lent GPU machine's time is short).
#
#   bash tools/gpu_session.sh [OUTDIR] [PARTS]   # from the repository root; OUTDIR defaults to $OUT or /tmp/gpu_out
#
# PARTS: any of "check torch tests" (the default: all three), to split a session over two device calls.
#
# Runs, each under its own time limit, in this order: benchmarks/gpu_check.py --quick (record
# benchmarks/results/gpu_check.json), benchmarks/torch_step.py --device cuda without fused=True (record
# benchmarks/results/torch_step_cuda.json), then the tests that use a GPU when one is present (the torch path
# on "cuda": its CUDA graph engine against the torch operations, flat against flat=False bit for bit; the CUDA
# phase diagram against the CPU). Logs and copies of the records go to OUTDIR. It uses the
# machine's python3 with the repository on PYTHONPATH (no install: such machines often cannot reach a package
# index), and works around one known incompatibility of the image seen so far: numba-cuda importing
# numpy.row_stack, which numpy 2.5 removed (a sitecustomize.py in a temporary folder adds it back as vstack,
# the same function). About 6 minutes on an H200 with cold caches.
set -u
out=${1:-${OUT:-/tmp/gpu_out}}
parts=" ${2:-check torch tests} "
mkdir -p "$out"
shim=$(mktemp -d)
cat > "$shim/sitecustomize.py" <<'EOF'
import numpy
if not hasattr(numpy, "row_stack"):
    numpy.row_stack = numpy.vstack
EOF
export PYTHONPATH="$shim:$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1 MPLBACKEND=Agg
export XDG_CACHE_HOME=${XDG_CACHE_HOME:-$(mktemp -d)}
nvidia-smi --query-gpu=name,driver_version --format=csv > "$out/gpu.txt" 2>&1
if [[ $parts == *" check "* ]]; then
timeout 280 python3 benchmarks/gpu_check.py --quick --budget 220 > "$out/gpu_check.log" 2>&1
cp benchmarks/results/gpu_check.json "$out/" 2>/dev/null
fi
if [[ $parts == *" torch "* ]]; then
timeout 150 python3 benchmarks/torch_step.py --device cuda --kinds flat ops per_tensor torch --repeat 7 \
    > "$out/torch_step.log" 2>&1
cp benchmarks/results/torch_step_cuda.json "$out/" 2>/dev/null
fi
if [[ $parts == *" tests "* ]]; then
timeout 200 python3 -m pytest -q -p no:cacheprovider -p no:benchmark -n 4 -rs \
    tests/test_torch_graph.py tests/test_torch_optim.py tests/test_torch_family.py tests/test_torch_speed_path.py \
    tests/test_torch_loop.py tests/test_torch_experiments.py tests/test_torch_hessian.py tests/test_scale.py -k "cuda or gpu" \
    > "$out/pytest.log" 2>&1
fi
tail -n 3 "$out"/*.log
