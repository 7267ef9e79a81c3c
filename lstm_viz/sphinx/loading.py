"""No script blocks a page's first paint: every script file in ``<head>`` loads ``defer``.

Sphinx, the theme and its extensions (doctools, copy buttons, toggles, tabs) add their scripts as
plain ``<script src>`` in ``<head>``: the browser stops drawing until each has arrived and run, a
round trip apiece on a phone's network. Deferred, they still run in the same order, before
``DOMContentLoaded``, which is all they wait for. The inline snippets between them only set
variables that the files read later, so they may stay where they are. (The theme's search scripts
are dropped from every page but the search page by ``book/_templates/layout.html``.)
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript

__all__ = ["deferred", "setup_loading"]


def deferred(script: _JavaScript) -> _JavaScript:
    """``script`` loading ``defer``, unless it is inline, already ``async``/``defer``, or an ES
    module (deferred by nature)."""
    attributes = script.attributes
    if not script.filename or attributes.get("type") == "module":
        return script
    if "async" in attributes or "defer" in attributes:
        return script
    return _JavaScript(script.filename, priority=script.priority, **attributes, defer="defer")


def _defer_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["script_files"] = [deferred(js) for js in context.get("script_files", [])]


def setup_loading(app: Sphinx) -> None:
    # Last of the page-context handlers, once every extension has added its scripts.
    app.connect("html-page-context", _defer_scripts, priority=950)
