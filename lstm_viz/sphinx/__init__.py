"""The book's one Sphinx extension: ``lstm_viz.sphinx`` in ``_config.yml``.

Each module adds one feature with its own ``setup_<feature>(app)``:

* :mod:`~lstm_viz.sphinx.vendor` — plotly.js served by the site, only the bundles pages use;
* :mod:`~lstm_viz.sphinx.page_scripts` — each page's own scripts, and no others;
* :mod:`~lstm_viz.sphinx.fingerprint` — every page read again when the package or a lock file
  changes;
* :mod:`~lstm_viz.sphinx.sitemap` — ``sitemap.xml`` under the one base URL;
* :mod:`~lstm_viz.sphinx.site_root` — the site's root ``index.html``, a valid page leading to the
  book;
* :mod:`~lstm_viz.sphinx.theme_fixes` — what the theme writes that a page must not ship;
* :mod:`~lstm_viz.sphinx.roles` — ``{val}``, ``{claim}`` and ``{explore}``, which tie prose to the
  model;
* :mod:`~lstm_viz.sphinx.notebooks` — every page that runs code, offered as a ``.ipynb``;
* :mod:`~lstm_viz.sphinx.citation` — citation metadata and the generated citing page;
* :mod:`~lstm_viz.sphinx.stills` — each figure's still, drawn at build time, shown before plotly.js;
* :mod:`~lstm_viz.sphinx.math` — the math typeset at build time, so no page runs MathJax;
* :mod:`~lstm_viz.sphinx.loading` — every script in a page's head deferred;
* :mod:`~lstm_viz.sphinx.execution` — a raising notebook cell reported by page, cell and exception,
  and whatever would let a cell raise unseen refused;
* :mod:`~lstm_viz.sphinx.error_outputs` — no built page shows a traceback or an error output;
* :mod:`~lstm_viz.sphinx.page_contents` — no built page lacks what ``_page_contents.yml`` says it
  contains;
* :mod:`~lstm_viz.sphinx.apidoc` — the API page without kilobyte-long constant values or the
  checkout's absolute paths.

:mod:`~lstm_viz.sphinx.build` runs the whole build (``make book``): strict, atomic, and never
trusting a build that failed.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from lstm_viz import __version__
from lstm_viz.sphinx.apidoc import setup_apidoc
from lstm_viz.sphinx.citation import setup_citation
from lstm_viz.sphinx.error_outputs import setup_error_outputs
from lstm_viz.sphinx.execution import setup_execution
from lstm_viz.sphinx.fingerprint import setup_fingerprint
from lstm_viz.sphinx.loading import setup_loading
from lstm_viz.sphinx.math import setup_math
from lstm_viz.sphinx.notebooks import setup_notebooks
from lstm_viz.sphinx.page_contents import setup_page_contents
from lstm_viz.sphinx.page_scripts import setup_page_scripts
from lstm_viz.sphinx.roles import setup_roles
from lstm_viz.sphinx.site_root import setup_site_root
from lstm_viz.sphinx.sitemap import setup_sitemap
from lstm_viz.sphinx.stills import setup_stills
from lstm_viz.sphinx.theme_fixes import setup_theme_fixes
from lstm_viz.sphinx.vendor import setup_vendor

__all__ = ["setup"]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register every feature of the book's extension."""
    setup_fingerprint(app)
    setup_vendor(app)
    setup_page_scripts(app)
    setup_theme_fixes(app)
    setup_sitemap(app)
    setup_site_root(app)
    setup_citation(app)
    setup_roles(app)
    setup_notebooks(app)
    setup_stills(app)
    setup_math(app)
    setup_loading(app)
    setup_execution(app)
    setup_error_outputs(app)
    setup_page_contents(app)
    setup_apidoc(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": __version__}
