"""Saving and loading results as ``.npz`` without pickle.

Every result type is a dataclass whose array fields go into the archive as
arrays and whose other fields (parameters, flags, versions) go into one JSON
string stored under ``__meta__``. Loading uses ``allow_pickle=False``.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import tempfile
import zipfile

import numpy as np

__all__ = ["save_npz", "load_npz"]


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray) and value.dtype != object:
        return value.tolist()
    return value


def save_npz(result, path) -> str:
    """Write ``result`` (one of the registered result types: every result with a ``.save`` method) to ``path``
    (``.npz``) atomically; return the path."""
    name = type(result).__name__
    if _RESULT_TYPES.get(name) is not type(result):
        raise ValueError(f"save_npz saves adamdyn's result types ({', '.join(sorted(_RESULT_TYPES))}), not a "
                         f"{name}. Fix: pass one of those (each also has .save(path)); other objects give their "
                         "JSON form with .as_dict() or .summary().")
    arrays, meta = {}, {"__type__": name, "__module__": type(result).__module__}
    for f in dataclasses.fields(result):
        value = getattr(result, f.name)
        if isinstance(value, np.ndarray):
            if value.dtype == object:
                raise ValueError(f"cannot save this {name}: field {f.name} is an object array, which needs pickle. "
                                 "Fix: keep numbers in numeric arrays.")
            arrays[f.name] = value
        elif isinstance(value, dict) and value and all(isinstance(v, np.ndarray) for v in value.values()):
            for k, v in value.items():
                arrays[f"{f.name}/{k}"] = v
            meta.setdefault("__dicts__", []).append(f.name)
        else:
            meta[f.name] = _jsonable(value)
    try:
        arrays["__meta__"] = np.array(json.dumps(meta, allow_nan=True))
    except TypeError as exc:
        raise ValueError(f"cannot save this {name}: a field holds something JSON cannot write ({exc}). "
                         "Fix: keep its settings to numbers, strings, lists and dicts.") from None
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ValueError(f"cannot write {path!r}: folder {folder!r} does not exist. Fix: create it first.")
    try:
        fd, tmp = tempfile.mkstemp(suffix=".npz", dir=folder)
    except OSError as exc:
        raise ValueError(f"cannot write {path!r}: {exc.strerror or exc}. Fix: choose a writable folder.") from None
    os.close(fd)
    try:
        np.savez_compressed(tmp, **arrays)
        os.replace(tmp, path)
    except OSError as exc:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise ValueError(f"cannot write {path!r}: {exc.strerror or exc}. Fix: choose a writable path.") from None
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return path


def load_npz(path, cls=None):
    """Load a result saved by :func:`save_npz` (no pickle). ``cls`` checks the type."""

    try:
        where = os.fspath(path)
    except TypeError:
        raise ValueError(f"load_npz needs a file path, got {path!r}. Fix: pass the path of a .npz that .save() "
                         "wrote.") from None
    try:
        with open(where, "rb") as fh, np.load(fh, allow_pickle=False) as data:
            if not hasattr(data, "files"):
                raise ValueError("it holds one array, not an archive")
            files = {k: data[k] for k in data.files}
    except (OSError, EOFError, zipfile.BadZipFile, KeyError) as exc:
        raise ValueError(f"cannot read {where!r} as an adamdyn .npz result: {exc}. Fix: pass the path of a .npz "
                         "that .save() wrote.") from None
    except ValueError as exc:
        why = "not an .npz archive" if "pickle" in str(exc) else str(exc)  # numpy's advice to unpickle: not here
        raise ValueError(f"cannot read {where!r} as an adamdyn .npz result: {why}. Fix: pass the path of a .npz "
                         "that .save() wrote.") from None
    if "__meta__" not in files:
        raise ValueError(f"{where!r} is not an adamdyn result (no __meta__ entry). Fix: pass a .npz that .save() "
                         "wrote.")
    try:
        meta = json.loads(str(files.pop("__meta__")))
        type_name = meta.pop("__type__")
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
        raise ValueError(f"{where!r} is not an adamdyn result (unreadable __meta__ entry)") from None
    module = meta.pop("__module__", "adamdyn.dynamics.simulation")
    dict_fields = meta.pop("__dicts__", [])
    if type_name not in _RESULT_TYPES and str(module).startswith("adamdyn."):
        try:
            importlib.import_module(module)  # registers the type; only adamdyn's own modules
        except ImportError:
            raise ValueError(f"{where!r} holds a {type_name} from {module}, which cannot be imported") from None
    target = _RESULT_TYPES.get(type_name)
    if target is None or (cls is not None and target is not cls):
        raise ValueError(f"{where!r} holds a {type_name}, expected {getattr(cls, '__name__', 'a known type')}")
    kwargs = dict(meta)
    for name in dict_fields:
        kwargs[name] = {}
    for key, arr in files.items():
        if "/" in key:
            head, tail = key.split("/", 1)
            kwargs.setdefault(head, {})[tail] = arr
        else:
            kwargs[key] = arr
    fields = dataclasses.fields(target)
    for f in fields:  # JSON gives lists: a tuple field is a tuple again
        if f.type in ("tuple", tuple) and isinstance(kwargs.get(f.name), list):
            kwargs[f.name] = tuple(kwargs[f.name])
    names = {f.name for f in fields}
    required = {f.name for f in fields if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    missing = sorted(required - set(kwargs))
    if missing:
        raise ValueError(f"{where!r} is an incomplete {type_name}: missing {', '.join(missing)}")
    return target(**{k: v for k, v in kwargs.items() if k in names})


_RESULT_TYPES: dict = {}


def register_result(cls):
    """Class decorator: make ``cls`` loadable by :func:`load_npz`."""
    _RESULT_TYPES[cls.__name__] = cls
    cls.save = lambda self, path: save_npz(self, path)
    return cls
