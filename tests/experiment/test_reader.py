"""Reading a reader's own review in numpy: the words, the offers for unknown ones, both models'
probabilities after every known word, the link — the side of the review reader the script is
checked against (tests/site/test_rnn_vs_lstm_reader.py)."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.experiment import reader as rx
from lstm_viz.experiment.measure import walk
from lstm_viz.experiment.results import results
from lstm_viz.experiment.review_task import SCORES, STRETCHED_SENTENCE, VOCABULARY, parse
from tests.shared_cases import READING_CASES, REVIEW_LINK_CASES


@pytest.fixture(scope="module")
def models() -> dict:
    return results().readers


@pytest.mark.parametrize(("text", "words", "unknown", "offers"), READING_CASES)
def test_words_unknown_words_and_offers_follow_the_shared_cases(
    models, text: str, words: list[str], unknown: list[str], offers: list[str]
) -> None:
    assert rx.words(text) == words
    assert list(rx.read(text, models["rnn"], models["lstm"]).unknown) == unknown
    assert [rx.nearest(word) for word in unknown] == offers


@pytest.mark.parametrize(("text", "link"), REVIEW_LINK_CASES)
def test_the_link_to_a_review_follows_the_shared_cases(text: str, link: str) -> None:
    assert rx.review_hash(text) == link


def test_nearest_offers_a_known_word_and_a_known_word_itself() -> None:
    assert all(rx.nearest(word) == word for word in VOCABULARY)
    assert rx.nearest("lovd") == "loved" and rx.nearest("movi") == "movie"
    assert rx.nearest("bda") == "bad"


def test_read_matches_the_walk_of_the_page_for_a_review_of_the_task(models) -> None:
    """The step-through's own walk (measure.walk) and read() agree to the bit."""
    review = parse(STRETCHED_SENTENCE)
    walked = walk(models["rnn"], models["lstm"], review)
    reading = rx.read(STRETCHED_SENTENCE, models["rnn"], models["lstm"])
    np.testing.assert_array_equal(reading.rnn.probs, walked.rnn_scores)
    np.testing.assert_array_equal(reading.lstm.probs, walked.lstm_scores)
    assert reading.lstm.score == SCORES[int(np.argmax(walked.lstm_scores[-1]))]
    assert reading.unknown == ()


def test_unknown_words_are_skipped_not_read(models) -> None:
    plain = rx.read("the acting was bad but i loved the movie", models["rnn"], models["lstm"])
    noisy = rx.read(
        "The ACTING was truly bad!! but i loved the <b>movie</b>", models["rnn"], models["lstm"]
    )
    assert noisy.unknown == ("truly", "b")
    np.testing.assert_array_equal(noisy.lstm.probs, plain.lstm.probs[[0, 1, 2, 3, 4, 5, 6, 7, 8]])
    assert noisy.lstm.probs.shape == (9, len(SCORES)) and noisy.lstm.score == plain.lstm.score


def test_a_text_with_no_known_word_has_no_score(models) -> None:
    reading = rx.read("¡Qué película!", models["rnn"], models["lstm"])
    assert reading.rnn.probs.shape == (0, len(SCORES)) and reading.rnn.score is None
    assert reading.lstm.score is None and reading.unknown == ("qué", "película")


def test_read_refuses_models_of_the_wrong_kind(models) -> None:
    with pytest.raises(ValueError, match="an RNN and an LSTM"):
        rx.read("bad", models["lstm"], models["rnn"])
    with pytest.raises(TypeError, match="text must be a string"):
        rx.words(None)  # type: ignore[arg-type]


def test_the_view_swaps_the_opinion_and_cuts_a_long_text(models) -> None:
    shown = rx.view(STRETCHED_SENTENCE, models["rnn"], models["lstm"])
    assert "bad" in shown.words and "good" not in shown.words
    flipped = rx.view(STRETCHED_SENTENCE.replace("bad", "good"), models["rnn"], models["lstm"])
    np.testing.assert_array_equal(shown.lstm_swapped.c, flipped.lstm.c)
    np.testing.assert_array_equal(shown.rnn_swapped.h, flipped.rnn.h)
    assert shown.lstm.c is not None and shown.rnn.c is None
    long = rx.view("bad " * 500, models["rnn"], models["lstm"])
    assert len(long.words) == rx.MAX_CHARACTERS // 4
