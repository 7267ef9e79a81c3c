"""What the RNN-versus-LSTM page shows, one call per table or figure (``book/rnn-vs-lstm.md``).

Each function reads the measured results (:func:`lstm_viz.experiment.results.results`, computed
once per process) and returns something a notebook cell displays: a table of
:mod:`lstm_viz.presentation.html_tables` or a figure of :mod:`lstm_viz.presentation.embed` with a
text alternative written from the same numbers.
"""

from __future__ import annotations

import numpy as np

from lstm_viz.experiment import figures
from lstm_viz.experiment import review_reader as reader
from lstm_viz.experiment.results import results
from lstm_viz.experiment.review_task import (
    OPINIONS,
    SCORES,
    VERDICTS,
    random_reviews,
)
from lstm_viz.experiment.runs import MODELS, REGIMES, SEEDS
from lstm_viz.experiment.values import format_value
from lstm_viz.presentation.embed import FigureHTML, show
from lstm_viz.presentation.escaping import escape
from lstm_viz.presentation.html_tables import HTMLTable, html_table

__all__ = [
    "accuracy_figure",
    "gradient_figure",
    "loss_figure",
    "models_table",
    "results_table",
    "review_reader",
    "score_table",
    "task_examples",
]

_SAMPLE_SEED = 4


def _stars(label: int) -> str:
    return f"{SCORES[label]}/{max(SCORES)}"


def _label(opinion: str, verdict: str) -> int:
    """The class of a review with this opinion and verdict (see :data:`SCORES`)."""
    return 2 * VERDICTS.index(verdict) + OPINIONS.index(opinion)


def score_table() -> HTMLTable:
    """The task's four scores: the verdict (rows) and the opinion (columns) together."""
    head = ["", *(f"opinion <i>{word}</i>" for word in OPINIONS)]
    rows = [
        [f"verdict <i>{verdict}</i>", *(_stars(_label(opinion, verdict)) for opinion in OPINIONS)]
        for verdict in VERDICTS
    ]
    caption = "A review's score needs its opinion and its verdict"
    return HTMLTable(html_table(caption, head, rows, "lstm-viz-scores"))


def task_examples() -> HTMLTable:
    """Three reviews drawn by the task's generator, with their scores."""
    reviews = random_reviews(np.random.default_rng(_SAMPLE_SEED), 3)
    items = "".join(f"<li><i>{escape(r.text)}</i> — {_stars(r.label)}</li>" for r in reviews)
    return HTMLTable(f'<ul class="lstm-viz-task">{items}</ul>')


def _start(model: str) -> str:
    """How a model starts, in the words of the models table."""
    if MODELS[model].kind == "lstm":
        return (
            f"forget gates {format_value(f'forget-open@{model}')} open "
            f"(bias {format_value(f'forget-bias@{model}')})"
        )
    radius = f"spectral radius {_range('radius', model)}"
    if MODELS[model].recurrent == "orthogonal":
        radius = f"orthogonal, spectral radius {format_value(f'radius-low@{model}')}"
    return f"W<sub>hh</sub> {radius}"


def models_table() -> HTMLTable:
    """The models side by side: hidden units, parameters, how they start."""
    head = ["model", "hidden units", "parameters", "at the start"]
    rows = [
        [figures.model_label(model), str(spec.hidden), str(spec.parameters), _start(model)]
        for model, spec in MODELS.items()
    ]
    caption = f"The {len(MODELS)} models, each trained from the same seeds on the same reviews"
    return HTMLTable(html_table(caption, head, rows, "lstm-viz-models", list(MODELS)))


def results_table() -> HTMLTable:
    """For each model: how many runs learned the task in each regime."""
    head = ["model", *(f"{figures.REGIME_TITLES[regime]}" for regime in REGIMES)]
    rows = [
        [
            figures.model_label(model),
            *(
                f"{format_value(f'learned-runs@{regime}/{model}')} of {len(SEEDS)}"
                for regime in REGIMES
            ),
        ]
        for model in MODELS
    ]
    caption = (
        f"Runs that learned the task: at least {format_value('learned-at')} of the test reviews "
        "right at every distance their training reviews reached"
    )
    return HTMLTable(html_table(caption, head, rows, "lstm-viz-results", list(MODELS)))


def _range(name: str, where: str) -> str:
    return f"{format_value(f'{name}-low@{where}')} to {format_value(f'{name}-high@{where}')}"


def accuracy_figure() -> FigureHTML:
    """Each run's accuracy by distance, both regimes."""
    long = "; ".join(
        f"{figures.model_label(m)}: {format_value(f'learned-runs@long/{m}')} of {len(SEEDS)}"
        for m in MODELS
    )
    alt = (
        f"Small line charts, one row per model and one column per training regime, of the share "
        "of test reviews scored right against the number of words after the opinion, one line "
        f"per run ({len(SEEDS)} seeds each; runs whose lines coincide are drawn as one line "
        "labelled with their number). Trained at every distance, every run stays at "
        f"{format_value('worst@every/rnn')} or more. Trained at long distances only, the runs "
        f"that learned the task stay near 100% from {format_value('shortest@long')} words on: "
        f"{long}. The others lie on the dashed line of the best score from the verdict alone "
        f"({_range('verdict-only', 'long')})."
    )
    return show(figures.accuracy_by_distance(results()), "rnn-lstm-accuracy", alt=alt)


def loss_figure() -> FigureHTML:
    """The long-only runs' training loss."""
    alt = (
        "Line chart, on a logarithmic scale, of the training loss of every long-only run against "
        "the number of updates, with dashed lines at ln 2, the loss of knowing only the verdict, "
        "and ln 4, the loss of knowing nothing. The runs that learned fall far below ln 2; the "
        "others end between "
        f"{format_value('stuck-loss-low@long/rnn-matched')} and "
        f"{format_value('stuck-loss-high@long/rnn-matched')}, on the ln 2 line."
    )
    return show(figures.training_loss(results()), "rnn-lstm-loss", alt=alt)


def gradient_figure() -> FigureHTML:
    """How much gradient reaches the decisive word before training."""
    far, start = format_value("reach-distance@farthest"), format_value("reach-distance@long-start")
    parts = "; ".join(
        f"{figures.model_label(m)}: {_range('reach', f'{m}/long-start')} at {start} words and "
        f"{_range('reach', f'{m}/farthest')} at {far}"
        for m in MODELS
    )
    alt = (
        "Line chart, on a logarithmic scale, of the gradient at the decisive word relative to the "
        "gradient at the verdict, before training, against the number of words after the "
        f"decisive word, one line per model and seed: {parts}."
    )
    return show(figures.gradient_reach(results()), "rnn-lstm-gradient-reach", alt=alt)


def review_reader() -> HTMLTable:
    """The review reader: a text box, both long-only step-through models reading what is typed,
    and the figure of the unit that keeps the opinion (:mod:`lstm_viz.experiment.review_reader`)."""
    return HTMLTable(reader.review_reader(results()))
