"""The site's root ``index.html``: a small valid page that leads to the book's first page.

The book's first page is ``book/index.html``, so the site's root needs a page of its own for
whoever opens the bare address. sphinx-external-toc writes one that is a lone ``<meta>`` tag (no
doctype, no title: invalid HTML, and blank without the refresh); this one is written first, and
that one is then not written. It has a doctype, a language and a title, moves on at once with
``<meta http-equiv="refresh">``, names the page it leads to as canonical (a relative address: the
site names no host), and shows a link to it for whoever does not follow the refresh.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from lstm_viz.presentation.escaping import escape

__all__ = ["root_page", "setup_site_root"]


def root_page(title: str, target: str, language: str = "en") -> str:
    """The HTML of a page titled ``title`` that leads to ``target`` (a relative URL)."""
    title, target = escape(title), escape(target)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n</head>\n'
        f'<body>\n<p><a href="{target}">{title}</a></p>\n</body>\n</html>\n'
    )


def _write_root_page(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    target = app.builder.get_target_uri(app.config.root_doc)
    title = app.config.html_title or app.config.project
    page = root_page(title, target, app.config.language or "en")
    (Path(app.outdir) / "index.html").write_text(page, encoding="utf-8")


def setup_site_root(app: Sphinx) -> None:
    # Before sphinx-external-toc's own (priority 500), which then finds the page there.
    app.connect("build-finished", _write_root_page, priority=400)
