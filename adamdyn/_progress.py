"""Progress bars (tqdm) on stderr, shown only when stderr is a terminal.

One rule decides whether a bar is drawn (:func:`shown`); the sweeps
(:func:`adamdyn.sweeps.run_points`) and the tiled sweeps
(:func:`adamdyn.scale.sweep`) both draw theirs with :func:`progress_bar`.
"""

from __future__ import annotations

import sys

from tqdm import tqdm

__all__ = ["shown", "progress_bar"]


def shown(enabled, stream=None) -> bool:
    """True when a bar is wanted (``enabled``) and ``stream`` (default: ``sys.stderr``) is a terminal."""
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    return bool(enabled) and callable(isatty) and bool(isatty())


def progress_bar(total: int, enabled=True, *, desc: str, unit: str, initial: int = 0, stream=None) -> tqdm:
    """A tqdm bar of ``total`` units on ``stream`` (default: ``sys.stderr`` at call time), already at
    ``initial``; silent (tqdm's ``disable``) unless :func:`shown`. Use it as a context manager or
    call ``.close()``."""
    stream = sys.stderr if stream is None else stream
    return tqdm(total=int(total), initial=int(initial), desc=desc, unit=unit, file=stream,
                disable=not shown(enabled, stream))
