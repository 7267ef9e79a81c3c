"""Sphinx extension: citing the book, generated from ``CITATION.cff`` at build time.

* the ``cite-this`` directive (``book`` or ``chapter``) writes a reference line and BibTeX;
* every page gets citation meta tags (``citation_title``, ``citation_author``, …) and OpenGraph;
* every page but the citing page itself ends with a short "cite this chapter" note linking to it;
* the footer's "By …" line is the edition's authors from ``CITATION.cff``.

``CITATION.cff`` is read when the build starts: any problem with it stops the build before a page
is read, with one line naming the file and the field (not a crash report). Its values are data, not
markup: each is escaped (:func:`lstm_viz.presentation.escaping.escape`) where it is written into a
page, and docutils escapes what goes into the text of a page.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import SphinxError
from sphinx.util.docutils import SphinxDirective

from lstm_viz.presentation.citation import Citation, CitationError, load_citation
from lstm_viz.presentation.escaping import escape

__all__ = ["setup_citation"]


class CitationFileError(SphinxError):
    """``CITATION.cff`` cannot give what the book cites; the message says which field."""

    category = "Cannot cite the book"


def citation_of(app: Sphinx) -> Citation:
    """The book's citation data, read once per build from the configured ``CITATION.cff``."""
    cached = getattr(app, "_lstm_viz_citation", None)
    if cached is None:
        try:
            cached = load_citation(Path(app.confdir) / app.config.lstm_viz_citation_file)
        except CitationError as error:
            raise CitationFileError(str(error)) from None
        app._lstm_viz_citation = cached  # type: ignore[attr-defined]
    return cached


class CiteThis(SphinxDirective):
    """``{cite-this} book`` or ``{cite-this} chapter``: a reference line, then BibTeX to copy."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        what = self.arguments[0]
        citation = citation_of(self.env.app)
        if what not in ("book", "chapter"):
            raise self.error(f"cite-this takes 'book' or 'chapter', not {what!r}")
        line = citation.book_line() if what == "book" else citation.chapter_line()
        bibtex = citation.book_bibtex() if what == "book" else citation.chapter_bibtex()
        block = nodes.literal_block(bibtex, bibtex, language="bibtex")
        block["classes"].append(f"lstm-viz-bibtex-{what}")
        return [nodes.paragraph(line, line, classes=["lstm-viz-reference"]), block]


def _meta(name: str, content: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{name}" content="{escape(content)}" />\n'


def _page_meta(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # The published address is in og:url; a <link rel="canonical"> would be the page's only tag
    # pointing at another host, in a book that promises none.
    context["pageurl"] = None
    if doctree is None:  # search, genindex
        return
    c = citation_of(app)
    title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title", ""))) or c.edition_title
    url = app.config.html_baseurl + app.builder.get_target_uri(pagename)
    tags = [_meta("citation_title", title)]
    tags += [_meta("citation_author", author) for author in c.book.authors]
    tags += [
        _meta("citation_publication_date", c.released.replace("-", "/")),
        _meta("citation_inbook_title", c.edition_title),
        _meta("citation_publisher", c.book.publisher),
        _meta("citation_public_url", url),
        _meta("description", c.abstract),
        _meta("og:title", title, "property"),
        _meta("og:type", "book", "property"),
        _meta("og:site_name", c.edition_title, "property"),
        _meta("og:description", c.abstract, "property"),
        _meta("og:url", url, "property"),
    ]
    context["metatags"] = context.get("metatags", "") + "".join(tags)


def _author_line(app: Sphinx, config: Config) -> None:
    """The edition's authors as ``CITATION.cff`` names them: Sphinx's ``author``, as text."""
    config.author = " and ".join(citation_of(app).authors)


def _footer_author(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The footer's "By …" line, escaped: the theme writes its ``author`` into the page as it is
    (Sphinx's templates do not escape), and an author's name is data, not markup."""
    context["author"] = escape(app.config.author)


def _cite_note(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    cite_page = app.config.lstm_viz_cite_page
    if docname == cite_page or app.builder.format != "html":
        return
    book = citation_of(app).book
    link = nodes.reference(
        "", "how to cite it", internal=True, refuri=app.builder.get_relative_uri(docname, cite_page)
    )
    words = f" This book rebuilds a chapter of {book.authors[0]}’s book ({book.year}): "
    note = nodes.paragraph(
        "", "", nodes.strong("", "Cite this chapter."), nodes.Text(words), link, nodes.Text(".")
    )
    doctree.append(nodes.container("", note, classes=["lstm-viz-cite-note"]))


def setup_citation(app: Sphinx) -> None:
    app.add_config_value("lstm_viz_citation_file", "CITATION.cff", "env", [str])
    # Every page carries citation metadata: any change to CITATION.cff re-reads them all.
    cff = Path(app.confdir) / "CITATION.cff"
    digest = hashlib.sha256(cff.read_bytes() if cff.exists() else b"").hexdigest()
    app.add_config_value("lstm_viz_citation_fingerprint", digest, "env", [str])
    app.add_config_value("lstm_viz_cite_page", "book/cite", "env", [str])
    app.add_directive("cite-this", CiteThis)
    app.connect("config-inited", _author_line)  # read and checked before any page
    app.connect("html-page-context", _page_meta)
    # After sphinx-book-theme's own handler (priority 500), which copies the config's author.
    app.connect("html-page-context", _footer_author, priority=900)
    app.connect("doctree-resolved", _cite_note)
