"""The API page reads on a phone and is the same wherever the book is checked out: autodoc prints a
module constant's value only when it is short, and never a path.

autodoc writes every documented constant as ``NAME = repr(value)``. For a small value (a tuple of
names, a range) that is the best documentation there is; for a large one (the chapter's whole
``CLAIMS`` mapping, every diagram's description) it is kilobytes of one unbreakable line that
pushes the page sideways on a narrow screen and says less than the docstring. So a value whose
``repr`` is longer than :data:`MAX_VALUE_CHARS` is left out, as ``:meta hide-value:`` would do;
the docstring says what the constant holds. Long signatures wrap, by the book's stylesheet
(``lstm-viz.css``).

A path's value is the absolute location of the checkout the book was built from
(``PosixPath('/home/…/lstm_viz/…')``), which no page may carry: it is left out too. (Function
defaults are shown as written in the source: ``autodoc_preserve_defaults`` in ``_config.yml``.)
"""

from __future__ import annotations

import os
from typing import Any

from sphinx.application import Sphinx
from sphinx.ext.autodoc import AttributeDocumenter, DataDocumenter
from sphinx.util.inspect import object_description

__all__ = ["MAX_VALUE_CHARS", "setup_apidoc", "value_is_short"]

#: The longest value the API page prints after a constant's name (about two lines on a phone).
MAX_VALUE_CHARS = 80


def value_is_short(value: Any) -> bool:
    """Whether autodoc's ``repr`` of ``value`` is at most :data:`MAX_VALUE_CHARS` characters, and
    ``value`` is not a path (whose ``repr`` names the checkout's location)."""
    if isinstance(value, os.PathLike):
        return False
    try:
        return len(object_description(value)) <= MAX_VALUE_CHARS
    except ValueError:  # no usable repr: autodoc prints nothing either
        return True


class ShortDataDocumenter(DataDocumenter):
    """A module constant, its value printed only when it is short."""

    def should_suppress_value_header(self) -> bool:
        return super().should_suppress_value_header() or not value_is_short(self.object)


class ShortAttributeDocumenter(AttributeDocumenter):
    """A class attribute, its value printed only when it is short."""

    def should_suppress_value_header(self) -> bool:
        return super().should_suppress_value_header() or not value_is_short(self.object)


def _nitpick_as_tuples(app: Sphinx, config: Any) -> None:
    # _config.yml can only give lists; Sphinx looks (type, target) tuples up in nitpick_ignore.
    config.nitpick_ignore = {tuple(entry) for entry in config.nitpick_ignore}


def setup_apidoc(app: Sphinx) -> None:
    """Replace autodoc's documenters of constants and attributes with the short-value ones."""
    app.connect("config-inited", _nitpick_as_tuples)
    app.setup_extension("sphinx.ext.autodoc")
    app.add_autodocumenter(ShortDataDocumenter, override=True)
    app.add_autodocumenter(ShortAttributeDocumenter, override=True)
