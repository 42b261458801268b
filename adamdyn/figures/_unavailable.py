"""The error a figure raises when a library layer it needs is missing (torch, a symbolic function)."""

__all__ = ["FigureUnavailable"]


class FigureUnavailable(RuntimeError):
    """A figure cannot be built because a library layer it needs is missing."""
