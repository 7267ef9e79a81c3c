"""Each page declares what it must contain, and the build fails when a built page lacks any of it.

A markup slip can gut a page and still build green: an unclosed code fence turns the rest of a
chapter into one code block, a stray directive swallows what follows it, a truncated file simply
ends. So ``_page_contents.yml`` (beside ``_toc.yml``) lists, for every page of the book, what it
must show:

``sections``
    the titles of its sections, as the page shows them;
``claims``
    the checked claims it states (``{claim}``), by name — or the name of a registry
    (``chapter``, ``experiment``) for every claim of that registry;
``ids``
    the ids of elements it must hold: figures, diagrams, the explorer, bibliography entries;
``links``
    the pages it links to (their docnames).

When the site is written, every page is read back as HTML (only its article, not the theme's
navigation) and each declared item it lacks is a warning naming the page and the item — under
``-W`` the build fails and the site is not published. A page of the book with no declaration is a
warning too, so a new page cannot ship without one.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util import logging

from lstm_viz.experiment.claims import EXPERIMENT
from lstm_viz.model.claims import CHAPTER

__all__ = [
    "Declaration",
    "PageContents",
    "PageContentsError",
    "load_declarations",
    "missing",
    "setup_page_contents",
]

logger = logging.getLogger(__name__)

#: Registries whose name stands for all of their claims.
REGISTRIES = {registry.name: tuple(registry.claims) for registry in (CHAPTER, EXPERIMENT)}
KINDS = ("sections", "claims", "ids", "links")
#: How many lost items a warning names (the first: where the page was cut).
SHOWN = 4
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class PageContentsError(SphinxError):
    """``_page_contents.yml`` cannot be read; the message names the file and the entry."""

    category = "Cannot check what the pages contain"


@dataclass(frozen=True)
class Declaration:
    """What one page must contain."""

    sections: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    links: tuple[str, ...] = ()


class PageContents(HTMLParser):
    """What a built page's article holds: section titles, claims, element ids and linked pages."""

    def __init__(self, docname: str) -> None:
        super().__init__(convert_charrefs=True)
        self.docname = docname
        self.sections: list[str] = []
        self.claims: set[str] = set()
        self.ids: set[str] = set()
        self.links: set[str] = set()
        self._articles = 0  # <article> elements open: the page's own content, not the theme's
        self._heading: list[str] | None = None  # the text of the heading being read
        self._headerlink = False  # inside a heading's "#" link

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._articles += tag == "article"
        if not self._articles:
            return
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if "data-claim" in values:
            self.claims.add(values["data-claim"])
        if tag == "a" and values.get("href"):
            self._link(values["href"])
        if tag in _HEADINGS:
            self._heading = []
        self._headerlink |= tag == "a" and "headerlink" in values.get("class", "").split()

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._headerlink = False
        elif tag in _HEADINGS and self._heading is not None:
            self.sections.append(" ".join("".join(self._heading).split()))
            self._heading = None
        elif tag == "article" and self._articles:
            self._articles -= 1

    def handle_data(self, data: str) -> None:
        if self._heading is not None and not self._headerlink:
            self._heading.append(data)

    def _link(self, href: str) -> None:
        """The docname an internal link points to (external and in-page links are not pages)."""
        target = href.split("#", 1)[0]
        if not target or ":" in target or target.startswith("/"):
            return
        path = posixpath.normpath(posixpath.join(posixpath.dirname(self.docname), target))
        if path.endswith(".html"):
            self.links.add(path.removesuffix(".html"))

    @classmethod
    def of(cls, docname: str, page: str) -> PageContents:
        contents = cls(docname)
        contents.feed(page)
        contents.close()
        return contents


def missing(declaration: Declaration, contents: PageContents) -> list[str]:
    """Each declared item the page lacks, in words."""
    found: dict[str, set[str]] = {
        "sections": set(contents.sections),
        "claims": contents.claims,
        "ids": contents.ids,
        "links": contents.links,
    }
    singular = {"sections": "section", "claims": "claim", "ids": "element id", "links": "link to"}
    return [
        f"{singular[kind]} {item!r}"
        for kind in KINDS
        for item in getattr(declaration, kind)
        if item not in found[kind]
    ]


def _items(value: Any, where: str, kind: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        text = value if isinstance(value, str) else None
        if kind == "claims" and text in REGISTRIES:
            return REGISTRIES[text]
        raise PageContentsError(f"{where}.{kind} must be a list of names, got {value!r:.60}")
    items: list[str] = []
    for item in value:
        items += REGISTRIES.get(item, (item,)) if kind == "claims" else (item,)
    return tuple(items)


def load_declarations(path: Path) -> dict[str, Declaration]:
    """Every page's declaration in ``path``; raise :class:`PageContentsError` naming the entry."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        problem = str(error).splitlines()[0]
        raise PageContentsError(f"{path.name}: cannot be read: {problem}") from None
    if not isinstance(data, Mapping):
        raise PageContentsError(f"{path.name}: must map each page's docname to what it contains")
    declarations = {}
    for docname, entry in data.items():
        where = f"{path.name}: {docname}"
        if not isinstance(entry, Mapping) or not entry:
            raise PageContentsError(f"{where} must declare at least one of {', '.join(KINDS)}")
        unknown = sorted(set(entry) - set(KINDS))
        if unknown:
            raise PageContentsError(f"{where}: unknown {unknown[0]!r} (known: {', '.join(KINDS)})")
        declarations[str(docname)] = Declaration(
            **{kind: _items(value, where, kind) for kind, value in entry.items()}
        )
    return declarations


def _check_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    file = Path(app.confdir) / app.config.lstm_viz_page_contents
    declarations = load_declarations(file)
    for docname in sorted(app.env.found_docs):
        declaration = declarations.get(docname)
        if declaration is None:
            logger.warning(
                "the page declares nothing it must contain: add it to %s",
                file.name,
                location=docname,
                type="lstm_viz",
                subtype="page_contents",
            )
            continue
        page = Path(app.outdir) / app.builder.get_target_uri(docname)
        contents = PageContents.of(docname, page.read_text(encoding="utf-8"))
        lost = missing(declaration, contents)
        if lost:
            more = f" and {len(lost) - SHOWN} more" if len(lost) > SHOWN else ""
            logger.warning(
                "the built page lacks %s%s, which %s declares it contains (is a code fence, a "
                "directive or the file cut short before it?)",
                "; ".join(lost[:SHOWN]),
                more,
                file.name,
                location=docname,
                type="lstm_viz",
                subtype="page_contents",
            )
    for docname in sorted(set(declarations) - set(app.env.found_docs)):
        logger.warning(
            "%s declares the contents of %r, which is not a page of the book",
            file.name,
            docname,
            type="lstm_viz",
            subtype="page_contents",
        )


def setup_page_contents(app: Sphinx) -> None:
    app.add_config_value("lstm_viz_page_contents", "_page_contents.yml", "env", [str])
    app.connect("build-finished", _check_pages)
