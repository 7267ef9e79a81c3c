"""A synthetic review-scoring task with a long-range dependency, after the chapter's example.

A review is a few short clauses about a film, made of 17 words. Exactly one clause gives an opinion
("the acting was very bad", "music was good"), every other clause before the verdict is neutral
("the plot was ok"), and the review always ends with a strong verdict: "but i loved the movie" or
"and i hated the movie". The score needs both the verdict and the opinion:

=========================  ===========  ===========
verdict \\ opinion          bad          good
=========================  ===========  ===========
hated                      1/5          2/5
loved                      4/5          5/5
=========================  ===========  ===========

The verdict sits at the end; the opinion word — the *decisive* word — can be up to 45 words before
it. A model that forgets the opinion and keeps only the strong late verdict scores every "loved"
review 5/5 or 4/5 at random: the mistake the chapter expects of a plain RNN.

Reviews are drawn with a :class:`numpy.random.Generator`, so the same seed gives the same reviews.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "CHAPTER_SENTENCE",
    "SCORES",
    "STRETCHED_SENTENCE",
    "VERDICT_LENGTH",
    "VOCABULARY",
    "Batch",
    "Review",
    "TaskSpec",
    "distances",
    "encode",
    "parse",
    "random_reviews",
    "reviews_at_distance",
]

ASPECTS = ("acting", "direction", "plot", "music")
NEUTRAL = ("ok", "fine")
OPINIONS = ("bad", "good")  # the decisive words: a complaint and praise
VERDICTS = ("hated", "loved")  # the strong late words
CONNECTIVES = ("but", "and")

#: Every word a review may contain; a word's index is its input channel.
VOCABULARY: tuple[str, ...] = (
    "the",
    *ASPECTS,
    "was",
    "very",
    *NEUTRAL,
    *OPINIONS,
    *CONNECTIVES,
    "i",
    *VERDICTS,
    "movie",
)
_INDEX = {word: k for k, word in enumerate(VOCABULARY)}

#: The score of each class, in stars out of 5: class = 2·(verdict is "loved") + (opinion is "good").
SCORES: tuple[int, ...] = (1, 2, 4, 5)

#: Words of the verdict clause "but/and i loved/hated the movie"; the smallest distance.
VERDICT_LENGTH = 5

#: The chapter's example review.
CHAPTER_SENTENCE = "The acting was very bad, direction was Ok, but I loved the movie"
#: The chapter's review with two more neutral clauses after the opinion, so that its decisive word
#: is as far from the end as in the training reviews of the long-distance regime.
STRETCHED_SENTENCE = (
    "The acting was very bad, direction was Ok, the plot was fine, the music was ok, "
    "but I loved the movie"
)


@dataclass(frozen=True)
class TaskSpec:
    """How reviews are drawn: how many neutral clauses come before and after the opinion.

    Up to ``before`` come before it, and ``least_after`` to ``after`` after it (each uniformly).
    """

    before: int = 2
    after: int = 10
    least_after: int = 0

    def __post_init__(self) -> None:
        for name in ("before", "after", "least_after"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"TaskSpec.{name} must be a whole number ≥ 0, got {value!r}")

    @property
    def min_distance(self) -> int:
        """The shortest distance from the decisive word to the end (three-word clauses after it)."""
        return VERDICT_LENGTH + 3 * self.least_after

    @property
    def max_distance(self) -> int:
        """The longest distance from the decisive word to the end (four-word clauses after it)."""
        return VERDICT_LENGTH + 4 * self.after


@dataclass(frozen=True)
class Review:
    """One review: its words, its class (index into :data:`SCORES`) and where its opinion is."""

    words: tuple[str, ...]
    label: int
    decisive: int  # index of the opinion word "bad" or "good"

    @property
    def score(self) -> int:
        """The review's score in stars out of 5."""
        return SCORES[self.label]

    @property
    def distance(self) -> int:
        """How many words follow the decisive word."""
        return len(self.words) - 1 - self.decisive

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Batch:
    """Reviews as arrays: ``tokens`` (B, T) word indices, −1 after a review's end."""

    tokens: NDArray[np.int64]
    lengths: NDArray[np.int64]
    labels: NDArray[np.int64]
    distances: NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.labels)

    def take(self, rows: NDArray[np.int64]) -> Batch:
        """The reviews at ``rows``, padded only to the longest of them."""
        lengths = self.lengths[rows]
        return Batch(
            self.tokens[rows, : lengths.max()], lengths, self.labels[rows], self.distances[rows]
        )


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[rng.integers(len(options))]


def _neutral(rng: np.random.Generator, length: int) -> list[str]:
    """A neutral clause of 3 words ("plot was ok") or 4 ("the plot was ok")."""
    head = ["the"] if length == 4 else []
    return [*head, _pick(rng, ASPECTS), "was", _pick(rng, NEUTRAL)]


def _review(rng: np.random.Generator, before: list[int], after: list[int]) -> Review:
    """A review with neutral clauses of the given lengths before and after the opinion."""
    good, loved = rng.integers(2), rng.integers(2)
    words: list[str] = []
    for length in before:
        words += _neutral(rng, length)
    words += ["the"] if rng.integers(2) else []
    words += [_pick(rng, ASPECTS), "was"]
    words += ["very"] if rng.integers(2) else []
    words.append(OPINIONS[good])
    decisive = len(words) - 1
    for length in after:
        words += _neutral(rng, length)
    words += [_pick(rng, CONNECTIVES), "i", VERDICTS[loved], "the", "movie"]
    return Review(tuple(words), int(2 * loved + good), decisive)


def _check_count(n: int) -> None:
    if not isinstance(n, int | np.integer) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n must be a whole number ≥ 1, got {n!r}")


def random_reviews(rng: np.random.Generator, n: int, spec: TaskSpec = TaskSpec()) -> list[Review]:
    """``n`` reviews with 0…``spec.before`` and 0…``spec.after`` neutral clauses (uniformly)."""
    _check_count(n)
    reviews = []
    for _ in range(n):
        before = [3 + int(rng.integers(2)) for _ in range(rng.integers(spec.before + 1))]
        after = [
            3 + int(rng.integers(2)) for _ in range(rng.integers(spec.least_after, spec.after + 1))
        ]
        reviews.append(_review(rng, before, after))
    return reviews


def _splits(words: int, spec: TaskSpec) -> list[tuple[int, int]]:
    """Every (threes, fours) with 3·threes + 4·fours = words and at most spec.after clauses."""
    return [
        (threes, fours)
        for fours in range(words // 4 + 1)
        if (words - 4 * fours) % 3 == 0
        and (threes := (words - 4 * fours) // 3) + fours <= spec.after
    ]


def distances(spec: TaskSpec = TaskSpec()) -> list[int]:
    """Every distance from the decisive word to the end that a review of ``spec`` can have."""
    return [
        d for d in range(VERDICT_LENGTH, spec.max_distance + 1) if _splits(d - VERDICT_LENGTH, spec)
    ]


def reviews_at_distance(
    rng: np.random.Generator, n: int, distance: int, spec: TaskSpec = TaskSpec()
) -> list[Review]:
    """``n`` reviews whose decisive word is followed by exactly ``distance`` words."""
    _check_count(n)
    splits = _splits(distance - VERDICT_LENGTH, spec) if distance >= VERDICT_LENGTH else []
    if not splits:
        raise ValueError(
            f"no review of this task has {distance!r} words after its decisive word; "
            f"possible distances are {distances(spec)}"
        )
    reviews = []
    for _ in range(n):
        threes, fours = splits[rng.integers(len(splits))]
        after = list(rng.permutation([3] * threes + [4] * fours))
        before = [3 + int(rng.integers(2)) for _ in range(rng.integers(spec.before + 1))]
        reviews.append(_review(rng, before, after))
    return reviews


def encode(reviews: list[Review]) -> Batch:
    """Reviews as a :class:`Batch` of word indices, padded with −1 to the longest."""
    if not reviews:
        raise ValueError("reviews must hold at least one review")
    lengths = np.array([len(r.words) for r in reviews], dtype=np.int64)
    tokens = np.full((len(reviews), lengths.max()), -1, dtype=np.int64)
    for row, review in enumerate(reviews):
        tokens[row, : len(review.words)] = [_INDEX[w] for w in review.words]
    labels = np.array([r.label for r in reviews], dtype=np.int64)
    return Batch(tokens, lengths, labels, np.array([r.distance for r in reviews], dtype=np.int64))


def parse(text: str) -> Review:
    """A review written in words (case and punctuation ignored), e.g. :data:`CHAPTER_SENTENCE`.

    It must use only :data:`VOCABULARY` and hold exactly one opinion word and one verdict word.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    words = tuple(re.findall(r"[a-z]+", text.lower()))
    unknown = sorted({w for w in words if w not in _INDEX})
    if unknown:
        raise ValueError(f"words outside the task's vocabulary: {', '.join(unknown)}")
    opinions = [k for k, w in enumerate(words) if w in OPINIONS]
    verdicts = [w for w in words if w in VERDICTS]
    if len(opinions) != 1 or len(verdicts) != 1:
        raise ValueError(
            f"a review needs exactly one opinion ({' or '.join(OPINIONS)}) and one verdict "
            f"({' or '.join(VERDICTS)}); {text!r} has {len(opinions)} and {len(verdicts)}"
        )
    good, loved = OPINIONS.index(words[opinions[0]]), VERDICTS.index(verdicts[0])
    return Review(words, 2 * loved + good, opinions[0])
