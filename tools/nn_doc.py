"""docs/NN.md and docs/nn/: the paper-comparison experiments of ``adamdyn nn`` beside what the papers report.

    python tools/nn_doc.py                  # quick mode on this machine's CPU (about 2 minutes)
    python tools/nn_doc.py --full --device cuda   # the GPU sizes (adamdyn.torch.training.SIZES["full"])

Each experiment's JSON (settings, summary, claims, curves) and figure go to docs/nn/; the table to docs/NN.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--full", action="store_true", help="full sizes (a GPU); default: quick mode")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--out", default=os.path.join(ROOT, "docs"))
    args = ap.parse_args(argv)
    import torch

    from adamdyn.torch.comparisons import COMPARISONS, markdown_table
    from adamdyn.torch.experiments import run_experiment

    folder = os.path.join(args.out, "nn")
    results = []
    for name in COMPARISONS:
        res = run_experiment(name, quick=not args.full, device=args.device, out=folder)
        print(f"{name}: {res.summary['seconds']:.1f} s, "
              f"{sum(not c['agrees'] for c in res.summary['claims'])} of {len(res.summary['claims'])} claims differ",
              flush=True)
        results.append(res)
    where = (f"{torch.cuda.get_device_name()} (full mode)" if args.full and torch.cuda.is_available() else
             f"{platform.machine()} CPU, one thread per run ({'full' if args.full else 'quick'} mode)")
    note = (f"**Measured in {'full' if args.full else 'quick'} mode** on {where}, torch {torch.__version__}. "
            + ("Quick mode: one seed, 100-200 steps, tiny networks, no learning-rate tuning (the papers' rates times a "
               "stated `lr_scale`); a single run per cell, so differences below a few percent are noise. "
               "Full mode (`adamdyn nn NAME` without `--quick`, for a GPU): three seeds, 3000-4000 steps, each "
               "rate tuned over {1/3, 1, 3} x the paper's, CNN width 32, LSTM 2 x 256 units, GPT d = 128 with 4 "
               "layers; not run yet." if not args.full else "")
            + " The time scale of the second moment, 1/(1 - beta2) = 1000 steps at beta2 = 0.999, is longer "
              "than a quick run: RAdam's rectification (a built-in warm-up over that scale) and the decay of a "
              "non-zero v0 (whose term beta2^t v0 / (1 - beta2^t) the bias correction keeps, as in Abuduweili & "
              "Liu's eq. 4) are both still under way when a quick run ends, while the papers trained for 50k-80k "
              "steps.")
    with open(os.path.join(args.out, "NN.md"), "w") as f:
        f.write(markdown_table(results, note))
    print("wrote", os.path.join(args.out, "NN.md"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
