"""Optimizer rules, each defined once (one small module per optimizer).

>>> from adamdyn.rules import get_rule
>>> get_rule("adam").param_names
('lr', 'beta1', 'beta2', 'eps', 'eps_inside', 'bias_correction', 'v0')
"""

from __future__ import annotations

import copyreg
import dataclasses

from . import (
    adabelief,
    adabound,
    adafactor,
    adagrad,
    adam,
    adamax,
    adamomentum,
    adamw,
    amsgrad,
    gd,
    lion,
    momentum,
    nadam,
    radam,
    rmsprop,
    s3,
    signgd,
    yogi,
)
from .base import Param, Params, Rule

#: the rules the source papers analyse (the core of every figure and claim)
ANALYSED = (gd, momentum, signgd, rmsprop, adam, adamomentum, s3, adabelief)
#: the family the papers compare against (issue: linear convergence of each, derived and checked)
FAMILY = (adamw, nadam, radam, adamax, amsgrad, adagrad, adabound, yogi, lion, adafactor)

RULES: dict[str, Rule] = {m.RULE.name: m.RULE for m in ANALYSED + FAMILY}

__all__ = ["RULES", "Param", "Params", "Rule", "get_rule", "register"]


def get_rule(name) -> Rule:
    """Return the rule called ``name`` (or ``name`` itself if it is a :class:`Rule`)."""
    if isinstance(name, Rule):
        return name
    try:
        return RULES[str(name).lower()]
    except KeyError:
        raise ValueError(
            f"unknown optimizer {name!r}; valid names are {', '.join(RULES)}. "
            "Fix: pick one of those (or register a new Rule with adamdyn.rules.register)."
        ) from None


def register(rule: Rule) -> Rule:
    """Add a user-defined rule to the registry so every API and the CLI accept its name."""
    if not isinstance(rule, Rule):
        raise ValueError(f"register expects an adamdyn.rules.Rule, got {type(rule).__name__}")
    RULES[rule.name] = rule
    return rule


def _rebuilt(name, changed) -> Rule:
    """The rule pickled by :func:`_reduce_rule`: registered rule ``name`` with the fields ``changed``."""
    base = get_rule(name)  # a rule registered in another process and not here: get_rule's error says so
    return dataclasses.replace(base, **changed) if changed else base


def _reduce_rule(rule):
    """Pickle (and deepcopy) a rule as the registered rule nearest to it plus the fields that differ: a
    registered rule's functions include lambdas, which pickle cannot store, so a rule made with
    ``dataclasses.replace(get_rule("adam"), update=...)`` pickles (where its own new fields do)."""
    best = None
    for base in RULES.values():
        changed = {}
        for f in dataclasses.fields(Rule):
            mine, theirs = getattr(rule, f.name), getattr(base, f.name)
            if mine is not theirs and (callable(mine) or mine != theirs):
                changed[f.name] = mine
        if best is None or len(changed) < len(best[1]):
            best = (base.name, changed)
    return _rebuilt, best


copyreg.pickle(Rule, _reduce_rule)
