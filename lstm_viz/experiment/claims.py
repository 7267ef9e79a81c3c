"""What the book's prose says about the RNN-versus-LSTM experiment, as data the build checks.

The same two kinds of statement as the chapter's (:mod:`lstm_viz.model.claims`), computed from
the measured results (:func:`lstm_viz.experiment.results.results`) instead of the cell:

* **values** — ``name[@where][:format]``: :data:`lstm_viz.experiment.values.VALUES` lists every
  name, what it means and which ``where`` it takes (a model of
  :data:`lstm_viz.experiment.runs.MODELS`, a regime and a model ``long/rnn``, …). ``format`` is
  a Python format spec, ``stars`` (a score: "4/5") or ``sci`` (one significant digit as a power
  of ten: "3 × 10⁻⁴"); every value is written with a true minus sign.
  ``{val}`learned-runs@long/lstm``` is how many of the long-only LSTM runs learned the task.
* **claims** — :data:`lstm_viz.experiment.statements.CLAIMS`: a sentence of the page and
  the predicate over the results that makes it true.

:data:`EXPERIMENT` holds both, as a registry of :mod:`lstm_viz.model.statements`; the Sphinx
roles combine it with the chapter's.
"""

from __future__ import annotations

from lstm_viz.experiment.statements import CLAIMS
from lstm_viz.experiment.values import GRAMMAR, VALUES, format_value, is_value_key, value
from lstm_viz.model.statements import Statements

__all__ = ["CLAIMS", "EXPERIMENT", "VALUES", "format_value", "value"]

#: The experiment's registry of value keys and claims, for the ``{val}`` and ``{claim}`` roles.
EXPERIMENT = Statements("experiment", GRAMMAR, is_value_key, format_value, CLAIMS)
