"""Shared code of the book *LSTM — What's Happening?*: every number, figure and page it shows.

Four layers, each a subpackage that imports only from the ones before it:

* :mod:`lstm_viz.model` — the numbers: the cell, its sequences, the behaviour table, the claims the
  prose makes. numpy only: no plotly, no HTML, no Sphinx.
* :mod:`lstm_viz.presentation` — what a page shows: figures, diagrams, tables, the explorer.
* :mod:`lstm_viz.experiment` — the RNN-versus-LSTM experiment: task, training, shipped weights,
  its figures and claims, and its command line (``python -m lstm_viz.experiment``).
* :mod:`lstm_viz.sphinx` — the one Sphinx extension that builds the book from all of them.

The model's main names are here too: ``from lstm_viz import step``.
"""

from lstm_viz.model.gates import Gates, Neuron, Weights, lstm_step, rnn_step, sigmoid, step

__all__ = ["Gates", "Neuron", "Weights", "__version__", "lstm_step", "rnn_step", "sigmoid", "step"]
__version__ = "0.1.0"
