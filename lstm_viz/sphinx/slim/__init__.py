"""The site as it is published: each page paints from its own HTML and ships only what it uses.

A page of the theme waits, before it paints anything, for ten stylesheets (the theme's own is
400 kB, most of it for components the book never shows) and then fetches a 156 kB icon font for a
dozen toolbar icons. After Sphinx has written the site — into the staging folder, before it is
published (:mod:`lstm_viz.sphinx.build`) — these steps slim it:

1. :mod:`~lstm_viz.sphinx.slim.page_assets` — each page links only the extensions' files it uses
   (while the page is written);
2. :mod:`~lstm_viz.sphinx.slim.stylesheets` — rules no page or script uses are dropped (purgecss);
3. :mod:`~lstm_viz.sphinx.slim.icon_font` — the icon font cut to the icons shown, each icon
   holding its width while the font loads;
4. :mod:`~lstm_viz.sphinx.slim.stylesheets` again — each page's stylesheets made one file, the
   rules of it that the page's elements match inlined, and the file loaded without blocking the
   first paint (beasties);
5. :mod:`~lstm_viz.sphinx.slim.unused_files` — files under ``_static`` that no page reaches are
   removed.

The setting ``lstm_viz_slim`` (``python -m lstm_viz.sphinx.build --no-slim``) turns all of it off:
the site as the theme writes it, which the tests compare with the slim one, screenshot by
screenshot (tests/site/test_slim_browser.py). It does not touch what Sphinx keeps between builds,
so such a build reuses the state of the last one and reads no page again.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from lstm_viz.sphinx.slim.icon_font import slim_icon_fonts
from lstm_viz.sphinx.slim.page_assets import drop_unused_assets
from lstm_viz.sphinx.slim.stylesheets import bundle, flatten_imports, inline_critical, purge
from lstm_viz.sphinx.slim.unused_files import remove_unused
from lstm_viz.sphinx.vendor import node_modules

__all__ = ["setup_slim", "slim_site"]

logger = logging.getLogger(__name__)


def slim_site(site: Path, modules: Path) -> str:
    """Slim the written ``site`` in place (steps 2–5); a one-line summary of what it did."""
    flatten_imports(site)
    sizes = purge(site, modules)
    fonts = slim_icon_fonts(site)
    bundles = bundle(site)
    critical = inline_critical(site, modules)
    removed = remove_unused(site)
    before, after = (sum(s[i] for s in sizes.values()) for i in (0, 1))
    return (
        f"stylesheets {before:,} → {after:,} B, as {len(bundles)} files; icon fonts "
        f"{sum(fonts.values()):,} B; critical CSS per page "
        f"{min(critical.values()):,}–{max(critical.values()):,} B; "
        f"{len(removed)} unused files removed"
    )


def _slim(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.lstm_viz_slim:
        return
    logger.info("slimming the site... " + slim_site(Path(app.outdir), node_modules(app)))


def setup_slim(app: Sphinx) -> None:
    # Read only once the pages are written: changing it re-reads no page.
    app.add_config_value("lstm_viz_slim", True, "", bool)
    # Once the theme and the extensions have added their files to the page.
    app.connect("html-page-context", drop_unused_assets, priority=900)
    # After every other step that writes into the site (plotly.js, the sitemap, the root page).
    app.connect("build-finished", _slim, priority=900)
