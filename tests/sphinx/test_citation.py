"""The citation extension reads CITATION.cff when the build starts: a broken file stops the build
before any page with one line naming the file and the field, as a Sphinx error (not a crash)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sphinx.errors import SphinxError

from tests.conftest import ROOT, SphinxRun

CONF = (
    'extensions = ["myst_parser"]\nroot_doc = "index"\nhtml_baseurl = "https://example.org/"\n'
    "def setup(app):\n"
    "    from lstm_viz.sphinx.citation import setup_citation\n"
    "    setup_citation(app)\n"
)
PAGES = {
    "index.md": "# Home\n\n```{toctree}\nbook/cite\n```\n",
    "book/cite.md": "# Cite\n\n```{cite-this} book\n```\n",
}
GOOD = (ROOT / "CITATION.cff").read_text(encoding="utf-8")


def test_the_book_is_cited_from_the_file(sphinx_project: Callable[..., SphinxRun]) -> None:
    run = sphinx_project(CONF, {**PAGES, "CITATION.cff": GOOD}, strict=True)
    assert run.app.statuscode == 0, run.warnings
    assert "SKKN Press, 2020." in run.html("book/cite")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param(GOOD + "\n  - : [\n", "CITATION.cff: not valid YAML at line ", id="YAML"),
        pytest.param(
            GOOD.replace("  year: 2020", "  year: twenty", 1),
            "CITATION.cff: preferred-citation.year must be a whole number, got str 'twenty'",
            id="year",
        ),
        pytest.param("", "CITATION.cff: title is missing (the file is empty)", id="empty"),
    ],
)
def test_a_broken_file_stops_the_build_with_one_line(
    sphinx_project: Callable[..., SphinxRun], text: str, line: str
) -> None:
    with pytest.raises(SphinxError) as raised:
        sphinx_project(CONF, {**PAGES, "CITATION.cff": text}, strict=True)
    assert str(raised.value).startswith(line) and "\n" not in str(raised.value)
