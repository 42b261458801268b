"""Experiments that combine the layers: the saddle toy of Abuduweili & Liu (2025), the other papers' optimizers, comparison tables.

Each module returns a result dataclass (saved as ``.npz`` without pickle) and,
where a figure belongs to it, a ``compute_figNN(quick)`` function whose data
the matching ``adamdyn.plot.others.plot_figNN`` draws.
"""
