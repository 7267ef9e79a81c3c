"""Builds one can trust, run as ``make book`` runs them in a second checkout elsewhere on disk.

* The site does not depend on where the checkout is: built elsewhere, it is the same bytes.
* A rebuild reads again only what changed, and writes the same bytes a clean build writes for the
  rest; the page really shows the change.
* A build that fails leaves the last good site as it was, and fails again, until fixed.

Three full builds (the clean one elsewhere, the second failure, the fix) and two partial ones. That
a change to ``lstm_viz`` or a lock file reads every page again is checked without building the
book (tests/sphinx/test_fingerprint.py), as are the build's own rules (test_build_rules.py). The
tests share one checkout and its build state, in order; each puts back what it changed.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_book

# One worker runs them all, in order, on one checkout (pytest-xdist, --dist loadgroup).
pytestmark = [pytest.mark.build, pytest.mark.xdist_group("rebuild")]

NOT_SOURCE = (".git", ".venv", "node_modules", "_build", ".tools", "__pycache__", ".*_cache")
_READ = re.compile(r"reading sources\.\.\. \[\s*\d+%\] (\S+)")
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


class Checkout:
    """A copy of the book's sources in another folder, built there as ``make book`` builds."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.site = path / "_build" / "html"

    def build(self) -> subprocess.CompletedProcess[str]:
        return build_book(self.path, source=self.path)

    def edit(self, name: str, change: str, *, append: bool = True) -> str:
        """Append (or write) ``change`` to the file ``name``; return its old text to put back."""
        file = self.path / name
        old = file.read_text(encoding="utf-8")
        file.write_text(old + change if append else change, encoding="utf-8")
        return old


def read_pages(result: subprocess.CompletedProcess[str]) -> set[str]:
    """The pages a build read (and executed), from its log."""
    return set(_READ.findall(_COLOUR.sub("", result.stdout)))


def log(result: subprocess.CompletedProcess[str]) -> str:
    return f"{result.stdout[-6000:]}\n{result.stderr[-6000:]}"


def digest(site: Path) -> dict[str, str]:
    """Every file of a site by its path in the site, with a hash of its bytes."""
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def assert_same_site(built: Path, expected: Path) -> None:
    a, b = digest(built), digest(expected)
    assert sorted(a) == sorted(b), f"files differ: {sorted(set(a) ^ set(b))[:20]}"
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, f"these files differ from a clean build's: {differ}"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Checkout]:
    path = tmp_path_factory.mktemp("elsewhere") / "a checkout of the book somewhere else"
    shutil.copytree(ROOT, path, ignore=shutil.ignore_patterns(*NOT_SOURCE), symlinks=True)
    (path / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    yield Checkout(path)


@pytest.fixture(scope="module")
def first_build(checkout: Checkout) -> set[str]:
    """The first (clean) build of the second checkout; the pages it read: all of them."""
    result = checkout.build()
    assert result.returncode == 0, log(result)
    return read_pages(result)


def test_a_checkout_elsewhere_builds_the_same_site(
    built_site: Path, checkout: Checkout, first_build: set[str]
) -> None:
    assert {"book/index", "book/lstm", "book/api"} <= first_build
    assert_same_site(checkout.site, built_site)
    tokens = [str(ROOT), str(checkout.path), str(checkout.path.parent), str(Path.home())]
    for file in checkout.site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".js", ".json", ".ipynb", ".xml", ".inv"):
            text = file.read_bytes().decode("utf-8", "replace")
            found = [t for t in tokens if t in text]
            assert not found, f"{file.relative_to(checkout.site)} holds {found}"


def test_an_edited_page_alone_is_read_again_and_the_rest_equals_a_clean_build(
    built_site: Path, checkout: Checkout, first_build: set[str]
) -> None:
    page = "book/types-of-networks.md"
    old = checkout.edit(page, "\nA sentence added to see the page rebuilt.\n")
    try:
        result = checkout.build()
    finally:
        checkout.edit(page, old, append=False)
    assert result.returncode == 0, log(result)
    assert read_pages(result) == {"book/types-of-networks"}
    html = (checkout.site / "book" / "types-of-networks.html").read_text(encoding="utf-8")
    assert "A sentence added to see the page rebuilt." in html
    # The edited page, its source, its download and the search index hold the new sentence.
    changed = {"book/types-of-networks.html", "_sources/book/types-of-networks.md"}
    changed |= {"book/types-of-networks.ipynb", "searchindex.js"}
    built, clean = digest(checkout.site), digest(built_site)
    assert sorted(built) == sorted(clean)
    differ = {name for name in built if built[name] != clean[name]}
    assert differ <= changed and "book/types-of-networks.html" in differ, differ


RAISING_CELL = '\n```{code-cell} python\nraise RuntimeError("a deliberately broken cell")\n```\n'
FALSE_CLAIM = "\n{claim}`A claim the model does not make <no-such-claim>`.\n"


def test_a_failed_build_keeps_the_last_good_site_and_fails_again_until_fixed(
    built_site: Path, checkout: Checkout, first_build: set[str]
) -> None:
    good = digest(checkout.site)
    old_chapter = checkout.edit("book/lstm.md", RAISING_CELL)
    old_page = checkout.edit("book/types-of-networks.md", FALSE_CLAIM)
    cell_line = old_chapter.count("\n") + 2
    try:
        for attempt in ("first", "second, with nothing changed"):
            result = checkout.build()
            assert result.returncode != 0, f"the {attempt} build passed:\n{log(result)}"
            text = log(result)
            assert "no claim named 'no-such-claim'" in text, attempt
            assert (
                f"lstm.md:{cell_line}: WARNING: code cell" in text
                and "raised RuntimeError: a deliberately broken cell" in text
            ), f"{attempt}: the raising cell is not named:\n{text}"
            assert digest(checkout.site) == good, f"the {attempt} failed build changed the site"
    finally:
        checkout.edit("book/lstm.md", old_chapter, append=False)
        checkout.edit("book/types-of-networks.md", old_page, append=False)
    result = checkout.build()
    assert result.returncode == 0, log(result)
    assert_same_site(checkout.site, built_site)


def test_a_broken_citation_file_stops_the_first_build_with_one_line_and_no_site(
    checkout: Checkout, tmp_path: Path
) -> None:
    cff = "CITATION.cff"
    text = (checkout.path / cff).read_text(encoding="utf-8")
    old = checkout.edit(cff, text.replace("year: 2020", "year: x", 1), append=False)
    try:
        result = build_book(tmp_path, source=checkout.path)
    finally:
        checkout.edit(cff, old, append=False)
    assert result.returncode != 0
    assert "CITATION.cff: preferred-citation.year must be a whole number, got str 'x'" in log(
        result
    )
    for crash in ("Traceback", "Exception occurred", "report"):
        assert crash not in log(result), crash
    assert not (tmp_path / "_build" / "html").exists()
