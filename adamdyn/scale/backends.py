r"""Run a tiled sweep locally or on a dask cluster, writing finished tiles to a :class:`TileStore`.

Every tile is an independent call of :func:`adamdyn.sweeps.phase_diagram` (or
of the CUDA point runner in :mod:`adamdyn.scale.gpu`) on a sub-grid, so the
assembled result equals one uninterrupted ``phase_diagram`` run bit for bit,
whatever the backend, tile size or order in which tiles finish.

* ``backend="local"``: tiles one after another in this process; numba's
  ``prange`` spreads each tile over all cores.
* ``backend="dask"``: tiles are submitted to ``dask.distributed`` workers
  (a ``LocalCluster`` with one single-threaded worker process per core by
  default, or the scheduler at ``scheduler="tcp://host:8786"`` for many
  machines). The numba kernels run in the workers; results stream back with
  ``as_completed`` and the client writes each tile as it arrives.

Ctrl-C (``KeyboardInterrupt``) stops after the tiles already finished are
written; the exact resume command is printed on stderr and the interrupt is
re-raised as :class:`SweepInterrupted`.
"""

from __future__ import annotations

import os
import sys
import threading
import time

from .._progress import progress_bar
from .tiles import TileStore, make_spec

__all__ = ["sweep", "resume_command", "run_tile", "SweepInterrupted", "BACKENDS", "resolve_device"]

BACKENDS = ("local", "dask")
CONNECT_TIMEOUT = "15s"  # to reach an existing dask scheduler
_KERNEL_LOCK = threading.Lock()  # numba's parallel kernels are not re-entrant across threads of one process


class SweepInterrupted(KeyboardInterrupt):
    """Ctrl-C during a sweep; finished tiles are saved, ``resume`` is the command to continue."""

    def __init__(self, store, done, resume):
        super().__init__(f"interrupted with {done} of {store.spec.ntiles} tiles saved in {store.path}")
        self.store, self.done, self.resume = store, done, resume


def resume_command(path) -> str:
    """The shell command that continues the sweep in ``path`` (parameters are read from its manifest)."""
    import shlex

    return f"adamdyn sweep --resume --out {shlex.quote(os.fspath(path))}"


def resolve_device(device: str, mode: str = "raw") -> str:
    """``"auto"`` -> ``"cuda"`` when :func:`numba.cuda.is_available` (either mode), else ``"cpu"``; ``"cuda"``
    without a GPU is a ValueError. ``mode`` is accepted for callers that pass it; both modes run on CUDA."""
    from .gpu import cuda_available

    if device not in ("auto", "cpu", "cuda"):
        raise ValueError(f"device={device!r} is invalid; valid values are auto, cpu, cuda. Fix: pass device='auto'.")
    if device == "auto":
        return "cuda" if cuda_available() else "cpu"
    if device == "cuda" and not cuda_available():
        raise ValueError("device='cuda' but numba.cuda finds no usable GPU. Fix: pass device='cpu' (or 'auto').")
    return device


def run_tile(spec_json: dict, index, threads=None):
    """Compute one tile; returns ``(index, arrays, scalars)``. Runs on dask workers too (plain data in and out)."""
    from .tiles import ARRAY_FIELDS, code_fingerprint, spec_from_json

    spec = spec_from_json(spec_json)
    with _KERNEL_LOCK:
        if threads:
            import numba

            numba.set_num_threads(max(1, min(int(threads), numba.config.NUMBA_NUM_THREADS)))
        if spec.device == "cuda":
            from .gpu import phase_diagram_cuda

            pd = phase_diagram_cuda(axes=spec.tile_axes(index), **spec.phase_kwargs())
        else:
            from ..sweeps import phase_diagram

            pd = phase_diagram(axes=spec.tile_axes(index), **spec.phase_kwargs())
    arrays = {k: getattr(pd, k) for k in ARRAY_FIELDS}
    scalars = {"code": code_fingerprint(), "params": pd.params, "theory_note": pd.theory_note, "threads": pd.threads, "updates": pd.updates,
               "elapsed_s": pd.elapsed_s, "labelling": pd.labelling, "version": pd.version}
    return tuple(index), arrays, scalars


def sweep(optimizer="adam", axes=None, fixed=None, *, out, steps=20000, mode="normalized", x0=1.0,
          spike_decades=2.0, diverge_log10_loss=50.0, tile=64, resume=False, backend="local", scheduler=None,
          device="auto", progress=True) -> TileStore:
    r"""Tiled, resumable phase sweep into the directory ``out``; returns its :class:`TileStore`.

    Same parameters and results as :func:`adamdyn.sweeps.phase_diagram`, plus:

    Args:
        out: output directory (created; must be new or empty unless ``resume``).
        tile: tile edge in grid points (tiles are ``tile x tile`` rectangles).
        resume: continue the sweep already in ``out``: finished tiles are kept,
            and parameters that differ from its manifest are refused
            (``ValueError``). With ``axes=None`` the stored parameters are used.
        backend: ``"local"`` or ``"dask"``.
        scheduler: dask scheduler address (``"tcp://host:8786"``); ``None``
            starts a ``LocalCluster`` with one worker process per core.
        device: ``"auto"`` (CUDA when available), ``"cpu"`` or ``"cuda"``.
        progress: a progress line on stderr (only when it is a terminal).

    Returns:
        :class:`TileStore`; ``.assemble()`` gives the :class:`PhaseDiagram`.

    Example:
        >>> import tempfile, os, numpy as np
        >>> d = os.path.join(tempfile.mkdtemp(), "run")
        >>> store = sweep("adam", {"beta1": [0.5, 0.9], "beta2": [0.9, 0.99, 0.999]}, {"lr": 1e-2}, out=d,
        ...               steps=200, tile=2, progress=False, device="cpu")
        >>> store.assemble().min_log10_loss.shape
        (2, 3)
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend={backend!r} is invalid; valid values are {', '.join(BACKENDS)}. "
                         "Fix: pass backend='local'.")
    if scheduler is not None and backend != "dask":
        raise ValueError("scheduler is only used with backend='dask'. Fix: pass backend='dask' or drop scheduler.")
    if out is None or not isinstance(out, (str, os.PathLike)):
        raise ValueError(f"out={out!r} is not a path. Fix: pass out='sweep_dir'.")
    if resume and axes is None:
        store = TileStore.open_or_create(out, None, resume=True)
    else:
        spec = make_spec(optimizer, axes, fixed, steps=steps, mode=mode, x0=x0, spike_decades=spike_decades,
                         diverge_log10_loss=diverge_log10_loss, tile=tile, device=resolve_device(device, mode))
        store = TileStore.open_or_create(out, spec, resume=resume)
    done = store.finished()
    todo = [ix for ix in store.spec.tile_indices() if ix not in done]
    bar = progress_bar(store.spec.ntiles, progress, desc="sweep", unit="tile", initial=len(done))
    count, updates, t0 = [len(done)], [0], time.perf_counter()

    def finish(index, arrays, scalars):
        if scalars["code"] != store.spec.to_json()["code"]:
            raise ValueError(f"a worker runs different adamdyn kernel code ({scalars['code']}) than this sweep "
                             f"({store.spec.to_json()['code']}); refusing to mix. Fix: install the same adamdyn "
                             "on every worker.")
        store.write_tile(index, arrays, scalars)
        count[0] += 1
        updates[0] += int(scalars["updates"])
        bar.set_postfix_str(f"{updates[0] / max(time.perf_counter() - t0, 1e-9) / 1e6:.2f} M updates/s", refresh=False)
        bar.update(1)

    try:
        if backend == "local":
            for index in todo:
                finish(*run_tile(store.spec.to_json(), index))
        else:
            _run_dask(store, todo, scheduler, finish)
    except KeyboardInterrupt:
        bar.close()
        cmd = resume_command(store.path)
        print(f"adamdyn sweep: interrupted; {count[0]} of {store.spec.ntiles} tiles saved in {store.path}.\n"
              f"Resume with: {cmd}", file=sys.stderr)
        raise SweepInterrupted(store, count[0], cmd) from None
    bar.close()
    return store


def _run_dask(store, todo, scheduler, finish):
    """Submit ``todo`` tiles to dask workers and write each result as it completes."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ValueError("backend='dask' needs dask.distributed, which is not installed. "
                         "Fix: pip install 'adamdyn[distributed]' (or pass backend='local').") from None
    cluster = None
    threads = None
    if scheduler is None:
        cores = os.cpu_count() or 1
        cluster = LocalCluster(n_workers=cores, threads_per_worker=1, processes=True, dashboard_address=None)
        threads = 1  # one numba thread per single-threaded worker process: no oversubscription
        address = cluster
    else:
        address = scheduler
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise ValueError(f"cannot reach the dask scheduler {scheduler!r}: {exc}. Fix: check the address "
                         "(tcp://HOST:8786) and that `dask scheduler` is running.") from None
    try:
        _stream(client, store, todo, threads, finish, as_completed)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _stream(client, store, todo, threads, finish, as_completed):
    """Keep about two tiles per worker in flight; write results in completion order."""
    spec_json = store.spec.to_json()
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = 2 * workers
    pending = list(todo)
    futures = [client.submit(run_tile, spec_json, ix, threads, pure=False) for ix in pending[:window]]
    pending = pending[window:]
    stream = as_completed(futures)
    try:
        for fut in stream:
            finish(*fut.result())
            fut.release()
            if pending:
                futures.append(client.submit(run_tile, spec_json, pending.pop(0), threads, pure=False))
                stream.add(futures[-1])
    except BaseException:
        for fut in futures:
            fut.cancel()
        raise

