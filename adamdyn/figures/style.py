"""The package's figure style, applied only inside a context manager, and the save helper.

Nothing here touches the global :data:`matplotlib.rcParams`: plotting
functions run their body inside :func:`style` (a
:func:`matplotlib.rc_context`), so importing :mod:`adamdyn.figures` leaves a
user's settings alone.

>>> from adamdyn.figures.style import style, new_figure
>>> with style():
...     fig, axes = new_figure(1, 2)
>>> axes.shape
(1, 2)
"""

from __future__ import annotations

import contextlib
import functools
import os

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

__all__ = [
    "RC", "COLORS", "OPTIMIZER_COLORS", "REGIME_COLORS", "style", "styled", "new_figure",
    "label_panels", "save_figure", "FORMATS", "DPI",
]

#: Okabe-Ito palette: distinguishable under the common colour-vision deficiencies.
COLORS = {
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "red": "#D55E00", "purple": "#CC79A7", "grey": "#999999",
}
OPTIMIZER_COLORS = {
    "gd": COLORS["grey"], "momentum": COLORS["orange"], "adam": COLORS["blue"],
    "rmsprop": COLORS["green"], "signgd": COLORS["purple"],
}
#: colours of Regime I (stable), II (spikes), III (SignGD-like)
REGIME_COLORS = {1: COLORS["blue"], 2: COLORS["orange"], 3: COLORS["purple"]}

FORMATS = ("png", "pdf", "svg")
DPI = 200

RC = {
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "figure.constrained_layout.use": True,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "font.size": 8.5,
    "axes.titlesize": 9,
    "axes.labelsize": 8.5,
    "legend.fontsize": 7.5,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linewidth": 0.5,
    "lines.linewidth": 1.2,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": True,
    "legend.framealpha": 0.85,
    "legend.edgecolor": "0.8",
    "image.cmap": "viridis",
    "axes.prop_cycle": mpl.cycler(color=[COLORS[k] for k in ("blue", "orange", "green", "red", "purple", "sky", "black")]),
    "mathtext.fontset": "dejavusans",
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
}


@contextlib.contextmanager
def style(**overrides):
    """Apply the package style (plus ``overrides``) for the duration of a ``with`` block."""
    rc = dict(RC)
    rc.update(overrides)
    with mpl.rc_context(rc):
        yield


def styled(func):
    """Decorator: run a plotting function inside :func:`style`."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with style():
            return func(*args, **kwargs)

    return wrapper


def new_figure(nrows=1, ncols=1, *, width=7.0, height=None, squeeze=False, **kwargs):
    """A :class:`~matplotlib.figure.Figure` (not registered with pyplot) and its axes, flattened.

    Using :class:`Figure` directly keeps figures out of pyplot's global list,
    so nothing needs closing and nothing leaks between calls.
    """
    if height is None:
        height = 2.4 * nrows + 0.3
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False, **kwargs)
    return fig, (axes if not squeeze else axes.ravel())


def label_panels(axes, start=0):
    """Write bold panel letters (a), (b), ... at the top left of each axes."""
    for i, ax in enumerate(np.ravel(axes)):
        ax.set_title(f"({chr(ord('a') + start + i)})", loc="left", fontweight="bold")


def save_figure(fig: Figure, path, *, caption: str | None = None, dpi: int | None = None) -> str:
    """Save ``fig`` to ``path`` (format from the suffix); write ``caption`` beside it as ``.txt``.

    Returns the path written. PNGs are saved at :data:`DPI` (200) unless ``dpi`` is given.
    """
    if not isinstance(fig, Figure):
        raise ValueError(f"save_figure saves a matplotlib Figure, not a {type(fig).__name__}. Fix: pass the figure a "
                         "figure function returned, e.g. ad.figures.phase_diagram_figure(pd).")
    path = os.fspath(path)
    fmt = os.path.splitext(path)[1].lstrip(".").lower()
    if fmt not in FORMATS:
        raise ValueError(f"cannot save {path!r}: format {fmt!r} is not one of {', '.join(FORMATS)}. "
                         "Fix: end the file name in .png, .pdf or .svg.")
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    with style():
        meta = {"Software": None} if fmt == "png" else ({"Creator": None} if fmt in ("pdf", "svg") else None)
        if fmt == "pdf":
            meta = {"Creator": None, "Producer": None, "CreationDate": None}
        elif fmt == "svg":
            meta = {"Creator": None, "Date": None}
        fig.savefig(path, format=fmt, dpi=dpi or DPI, metadata=meta)
    if caption is not None:
        with open(os.path.splitext(path)[0] + ".txt", "w", encoding="utf-8") as fh:
            fh.write(caption.strip() + "\n")
    return path
