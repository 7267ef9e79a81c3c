"""The one way text meets HTML: :func:`escape`.

Every value the book writes into markup — a name from ``CITATION.cff``, a table's words, an
explorer's label — goes through :func:`escape`, whether it lands between tags or inside a quoted
attribute: ``&``, ``<``, ``>``, ``"`` and ``'`` become character references, so no value can open a
tag, close an attribute or start a script, and a validator reads what a browser shows.
"""

from __future__ import annotations

import html

__all__ = ["escape"]


def escape(text: object) -> str:
    """``text`` (any value, as ``str()`` writes it) safe as HTML text and as a quoted attribute."""
    return html.escape(str(text), quote=True)
