"""Resumable tile store for phase sweeps: a manifest plus one ``.npz`` file per finished tile.

A sweep over a 2-D grid is cut into rectangles (tiles) of at most
``tile x tile`` points. Each tile is computed by :func:`adamdyn.sweeps.phase_diagram`
on its sub-grid (every point is independent, so the tile arrays are exactly the
corresponding slices of one uninterrupted run) and written atomically: a
temporary file in the same folder, then :func:`os.replace`. A crash therefore
leaves either a complete tile or none, never a partial one.

Layout of an output directory::

    DIR/manifest.json          every parameter, the package version, the grid, the tile size, key
    DIR/tiles/t00003_00012.npz one finished tile (its arrays, its index, the manifest key)

The ``key`` is the SHA-256 of the canonical parameter JSON; every tile carries
it, so tiles made with other parameters are refused instead of mixed in.

Why ``.npz`` and not zarr: no extra dependency (numpy only, loaded without
pickle), and each tile is one file made atomic by ``os.replace`` -- a zarr
array is many chunk files plus metadata, so a killed writer can leave a store
that is valid-looking but half written. :meth:`TileStore.to_xarray` gives an
``xarray.Dataset`` view when xarray is installed.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass

import numpy as np

from .._version import __version__
from ..dynamics.simulation import _check_start

__all__ = ["SweepSpec", "TileStore", "make_spec", "ARRAY_FIELDS", "FORMAT", "MAX_TILES", "MAX_AXIS"]

FORMAT = 1
MAX_TILES = 1_000_000  # files in one tiles/ folder; beyond this use a larger tile
MAX_AXIS = 10_000_000  # points on one axis (the manifest lists every value)
ARRAY_FIELDS = ("min_log10_loss", "final_log10_loss", "max_log10_coupling", "late_slope", "min_step", "spike_step",
                "divergence_step", "underflow_step", "steps_run", "deep_steps", "regime_observed", "regime_theory",
                "spectral_radius", "predicted_slope")
BYTES_PER_POINT = 8 * len(ARRAY_FIELDS)  # assembled PhaseDiagram, upper bound (int8 regimes counted as 8)
TILE_BYTES_PER_POINT = 512  # one tile in phase_diagram: mesh, columns, outputs, theory, labels (generous)
_TILE_RE = re.compile(r"^t(\d{5,})_(\d{5,})\.npz$")
DEVICES = ("cpu", "cuda")


def _float(name, value, *, positive=False):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name}={value!r} is not a number. Fix: pass a finite float.")
    x = float(value)
    if not math.isfinite(x) or (positive and x <= 0):
        rng = "finite and > 0" if positive else "finite"
        raise ValueError(f"{name}={value!r} is invalid; valid values are {rng}. Fix: pass e.g. {name}=2.0.")
    return x


def _int(name, value, lo, example):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < lo:
        raise ValueError(f"{name}={value!r} is invalid; valid values are integers >= {lo}. Fix: pass {name}={example}.")
    return int(value)


@dataclass(frozen=True)
class SweepSpec:
    """Every parameter of a tiled sweep (validated; build with :func:`make_spec`)."""

    optimizer: str
    mode: str
    axis_names: tuple
    axes: tuple  # tuple of tuples of floats, one per axis
    params: dict  # every non-axis parameter, resolved (defaults filled in), including n
    steps: int
    x0: float
    spike_decades: float
    diverge_log10_loss: float
    tile: int
    device: str

    @property
    def shape(self) -> tuple:
        return tuple(len(a) for a in self.axes)

    @property
    def tile_grid(self) -> tuple:
        return tuple(-(-s // self.tile) for s in self.shape)

    @property
    def ntiles(self) -> int:
        return int(np.prod(self.tile_grid))

    def tile_bounds(self, index) -> tuple:
        """``((i0, i1), (j0, j1))`` of tile ``index`` (one pair per axis)."""
        return tuple((k * self.tile, min((k + 1) * self.tile, s)) for k, s in zip(index, self.shape))

    def tile_indices(self):
        return [tuple(int(v) for v in ix) for ix in np.ndindex(*self.tile_grid)]

    def tile_axes(self, index) -> dict:
        return {name: np.asarray(ax[a:b], float)
                for name, ax, (a, b) in zip(self.axis_names, self.axes, self.tile_bounds(index))}

    def to_json(self) -> dict:
        return {"optimizer": self.optimizer, "mode": self.mode, "axis_names": list(self.axis_names),
                "axes": [list(a) for a in self.axes], "params": dict(sorted(self.params.items())),
                "steps": self.steps, "x0": self.x0, "spike_decades": self.spike_decades,
                "diverge_log10_loss": self.diverge_log10_loss, "tile": self.tile, "device": self.device,
                "version": __version__, "code": code_fingerprint(), "format": FORMAT}

    @property
    def key(self) -> str:
        text = json.dumps(self.to_json(), sort_keys=True, allow_nan=False)
        return hashlib.sha256(text.encode()).hexdigest()

    def phase_kwargs(self) -> dict:
        """Keyword arguments of :func:`adamdyn.sweeps.phase_diagram` (all but ``axes``)."""
        return {"optimizer": self.optimizer, "fixed": dict(self.params), "steps": self.steps, "mode": self.mode,
                "x0": self.x0, "spike_decades": self.spike_decades,
                "diverge_log10_loss": self.diverge_log10_loss}


def make_spec(optimizer="adam", axes=None, fixed=None, *, steps=20000, mode="normalized", x0=1.0,
              spike_decades=2.0, diverge_log10_loss=50.0, tile=64, device="cpu") -> SweepSpec:
    """Validate sweep parameters (same rules as :func:`adamdyn.sweeps.phase_diagram`, plus tiling)."""
    from ..rules import get_rule
    from ..sweeps.phase import MODES, split_params

    if isinstance(optimizer, str):
        rule = get_rule(optimizer)
    else:
        raise ValueError(f"optimizer={optimizer!r} is not a name. Fix: pass e.g. optimizer='adam'.")
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; valid modes are {', '.join(MODES)}. Fix: pass mode='normalized'.")
    if device not in DEVICES:
        raise ValueError(f"device={device!r} is invalid; valid values are {', '.join(DEVICES)} (or 'auto' in sweep).")
    steps = _int("steps", steps, 1, 20000)
    tile = _int("tile", tile, 1, 64)
    x0 = _check_start(x0)  # raw too: x0 = 0 is the minimum itself (it used to run, flagged as an underflow at step 0)
    spike = _float("spike_decades", spike_decades, positive=True)
    bound = _float("diverge_log10_loss", diverge_log10_loss)
    if axes is None:
        axes = {"beta1": np.linspace(0.01, 0.999, 32), "beta2": np.linspace(0.01, 0.999, 32)}
    if isinstance(axes, dict):
        for name, vals in axes.items():
            arr = np.asarray(vals) if not isinstance(vals, str) else None
            if arr is None or arr.dtype.kind not in "iuf" or arr.ndim > 1:
                raise ValueError(f"axis {name!r} must be a 1-D sequence of numbers, got {vals!r:.80}. "
                                 "Fix: pass e.g. np.linspace(0.01, 0.999, 64).")
            if arr.size > MAX_AXIS:
                raise ValueError(f"axis {name!r} has {arr.size:,} values; at most {MAX_AXIS:,} are supported. "
                                 "Fix: sweep it in several runs.")
            if arr.size and not np.all(np.isfinite(arr)):
                raise ValueError(f"axis {name!r} holds a non-finite value ({arr[~np.isfinite(arr)][0]!r}). "
                                 "Fix: pass finite values.")
    p, flags, n, grids = split_params(rule, axes, fixed)
    names = tuple(grids)
    params = {k: (bool(v) if isinstance(v, (bool, np.bool_)) else float(v)) for k, v in p.as_dict().items()
              if k not in names}
    if "n" not in names:
        params["n"] = float(n)
    spec = SweepSpec(optimizer=rule.name, mode=mode, axis_names=names,
                     axes=tuple(tuple(float(v) for v in grids[k]) for k in names), params=params, steps=steps,
                     x0=x0, spike_decades=spike, diverge_log10_loss=bound, tile=tile, device=device)
    tile_points = int(np.prod([min(tile, n) for n in spec.shape]))
    need, limit = tile_points * TILE_BYTES_PER_POINT, available_memory() // 2
    if need > limit:
        raise ValueError(f"one tile of {tile_points:,} points needs about {need / 2**30:.1f} GiB; "
                         f"{limit / 2**30:.1f} GiB may be used. Fix: pass a smaller tile (e.g. tile=256).")
    if spec.ntiles > MAX_TILES:
        raise ValueError(f"grid {spec.shape} with tile={tile} makes {spec.ntiles:,} tiles; at most {MAX_TILES:,} "
                         f"files are kept in one store. Fix: pass a larger tile (e.g. tile={tile * 8}).")
    return spec


def spec_from_json(d) -> SweepSpec:
    """Rebuild and re-validate a spec from its JSON form (a manifest)."""
    try:
        axes = dict(zip(d["axis_names"], (np.asarray(a, float) for a in d["axes"])))
        if len(axes) != len(d["axes"]):
            raise ValueError("axis_names and axes differ in length")
        return make_spec(d["optimizer"], axes, d["params"], steps=d["steps"], mode=d["mode"], x0=d["x0"],
                         spike_decades=d["spike_decades"], diverge_log10_loss=d["diverge_log10_loss"],
                         tile=d["tile"], device=d["device"])
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"manifest is missing or has a malformed entry ({exc!r})") from None


def _atomic_write(path, write):
    """Call ``write(tmp_path)`` then move the file into place; no partial file survives an error."""
    folder = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=os.path.splitext(path)[1], dir=folder)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def _diff(a: dict, b: dict) -> list:
    out = []
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            va, vb = a.get(k), b.get(k)
            if isinstance(va, list) and isinstance(vb, list) and len(va) > 4:
                va, vb = f"[{len(va)} values]", f"[{len(vb)} values]"
            out.append(f"{k}: stored {va!r}, requested {vb!r}")
    return out


class TileStore:
    """A sweep's output directory: manifest, finished tiles, assembly.

    Open an existing one with ``TileStore(path)``; create one with
    :meth:`TileStore.create`.
    """

    def __init__(self, path):
        self.path = os.path.abspath(os.fspath(path))
        mpath = os.path.join(self.path, "manifest.json")
        if not os.path.isfile(mpath):
            raise ValueError(f"{self.path!r} is not a sweep directory (no manifest.json). "
                             "Fix: pass the --out directory of an `adamdyn sweep` run.")
        try:
            with open(mpath, encoding="utf-8") as fh:
                manifest = json.load(fh)
            stored_key = manifest["key"]
            spec = spec_from_json(manifest["spec"])
        except (OSError, json.JSONDecodeError, UnicodeDecodeError, TypeError, KeyError) as exc:
            raise ValueError(f"cannot read {mpath!r}: {exc}. Fix: restore it or start a new output directory.") \
                from None
        except ValueError as exc:
            raise ValueError(f"{mpath!r} holds invalid parameters ({exc}). Fix: restore the manifest or start a "
                             "new output directory.") from None
        if spec.to_json() != manifest["spec"] or spec.key != stored_key:
            raise ValueError(f"{mpath!r} was changed after the sweep started: its parameters no longer match the "
                             f"key {str(stored_key)[:12]}... stamped on its tiles. Fix: restore the manifest, or start "
                             "a new output directory.")
        self.spec, self.key = spec, stored_key

    @classmethod
    def create(cls, path, spec: SweepSpec) -> TileStore:
        """Make ``path`` (must be absent or empty) and write its manifest."""
        path = os.path.abspath(os.fspath(path))
        if os.path.exists(path) and not os.path.isdir(path):
            raise ValueError(f"output {path!r} exists and is not a directory. Fix: choose another --out.")
        try:
            os.makedirs(os.path.join(path, "tiles"), exist_ok=True)
            manifest = {"package": "adamdyn", "version": __version__, "format": FORMAT, "key": spec.key,
                        "shape": list(spec.shape), "tile_grid": list(spec.tile_grid), "spec": spec.to_json()}
            text = json.dumps(manifest, indent=1, allow_nan=False)

            def write(tmp):
                with open(tmp, "w", encoding="utf-8") as fh:
                    fh.write(text)

            _atomic_write(os.path.join(path, "manifest.json"), write)
        except OSError as exc:
            raise ValueError(f"cannot write the sweep to {path!r}: {exc.strerror or exc}. "
                             "Fix: choose a writable --out directory.") from None
        return cls(path)

    @classmethod
    def open_or_create(cls, path, spec: SweepSpec | None, resume: bool) -> TileStore:
        """Start a new store, or (``resume``) reopen one and check it was made with ``spec``."""
        path = os.path.abspath(os.fspath(path))
        has = os.path.isfile(os.path.join(path, "manifest.json"))
        if has and not resume:
            raise ValueError(f"{path!r} already holds a sweep. Fix: add --resume (resume=True) to continue it, "
                             "or choose a new --out directory.")
        if not has:
            if os.path.isdir(path) and os.listdir(path):
                raise ValueError(f"{path!r} is not empty and holds no sweep manifest. Fix: choose a new or empty "
                                 "--out directory.")
            if spec is None:
                raise ValueError(f"nothing to resume in {path!r} (no manifest.json). Fix: give the sweep "
                                 "parameters to start it.")
            return cls.create(path, spec)
        store = cls(path)
        if spec is not None and spec.key != store.key:
            diff = _diff(store.spec.to_json(), spec.to_json())
            raise ValueError(f"{path!r} holds tiles made with other parameters; refusing to mix them "
                             f"({'; '.join(diff)}). Fix: resume with the stored parameters "
                             f"(`adamdyn sweep --resume --out {path}` reads them from the manifest) or use a new "
                             "--out directory.")
        return store

    def tile_path(self, index) -> str:
        return os.path.join(self.path, "tiles", "t" + "_".join(f"{k:05d}" for k in (tuple(index) + (0,))[:2]) + ".npz")

    def finished(self) -> set:
        """Indices of finished tiles (validated: readable, this store's key, right index)."""
        done = set()
        folder = os.path.join(self.path, "tiles")
        valid = set(self.spec.tile_indices())
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            raise ValueError(f"cannot list the tiles in {folder!r}: {exc.strerror or exc}. Fix: check the "
                             "directory (it must hold a tiles/ folder).") from None
        for entry in entries:
            m = _TILE_RE.match(entry.name)
            if not m:
                continue
            index = (int(m.group(1)), int(m.group(2)))[:len(self.spec.shape)]
            if index not in valid:
                raise ValueError(f"{entry.path!r} is not a tile of this sweep (grid of tiles {self.spec.tile_grid})."
                                 " Fix: remove it.")
            self._read(index, header_only=True)
            done.add(index)
        return done

    def write_tile(self, index, arrays: dict, scalars: dict):
        """Write one finished tile atomically."""
        shape = tuple(b - a for a, b in self.spec.tile_bounds(index))
        payload = {}
        for name in ARRAY_FIELDS:
            arr = np.asarray(arrays[name])
            if arr.shape != shape:
                raise ValueError(f"tile {index}: {name} has shape {arr.shape}, expected {shape}")
            payload[name] = arr
        payload["__key__"] = np.array(self.key)
        payload["__index__"] = np.array(index, dtype=np.int64)
        payload["__scalars__"] = np.array(json.dumps(scalars, allow_nan=True))
        _atomic_write(self.tile_path(index), lambda tmp: np.savez(tmp, **payload))

    def _read(self, index, header_only=False):
        path = self.tile_path(index)
        try:
            with open(path, "rb") as fh, np.load(fh, allow_pickle=False) as data:
                key, ix = str(data["__key__"]), tuple(int(v) for v in data["__index__"])
                if key != self.key:
                    raise ValueError(f"tile {path!r} was made with other parameters (key {key[:12]}..., the "
                                     f"manifest has {self.key[:12]}...); refusing to mix. Fix: remove it or use a "
                                     "new output directory.")
                if ix != tuple(index):
                    raise ValueError(f"tile {path!r} holds tile {ix}, not {tuple(index)}. Fix: remove it.")
                if header_only:
                    return None
                scalars = json.loads(str(data["__scalars__"]))
                arrays = {k: data[k] for k in ARRAY_FIELDS}
        except (OSError, KeyError, EOFError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
            raise ValueError(f"tile {path!r} is unreadable or not an adamdyn tile ({exc!r}). Fix: delete it and "
                             "resume; it will be recomputed.") from None
        except ValueError as exc:
            if "refusing" in str(exc) or "holds tile" in str(exc):
                raise
            raise ValueError(f"tile {path!r} is unreadable ({exc}). Fix: delete it and resume.") from None
        shape = tuple(b - a for a, b in self.spec.tile_bounds(index))
        for k, v in arrays.items():
            if v.shape != shape:
                raise ValueError(f"tile {path!r}: {k} has shape {v.shape}, expected {shape}. Fix: delete it and "
                                 "resume.")
        return arrays, scalars

    def progress(self) -> tuple:
        return len(self.finished()), self.spec.ntiles

    def assemble(self, max_bytes=None):
        """Stitch every tile into one :class:`adamdyn.sweeps.PhaseDiagram` (refuses if incomplete or too big)."""
        from ..sweeps import PhaseDiagram

        spec = self.spec
        need = int(np.prod(spec.shape)) * BYTES_PER_POINT
        limit = available_memory() // 2 if max_bytes is None else max_bytes
        if need > limit:
            raise ValueError(f"assembling grid {spec.shape} needs {need / 2**30:.1f} GiB of memory; "
                             f"{limit / 2**30:.1f} GiB may be used. Fix: read it tile by tile "
                             "(TileStore.iter_tiles()) or lazily with TileStore.to_xarray(), or sweep a smaller grid.")
        done = self.finished()
        if len(done) < spec.ntiles:
            raise ValueError(f"sweep in {self.path!r} is incomplete ({len(done)} of {spec.ntiles} tiles). "
                             f"Fix: finish it with `adamdyn sweep --resume --out {self.path}`.")
        out, updates, elapsed, first = {}, 0, 0.0, None
        for index, arrays, scalars in self.iter_tiles():
            if first is None:
                first = scalars
                out = {k: np.empty(spec.shape, v.dtype) for k, v in arrays.items()}
            sl = tuple(slice(a, b) for a, b in spec.tile_bounds(index))
            for k, v in arrays.items():
                out[k][sl] = v
            updates += int(scalars["updates"])
            elapsed += float(scalars["elapsed_s"])
        names = list(spec.axis_names)
        return PhaseDiagram(
            optimizer=spec.optimizer, mode=spec.mode, axis_names=names, axis0=np.asarray(spec.axes[0], float),
            axis1=np.asarray(spec.axes[1], float) if len(names) > 1 else np.zeros(0),
            params=first["params"], x0=spec.x0, steps=spec.steps, spike_decades=spec.spike_decades,
            diverge_log10_loss=spec.diverge_log10_loss, theory_note=first["theory_note"], threads=first["threads"],
            updates=updates, elapsed_s=elapsed, labelling=first["labelling"], **out)

    def iter_tiles(self):
        """Yield ``(index, arrays, scalars)`` for each finished tile, in grid order."""
        done = self.finished()
        for index in self.spec.tile_indices():
            if index in done:
                arrays, scalars = self._read(index)
                yield index, arrays, scalars

    def to_xarray(self):
        """The assembled sweep as an ``xarray.Dataset`` (needs the optional ``xarray`` package)."""
        try:
            import xarray as xr
        except ImportError:
            raise ImportError("to_xarray() needs xarray, which is not installed. Fix: pip install xarray "
                              "(or use TileStore.assemble() for a PhaseDiagram).") from None
        pd = self.assemble()
        dims = list(pd.axis_names)
        coords = {dims[0]: pd.axis0}
        if len(dims) > 1:
            coords[dims[1]] = pd.axis1
        data = {k: (dims, getattr(pd, k)) for k in ARRAY_FIELDS}
        return xr.Dataset(data, coords=coords, attrs={"manifest_key": self.key, **self.spec.to_json()["params"]})


def code_fingerprint() -> str:
    """SHA-256 (16 hex) of the kernel and sweep sources: tiles from different code are never mixed."""
    from .. import kernels, sweeps

    h = hashlib.sha256()
    for pkg in (kernels, sweeps):
        folder = os.path.dirname(pkg.__file__)
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py"):
                with open(os.path.join(folder, name), "rb") as fh:
                    h.update(name.encode() + b"\0" + fh.read())
    return h.hexdigest()[:16]


def available_memory() -> int:
    """Bytes of memory available now (``MemAvailable``), or 8 GiB when it cannot be read."""
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 8 * 2**30
