"""The numbers of the book: the LSTM cell, the behaviour table, and the claims the prose makes.

This layer imports numpy and nothing of the book's pages: no plotly, no HTML, no Sphinx (a test
imports it in a fresh interpreter and checks).
"""
