"""adamdyn's on-disk cache folder: where it is, atomic writes, and generated modules imported from it.

* **Where**: ``$ADAMDYN_CACHE_DIR`` (``off`` disables the cache), else ``$XDG_CACHE_HOME/adamdyn``, else
  ``~/.cache/adamdyn``. Each user of the cache has its own sub-folder: ``symbolic/`` (derivations,
  :mod:`adamdyn.theory.cache`) and ``kernels/`` (generated kernel modules, :mod:`adamdyn.kernels`).
* **Writes** are atomic: a uniquely named temporary file in the target folder, then :func:`os.replace`,
  so processes writing the same file at once never expose a partial one.
* **Generated modules** (:func:`import_generated`) are named by a hash of their text, so a changed
  generator or rule gets a new file while an unchanged one reuses the file and numba's cache beside it.
  With the cache off (or its folder not writable) they go to a temporary folder removed at exit.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

__all__ = ["root", "folder", "atomic_write", "generated_path", "import_generated"]

#: values of ``$ADAMDYN_CACHE_DIR`` that disable the cache
OFF = frozenset({"off", "0", "false", "no", "none", "disable", "disabled"})


def root() -> Path | None:
    """The cache folder, or ``None`` when ``ADAMDYN_CACHE_DIR`` is ``off``."""
    env = os.environ.get("ADAMDYN_CACHE_DIR")
    if env is not None and env.strip().lower() in OFF:
        return None
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "adamdyn"


def folder(name: str) -> Path | None:
    """The sub-folder ``name`` of the cache (not created here), or ``None`` when the cache is off."""
    base = root()
    return None if base is None else base / name


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (parents created) so that readers see the old file or the whole new one.

    Raises :class:`OSError` when the folder is not writable.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


_SCRATCH: list[Path] = []


def _scratch(name: str) -> Path:
    """A temporary folder for this process (removed at exit), used when the cache is off or read-only."""
    if not _SCRATCH:
        _SCRATCH.append(Path(tempfile.mkdtemp(prefix="adamdyn-")))
        atexit.register(shutil.rmtree, _SCRATCH[0], True)
    return _SCRATCH[0] / name


def _module_name(stem: str, text: str) -> str:
    return f"{stem}_{hashlib.sha256(text.encode()).hexdigest()[:20]}"


def generated_path(sub: str, stem: str, text: str) -> Path:
    """The file ``<cache>/<sub>/<stem>_<hash of text>.py`` holding ``text``, written unless it already holds it.

    A file of that name holding other text (edited, damaged) is rewritten. With the cache off or not
    writable, the file goes to a temporary folder of this process.
    """
    filename = _module_name(stem, text) + ".py"
    base = folder(sub)
    for where in ([base] if base is not None else []) + [_scratch(sub)]:
        path = where / filename
        try:
            if not (path.is_file() and path.read_text(encoding="utf-8") == text):
                atomic_write(path, text)
            return path
        except OSError:  # a read-only cache folder: fall back to the temporary one
            continue
    raise OSError(f"cannot write {filename} into {base} nor into a temporary folder")


_IMPORT_LOCK = threading.Lock()


def import_generated(sub: str, stem: str, text: str):
    """Import ``text`` as a module from :func:`generated_path`; once per process (kept in :data:`sys.modules`;
    a thread asking while another imports it waits for the whole module)."""
    name = _module_name(stem, text)
    with _IMPORT_LOCK:
        if name in sys.modules:
            return sys.modules[name]
        spec = importlib.util.spec_from_file_location(name, generated_path(sub, stem, text))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
        return module
