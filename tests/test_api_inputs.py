"""Bad input to the Python API: a ValueError that names the value, the valid range and the fix, where the
call used to answer wrongly (a NaN start labelled 'divergent', a NaN tolerance, a flattened 2-D axis, a
truthy string read as True) or fail deep inside numpy, sympy or Python."""

import numpy as np
import pytest

import adamdyn as ad

G = np.array([0.5, 0.9])


@pytest.mark.parametrize("call, match", [
    (lambda: ad.atlas("adam", {"beta1": G}, n=4, steps=100, init={"u": np.nan}), r"init u=nan is not finite.*Fix"),
    (lambda: ad.basin("adam", n=4, grid=4, steps=100, tol=np.nan), r"tol=nan is out of range.*Fix"),
    (lambda: ad.basin_fractions("adam", {"beta1": G, "beta2": G}, grid=3, steps=100, tol=-1.0),
     r"tol=-1\.0 is out of range"),
    (lambda: ad.phase_diagram("adam", {"beta1": np.full((2, 2), 0.5), "beta2": G}, steps=10),
     r"axis 'beta1' has shape \(2, 2\).*1-D.*Fix"),
    (lambda: ad.phase_diagram("adam", {"beta1": ["a"], "beta2": G}, steps=10), r"not numbers.*Fix"),
    (lambda: ad.verify(quick="no"), r"quick='no' is not a boolean.*Fix"),
    (lambda: ad.verify(only=15.5), r"only=15\.5 is not a list of claim ids.*only=\[4, 10\]"),
    (lambda: ad.find_fixed_points("adam", n=4, beta1=0.9, beta2=0.999, symbolic="yes"),
     r"symbolic='yes' is not one of 'auto', True, False.*Fix"),
    (lambda: ad.simulate("adam", steps=10, diverge_log10_loss=-400), r"diverge_log10_loss=-400 is out of range.*> 0"),
    (lambda: ad.derive("adam", n=4, beta1=np.array([0.5, 0.6])), r"derive takes one value per parameter.*Fix"),
])
def test_bad_input_is_refused_with_the_fix(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_one_claim_id_as_an_int():
    """verify(only=15) used to fail with "'int' object is not iterable"."""
    (c,) = ad.verify(only=15)
    assert c.id == 15


def test_make_optimizer_names_the_valid_keywords():
    torch = pytest.importorskip("torch")
    import adamdyn.torch as adt

    with pytest.raises(ValueError, match=r"unexpected keyword argument 'beta'; valid keywords are lr, betas"):
        adt.make_optimizer("adam", [torch.nn.Parameter(torch.ones(2))], beta=0.9)


def test_the_dynamics_toolkit_is_at_the_top_level():
    from adamdyn.dynamics import atlas, basins, continuation, fixed_points
    assert ad.atlas is atlas.atlas and ad.find_fixed_points is fixed_points.find_fixed_points
    assert ad.basin is basins.basin and ad.continue_boundary is continuation.continue_boundary


@pytest.fixture(scope="module")
def small_pd():
    return ad.phase_diagram("adam", {"beta1": G, "beta2": G}, {"n": 4}, steps=50)


@pytest.mark.parametrize("kw, match", [
    (dict(quantities=()), r"unknown quantity '\(none given\)'.*Fix"),
    (dict(quantities=("axis0",)), r"unknown quantity 'axis0'.*shape \(2, 2\)"),
    (dict(clip="a"), r"clip='a' is not a finite number.*Fix"),
])
def test_figure_functions_refuse_bad_arguments(small_pd, kw, match):
    with pytest.raises(ValueError, match=match):
        ad.figures.phase_diagram_figure(small_pd, **kw)


def test_figure_functions_take_one_quantity_and_name_wrong_objects(small_pd, tmp_path):
    """A single quantity name used to be split into characters ("unknown quantity 'm'")."""
    fig = ad.figures.phase_diagram_figure(small_pd, "min_log10_loss", theory=False)
    assert len(fig.axes) == 2  # one panel and its colour bar
    with pytest.raises(ValueError, match=r"draws one run, a Trajectory, not a PhaseDiagram.*Fix"):
        ad.figures.trajectory_figure(small_pd)
    with pytest.raises(ValueError, match=r"saves a matplotlib Figure, not a NoneType.*Fix"):
        ad.figures.save_figure(None, tmp_path / "x.png")
    with pytest.raises(ValueError, match=r"two axes, got Trajectory"):
        ad.figures.phase_diagram_figure(ad.simulate("adam", steps=5))
