"""The vendored files: only the plotly.js bundles a written page uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstm_viz.sphinx import vendor
from tests.conftest import ROOT


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


@pytest.mark.parametrize(
    ("pages", "shipped"),
    [
        ({"a.html": "<p>no figure</p>"}, set()),
        ({"a.html": '<div data-plotly-bundle="basic"></div>'}, {"plotly-basic.min.js"}),
        (
            {
                "a.html": '<div data-plotly-bundle="basic"></div>',
                "b/c.html": '<div data-plotly-bundle="full"></div>',
            },
            {"plotly-basic.min.js", "plotly-full.min.js"},
        ),
    ],
)
def test_only_what_a_written_page_uses_is_vendored(
    tmp_path: Path, pages: dict[str, str], shipped: set[str]
) -> None:
    used = vendor.used_bundles(_site(tmp_path, pages), ROOT / "node_modules")
    assert {path.name for path in used} == shipped
    for source in used.values():
        assert source.is_file()
