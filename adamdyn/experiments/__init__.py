"""Experiments that combine the layers: seed 000's toy, the other seeds' optimizers, comparison tables.

Each module returns a result dataclass (saved as ``.npz`` without pickle) and,
where a figure belongs to it, a ``compute_figNN(quick)`` function whose data
the matching ``adamdyn.plot.others.plot_figNN`` draws.
"""
