"""The fingerprint that makes a change to lstm_viz or to a lock file re-read every page, and the
choice of vendored files (only the plotly.js bundles a written page uses)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lstm_viz.sphinx import vendor
from lstm_viz.sphinx.fingerprint import LOCK_FILES, source_fingerprint
from tests.conftest import ROOT


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """The package and the lock files, copied."""
    shutil.copytree(
        ROOT / "lstm_viz", tmp_path / "lstm_viz", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in LOCK_FILES:
        shutil.copyfile(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.mark.parametrize(
    "changed", ["lstm_viz/presentation/static/lstm-viz.css", "uv.lock", "package-lock.json"]
)
def test_the_fingerprint_covers_the_package_and_the_lock_files(book: Path, changed: str) -> None:
    before = source_fingerprint(book / "lstm_viz")
    assert before == source_fingerprint(ROOT / "lstm_viz", ROOT)
    (book / changed).write_text((book / changed).read_text() + "\n")
    assert source_fingerprint(book / "lstm_viz") != before


def test_the_fingerprint_does_not_depend_on_where_the_book_is(book: Path) -> None:
    assert source_fingerprint(book / "lstm_viz") == source_fingerprint()


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
