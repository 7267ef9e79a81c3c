"""Shared code of the book *LSTM — What's Happening?*: the numbers, figures and explorer."""

from lstm_viz.embed import show
from lstm_viz.gates import Gates, Neuron, Weights, lstm_step, rnn_step, sigmoid, step

__all__ = ["Gates", "Neuron", "Weights", "lstm_step", "rnn_step", "show", "sigmoid", "step"]
__version__ = "0.1.0"
