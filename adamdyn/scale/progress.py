"""One progress line for tiled sweeps: tiles done, updates/s, ETA (stderr, only on a terminal)."""

from __future__ import annotations

import sys
import time

__all__ = ["TileProgress"]


class TileProgress:
    """``bar.update(updates_in_tile)`` after each tile; ``bar.close()`` ends the line."""

    def __init__(self, spec, done: int, enabled: bool = True, stream=None):
        self.stream = sys.stderr if stream is None else stream
        self.enabled = bool(enabled) and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.total, self.start_done, self.done = spec.ntiles, int(done), int(done)
        self.updates, self.t0, self.shown = 0, time.perf_counter(), False

    def line(self) -> str:
        el = time.perf_counter() - self.t0
        new = self.done - self.start_done
        rate = self.updates / el if el > 0 else 0.0
        left = self.total - self.done
        eta = el / new * left if new else float("nan")
        eta_txt = f"{eta:7.0f}s" if eta == eta else "      ?"
        return (f"sweep: {self.done}/{self.total} tiles  {rate / 1e6:8.2f} M updates/s  "
                f"elapsed {el:7.0f}s  eta {eta_txt}")

    def update(self, updates: int):
        self.done += 1
        self.updates += int(updates)
        if self.enabled:
            self.stream.write("\r" + self.line())
            self.stream.flush()
            self.shown = True

    def close(self):
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False
