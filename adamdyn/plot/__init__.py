"""Figures: plotting functions take data (simulate / sweep / derive results) and return a Figure.

Importing this package changes no global matplotlib setting; the package
style is applied inside :func:`adamdyn.plot.style.style` (an ``rc_context``).
Build one figure with :func:`build` or everything with ``adamdyn figures``.
"""

from .api import phase_diagram_figure, trajectory_figure
from .catalogue import FIGURES, FigureSpec, FigureUnavailable, build, get_spec, parse_ids, write_captions
from .style import save_figure, style

__all__ = ["phase_diagram_figure", "trajectory_figure", "FIGURES", "FigureSpec", "FigureUnavailable", "build", "get_spec", "parse_ids", "save_figure", "style",
           "write_captions"]
