"""A dependency-free progress bar on stderr, shown only on a terminal."""

from __future__ import annotations

import sys
import time


class Progress:
    """``with Progress(total, enabled) as bar: bar.update(k)``; silent unless stderr is a tty."""

    def __init__(self, total: int, enabled: bool = True, label: str = "sweep"):
        self.total, self.done, self.label = max(int(total), 1), 0, label
        self.enabled = bool(enabled) and hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
        self.t0 = time.perf_counter()

    def __enter__(self):
        return self

    def update(self, k: int):
        self.done += int(k)
        if not self.enabled:
            return
        frac = min(self.done / self.total, 1.0)
        width = 30
        bar = "#" * int(frac * width) + "-" * (width - int(frac * width))
        el = time.perf_counter() - self.t0
        eta = el / frac - el if frac > 0 else 0.0
        sys.stderr.write(f"\r{self.label} [{bar}] {100 * frac:5.1f}%  {el:6.1f}s  eta {eta:6.1f}s")
        sys.stderr.flush()

    def __exit__(self, *exc):
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()
        return False
