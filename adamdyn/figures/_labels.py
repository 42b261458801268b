r"""Axis and legend labels shared by the figures (mathtext strings), defined once.

>>> SYMBOLS["beta1"] == B1
True
"""

__all__ = ["B1", "B2", "SYMBOLS", "LOSS", "STEP", "OPTIMIZER_LABELS", "MINLOSS", "FINLOSS", "COUPLING", "RADIUS"]

B1 = r"$\beta_1$"
B2 = r"$\beta_2$"
#: axis labels of the swept parameters
SYMBOLS = {"beta1": B1, "beta2": B2, "beta": r"$\beta$", "lr": r"$\eta$", "n": "$n$", "p": "$p$"}
LOSS = r"$\log_{10} f(x_t)$"
STEP = "step $t$"
OPTIMIZER_LABELS = {"gd": "GD", "momentum": "momentum", "adam": "Adam", "rmsprop": "RMSProp"}
MINLOSS = r"min $\log_{10} f$ (clipped at $-300$)"
FINLOSS = r"final $\log_{10} f$ (clipped at $-300$)"
COUPLING = r"max $\log_{10}\, v_t/g_t^2$"
RADIUS = r"spectral radius of $J$"
