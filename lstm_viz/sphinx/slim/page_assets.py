"""Each page links the extensions' stylesheets and scripts it uses, and no others.

Jupyter Book loads the files of its extensions on every page: the toggle button's, the copy
button's (and clipboard.js), sphinx-design's, myst-nb's, Pygments' colours. Each is of use only
where the page holds what it works on, which shows in the classes of the page's content; the
inline snippets that only set a dropped script's variables go with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from sphinx.application import Sphinx

__all__ = ["USES", "Use", "drop_unused_assets", "used"]

Classes = list[frozenset[str]]  # the class list of each element of a page's content
_CLASS = re.compile(r'\bclass="([^"]*)"')


def _any(*wanted: str) -> Callable[[Classes], bool]:
    """Some element has all the ``wanted`` classes of one of the groups (``"a b"``: both)."""
    groups = [frozenset(w.split()) for w in wanted]
    return lambda classes: any(group <= c for c in classes for group in groups)


@dataclass(frozen=True)
class Use:
    """Files of an extension (their names, or the prefix of a content-hashed name), the variables
    its inline snippets set, and whether a page's content needs them."""

    files: tuple[str, ...]
    needed: Callable[[Classes], bool]
    variables: tuple[str, ...] = ()


USES = (
    # sphinx-togglebutton works on `.toggle, .admonition.dropdown` (its togglebuttonSelector).
    Use(
        ("togglebutton.css", "togglebutton.js"),
        _any("toggle", "admonition dropdown"),
        ("toggleHintShow", "toggleHintHide", "toggleOpenOnPrint", "togglebuttonSelector"),
    ),
    # sphinx-copybutton puts its button on `div.highlight pre`.
    Use(("copybutton.css", "copybutton.js", "clipboard.min.js"), _any("highlight")),
    Use(("pygments.css",), _any("highlight")),
    Use(("design-tabs.js",), _any("sd-tab-label")),
    Use(
        ("sphinx-design.min.css",),
        lambda classes: any(name.startswith("sd-") for c in classes for name in c),
    ),
    Use(("mystnb.",), _any("cell", "cell_output", "output", "highlight")),
)


def _classes(body: str) -> Classes:
    return [frozenset(m[1].split()) for m in _CLASS.finditer(body)]


def _name(filename: object) -> str:
    return PurePosixPath(str(filename)).name


def _of(use: Use, filename: object) -> bool:
    name = _name(filename)
    return any(name == f or (f.endswith(".") and name.startswith(f)) for f in use.files)


def used(body: str) -> tuple[Use, ...]:
    """The extensions whose files a page with this content needs."""
    classes = _classes(body)
    return tuple(use for use in USES if use.needed(classes))


def _unneeded(asset: object, unused: list[Use]) -> bool:
    filename = getattr(asset, "filename", None)
    if filename:
        return any(_of(use, filename) for use in unused)
    body = getattr(asset, "attributes", {}).get("body", "")
    return any(re.search(rf"\b{name}\s*=", body) for use in unused for name in use.variables)


def drop_unused_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    if not app.config.lstm_viz_slim:
        return
    needed = used(context.get("body", ""))
    unused = [use for use in USES if use not in needed]
    for key in ("css_files", "script_files"):  # in place: the lists are the builder's
        assets = context.get(key, [])
        assets[:] = [a for a in assets if not _unneeded(a, unused)]
