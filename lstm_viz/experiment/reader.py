"""A reader's own review, read by both step-through models: what the page's review reader
(``lstm_viz/presentation/static/review-reader/*.js``) computes in the browser, here in numpy.

* :func:`words` — a text as the task's reader sees it: lower case, runs of letters and digits (so
  capitals and punctuation are ignored, as in the chapter's review);
* :func:`nearest` — the known word closest in spelling to an unknown one (fewest letters inserted,
  deleted or changed), offered in its place;
* :func:`read` — each model's probabilities of the task's scores after every known word (unknown
  words are skipped), and the final score;
* :func:`review_hash` and :data:`MAX_CHARACTERS` — the page's link to a review, ``#review=…``.

A Chromium test checks the script against :func:`read` to 1e-9, and both sides against the cases of
``tests/shared_cases.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

import numpy as np
from numpy.typing import NDArray

from lstm_viz.experiment.review_task import OPINIONS, SCORES, VOCABULARY, Batch
from lstm_viz.experiment.sequences import LSTMRun
from lstm_viz.experiment.training import Model, softmax

__all__ = [
    "MAX_CHARACTERS",
    "ModelReading",
    "Reading",
    "States",
    "View",
    "nearest",
    "read",
    "review_hash",
    "states",
    "swapped",
    "view",
    "words",
]

#: The longest review the page reads, in characters; a longer text or link is cut there.
MAX_CHARACTERS = 400
_WORD = re.compile(r"[^\W_]+")  # a run of letters and digits (JavaScript: /[\p{L}\p{N}]+/gu)
_INDEX = {word: k for k, word in enumerate(VOCABULARY)}


def words(text: str) -> list[str]:
    """The words of ``text``: lower case, runs of letters and digits, in order."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    return _WORD.findall(text.lower())


def _distance(a: str, b: str) -> int:
    """Levenshtein distance: the fewest one-letter insertions, deletions and changes."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def nearest(word: str) -> str:
    """The word of the task's vocabulary closest to ``word`` in spelling (the first on a tie)."""
    return min(VOCABULARY, key=lambda known: _distance(word, known))


def swapped(review: list[str]) -> list[str]:
    """``review`` with each opinion word turned into the other (*bad* ↔ *good*)."""
    other = dict(zip(OPINIONS, reversed(OPINIONS), strict=True))
    return [other.get(word, word) for word in review]


@dataclass(frozen=True)
class States:
    """A model's memory after each word of a review: ``h`` (T, H), and ``c`` (T, H) for an
    LSTM (``None`` for an RNN), and its probabilities of the task's scores (T, 4)."""

    h: NDArray[np.float64]
    c: NDArray[np.float64] | None
    probs: NDArray[np.float64]


def states(model: Model, review: list[str]) -> States:
    """``model`` reading the known words ``review`` from zero states, one row a word."""
    unknown = sorted(set(review) - set(_INDEX))
    if unknown:
        raise ValueError(f"words outside the task's vocabulary: {', '.join(unknown)}")
    if not review:
        empty = np.zeros((0, model.hidden))
        return States(empty, empty if model.kind == "lstm" else None, np.zeros((0, len(SCORES))))
    tokens = np.array([[_INDEX[word] for word in review]], dtype=np.int64)
    none = np.zeros(1, dtype=np.int64)
    run = model.run(Batch(tokens, np.array([len(review)]), none, none))
    h = run.h[1:, 0]
    c = run.c[1:, 0] if isinstance(run, LSTMRun) else None
    return States(h, c, softmax(model.logits(h)))


@dataclass(frozen=True)
class ModelReading:
    """One model's reading: ``probs`` (one row a known word, one column a score of
    :data:`~lstm_viz.experiment.review_task.SCORES`) and ``score``, the final score (``None``
    when the text holds no known word)."""

    probs: NDArray[np.float64]
    score: int | None


@dataclass(frozen=True)
class Reading:
    """Both models' readings of a text, and its ``unknown`` words (each once, in order)."""

    rnn: ModelReading
    lstm: ModelReading
    unknown: tuple[str, ...]


def _reading(model: Model, review: list[str]) -> ModelReading:
    probs = states(model, review).probs
    score = SCORES[int(np.argmax(probs[-1]))] if len(probs) else None
    return ModelReading(probs, score)


def read(text: str, rnn: Model, lstm: Model) -> Reading:
    """Both models reading the known words of ``text`` (the page's ``reviewReader.read``)."""
    if rnn.kind != "rnn" or lstm.kind != "lstm":
        raise ValueError(f"read needs an RNN and an LSTM, got {rnn.kind} and {lstm.kind}")
    found = words(text)
    known = [word for word in found if word in _INDEX]
    unknown = tuple(dict.fromkeys(word for word in found if word not in _INDEX))
    return Reading(_reading(rnn, known), _reading(lstm, known), unknown)


@dataclass(frozen=True)
class View:
    """What the page shows of a text: its known ``words`` and ``unknown`` ones, and each model's
    :class:`States` over the known words as written and with *bad* and *good* swapped."""

    words: tuple[str, ...]
    unknown: tuple[str, ...]
    rnn: States
    lstm: States
    rnn_swapped: States
    lstm_swapped: States

    def score(self, model: str, swapped: bool = False) -> tuple[int, float] | None:
        """The final score ``model`` ("rnn" or "lstm") gives, and its probability."""
        probs = getattr(self, f"{model}_swapped" if swapped else model).probs
        if not len(probs):
            return None
        best = int(np.argmax(probs[-1]))
        return SCORES[best], float(probs[-1][best])


def view(text: str, rnn: Model, lstm: Model) -> View:
    """Both models over the known words of ``text`` (at most :data:`MAX_CHARACTERS` of it), as
    written and with the opinion swapped."""
    found = words(text[:MAX_CHARACTERS])
    known = [word for word in found if word in _INDEX]
    unknown = tuple(dict.fromkeys(word for word in found if word not in _INDEX))
    other = swapped(known)
    return View(
        tuple(known),
        unknown,
        states(rnn, known),
        states(lstm, known),
        states(rnn, other),
        states(lstm, other),
    )


def review_hash(text: str) -> str:
    """The page's link to ``text``: ``#review=`` and the text as ``encodeURIComponent`` writes it,
    with ``+`` for a space; at most :data:`MAX_CHARACTERS` characters of it."""
    return "#review=" + quote(text[:MAX_CHARACTERS], safe="-_.!~*'()").replace("%20", "+")
