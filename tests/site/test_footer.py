"""Every page's footer names the edition's authors as CITATION.cff does, and nobody else."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstm_viz.presentation.citation import load_citation
from tests.conftest import ROOT, html_pages
from tests.pages import parse

pytestmark = pytest.mark.build


def test_the_footer_names_the_authors_of_citation_cff(built_site: Path) -> None:
    authors = load_citation(ROOT / "CITATION.cff").authors
    expected = f"By {' and '.join(authors)}"
    for path in html_pages(built_site):
        lines = [
            " ".join(p.text.split())
            for p in parse(path.read_text()).iter("p")
            if "component-author" in p.attrs.get("class", "")
        ]
        assert lines == [expected], path.name
    config = (ROOT / "_config.yml").read_text().splitlines()
    assert not [line for line in config if line.startswith("author:")], "one source: CITATION.cff"
