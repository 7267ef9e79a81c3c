"""The fingerprint that makes a change to lstm_viz or to a lock file re-read every page."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
import yaml
from sphinx.testing.util import SphinxTestApp

from lstm_viz.sphinx import fingerprint
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


CONF = (
    'root_doc = "index"\n'
    "def setup(app):\n"
    "    from lstm_viz.sphinx.fingerprint import setup_fingerprint\n"
    "    setup_fingerprint(app)\n"
)


def read_docs(tmp_path: Path) -> set[str]:
    """Build the project in ``tmp_path`` (again); the documents Sphinx read."""
    status = StringIO()
    app = SphinxTestApp("html", srcdir=tmp_path / "src", builddir=tmp_path / "out", status=status)
    try:
        app.build()
    finally:
        app.cleanup()
    log = re.sub(r"\x1b\[[0-9;]*m", "", status.getvalue())
    return set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", log))


def test_a_new_fingerprint_reads_every_page_again_and_the_same_one_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "conf.py").write_text(CONF)
    (tmp_path / "src" / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   page\n")
    (tmp_path / "src" / "page.rst").write_text("Page\n====\n\nText.\n")
    monkeypatch.setattr(fingerprint, "source_fingerprint", lambda **_: "the code as it was")
    assert read_docs(tmp_path) == {"index", "page"}
    assert read_docs(tmp_path) == set()
    monkeypatch.setattr(fingerprint, "source_fingerprint", lambda **_: "the code changed")
    assert read_docs(tmp_path) == {"index", "page"}


def test_a_page_read_again_is_executed_again() -> None:
    """(What makes a re-read page show numbers from the changed code, tables included.)"""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["execute"]["execute_notebooks"] == "force"
