"""What the theme and docutils write that a page must not ship.

* docutils marks bibliography entries with the deprecated role ``doc-biblioentry`` inside a
  ``role="list"``: as list items they are valid ARIA (axe-core's WCAG checks ask for it);
* Jupyter Book always loads sphinx-thebe, which, with Thebe off, still gives every page its
  settings twice (a console error), its stylesheet, and at the end of the content a Thebe
  configuration naming someone else's Binder repository, and a kernel name. The book runs no code
  in the reader's browser: none of it is written;
* pydata-sphinx-theme sets the page's name and search-as-you-type (off) on ``DOCUMENTATION_OPTIONS``
  in inline scripts, which run before the deferred ``documentation_options.js`` has declared it (a
  ``ReferenceError`` on every page): they go, as the options they set are those of features the
  book leaves off (the version switcher, search as you type), which read them as off when unset.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

__all__ = ["setup_theme_fixes"]

#: How what sphinx-thebe appends to every page's content begins (``update_thebe_context``).
_THEBE_NODES = ('<script type="text/x-thebe-config">', "<script>kernelName = ")


def _drop_thebe_configuration(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(nodes.raw)):
        if node.get("format") == "html" and node.astext().strip().startswith(_THEBE_NODES):
            node.parent.remove(node)


def _sets_options(asset: object) -> bool:
    body = getattr(asset, "attributes", {}).get("body", "")
    return body.strip().startswith("DOCUMENTATION_OPTIONS.")


def _fix_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')
    # In place: the list is the builder's, which later handlers add to.
    for key in ("script_files", "css_files"):
        assets = context.get(key, [])
        assets[:] = [a for a in assets if "thebe" not in str(a).lower() and not _sets_options(a)]


def setup_theme_fixes(app: Sphinx) -> None:
    # Once the theme and the extensions have added their files to the page.
    app.connect("html-page-context", _fix_page, priority=900)
    # After sphinx-thebe's own handler has appended its nodes.
    app.connect("doctree-resolved", _drop_thebe_configuration, priority=900)
