"""Helpers shared by the sub-commands: --set NAME=VALUE parsing, JSON output, a closed output pipe, the check of
an output file before a run."""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys

import numpy as np


def check_out_file(path, example: str, option: str = "--out"):
    """Fail before a (possibly long) run when its output file cannot be written: ``path``'s folder must exist and
    be writable and ``path`` must not be a folder. A file's folder is not created (a typo would make one
    silently); the commands whose ``--out`` is itself a folder (``figures``, ``sweep``, ``nn``) create it."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ValueError(f"{option} {path!r}: folder {folder!r} does not exist. Fix: create it first "
                         f"(mkdir -p {folder}), or pass a path in an existing folder, e.g. {option} {example}.")
    if os.path.isdir(path):
        raise ValueError(f"{option} {path!r} is a folder; it must name a file. Fix: e.g. {option} {example}.")
    if not os.access(folder, os.W_OK):
        raise ValueError(f"{option} {path!r}: folder {folder!r} is not writable. Fix: pass a path in a writable "
                         f"folder, e.g. {option} {example}.")


def parse_value(text: str):
    """'true'/'false' -> bool, numbers -> float, anything else stays a string."""
    low = text.strip().lower()
    if low in ("true", "false"):
        return low == "true"
    try:
        return float(text)
    except ValueError:
        return text


def parse_sets(items) -> dict:
    """Parse repeated ``--set NAME=VALUE`` options into a dict."""
    out = {}
    for item in items or []:
        if "=" not in item:
            raise ValueError(f"--set {item!r} is not NAME=VALUE. Fix: write e.g. --set beta1=0.9.")
        k, v = item.split("=", 1)
        out[k.strip()] = parse_value(v)
    return out


def add_set_option(parser):
    parser.add_argument(
        "--set", dest="sets", action="append", default=[], metavar="NAME=VALUE",
        help="any optimizer parameter, repeatable (booleans as true/false)",
    )


def to_jsonable(obj):
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return to_jsonable(obj.tolist())
    if isinstance(obj, np.generic):
        return to_jsonable(obj.item())
    if isinstance(obj, float) and not math.isfinite(obj):
        return None if math.isnan(obj) else ("inf" if obj > 0 else "-inf")
    return obj


def dump_json(obj) -> str:
    return json.dumps(to_jsonable(obj), allow_nan=False)


#: exit status after the reader closed our output (128 + SIGPIPE, what a shell tool killed by SIGPIPE reports)
CLOSED_PIPE_STATUS = 141


@contextlib.contextmanager
def quiet_on_closed_pipe():
    """Exit quietly when the reader of standard output goes away (``adamdyn ... | head -1``).

    Flushes standard output at the end of the block, so a late ``EPIPE`` is seen
    here too. On ``BrokenPipeError`` standard output is pointed at the null
    device (so the interpreter's own flush at exit cannot fail again) and the
    process exits with status :data:`CLOSED_PIPE_STATUS` and no traceback.
    """
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):  # stdout without a file descriptor (captured in tests)
            pass
        raise SystemExit(CLOSED_PIPE_STATUS) from None
