"""The synthetic review task: its words, its labels, its distances, its seeds and its errors."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from lstm_viz.experiment.review_task import (
    CHAPTER_SENTENCE,
    SCORES,
    STRETCHED_SENTENCE,
    VERDICT_LENGTH,
    VOCABULARY,
    TaskSpec,
    distances,
    encode,
    parse,
    random_reviews,
    reviews_at_distance,
)

DEFAULT = TaskSpec()


def _reviews(n: int = 400, spec: TaskSpec = DEFAULT, seed: int = 0):
    return random_reviews(np.random.default_rng(seed), n, spec)


def test_the_vocabulary_is_tiny_and_every_review_stays_inside_it() -> None:
    assert len(VOCABULARY) == len(set(VOCABULARY)) == 17
    words = {w for r in _reviews() for w in r.words}
    assert words == set(VOCABULARY)


def test_the_label_follows_the_opinion_and_the_verdict() -> None:
    for review in _reviews():
        opinions = [w for w in review.words if w in ("bad", "good")]
        verdicts = [w for w in review.words if w in ("loved", "hated")]
        assert len(opinions) == len(verdicts) == 1
        assert review.words[review.decisive] == opinions[0]
        expected = {("hated", "bad"): 1, ("hated", "good"): 2, ("loved", "bad"): 4}
        assert review.score == expected.get((verdicts[0], opinions[0]), 5)


def test_the_verdict_is_always_the_strong_late_word() -> None:
    for review in _reviews():
        assert review.words[-3] in ("loved", "hated")
        assert review.words[-2:] == ("the", "movie")
        assert review.distance >= VERDICT_LENGTH


def test_classes_are_balanced_and_the_opinion_is_independent_of_the_verdict() -> None:
    counts = Counter(r.label for r in _reviews(4000))
    assert set(counts) == set(range(len(SCORES)))
    assert all(abs(c / 4000 - 0.25) < 0.03 for c in counts.values())


def test_distances_respect_the_spec() -> None:
    spec = TaskSpec(before=1, after=6, least_after=3)
    found = {r.distance for r in _reviews(2000, spec)}
    assert min(found) == spec.min_distance == VERDICT_LENGTH + 3 * 3
    assert max(found) <= spec.max_distance == VERDICT_LENGTH + 4 * 6
    assert found <= set(distances(spec))
    everywhere = {r.distance for r in _reviews(4000)}
    assert min(everywhere) == VERDICT_LENGTH and max(everywhere) > 35


def test_reviews_at_a_distance_have_exactly_that_distance() -> None:
    rng = np.random.default_rng(3)
    for d in distances():
        reviews = reviews_at_distance(rng, 5, d)
        assert {r.distance for r in reviews} == {d}
    assert distances()[:4] == [5, 8, 9, 11]


def test_the_same_seed_gives_the_same_reviews_and_another_seed_others() -> None:
    assert _reviews(seed=7) == _reviews(seed=7)
    assert _reviews(seed=7) != _reviews(seed=8)


def test_encode_pads_with_minus_one() -> None:
    reviews = _reviews(20)
    batch = encode(reviews)
    assert batch.tokens.shape == (20, max(len(r.words) for r in reviews))
    for row, review in enumerate(reviews):
        n = len(review.words)
        assert [VOCABULARY[k] for k in batch.tokens[row, :n]] == list(review.words)
        assert np.all(batch.tokens[row, n:] == -1)
    small = batch.take(np.array([3, 5]))
    assert small.tokens.shape[1] == max(len(reviews[3].words), len(reviews[5].words))


def test_the_chapters_sentence_is_a_review_of_the_task() -> None:
    review = parse(CHAPTER_SENTENCE)
    assert review.text == "the acting was very bad direction was ok but i loved the movie"
    assert review.score == 4
    assert review.words[review.decisive] == "bad"
    assert review.distance == 8


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: parse("the acting was awful but i loved the movie"), "awful"),
        (lambda: parse("the acting was bad"), "exactly one opinion"),
        (lambda: parse(3), "string"),  # type: ignore[arg-type]
        (lambda: reviews_at_distance(np.random.default_rng(0), 3, 6), "possible distances"),
        (lambda: reviews_at_distance(np.random.default_rng(0), 3, 2), "possible distances"),
        (lambda: random_reviews(np.random.default_rng(0), 0), "n must"),
        (lambda: TaskSpec(after=-1), "TaskSpec.after"),
        (lambda: encode([]), "at least one"),
    ],
)
def test_bad_input_is_named(call, message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        call()


def test_the_stretched_review_is_the_chapters_with_two_more_neutral_clauses() -> None:
    chapter, stretched = parse(CHAPTER_SENTENCE), parse(STRETCHED_SENTENCE)
    assert stretched.label == chapter.label and stretched.score == 4
    assert stretched.words[: chapter.decisive + 1] == chapter.words[: chapter.decisive + 1]
    assert stretched.words[-5:] == chapter.words[-5:]
    assert stretched.distance == chapter.distance + 8
    assert stretched.distance >= TaskSpec(least_after=3).min_distance
