"""Figures as static HTML: fixed ids, valid JSON, the right plotly.js bundle, no inline script."""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import pytest

from lstm_viz.model.gates import step
from lstm_viz.presentation import figures
from lstm_viz.presentation.embed import bundle_for, figure_html, show


def _spec(html: str, name: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{name}-data">(.*?)</script>', html)
    assert match, "the figure's JSON is missing"
    return json.loads(match.group(1))


def test_figure_html_names_its_text_alternative_and_runs_no_inline_script() -> None:
    # (The same bytes in every process: tests/test_same_bytes.py.)
    a = figure_html(figures.gate_curves(), "curves", alt="curves")
    assert 'id="curves"' in a and 'aria-describedby="curves-alt"' in a
    assert "<script>" not in a, "no inline executable script"


def test_json_cannot_close_its_script_element() -> None:
    fig = go.Figure(go.Scatter(x=[0], y=[0], name="</script><b>"))
    html = figure_html(fig, "tricky", alt="a tricky name")
    assert html.count("</script>") == 1
    assert _spec(html, "tricky")["data"][0]["name"] == "</script><b>"


def test_bundle_is_the_smallest_that_draws_every_trace() -> None:
    assert bundle_for(go.Figure([go.Scatter(), go.Bar()])) == "basic"
    assert bundle_for(go.Figure([go.Scatter(), go.Heatmap()])) == "full"


@pytest.mark.parametrize(("name", "alt"), [("Bad Name", "x"), ("1st", "x"), ("ok", "  ")])
def test_names_and_alt_text_are_checked(name: str, alt: str) -> None:
    with pytest.raises(ValueError):
        figure_html(go.Figure(), name, alt=alt)


def test_show_gives_notebooks_html() -> None:
    shown = show(figures.gate_curves(), "curves", alt="the gate curves")
    assert shown._repr_html_() == shown.html


def test_gate_curves_plot_the_numbers_of_lstm_viz_gates() -> None:
    fig = figures.gate_curves(points=31)
    spec = _spec(figure_html(fig, "c", alt="c"), "c")
    assert len(spec["data"]) == 3  # the book's f = i = o drawn once, g, and i·g
    s = fig.data[0].x
    cell = step(s, 0.0)
    expected = [cell.forget, cell.candidate, cell.learned]
    for trace, values in zip(fig.data, expected, strict=True):
        assert list(trace.y) == list(values)


def test_a_figure_can_name_the_page_scripts_it_needs() -> None:
    html = figure_html(go.Figure(), "f", alt="f", scripts=("figures.js",))
    assert 'data-lstm-viz-scripts="figures.js"' in html
    with pytest.raises(ValueError, match="no such script"):
        figure_html(go.Figure(), "f", alt="f", scripts=("nope.js",))
