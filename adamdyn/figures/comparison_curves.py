"""Curves of the paper-comparison experiments (:mod:`adamdyn.torch.comparisons`): result data in, Figure out.

One row per task, four panels: training and test loss, test accuracy, the median effective learning rate
and the preconditioned sharpness, one line per optimizer (mean over seeds). Importing this
module does not import torch.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from .style import style

__all__ = ["plot"]


def _mean(y):
    """Mean over seeds (rows), nan where every seed is nan (no warning)."""
    y = np.atleast_2d(np.asarray(y, dtype=float))
    ok = np.isfinite(y)
    count = ok.sum(axis=0)
    return np.where(count > 0, np.where(ok, y, 0.0).sum(axis=0) / np.maximum(count, 1), np.nan)

_PANELS = (("loss", "loss: training (solid), test (dashed)"), ("test_acc", None),
           ("eff_lr", "median effective lr"), ("sharpness", "preconditioned sharpness"))


def plot(result) -> Figure:
    """The figure of a paper-comparison result (``result.arrays`` keyed ``task/label/curve``): per task, the
    training and test loss, the test accuracy (top-1; next-character accuracy for the language models), the
    median effective learning rate and the preconditioned sharpness, one colour per optimizer."""
    a, st = result.arrays, result.settings
    tasks = list(st["models"])
    with style():
        fig = Figure(figsize=(14, 3.2 * len(tasks)), layout="constrained")
        axes = np.atleast_2d(fig.subplots(len(tasks), 4))
        for row, task in zip(axes, tasks):
            labels = [k[len(task) + 1: -len("/steps")] for k in a if k.startswith(task + "/") and k.endswith("/steps")]
            cmap = [f"C{i % 10}" for i in range(len(labels))]
            acc_label = "test accuracy" if task == "cnn" else "next-character test accuracy"
            for label, color in zip(labels, cmap):
                pre = f"{task}/{label}/"
                steps = a[pre + "steps"]
                for ax, (key, title) in zip(row, _PANELS):
                    if key == "sharpness":
                        ax.plot(a[pre + "sharpness_steps"], _mean(a[pre + "sharpness"]), "o-", color=color, ms=3,
                                label=label)
                    elif key == "loss":
                        y = _mean(a[pre + "train_loss"])
                        ax.plot(steps[: y.size], y, color=color, label=label)
                        y = _mean(a[pre + "test_loss"])
                        ax.plot(steps[: y.size], y, color=color, ls="--", lw=0.9)
                    else:
                        y = _mean(a[pre + key])
                        ax.plot(steps[: y.size], y, color=color, label=label)
                    ax.set_title(f"{task}: {title or acc_label}", fontsize=9)
                    ax.set_xlabel("step")
                    if key != "test_acc":
                        ax.set_yscale("log")
            row[0].legend(fontsize=6, ncol=2)
    return fig
