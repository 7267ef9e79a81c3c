"""No built page shows a traceback or an error output: the written HTML is read back and checked.

:mod:`lstm_viz.sphinx.execution` refuses what lets a cell raise unseen, but an error can reach a
page other ways — a notebook shipped with its outputs and not executed, a cell that writes to
stderr (a warning, a logged error), a traceback printed as text. So when the build has written the
site, every page is read as HTML and each such output is a warning naming the page (under ``-W``
the build fails, and the site is not published).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

__all__ = ["error_outputs", "setup_error_outputs"]

logger = logging.getLogger(__name__)

#: What myst-nb calls a cell's output that is an error (``traceback``) or went to stderr.
ERROR_CLASSES = {"traceback": "an error output (traceback)", "stderr": "output written to stderr"}
#: Words that begin every Python traceback, wherever it is printed.
TRACEBACK = "Traceback (most recent call last)"


class _Outputs(HTMLParser):
    """Collects the page's error outputs and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if "output" in classes:
            self.found += [what for name, what in ERROR_CLASSES.items() if name in classes]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def error_outputs(page: str) -> list[str]:
    """What in the HTML ``page`` is an error output or, outside one, a traceback, in words (none:
    ``[]``)."""
    parser = _Outputs()
    parser.feed(page)
    parser.close()
    found = parser.found
    if not found and TRACEBACK in " ".join("".join(parser.text).split()):
        found.append(f"a traceback ({TRACEBACK!r})")
    return found


def _check_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for docname in sorted(app.env.found_docs):
        path = Path(app.outdir) / app.builder.get_target_uri(docname)
        if not path.is_file():
            continue
        for what in error_outputs(path.read_text(encoding="utf-8")):
            logger.warning(
                "the built page shows %s: make the page's code run cleanly",
                what,
                location=docname,
                type="lstm_viz",
                subtype="error_output",
            )


def setup_error_outputs(app: Sphinx) -> None:
    app.connect("build-finished", _check_pages)
