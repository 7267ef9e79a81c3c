"""A notebook cell that raises is reported where it is, and nothing may let it raise unseen.

myst-nb reports a failed execution only as ``Executing notebook failed: CellExecutionError`` (and
the page's glued values then go missing, one warning each); the exception's type and message are
nowhere in the log. After each page is read, this looks at the notebook myst-nb executed and, if a
cell raised, warns with the page and line of that cell, its number, and the exception's type and
message — under ``-W`` the build fails on it with the cause in one line.

A cell may only raise by failing the build: what would let it raise and still publish its
traceback — ``allow_errors`` set anywhere (``execute.allow_errors`` in ``_config.yml``, a page's
``mystnb: {execution_allow_errors: true}`` or ``execution: {allow_errors: true}``), or a cell's
``raises-exception`` tag — is refused by name. (:mod:`lstm_viz.sphinx.error_outputs` then checks
the built pages themselves for any traceback or error output that got through another way.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util import logging

__all__ = ["HiddenErrorsConfig", "error_hiders", "failed_cell", "setup_execution"]

logger = logging.getLogger(__name__)

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
#: The cell tag with which nbclient lets a cell raise and runs on.
RAISES = "raises-exception"


class HiddenErrorsConfig(SphinxError):
    """The configuration lets notebook cells raise without failing the build."""

    category = "A raising cell would not fail the build"


def _allows_errors(metadata: Any, where: str) -> list[str]:
    """Where in ``metadata`` (notebook or cell metadata, at any depth) errors are allowed."""
    if not isinstance(metadata, dict):
        return []
    found = []
    for key, value in metadata.items():
        path = f"{where}{key}"
        if str(key).endswith("allow_errors") and value not in (False, None, "false", "False"):
            found.append(f"{path}: {value!r}")
        found += _allows_errors(value, f"{path}.")
    return found


def _code_cells(notebook: Any) -> Iterator[tuple[int, int | None, Any]]:
    """Each code cell of ``notebook``: its number among the code cells (from 1), its line in the
    page's source (if known), and the cell."""
    source_map = notebook.metadata.get("source_map") or []
    code = ((index, cell) for index, cell in enumerate(notebook.cells) if cell.cell_type == "code")
    for number, (index, cell) in enumerate(code, start=1):
        yield number, (source_map[index] if index < len(source_map) else None), cell


def error_hiders(notebook: Any) -> list[tuple[int | None, str]]:
    """What in an executed ``notebook`` lets a cell raise without failing: (line, what) pairs,
    the line in the page's source where it is known."""
    found: list[tuple[int | None, str]] = [
        (None, f"its metadata sets {setting}")
        for setting in _allows_errors(dict(notebook.metadata), "")
    ]
    for number, line, cell in _code_cells(notebook):
        if RAISES in (cell.metadata.get("tags") or []):
            found.append((line, f"code cell {number} is tagged {RAISES}"))
        found += [
            (line, f"code cell {number} sets {setting}")
            for setting in _allows_errors(dict(cell.metadata), "")
        ]
    return found


def failed_cell(notebook: Any) -> tuple[int, int | None, str] | None:
    """The first cell of an executed ``notebook`` that raised: its number among the code cells
    (from 1), its line in the page's source (if known) and ``"Type: message"``."""
    for number, line, cell in _code_cells(notebook):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                message = _ANSI.sub("", str(output.get("evalue", ""))).strip()
                return number, line, f"{output.get('ename', 'Error')}: {message}".rstrip(": ")
    return None


def _executed_notebook(env: BuildEnvironment, docname: str) -> Any:
    """The notebook myst-nb executed for ``docname`` (and wrote to its output folder), if any."""
    output = Path(env.mystnb_config.output_folder)  # type: ignore[attr-defined]
    path = output.joinpath(*f"{docname}.ipynb".split("/"))
    return nbformat.read(path, as_version=4) if path.is_file() else None


def _refuse_allowed_errors(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Stop before any page is read when the configuration lets every cell raise unseen."""
    config = getattr(env, "mystnb_config", None)
    if config is not None and config.execution_allow_errors:
        raise HiddenErrorsConfig(
            "execute.allow_errors (nb_execution_allow_errors) is true: a cell that raises would "
            "publish its traceback instead of failing the build; set it to false in _config.yml"
        )


def _refuse_error_hiders(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    metadata: Any = getattr(app.env, "nb_metadata", {})
    if docname not in metadata:  # not a notebook page
        return
    notebook = _executed_notebook(app.env, docname)
    for line, what in error_hiders(notebook) if notebook is not None else []:
        logger.warning(
            "%s, which lets it raise without failing the build: remove it",
            what,
            location=(docname, line) if line else docname,
            type="lstm_viz",
            subtype="exec",
        )


def _report(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    metadata: Any = getattr(env, "nb_metadata", {})
    executed = metadata.get(docname, {}).get("exec_data") if hasattr(metadata, "get") else None
    if not executed or executed.get("succeeded", True):
        return
    notebook = _executed_notebook(env, docname)
    found = failed_cell(notebook) if notebook is not None else None
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
    app.connect("env-before-read-docs", _refuse_allowed_errors)
    app.connect("doctree-read", _refuse_error_hiders)
    app.connect("doctree-read", _report)
