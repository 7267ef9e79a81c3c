"""The page's review reader: a text box where the reader writes a review, and both step-through
models reading it word by word (:mod:`lstm_viz.experiment.step_through`) as they type.

:func:`review_reader` writes its HTML at the opening review — the text box, example links, the
words read, a slider over them, the figure — and :func:`reader_data` the JSON its script
(``static/review-reader/main.js``) reads: the vocabulary, the scores and both models' weights. The
script recomputes everything in the browser (``reader.js``, checked against
:mod:`lstm_viz.experiment.reader` to 1e-9); every text it writes is also written here
(:func:`readout`, :func:`word_label`) and a browser test compares the two.
"""

from __future__ import annotations

import json

from lstm_viz.experiment.reader import MAX_CHARACTERS, View, review_hash, view
from lstm_viz.experiment.results import Results
from lstm_viz.experiment.review_task import (
    CHAPTER_SENTENCE,
    OPINIONS,
    SCORES,
    STRETCHED_SENTENCE,
    VOCABULARY,
)
from lstm_viz.experiment.step_through import step_through
from lstm_viz.model.formatting import fixed
from lstm_viz.presentation.embed import figure_html
from lstm_viz.presentation.escaping import escape

__all__ = [
    "DATA_ID",
    "EXAMPLES",
    "FIGURE_ID",
    "OPENING",
    "reader_data",
    "readout",
    "review_reader",
    "word_label",
]

#: The reader's examples, by the words of their link: the chapter's review, the same with *good*,
#: and the chapter's review with a longer gap (inside the long-only training distances).
EXAMPLES = {
    "the chapter's review": CHAPTER_SENTENCE,
    "the same with good": CHAPTER_SENTENCE.replace(" bad", " good"),
    "a longer gap": STRETCHED_SENTENCE,
}
#: The review in the text box when the page opens (and when its link holds none).
OPENING = STRETCHED_SENTENCE
FIGURE_ID = "rnn-lstm-step-through"
DATA_ID = "review-reader-data"
MODULE = "review-reader/main.js"
STYLE = "review-reader/reader.css"


def _score(result: tuple[int, float] | None) -> str:
    score, probability = result or (0, 0.0)
    return f"{score}/{max(SCORES)} ({fixed(100 * probability, 0)}%)"


def readout(shown: View) -> str:
    """What the models make of the review, as the page says it under the text box."""
    if not shown.words:
        return "No word of the task yet: the models have nothing to read."

    def both(swapped: bool) -> str:
        rnn, lstm = shown.score("rnn", swapped), shown.score("lstm", swapped)
        return f"RNN {_score(rnn)}, LSTM {_score(lstm)}"

    line = f"After the last word: {both(False)}."
    if set(shown.words) & set(OPINIONS):
        line += f" With {' ↔ '.join(OPINIONS)} swapped: {both(True)}."
    return line


def word_label(words: tuple[str, ...], chosen: int) -> str:
    """What the slider says of the chosen word (from 1)."""
    if not words:
        return "no word"
    return f"word {chosen} of {len(words)}: {words[chosen - 1]}"


def reader_data(results: Results) -> dict:
    """What the page's script needs: the task's words and scores, the opinion words, the longest
    review it reads, the two models' weights and the unit of each that the figure follows."""
    models = {
        name: {"kind": model.kind, **{k: v.tolist() for k, v in model.params.items()}}
        for name, model in results.readers.items()
    }
    return {
        "vocabulary": list(VOCABULARY),
        "scores": list(SCORES),
        "opinions": list(OPINIONS),
        "maxCharacters": MAX_CHARACTERS,
        "opening": OPENING,
        "figure": FIGURE_ID,
        "units": results.units,
        "models": models,
    }


def _alt(shown: View, units: dict[str, int]) -> str:
    return (
        f"Three charts of the two long-only models reading the review '{' '.join(shown.words)}'. "
        f"The first shows LSTM unit {units['lstm'] + 1}'s LTM after each word, the second RNN "
        f"unit {units['rnn'] + 1}'s STM, each for the review as written and with "
        f"{' and '.join(OPINIONS)} swapped; the third, each model's probability of every score "
        f"after the chosen word. {readout(shown)}"
    )


def review_reader(results: Results) -> str:
    """The reader's HTML at the opening review, with the JSON its script reads."""
    readers, units = results.readers, results.units
    shown = view(OPENING, readers["rnn"], readers["lstm"])
    chosen = len(shown.words)
    vocabulary = ", ".join(f"<i>{w}</i>" for w in VOCABULARY)
    examples = " · ".join(
        f'<a href="{escape(review_hash(text))}">{escape(words)}</a>'
        for words, text in EXAMPLES.items()
    )
    current = ' aria-current="true"'
    read = "".join(
        f"<li{current if k == chosen else ''}>{escape(w)}</li>"
        for k, w in enumerate(shown.words, start=1)
    )
    figure = figure_html(
        step_through(shown, units), FIGURE_ID, alt=_alt(shown, units), scripts=(STYLE,)
    )
    # "</" cannot end the script element early once every "<" is escaped.
    data = json.dumps(reader_data(results), separators=(",", ":"), sort_keys=True)
    data = data.replace("<", "\\u003c")
    label = escape(word_label(shown.words, chosen))
    return (
        f'<div class="lstm-viz-reader" id="review-reader" data-lstm-viz-modules="{MODULE}">'
        f'<p class="lstm-viz-reader-vocabulary">The task\'s {len(VOCABULARY)} words: '
        f"{vocabulary}. Capitals and punctuation are ignored.</p>"
        f'<label class="lstm-viz-reader-label" for="review-text">Your review</label>'
        f'<textarea id="review-text" rows="3" maxlength="{MAX_CHARACTERS}" spellcheck="false" '
        f'autocapitalize="none" autocomplete="off" '
        f'aria-describedby="review-notice review-scores">{escape(OPENING)}</textarea>'
        f'<p class="lstm-viz-reader-examples">Try: {examples}</p>'
        f'<p class="lstm-viz-reader-notice" id="review-notice" role="status"></p>'
        f'<p class="lstm-viz-reader-scores" id="review-scores" role="status">'
        f"{escape(readout(shown))}</p>"
        f'<ol class="lstm-viz-reader-words" aria-label="the words the models read">{read}</ol>'
        f'<div class="lstm-viz-reader-slider"><label for="review-word">Chosen word</label>'
        f'<input type="range" id="review-word" min="1" max="{max(chosen, 1)}" value="{chosen}" '
        f'aria-valuetext="{label}"><output id="review-word-shown" for="review-word">{label}'
        f"</output></div>{figure}"
        f'<script type="application/json" id="{DATA_ID}">{data}</script>'
        f"</div>"
    )
