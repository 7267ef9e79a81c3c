"""The RNN-versus-LSTM experiment: a review task, both cells run over sentences and trained by
back-propagation through time, the shipped weights (``data/``), and the page's figures.

Retrain or check the weights with ``python -m lstm_viz.experiment [--check]``.
"""
