r"""Persistent on-disk cache of derivations and of the numeric functions' expressions.

A derivation with symbolic :math:`n` takes seconds to minutes; a fresh process
(``adamdyn phase``, ``adamdyn figures``) should not pay for it again. Entries are
JSON files holding sympy ``srepr`` strings (no pickle), read back by a small
evaluator that only builds sympy objects (:func:`parse_srepr`).

* **Where**: the ``symbolic/`` sub-folder of adamdyn's cache folder (:mod:`adamdyn._cache`:
  ``$ADAMDYN_CACHE_DIR``, ``off`` disables the cache, else ``$XDG_CACHE_HOME/adamdyn``,
  else ``~/.cache/adamdyn``).
* **Key**: SHA-256 of what changes the mathematics, and nothing else: the entry
  kind, the cache format, the source of the rule's module and of the rule modules it imports
  (:func:`rule_modules`: AdamW's key holds ``adam.py``), of
  :mod:`adamdyn.rules.base`, :mod:`adamdyn.backend` and of the engine modules that
  compute a derivation (:data:`ENGINE_MODULES`), and the derivation arguments.
  Changing a rule (or the engine) changes the key, so a stale entry is never used.
  The interpreter's, sympy's and adamdyn's version numbers are not part of it: the
  entries are sympy expressions, read back by :func:`parse_srepr` on any supported
  Python and sympy, so the shipped derivations load everywhere.
* **Safety**: writes are atomic (:func:`adamdyn._cache.atomic_write`); a file that
  cannot be read, parsed or decoded, or whose stored key differs, is ignored and
  rewritten. Failing to write (read-only folder) is silent: the cache only saves time.
* **Decoding** builds only sympy objects and the dataclasses given to :func:`register` (the
  package registers its own, :mod:`adamdyn.theory`), so this module imports none of the
  modules whose results it stores.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import inspect
import json
import sys
from pathlib import Path

import sympy as sp

from .. import _cache

__all__ = ["cache_dir", "cache_key", "load", "store", "encode", "decode", "parse_srepr", "register"]

FORMAT = "adamdyn-symbolic-cache"
SCHEMA = 1


def cache_dir() -> Path | None:
    """The folder holding the cache files, or ``None`` when ``ADAMDYN_CACHE_DIR=off``."""
    return _cache.folder("symbolic")


#: the modules of this package whose code decides what a derivation (or a numeric theory entry)
#: contains; rendering (``report``), shipping and this file's I/O are not among them.
ENGINE_MODULES = ("map", "fixed_points", "stability", "sampling", "derivation", "numeric")


@functools.cache
def _engine_digest() -> str:
    """Hash of the code every derivation depends on, besides the rule itself."""
    from .. import backend
    from ..rules import base

    h = hashlib.sha256()
    for mod in (base, backend):
        h.update(inspect.getsource(mod).encode())
    here = Path(__file__).parent
    for name in ENGINE_MODULES:
        h.update(name.encode() + b"\0" + (here / f"{name}.py").read_bytes().replace(b"\r\n", b"\n"))
    return h.hexdigest()


@functools.cache
def _module_source(modname: str) -> str:
    mod = sys.modules.get(modname)
    try:
        return inspect.getsource(mod) if mod is not None else ""
    except (OSError, TypeError):
        return ""


#: the package whose modules' sources enter the key of a rule defined in (or importing from) it
RULES_PACKAGE = "adamdyn.rules"
#: modules of that package already in :func:`_engine_digest` (``base``) or that only collect the rules
_NOT_RULE_MODULES = (RULES_PACKAGE, RULES_PACKAGE + ".base")


def _imported_rule_modules(modname: str, src: str) -> set:
    """The modules of :data:`RULES_PACKAGE` that the source ``src`` of module ``modname`` imports."""
    import importlib.util

    try:
        tree = ast.parse(src)
    except SyntaxError:
        return set()
    package = modname.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            try:
                base = importlib.util.resolve_name("." * node.level + (node.module or ""), package) \
                    if node.level else node.module
            except (ImportError, ValueError):
                continue
            names = [base] + [f"{base}.{a.name}" for a in node.names]  # `from . import adam`: a sub-module
        for name in names:
            if name and name.startswith(RULES_PACKAGE + ".") and name not in _NOT_RULE_MODULES \
                    and _module_source(name):
                out.add(name)
    return out


def rule_modules(modname: str) -> list:
    """``modname`` and, sorted, every module of :data:`RULES_PACKAGE` it imports, directly or through another.

    AdamW's key then changes when ``adam.py`` (whose update it calls) changes, NAdam's when ``adam.py`` or
    ``rmsprop.py`` does.

    Example:
        >>> import adamdyn.rules
        >>> rule_modules("adamdyn.rules.adamw")
        ['adamdyn.rules.adamw', 'adamdyn.rules.adam', 'adamdyn.rules.gd', 'adamdyn.rules.rmsprop']
    """
    seen, todo = set(), [modname]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(_imported_rule_modules(name, _module_source(name)) - seen)
    return [modname] + sorted(seen - {modname})


def rule_source(rule) -> str:
    """The source of the module defining ``rule`` (its update function) followed by that of every rule module
    it imports (:func:`rule_modules`), or the rule's functions' code if the module's source is unavailable."""
    modname = getattr(rule.update, "__module__", None) or type(rule).__module__
    src = _module_source(modname)
    if src:
        return src + "".join(f"\0{name}\0{_module_source(name)}" for name in rule_modules(modname)[1:])
    parts = []  # a rule built interactively: fall back to its functions' code
    for f in (rule.update, rule.scale, rule.degrees):
        try:
            parts.append(inspect.getsource(f))
        except (OSError, TypeError):
            parts.append(repr(getattr(f, "__code__", f)))
    return "\n".join(parts)


def cache_key(kind: str, rule, args) -> str:
    """SHA-256 key of one entry: kind, format, sources (rule and engine) and ``repr(args)``.

    No version number enters it (see the module docstring), so the key is the same on every
    supported Python and sympy.
    """
    return key_of(kind, rule, repr(args))


def key_of(kind: str, rule, args_repr: str) -> str:
    """:func:`cache_key` from the ``repr`` of the arguments (as an entry stores them)."""
    h = hashlib.sha256()
    for part in (FORMAT, str(SCHEMA), kind, rule.name, rule_source(rule), _engine_digest(), args_repr):
        h.update(part.encode() + b"\0")
    return h.hexdigest()


def entry_name(kind: str, rule, key: str) -> str:
    """The file name of an entry."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in rule.name)
    return f"{kind}-{safe}-{key[:40]}.json"


def _path(kind, rule, key) -> Path | None:
    d = cache_dir()
    return None if d is None else d / entry_name(kind, rule, key)


#: read-only entries shipped with the package (``python -m adamdyn.theory.ship``): a fresh install
#: (and CI) does not re-derive the built-in rules. Same format and keys, so a stale one is never used.
SHIPPED = Path(__file__).resolve().parent / "_shipped"


def _read(path: Path, key: str):
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        if not (isinstance(data, dict) and data.get("format") == FORMAT and data.get("schema") == SCHEMA
                and data.get("key") == key):
            return None
        return decode(data["payload"])
    except Exception:  # noqa: BLE001 - any unreadable entry is a miss, never an error
        return None


def load(kind: str, rule, args):
    """The cached object for ``(kind, rule, args)``, or ``None`` (missing, disabled, corrupt or foreign).

    Looks in the user cache, then in the entries shipped with the package.
    """
    key = cache_key(kind, rule, args)
    path = _path(kind, rule, key)
    if path is None:
        return None
    obj = _read(path, key)
    if obj is None and (SHIPPED / path.name).is_file():
        obj = _read(SHIPPED / path.name, key)
    return obj


def store(kind: str, rule, args, obj) -> Path | None:
    """Write ``obj`` atomically; returns the path, or ``None`` when disabled or not writable."""
    key = cache_key(kind, rule, args)
    path = _path(kind, rule, key)
    if path is None:
        return None
    try:
        text = json.dumps({"format": FORMAT, "schema": SCHEMA, "key": key, "kind": kind, "rule": rule.name,
                           "args": repr(args), "payload": encode(obj)})
        _cache.atomic_write(path, text)
        return path
    except (OSError, TypeError, ValueError):
        return None


# ---------------------------------------------------------------------------------------------
# encoding: JSON with tagged nodes; sympy objects as srepr strings


#: the dataclasses :func:`encode` writes and :func:`decode` rebuilds, by name (filled by :func:`register`)
DATACLASSES: dict[str, type] = {}


def register(*classes):
    """Let entries hold instances of the dataclasses ``classes`` (stored by class name)."""
    for cls in classes:
        if not dataclasses.is_dataclass(cls) or DATACLASSES.get(cls.__name__, cls) is not cls:
            raise TypeError(f"{cls!r}: not a dataclass, or another class of that name is registered")
        DATACLASSES[cls.__name__] = cls


def encode(obj):
    """A JSON-ready form of ``obj`` (dataclasses of this package, sympy objects, containers)."""
    if obj is None or isinstance(obj, (bool, int, str)):
        return obj
    if isinstance(obj, float):
        return {"$f": repr(obj)}
    if isinstance(obj, sp.MatrixBase) and not isinstance(obj, sp.Basic):
        return {"$m": list(obj.shape), "v": [sp.srepr(x) for x in obj]}
    if isinstance(obj, sp.Basic):
        return {"$s": sp.srepr(obj)}
    if isinstance(obj, tuple):
        return {"$t": [encode(x) for x in obj]}
    if isinstance(obj, list):
        return [encode(x) for x in obj]
    if isinstance(obj, dict):
        return {"$d": [[encode(k), encode(v)] for k, v in obj.items()]}
    if dataclasses.is_dataclass(obj) and DATACLASSES.get(type(obj).__name__) is type(obj):
        return {"$c": type(obj).__name__,
                "f": {f.name: encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}}
    raise TypeError(f"cannot cache an object of type {type(obj).__name__}")


def decode(obj):
    """Inverse of :func:`encode`."""
    if obj is None or isinstance(obj, (bool, int, str)):
        return obj
    if isinstance(obj, list):
        return [decode(x) for x in obj]
    if not isinstance(obj, dict) or len(obj) > 2:
        raise ValueError("malformed cache entry")
    if "$f" in obj:
        return float(obj["$f"])
    if "$s" in obj:
        return parse_srepr(obj["$s"])
    if "$m" in obj:
        r, c = obj["$m"]
        return sp.Matrix(r, c, [parse_srepr(x) for x in obj["v"]])
    if "$t" in obj:
        return tuple(decode(x) for x in obj["$t"])
    if "$d" in obj:
        return {decode(k): decode(v) for k, v in obj["$d"]}
    if "$c" in obj:
        cls = DATACLASSES[obj["$c"]]
        return cls(**{k: decode(v) for k, v in obj["f"].items()})
    raise ValueError("malformed cache entry")


@functools.cache
def _sympy_name(name: str):
    """A sympy class (subclass of Basic) or singleton constant called ``name``; else KeyError."""
    obj = getattr(sp, name, None)
    if obj is None:
        obj = {"ExprCondPair": sp.functions.elementary.piecewise.ExprCondPair}.get(name)
    if isinstance(obj, type) and issubclass(obj, sp.Basic):
        return obj
    if isinstance(obj, sp.Basic) and obj.is_Atom:  # oo, zoo, nan, pi, E, I, true, false ...
        return obj
    raise KeyError(name)


def parse_srepr(text: str) -> sp.Basic:
    """Rebuild a sympy object from its ``srepr`` without ``eval``: only sympy classes and literals."""
    tree = ast.parse(text, mode="eval")

    def ev(node):
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name):
                raise ValueError("bad srepr")
            f = _sympy_name(node.func.id)
            if not isinstance(f, type):
                raise ValueError("bad srepr")
            return f(*[ev(a) for a in node.args], **{k.arg: ev(k.value) for k in node.keywords})
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str, bool)) or (
                isinstance(node, ast.Constant) and node.value is None):
            return node.value
        if isinstance(node, ast.Name):
            return _sympy_name(node.id)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            v = ev(node.operand)  # a negative literal, or -oo (srepr writes NegativeInfinity so)
            if not (isinstance(v, (int, float)) or isinstance(v, sp.Number)):
                raise ValueError("bad srepr")
            return -v
        if isinstance(node, (ast.Tuple, ast.List)):
            vals = [ev(e) for e in node.elts]
            return tuple(vals) if isinstance(node, ast.Tuple) else vals
        raise ValueError("bad srepr")

    return ev(tree.body)
