"""A notebook cell that raises is reported where it is: the page, the cell, the exception.

myst-nb reports a failed execution only as ``Executing notebook failed: CellExecutionError`` (and
the page's glued values then go missing, one warning each); the exception's type and message are
nowhere in the log. After each page is read, this looks at the notebook myst-nb executed and, if a
cell raised, warns with the page and line of that cell, its number, and the exception's type and
message — under ``-W`` the build fails on it with the cause in one line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

__all__ = ["failed_cell", "setup_execution"]

logger = logging.getLogger(__name__)

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def failed_cell(notebook: Any) -> tuple[int, int | None, str] | None:
    """The first cell of an executed ``notebook`` that raised: its number among the code cells
    (from 1), its line in the page's source (if known) and ``"Type: message"``."""
    source_map = notebook.metadata.get("source_map") or []
    number = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        number += 1
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                line = source_map[index] if index < len(source_map) else None
                message = _ANSI.sub("", str(output.get("evalue", ""))).strip()
                return number, line, f"{output.get('ename', 'Error')}: {message}".rstrip(": ")
    return None


def _report(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    metadata: Any = getattr(env, "nb_metadata", {})
    executed = metadata.get(docname, {}).get("exec_data") if hasattr(metadata, "get") else None
    if not executed or executed.get("succeeded", True):
        return
    output = Path(env.mystnb_config.output_folder)  # type: ignore[attr-defined]
    path = output.joinpath(*f"{docname}.ipynb".split("/"))
    found = failed_cell(nbformat.read(path, as_version=4)) if path.is_file() else None
    if found is None:  # no cell holds an error: a time-out or a dead kernel
        last = _ANSI.sub("", executed.get("traceback") or "").strip().splitlines()
        cause = last[-1] if last else executed.get("error") or "unknown error"
        logger.warning(
            "the page's code did not run to the end: %s",
            cause,
            location=docname,
            type="lstm_viz",
            subtype="exec",
        )
        return
    number, line, cause = found
    logger.warning(
        "code cell %d raised %s",
        number,
        cause,
        location=(docname, line) if line else docname,
        type="lstm_viz",
        subtype="exec",
    )


def setup_execution(app: Sphinx) -> None:
    app.connect("doctree-read", _report)
