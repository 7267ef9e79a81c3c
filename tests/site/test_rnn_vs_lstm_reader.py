"""The review reader of the RNN-versus-LSTM page in real Chromium: the script reads as numpy does
(lstm_viz.experiment.reader) to 1e-9, follows the shared cases, shows what the reader types in the
figure, the words, the slider and the scores, keeps it in the link, and shrugs off hostile text.
"""

from __future__ import annotations

from urllib.parse import quote

import numpy as np
import pytest

from lstm_viz.experiment import reader as rx
from lstm_viz.experiment.results import results
from lstm_viz.experiment.review_reader import EXAMPLES, OPENING, readout, word_label
from lstm_viz.experiment.review_task import CHAPTER_SENTENCE, VOCABULARY, random_reviews
from lstm_viz.experiment.runs import REGIMES
from lstm_viz.experiment.step_through import step_through
from tests.shared_cases import READING_CASES, REVIEW_HASH_CASES, REVIEW_LINK_CASES

pytestmark = pytest.mark.browser

PAGE = "book/rnn-vs-lstm.html"
FIGURE = "rnn-lstm-step-through"
# The page's own modules, imported into the test's page by their URL beside main.js.
MODULE = """async (name) => {
  const main = document.querySelector('script[type="module"][src*="review-reader/main.js"]');
  return import(new URL(name, main.src).href);
}"""


@pytest.fixture(scope="module")
def models() -> dict:
    return results().readers


def _texts() -> list[str]:
    """250 reviews of the task from both regimes' generators, some written as a person would."""
    rng = np.random.default_rng(18)
    reviews = [r.text for spec in REGIMES.values() for r in random_reviews(rng, 125, spec)]
    dressed = [
        text.capitalize().replace(" but ", ", but ").replace(" and i", "! And I") + "."
        for text in reviews[::5]
    ]
    return reviews + dressed + ["the acting was awful but i loved it", "", "bad bad good"]


def _read_in_page(page, texts: list[str]) -> list[dict]:
    return page.evaluate("(texts) => texts.map((t) => window.reviewReader.read(t))", texts)


def test_the_script_reads_as_numpy_to_1e_9(visit, models) -> None:
    texts = _texts()
    assert len(texts) >= 200
    seen = visit(PAGE)
    read = _read_in_page(seen.page, texts)
    worst = 0.0
    for text, got in zip(texts, read, strict=True):
        want = rx.read(text, models["rnn"], models["lstm"])
        assert got["unknown"] == list(want.unknown), text
        for name in ("rnn", "lstm"):
            expected = getattr(want, name)
            assert got[name]["score"] == expected.score, (text, name)
            probs = np.array(got[name]["probs"], dtype=float).reshape(expected.probs.shape)
            if probs.size:
                worst = max(worst, float(np.abs(probs - expected.probs).max()))
    assert worst <= 1e-9, f"the script is {worst:.1e} away from numpy"
    assert not seen.console_errors and not seen.page_errors


def test_the_script_follows_the_shared_cases(visit) -> None:
    page = visit(PAGE).page
    got = page.evaluate(
        f"""async ([reading, links, hashes]) => {{
          const reader = await ({MODULE})("reader.js");
          const link = await ({MODULE})("link.js");
          const data = JSON.parse(document.getElementById("review-reader-data").textContent);
          const max = data.maxCharacters;
          return {{
            reading: reading.map(([text]) => {{
              const words = reader.words(text);
              const unknown = window.reviewReader.read(text).unknown;
              return [words, unknown, unknown.map((w) => reader.nearest(w, data.vocabulary))];
            }}),
            links: links.map(([text]) => link.writeHash(text, max)),
            hashes: hashes.map(([hash]) => {{
              const found = link.readHash(hash, max);
              return [found.text, found.notice !== null];
            }}),
          }};
        }}""",
        [READING_CASES, REVIEW_LINK_CASES, REVIEW_HASH_CASES],
    )
    assert got["reading"] == [[w, u, n] for _, w, u, n in READING_CASES]
    assert got["links"] == [h for _, h in REVIEW_LINK_CASES]
    assert got["hashes"] == [[t, cut] for _, t, cut in REVIEW_HASH_CASES]


def _shown(page) -> dict:
    return page.evaluate(
        f"""() => {{
          const div = document.getElementById("{FIGURE}");
          return {{
            scores: document.getElementById("review-scores").textContent,
            notice: document.getElementById("review-notice").textContent,
            words: Array.from(document.querySelectorAll(".lstm-viz-reader-words li"),
                              (li) => li.textContent),
            current: Array.from(document.querySelectorAll(".lstm-viz-reader-words li"))
                          .findIndex((li) => li.getAttribute("aria-current") === "true") + 1,
            slider: document.getElementById("review-word-shown").textContent,
            traces: Object.fromEntries(div.data.map((t) => [t.meta, Array.from(t.y)])),
            lines: div.layout.shapes.filter((s) => s.name === "selected-word").map((s) => s.x0),
            hash: window.location.hash,
          }};
        }}"""
    )


def _expected(models, text: str, chosen: int | None = None) -> dict:
    shown = rx.view(text, models["rnn"], models["lstm"])
    chosen = len(shown.words) if chosen is None else chosen
    fig = step_through(shown, results().units, chosen)
    return {
        "scores": readout(shown),
        "words": list(shown.words),
        "current": chosen,
        "slider": word_label(shown.words, chosen),
        "traces": {t.meta: list(t.y) for t in fig.data},
        "lines": [chosen] * 2,
    }


def _assert_shows(page, models, text: str, chosen: int | None = None) -> dict:
    got, want = _shown(page), _expected(models, text, chosen)
    for key in ("scores", "words", "current", "slider", "lines"):
        assert got[key] == want[key], key
    assert set(got["traces"]) == set(want["traces"])
    for name, values in want["traces"].items():
        np.testing.assert_allclose(got["traces"][name], values, rtol=0, atol=1e-9, err_msg=name)
    return got


def test_typing_a_review_updates_everything_and_the_link(visit, models) -> None:
    seen = visit(PAGE)
    page = seen.page
    _assert_shows(page, models, OPENING)
    box = page.locator("#review-text")
    box.fill("")
    _assert_shows(page, models, "")
    text = CHAPTER_SENTENCE.replace("bad", "good")
    box.press_sequentially(text)
    got = _assert_shows(page, models, text)
    assert got["hash"] == rx.review_hash(text)
    # The slider moves the lines and the bars to the word it names.
    page.locator("#review-word").fill("5")
    _assert_shows(page, models, text, 5)
    assert not seen.console_errors and not seen.page_errors


def test_a_review_link_reproduces_the_review(visit, models) -> None:
    text = "The plot was fine, the acting was very good... and I HATED the movie"
    seen = visit(PAGE + rx.review_hash(text))
    assert seen.page.input_value("#review-text") == text
    _assert_shows(seen.page, models, text)
    # An example link is a review link: following it shows its review.
    words, example = next(iter(EXAMPLES.items()))
    seen.page.get_by_role("link", name=words).click()
    seen.page.wait_for_function(f"document.getElementById('review-text').value === {example!r}")
    _assert_shows(seen.page, models, example)
    assert not seen.console_errors and not seen.page_errors


def test_unknown_words_are_named_with_the_nearest_known_word_offered(visit, models) -> None:
    page = visit(PAGE).page
    page.locator("#review-text").fill("the acting was awfull but i lovd the movie")
    notice = page.locator("#review-notice")
    assert "awfull" in notice.inner_text() and "lovd" in notice.inner_text()
    offers = notice.get_by_role("button")
    assert offers.all_inner_texts() == [rx.nearest("awfull"), rx.nearest("lovd")]
    offers.nth(1).click()
    assert page.input_value("#review-text") == "the acting was awfull but i loved the movie"
    _assert_shows(page, models, "the acting was awfull but i loved the movie")


HOSTILE = [
    '<img src=x onerror="window.__pwned = 1">bad but i loved the movie',
    "<script>window.__pwned = 2</script> the plot was ok",
    '"><svg onload="window.__pwned = 3"></svg><a href="javascript:window.__pwned=4">x</a>',
    "Ünïcödé ☃ 🎬 مرحبا \u202e\u0000\u200b 𝔟𝔞𝔡 ＢＡＤ the acting was bad",
    "bad " * 250_000,  # a megabyte
]


@pytest.mark.parametrize("text", HOSTILE, ids=["img", "script", "svg", "unicode", "megabyte"])
def test_hostile_text_runs_nothing_and_breaks_nothing(visit, models, text: str) -> None:
    link = "#review=" + quote(text[:5000], safe="")
    for path in (PAGE, PAGE + link):
        seen = visit(path)
        page = seen.page
        page.evaluate("(t) => { const b = document.getElementById('review-text'); b.value = t; "
                      "b.dispatchEvent(new Event('input')); }", text)  # fmt: skip
        assert page.evaluate("window.__pwned") is None
        # Only the reader's own elements: the text went in as text.
        made = page.evaluate(
            "() => Array.from(document.querySelectorAll("
            "'#review-notice *, #review-scores *, .lstm-viz-reader-words *'), (e) => e.tagName)"
        )
        assert set(made) <= {"I", "BUTTON", "LI"}, made
        kept = rx.view(text, models["rnn"], models["lstm"])
        assert _shown(page)["words"] == list(kept.words)
        assert len(page.evaluate("window.location.hash")) < 20 * rx.MAX_CHARACTERS
        # ... and the reader still works.
        page.locator("#review-text").fill(CHAPTER_SENTENCE)
        _assert_shows(page, models, CHAPTER_SENTENCE)
        assert not seen.console_errors and not seen.page_errors, seen.page_errors
    # The script's read() takes any text whole.
    count = visit(PAGE).page.evaluate("(t) => window.reviewReader.read(t).lstm.probs.length", text)
    assert count == len([word for word in rx.words(text) if word in VOCABULARY])
