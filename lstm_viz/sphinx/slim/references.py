"""Which files of a built site each page, stylesheet and script names.

A page names files in its tags' ``href``, ``src``, ``srcset`` and ``poster`` attributes, and in
``data-plotly`` (the plotly.js bundle that ``figures.js`` fetches, see
:mod:`lstm_viz.sphinx.page_scripts`); a stylesheet in ``url()`` and ``@import``; an ES module in its
relative ``import`` statements. Only names of files inside the site count: other hosts, fragments
and ``data:`` URLs name none.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = [
    "CSS_URL",
    "css_references",
    "html_references",
    "js_references",
    "pages",
    "reachable",
    "resolve",
    "stylesheet_links",
]

#: The attributes whose value names a file (``srcset`` names several).
_FILE_ATTRIBUTES = ("href", "src", "srcset", "poster", "data-plotly")
#: A ``url()`` of a stylesheet, its address in one of the three groups.
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""")
_JS_IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}/[^"']+)["']""")


def pages(site: Path) -> list[Path]:
    """Every HTML page of the site (the theme's template fragments under ``_static`` are none)."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


def resolve(name: str, base: Path, site: Path) -> Path | None:
    """The file of ``site`` that the URL ``name``, written in a file in folder ``base``, names."""
    parts = urlsplit(name.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = (
        site / unquote(parts.path).lstrip("/")
        if parts.path.startswith("/")
        else base / unquote(parts.path)
    ).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file() or not target.is_relative_to(site.resolve()):
        return None
    return target


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, in order, and the text of its ``<style>``
    elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if self.lasttag == "style":
            self.styles.append(data)


def _parsed(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def _tags(html: str) -> list[tuple[str, dict[str, str]]]:
    return _parsed(html).tags


def _css_names(text: str) -> list[str]:
    names = [next(filter(None, m.groups()), "") for m in CSS_URL.finditer(text)]
    return names + [next(filter(None, m.groups()), "") for m in _CSS_IMPORT.finditer(text)]


def html_references(page: Path, site: Path) -> list[Path]:
    """The files of the site a page names, in the order it names them (those its ``<style>``
    elements name last)."""
    found = []
    parsed = _parsed(page.read_text(encoding="utf-8"))
    for _, attrs in parsed.tags:
        for name in _FILE_ATTRIBUTES:
            if name not in attrs:
                continue
            values = attrs[name].split(",") if name == "srcset" else [attrs[name]]
            for value in values:
                target = resolve(value.strip().split(" ")[0], page.parent, site)
                if target is not None:
                    found.append(target)
    names = [name for style in parsed.styles for name in _css_names(style)]
    return found + [t for n in names if (t := resolve(n, page.parent, site)) is not None]


def stylesheet_links(page: Path, site: Path) -> list[Path]:
    """The stylesheets a page links (``<link rel="stylesheet">``), in order."""
    found = []
    for tag, attrs in _tags(page.read_text(encoding="utf-8")):
        if tag == "link" and "stylesheet" in attrs.get("rel", "").split():
            target = resolve(attrs.get("href", ""), page.parent, site)
            if target is not None:
                found.append(target)
    return found


def css_references(sheet: Path, site: Path) -> list[Path]:
    """The files of the site a stylesheet names in ``url()`` and ``@import``."""
    names = _css_names(sheet.read_text(encoding="utf-8"))
    return [t for n in names if (t := resolve(n, sheet.parent, site)) is not None]


def js_references(script: Path, site: Path) -> list[Path]:
    """The modules of the site a script imports by relative name."""
    text = script.read_text(encoding="utf-8")
    names = [m[1] for m in _JS_IMPORT.finditer(text)]
    return [t for n in names if (t := resolve(n, script.parent, site)) is not None]


def reachable(site: Path) -> set[Path]:
    """Every file the site's pages name, and the files those name in turn."""
    seen: set[Path] = set()
    todo = [page.resolve() for page in pages(site)]
    while todo:
        file = todo.pop()
        if file in seen:
            continue
        seen.add(file)
        if file.suffix == ".html":
            todo += html_references(file, site)
        elif file.suffix == ".css":
            todo += css_references(file, site)
        elif file.suffix in (".js", ".mjs"):
            todo += js_references(file, site)
    return seen
