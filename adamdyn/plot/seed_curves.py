"""Curves of the seed-comparison experiments (:mod:`adamdyn.torch.seed_experiments`): result data in, Figure out.

One row per task, four panels: training loss, the test metric (accuracy or loss), the median effective
learning rate and the preconditioned sharpness, one line per optimizer (mean over seeds). Importing this
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

_PANELS = (("train_loss", "training loss", True), ("test", None, False), ("eff_lr", "median effective lr", True),
           ("sharpness", "preconditioned sharpness", True))


def plot(result) -> Figure:
    """The figure of a seed-comparison result (``result.arrays`` keyed ``task/label/curve``)."""
    a, st = result.arrays, result.settings
    tasks = list(st["models"])
    with style():
        fig = Figure(figsize=(14, 3.2 * len(tasks)), layout="constrained")
        axes = np.atleast_2d(fig.subplots(len(tasks), 4))
        for row, task in zip(axes, tasks):
            labels = [k[len(task) + 1: -len("/steps")] for k in a if k.startswith(task + "/") and k.endswith("/steps")]
            cmap = [f"C{i % 10}" for i in range(len(labels))]
            test_key, test_label = ("test_acc", "test accuracy") if task == "cnn" else ("test_loss", "test loss")
            for label, color in zip(labels, cmap):
                pre = f"{task}/{label}/"
                steps = a[pre + "steps"]
                for ax, (key, title, log) in zip(row, _PANELS):
                    if key == "sharpness":
                        y = _mean(a[pre + "sharpness"])
                        x = a[pre + "sharpness_steps"]
                        ax.plot(x, y, "o-", color=color, ms=3, label=label)
                    else:
                        k = test_key if key == "test" else key
                        y = _mean(a[pre + k])
                        ax.plot(steps[: y.size], y, color=color, label=label)
                    ax.set_title(f"{task}: {title or test_label}", fontsize=9)
                    ax.set_xlabel("step")
                    if log:
                        ax.set_yscale("log")
            row[0].legend(fontsize=6, ncol=2)
    return fig
