"""Figures: plotting functions take data (simulate / sweep / derive results) and return a Figure.

Importing this package changes no global matplotlib setting; the package
style is applied inside :func:`adamdyn.figures.style.style` (an ``rc_context``).
Each catalogued figure is a module named after what it shows (e.g. :mod:`adamdyn.figures.stability_region`)
holding ``compute(quick=False) -> dict`` and ``plot(data) -> Figure``; :data:`FIGURES` maps the ids
``fig01`` .. ``fig18`` to those functions. Build one figure with :func:`build` or everything with
``adamdyn figures``.
"""

from .api import phase_diagram_figure, trajectory_figure
from .catalogue import FIGURES, FigureSpec, FigureUnavailable, build, get_spec, parse_ids, write_captions
from .style import save_figure, style

__all__ = ["phase_diagram_figure", "trajectory_figure", "FIGURES", "FigureSpec", "FigureUnavailable", "build", "get_spec", "parse_ids", "save_figure", "style",
           "write_captions"]
