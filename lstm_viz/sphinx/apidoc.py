"""The API page, the same wherever the book is checked out.

autodoc prints the value of a documented module constant; for a path, that is the absolute location
of the checkout it was built from (``PosixPath('/home/…/lstm_viz/…')``), which no page may carry.
Such constants are shown by name only, as ``:meta hide-value:`` would. (Function defaults are shown
as written in the source: ``autodoc_preserve_defaults`` in ``_config.yml``.)
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx
from sphinx.ext.autodoc import DataDocumenter

__all__ = ["setup_apidoc"]


class _PathlessDataDocumenter(DataDocumenter):
    """Module data as autodoc documents it, without the value of a path."""

    def should_suppress_value_header(self) -> bool:
        return isinstance(self.object, os.PathLike) or super().should_suppress_value_header()


def setup_apidoc(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.autodoc")
    app.add_autodocumenter(_PathlessDataDocumenter, override=True)
