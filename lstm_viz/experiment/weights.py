"""The shipped weights file, ``data/rnn-vs-lstm.json``: writing it, and reading it only when it
is the file the experiment's code made.

The file carries a digest (SHA-256) of

* **the code that made it** (``made_by``): the modules that draw the reviews and train the runs
  (:data:`TRAINING_MODULES`) and the functions of :mod:`lstm_viz.model.gates` that compute a step
  of a cell (:data:`CELL_FUNCTIONS`), each read as a Python syntax tree without its docstrings —
  a comment, a docstring or a line break leaves the digest as it was, a change to what runs does
  not;
* **what it holds** (``digest``): every run's configuration (the seeds its training reviews are
  drawn from), weights, losses and checkpoint, and the code's digest.

:func:`load` recomputes both: a file that is missing, unreadable, not this experiment's JSON,
edited since it was written (every LSTM weight scaled by 1.05, say) or made by other code stops
with a :class:`WeightsError` — one line that names the file and says what to do.
"""

from __future__ import annotations

import ast
import base64
import binascii
import hashlib
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from lstm_viz.experiment.review_task import TaskSpec
from lstm_viz.experiment.training import Model, TrainConfig

__all__ = [
    "CELL_FUNCTIONS",
    "RETRAIN",
    "TIMING",
    "TRAINING_MODULES",
    "WEIGHTS",
    "Run",
    "RunKey",
    "WeightsError",
    "code_digest",
    "decode_array",
    "encode_array",
    "load",
    "read_timing",
    "write",
    "write_timing",
]

DATA = Path(__file__).parent / "data"
#: The shipped weights (deterministic) and the times measured when they were made (not).
WEIGHTS = DATA / "rnn-vs-lstm.json"
TIMING = DATA / "rnn-vs-lstm-timing.json"
#: The command that makes the weights file again.
RETRAIN = "python -m lstm_viz.experiment"
_ROOT = Path(__file__).resolve().parents[2]

#: The modules whose code decides the weights: the reviews, the cells over sentences, training, and
#: which runs are trained with which settings.
TRAINING_MODULES = (
    "lstm_viz.experiment.review_task",
    "lstm_viz.experiment.sequences",
    "lstm_viz.experiment.training",
    "lstm_viz.experiment.runs",
)
#: The functions of the model's cells that training calls at every step (their argument checks
#: only refuse what training never passes, so they are left out).
CELL_FUNCTIONS = (
    "lstm_viz.model.gates",
    ("_sigmoid", "_cell", "_preactivation", "lstm_activations", "rnn_step"),
)

RunKey = tuple[str, str, int]  # (regime, model, seed)


class WeightsError(ValueError):
    """The weights file cannot be used; the message is one line: the file and what to do."""


@dataclass(frozen=True)
class Run:
    """One trained model with its configuration, its mean loss over every 50 steps, and (first
    seed only) its weights after a few steps (the file's ``checkpoint_steps``)."""

    config: TrainConfig
    model: Model
    loss: NDArray[np.float64]
    checkpoint: dict[str, NDArray[np.float64]] | None


# The code's digest ----------------------------------------------------------------------------
def _without_docstrings(body: list[ast.stmt]) -> list[ast.stmt]:
    """A block's statements without bare strings: docstrings, which change nothing that runs."""
    return [
        s
        for s in body
        if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
                and isinstance(s.value.value, str))
    ]  # fmt: skip


def _syntax(node: object) -> object:
    """``node`` as nested tuples of its type and fields, without positions, docstrings or the
    fields a Python version leaves empty (so Python 3.11 to 3.13 give the same tuples)."""
    if isinstance(node, ast.AST):
        fields = []
        for name, value in ast.iter_fields(node):
            if name in ("body", "orelse", "finalbody") and isinstance(value, list):
                value = _without_docstrings(value)
            if value is None or value == []:
                continue
            fields.append((name, _syntax(value)))
        return (type(node).__name__, tuple(fields))
    if isinstance(node, list):
        return tuple(_syntax(item) for item in node)
    return repr(node)


def _module_tree(module: str) -> tuple[str, ast.Module]:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise WeightsError(f"cannot find the module {module} whose code made the weights")
    path = Path(spec.origin)
    return _display(path), ast.parse(path.read_text(encoding="utf-8"))


def _digest(syntax: object) -> str:
    return hashlib.sha256(repr(syntax).encode("utf-8")).hexdigest()


def code_digest() -> dict[str, str]:
    """The digest of each part of the code that makes the weights, by file (and function)."""
    parts = {}
    for module in TRAINING_MODULES:
        name, tree = _module_tree(module)
        parts[name] = _digest(_syntax(tree))
    module, functions = CELL_FUNCTIONS
    name, tree = _module_tree(module)
    found = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    for function in functions:
        if function not in found:
            raise WeightsError(f"{name} has no function {function}, which training calls")
        parts[f"{name}:{function}"] = _digest(_syntax(found[function]))
    return parts


# Arrays ---------------------------------------------------------------------------------------
def encode_array(array: NDArray[np.float64]) -> dict:
    """An array as JSON: its shape and its float64 bytes (little-endian) in base64, every bit."""
    data = np.ascontiguousarray(array, dtype="<f8").tobytes()
    return {"shape": list(array.shape), "float64": base64.b64encode(data).decode("ascii")}


def decode_array(entry: dict) -> NDArray[np.float64]:
    """The read-only array :func:`encode_array` wrote."""
    data = base64.b64decode(entry["float64"], validate=True)
    array = np.frombuffer(data, dtype="<f8").astype(np.float64).reshape(entry["shape"])
    array.flags.writeable = False
    return array


# The file -------------------------------------------------------------------------------------
def _display(path: Path) -> str:
    """``path`` relative to the checkout when it lies inside it, as a message names it."""
    try:
        return Path(path).resolve().relative_to(_ROOT).as_posix()
    except ValueError:
        return str(path)


def _content_digest(document: dict) -> str:
    held = {key: value for key, value in document.items() if key != "digest"}
    text = json.dumps(held, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def write(path: Path, runs: list[dict], checkpoint_steps: int, numerics: dict[str, str]) -> None:
    """Write the runs' entries as the weights file, with the code's digest, the environment the
    arithmetic ran in (``numerics``) and the file's own digest."""
    document = {
        "about": f"the book's RNN and LSTM review scorers: {RETRAIN}",
        "checkpoint_steps": checkpoint_steps,
        "made_by": code_digest(),
        "numerics": numerics,
        "runs": runs,
    }
    document["digest"] = _content_digest(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _what_to_do(path: Path) -> str:
    shipped = _display(path) == _display(WEIGHTS)
    restore = f"restore it (git checkout -- {_display(path)}) or " if shipped else ""
    return f"{restore}retrain: {RETRAIN}"


def _read(path: Path) -> dict:
    shown = _display(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WeightsError(
            f"{shown}: no such file (the experiment's trained weights); {_what_to_do(path)}"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        cause = getattr(error, "strerror", None) or str(error)
        raise WeightsError(f"{shown}: cannot be read ({cause}); {_what_to_do(path)}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise WeightsError(
            f"{shown}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
            f"{_what_to_do(path)}"
        ) from None
    if not isinstance(document, dict) or not {"runs", "digest", "made_by"} <= set(document):
        raise WeightsError(
            f"{shown}: not a weights file with digests (it needs runs, made_by and digest); "
            f"{_what_to_do(path)}"
        )
    return document


def _check(path: Path, document: dict) -> None:
    shown = _display(path)
    if document["digest"] != _content_digest(document):
        raise WeightsError(
            f"{shown}: what it holds does not match the digest it carries (it was edited or "
            f"damaged after training); {_what_to_do(path)}"
        )
    made_by, now = document["made_by"], code_digest()
    changed = sorted(name for name in {*made_by, *now} if made_by.get(name) != now.get(name))
    if changed:
        raise WeightsError(
            f"{shown}: made by other code than this checkout's ({', '.join(changed)} changed "
            f"since); retrain: {RETRAIN}"
        )


def _config(entry: dict) -> TrainConfig:
    fields = dict(entry)
    return TrainConfig(**{**fields, "task": TaskSpec(**fields["task"])})


def _run(entry: dict) -> tuple[RunKey, Run]:
    params = {key: decode_array(value) for key, value in entry["params"].items()}
    checkpoint = entry["checkpoint"]
    return (entry["regime"], entry["model"], entry["seed"]), Run(
        _config(entry["config"]),
        Model(entry["kind"], params),
        np.array(entry["loss_every_50"], dtype=np.float64),
        None
        if checkpoint is None
        else {key: decode_array(value) for key, value in checkpoint.items()},
    )


def load(path: Path = WEIGHTS) -> dict[RunKey, Run]:
    """The runs of the weights file by (regime, model, seed), once its digests are checked."""
    document = _read(path)
    _check(path, document)
    try:
        return dict(_run(entry) for entry in document["runs"])
    except (KeyError, TypeError, ValueError, binascii.Error) as error:
        cause = f"{type(error).__name__}: {error}".rstrip(": ")
        raise WeightsError(
            f"{_display(path)}: a run in it cannot be read ({cause}); {_what_to_do(path)}"
        ) from None


# The times ------------------------------------------------------------------------------------
def write_timing(timing: Path, entries: dict) -> None:
    """Add ``entries`` to the JSON file of measured times, keeping what it already holds."""
    known = json.loads(timing.read_text()) if timing.exists() else {}
    timing.write_text(json.dumps({**known, **entries}, indent=1, sort_keys=True) + "\n")


def read_timing(name: str, timing: Path = TIMING) -> float:
    """One measured time of the timing file."""
    try:
        return float(json.loads(Path(timing).read_text(encoding="utf-8"))[name])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise WeightsError(
            f"{_display(timing)}: no {name} in it ({type(error).__name__}); it is written when "
            f"the weights are: {RETRAIN}"
        ) from None
