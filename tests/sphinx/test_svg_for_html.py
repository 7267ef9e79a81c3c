"""A still's SVG is cleaned of the attributes HTML does not allow on SVG elements, and of nothing
else."""

from __future__ import annotations

from lstm_viz.sphinx.stills import NOT_IN_HTML, svg_for_html

MENU = (
    '<g class="updatemenu-container"><g updatemenu-active-index="-1" transform="translate(8,2)">'
    '<rect x="0" y="0" width="40" height="20" style="fill: red"/>'
    '<text data-unformatted="Play" text-anchor="middle">Play</text></g></g>'
)


def test_attributes_html_forbids_are_removed_and_nothing_else() -> None:
    cleaned = svg_for_html(MENU)
    assert "updatemenu-active-index" not in cleaned
    assert cleaned == MENU.replace(' updatemenu-active-index="-1"', "")


def test_every_forbidden_attribute_is_removed_wherever_it_is() -> None:
    svg = "".join(f'<g {name}="1"><path {name}="2" d="M0,0"/></g>' for name in NOT_IN_HTML)
    assert svg_for_html(svg) == '<g><path d="M0,0"/></g>' * len(NOT_IN_HTML)


def test_an_attribute_that_only_ends_like_a_forbidden_one_stays() -> None:
    svg = '<g data-updatemenu-active-index="0" x="1"/>'
    assert svg_for_html(svg) == svg
