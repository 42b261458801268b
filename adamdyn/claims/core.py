"""The claim record, the registry of claims and the helpers every claim uses.

A claim is a function ``f(quick: bool) -> dict`` decorated with :func:`claim`,
which turns it into ``f(quick=True) -> Check``: the decorator adds the claim's
id, source and statement, times the run, and turns a missing prediction
(:class:`~adamdyn.theory.TheoryUnavailable`: the engine has no theory for it;
any other error propagates) into an ``n/a`` record instead of a crash. The dict the body returns holds ``predicted``, ``observed``,
``tolerance``, ``passed``, ``settings`` and optionally ``note``, ``details``,
``paper_says``, ``adamdyn_finds`` and ``corrects_paper``.

Every record says two things in words: ``paper_says``, the paper's statement or
prediction (by default the claim's statement), and ``adamdyn_finds``, what the
package finds (by default ``"agrees: <observed>"`` when the check passes,
``"disagrees: <observed> (predicted <predicted>)"`` when it fails). A claim whose
finding differs from the paper (a misprint, a corrected factor) says so in these
two fields, sets ``corrects_paper=True`` and passes when the package's own finding holds: its
:attr:`Check.verdict` is then ``"corrected"`` where a passing claim that agrees with the paper reads
``"confirmed"``.

A claim with ``parts`` (e.g. ``{"a": (name, statement), "b": (name, statement)}``) shares one
measurement between separately scored statements: its body returns ``{part: dict}`` and the run
returns a list of checks labelled ``11a``, ``11b``; :func:`verify` flattens them.
"""

from __future__ import annotations

import functools
import math
import re
import time
from dataclasses import asdict, dataclass, field

import numpy as np

from ..dynamics.reductions import fit_slope, late_window  # noqa: F401 (one definition; late_window re-exported for notebooks)
from ..theory.numeric import TheoryUnavailable  # the one "no theory here" error (a claim reports n/a)

__all__ = ["Check", "CLAIMS", "claim", "TheoryUnavailable", "fit_slope", "fit_slope_se", "rel_err", "parse_only",
           "verify"]

LN10 = math.log(10.0)




@dataclass
class Check:
    """One verified claim: what theory predicts, what simulation measured, and the verdict.

    ``passed`` is ``True``/``False``, or ``None`` when the prediction could not be
    computed (``status`` ``"n/a"``, reason in ``note``).
    """

    id: int
    name: str
    source: str
    statement: str
    predicted: object
    observed: object
    tolerance: str
    passed: bool | None
    settings: dict = field(default_factory=dict)
    note: str = ""
    details: dict = field(default_factory=dict)
    quick: bool = True
    elapsed_s: float = 0.0
    part: str = ""
    paper_says: str = ""
    adamdyn_finds: str = ""
    corrects_paper: bool = False

    def __post_init__(self):
        if not self.paper_says:
            self.paper_says = self.statement
        if not self.adamdyn_finds:
            self.adamdyn_finds = default_finding(self.passed, self.predicted, self.observed, self.note)

    @property
    def label(self) -> str:
        """``"4"``, or ``"11a"`` for part ``a`` of a claim with parts."""
        return f"{self.id}{self.part}"

    @property
    def status(self) -> str:
        return "n/a" if self.passed is None else ("pass" if self.passed else "FAIL")

    @property
    def verdict(self) -> str:
        """``"confirmed"`` (passes and agrees with the paper), ``"corrected"`` (passes: adamdyn's own finding,
        which differs from the paper's statement, holds), ``"FAIL"`` or ``"n/a"``."""
        if not self.passed:
            return self.status
        return "corrected" if self.corrects_paper else "confirmed"

    def as_dict(self) -> dict:
        d = asdict(self)
        d["status"] = self.status
        d["verdict"] = self.verdict
        d["label"] = self.label
        return d


def default_finding(passed, predicted, observed, note="") -> str:
    """What the package finds, in words, when a claim does not say it itself."""
    if passed is None:
        return f"not checked: {note}" if note else "not checked"
    return f"agrees: {observed}" if passed else f"disagrees: {observed} (predicted {predicted})"


CLAIMS: dict = {}


def claim(cid: int, name: str, source: str, statement: str, parts: dict | None = None):
    """Register the decorated body as claim ``cid`` (see the module docstring)."""

    def deco(body):
        @functools.wraps(body)
        def run(quick: bool = True):
            t0 = time.perf_counter()
            try:
                out = dict(body(bool(quick)))
            except TheoryUnavailable as exc:
                na = {"predicted": "unavailable", "observed": "not run", "tolerance": "-", "passed": None,
                      "note": f"prediction unavailable: {exc}"}
                out = {k: dict(na) for k in parts} if parts else na
            elapsed = round(time.perf_counter() - t0, 3)
            if not parts:
                return _record(cid, name, source, statement, quick, elapsed, "", out)
            missing = sorted(set(parts) - set(out))
            if missing:
                raise RuntimeError(f"claim {cid} ({body.__name__}) returned no record for part(s) {missing}")
            return [_record(cid, pname, source, pstatement, quick, elapsed, key, dict(out[key]))
                    for key, (pname, pstatement) in parts.items()]

        run.claim_id = cid
        run.parts = tuple(parts) if parts else ("",)
        if cid in CLAIMS:
            raise RuntimeError(f"claim id {cid} registered twice ({CLAIMS[cid].__name__} and {body.__name__})")
        CLAIMS[cid] = run
        return run

    return deco


_BODY_KEYS = ("predicted", "observed", "tolerance", "passed", "settings", "note", "details", "paper_says",
              "adamdyn_finds", "corrects_paper")


def _record(cid, name, source, statement, quick, elapsed, part, out) -> Check:
    unknown = sorted(set(out) - set(_BODY_KEYS))
    if unknown:
        raise RuntimeError(f"claim {cid}{part} returned unknown key(s) {unknown}; valid keys are {', '.join(_BODY_KEYS)}")
    passed = out.pop("passed")
    if out.get("corrects_paper") and not ("paper_says" in out and "adamdyn_finds" in out):
        raise RuntimeError(f"claim {cid}{part} corrects the paper but does not say how: it needs both paper_says "
                           "and adamdyn_finds")
    for key in ("paper_says", "adamdyn_finds"):
        if key in out:
            out[key] = str(out[key])
    return Check(id=cid, name=name, source=source, statement=statement,
                 passed=None if passed is None else bool(passed), quick=bool(quick),
                 elapsed_s=elapsed, part=part, **out)


def fit_slope_se(x, y) -> tuple:
    """Least-squares slope of ``y`` against ``x`` and its standard error from the residuals (finite points only)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    if x.size < 3:
        return math.nan, math.nan
    slope, icpt = np.polyfit(x, y, 1)
    resid = y - (slope * x + icpt)
    return float(slope), float(math.sqrt(resid @ resid / (x.size - 2) / np.sum((x - x.mean()) ** 2)))


def rel_err(observed, predicted) -> float:
    """``|observed - predicted| / |predicted|`` (absolute error when ``predicted`` is 0)."""
    observed, predicted = float(observed), float(predicted)
    if not (math.isfinite(observed) and math.isfinite(predicted)):
        return math.inf
    return abs(observed - predicted) / (abs(predicted) if predicted != 0 else 1.0)


def parse_only(only) -> list:
    """Claim ids from ``None`` (all), ``"4,10"`` or an iterable of ints; ``ValueError`` names bad ids. A part's id
    as the report prints it (``"11a"``) selects its claim, which runs with all its parts."""
    valid = sorted(CLAIMS)
    if only is None:
        return valid
    if isinstance(only, (int, np.integer)) and not isinstance(only, bool):
        only = [only]
    try:
        items = only.split(",") if isinstance(only, str) else list(only)
    except TypeError:
        raise ValueError(f"only={only!r} is not a list of claim ids. Fix: pass e.g. only=[4, 10] "
                         "(on the command line: --only 4,10).") from None
    ids = []
    for item in items:
        text = str(item).strip()
        m = re.fullmatch(r"(\d+)([a-z]?)", text)
        cid = int(m.group(1)) if m else None
        if cid not in CLAIMS:
            raise ValueError(
                f"unknown claim id {text!r}; valid ids are {', '.join(map(str, valid))} (a part such as 11a selects "
                "its claim). Fix: pass e.g. only=[4, 10] (on the command line: --only 4,10).")
        if cid not in ids:
            ids.append(cid)
    if not ids:
        raise ValueError(f"no claim ids given; valid ids are {', '.join(map(str, valid))}. Fix: pass e.g. only=[4, 10] "
                         "(on the command line: --only 4,10).")
    return sorted(ids)


def verify(quick: bool = True, only=None) -> list:
    """Run the registered claims (all, or the ids in ``only``) and return their :class:`Check` records.

    A claim with parts contributes one record per part (same ``id``, ``part`` ``"a"``, ``"b"``, ...).
    """
    if not isinstance(quick, bool):
        raise ValueError(f"quick={quick!r} is not a boolean; valid values are True (fast settings) or False (full). "
                         "Fix: pass quick=True or quick=False.")
    out = []
    for cid in parse_only(only):
        res = CLAIMS[cid](quick=quick)
        out.extend(res if isinstance(res, list) else [res])
    return out
