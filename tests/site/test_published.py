"""Nothing bad reaches the published site.

* Whatever ``CITATION.cff`` holds is data: a copy of the book whose every text field is markup (an
  ``<img onerror>`` that would run a script) builds, and on every page that markup is text — in the
  footer's author line, the citation metadata, the citing page — never an element.
* No built page of the book shows a traceback or an error output.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from lstm_viz.sphinx.error_outputs import error_outputs
from tests.conftest import ROOT, build_book

pytestmark = pytest.mark.build

NOT_SOURCE = (".git", ".venv", "node_modules", "_build", ".tools", "__pycache__", ".*_cache")


def payload(field: str) -> str:
    """Markup that would run a script if written raw, marked with the field it was put in."""
    return f"<img src=x onerror=alert(1) title={field}>"


#: Every text field of CITATION.cff the book reads (the year must be a number and the release a
#: date, so neither can carry markup), by its path in the file.
FIELDS: dict[str, tuple[str | int, ...]] = {
    "title": ("title",),
    "abstract": ("abstract",),
    "version": ("version",),
    "url": ("url",),
    "authors[0].alias": ("authors", 0, "alias"),
    "authors[1].name": ("authors", 1, "name"),
    "preferred-citation.title": ("preferred-citation", "title"),
    "preferred-citation.authors[0].alias": ("preferred-citation", "authors", 0, "alias"),
    "preferred-citation.publisher.name": ("preferred-citation", "publisher", "name"),
    "references[0].title": ("references", 0, "title"),
    "references[0].section": ("references", 0, "section"),
    "references[0].authors[0].alias": ("references", 0, "authors", 0, "alias"),
    "references[0].publisher.name": ("references", 0, "publisher", "name"),
}


class _Page(HTMLParser):
    """A page's elements made of the payload (an ``onerror`` handler), and all its text and
    attribute values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.injected: list[str] = []
        self.strings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if any(name == "onerror" for name, _ in attrs):
            self.injected.append(f"<{tag} {' '.join(f'{n}={v}' for n, v in attrs)}>")
        self.strings += [value for _, value in attrs if value]

    def handle_data(self, data: str) -> None:
        self.strings.append(data)


def read(page: Path) -> _Page:
    parsed = _Page()
    parsed.feed(page.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book built from a copy whose CITATION.cff has markup in every text field."""
    path = tmp_path_factory.mktemp("hostile") / "book"
    shutil.copytree(ROOT, path, ignore=shutil.ignore_patterns(*NOT_SOURCE), symlinks=True)
    (path / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    cff = yaml.safe_load((path / "CITATION.cff").read_text(encoding="utf-8"))
    for field, keys in FIELDS.items():
        entry = cff
        for key in keys[:-1]:
            entry = entry[key]
        assert isinstance(entry[keys[-1]], str), field
        entry[keys[-1]] = payload(field)
    (path / "CITATION.cff").write_text(yaml.safe_dump(cff, allow_unicode=True), encoding="utf-8")
    result = build_book(path, source=path)
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return path / "_build" / "html"


def test_markup_in_every_citation_field_is_text_on_every_page(hostile_site: Path) -> None:
    pages = {
        str(page.relative_to(hostile_site)): read(page)
        for page in sorted(hostile_site.rglob("*.html"))
        if "_static" not in page.relative_to(hostile_site).parts
    }
    assert {"index.html", "book/lstm.html", "book/cite.html", "search.html"} <= set(pages)
    injected = {name: page.injected for name, page in pages.items() if page.injected}
    assert not injected, f"markup from CITATION.cff became elements: {injected}"
    shown = {
        field: sorted(
            name for name, page in pages.items() if any(payload(field) in t for t in page.strings)
        )
        for field in FIELDS
    }
    assert all(shown.values()), f"fields not found as text on any page: {shown}"
    # The footer names the edition's authors on every page of the theme (all but the site root's
    # redirect); every content page carries the book's citation metadata (its author, publisher
    # and this edition's title and abstract).
    content = [name for name in pages if name.startswith("book/")]
    for field in ("authors[0].alias", "authors[1].name"):
        assert shown[field] == sorted(set(pages) - {"index.html"}), field
    for field in (
        "title",
        "abstract",
        "preferred-citation.authors[0].alias",
        "preferred-citation.publisher.name",
    ):
        assert set(content) <= set(shown[field]), field


def test_no_page_of_the_book_shows_an_error_output(built_site: Path) -> None:
    found = {
        str(page.relative_to(built_site)): error_outputs(page.read_text(encoding="utf-8"))
        for page in built_site.rglob("*.html")
    }
    assert not any(found.values()), {page: what for page, what in found.items() if what}
