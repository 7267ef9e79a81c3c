"""What the theme and docutils write that a page must not ship.

* docutils marks bibliography entries with the deprecated role ``doc-biblioentry`` inside a
  ``role="list"``: as list items they are valid ARIA (axe-core's WCAG checks ask for it);
* sphinx-book-theme declares Thebe's settings twice even with Thebe off: a console error.
"""

from __future__ import annotations

from sphinx.application import Sphinx

__all__ = ["setup_theme_fixes"]


def _fix_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')
    context["script_files"] = [
        js for js in context.get("script_files", []) if "thebe" not in str(js).lower()
    ]


def setup_theme_fixes(app: Sphinx) -> None:
    app.connect("html-page-context", _fix_page)
