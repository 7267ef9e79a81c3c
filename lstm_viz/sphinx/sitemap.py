"""``sitemap.xml``: every page under ``html_baseurl``, the one base URL set in ``_config.yml``."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from lstm_viz.presentation.escaping import escape

__all__ = ["setup_sitemap"]


def _write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    base = app.config.html_baseurl
    if not base:
        raise ExtensionError(
            "set html.baseurl in _config.yml: the sitemap and page metadata need it"
        )
    locations = sorted(base + app.builder.get_target_uri(doc) for doc in app.env.found_docs)
    urls = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in locations)
    (Path(app.outdir) / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n",
        encoding="utf-8",
    )


def setup_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", _write_sitemap)
