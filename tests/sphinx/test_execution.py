"""A notebook cell that raises: the log names the page, the line and number of the cell, and the
exception's type and message, and a strict build fails on it."""

from __future__ import annotations

from collections.abc import Callable

import nbformat
import pytest

from lstm_viz.sphinx.execution import failed_cell
from tests.conftest import SphinxRun

CONF = (
    'extensions = ["myst_nb"]\nroot_doc = "index"\nnb_execution_mode = "force"\n'
    "def setup(app):\n"
    "    from lstm_viz.sphinx.execution import setup_execution\n"
    "    setup_execution(app)\n"
)
HEADER = (
    "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
    "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n"
)
PAGE = (
    HEADER + "# A page\n\n```{code-cell} python\nx = 1\n```\n\nSome words.\n\n"
    "```{code-cell} python\ndef load():\n"
    '    raise FileNotFoundError("rnn-vs-lstm.json is not there")\n\nload()\n```\n'
)


@pytest.mark.build  # it runs a notebook in a kernel, as the book's build does
def test_a_raising_cell_is_named_with_its_exception(
    sphinx_project: Callable[..., SphinxRun],
) -> None:
    run = sphinx_project(CONF, {"index.md": PAGE}, strict=True)
    assert run.app.statuscode == 1
    line = PAGE.splitlines().index("```{code-cell} python", 14) + 1
    expected = (
        f"index.md:{line}: WARNING: code cell 2 raised FileNotFoundError: "
        "rnn-vs-lstm.json is not there"
    )
    assert expected in run.warnings, run.warnings


def test_the_failed_cell_is_found_in_the_executed_notebook() -> None:
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Title"),
            nbformat.v4.new_code_cell("x = 1"),
            nbformat.v4.new_code_cell(
                "f()",
                outputs=[
                    nbformat.v4.new_output(
                        "error", ename="KeyError", evalue="\x1b[31m'forget'\x1b[39m", traceback=[]
                    )
                ],
            ),
        ],
        metadata={"source_map": [0, 3, 9]},
    )
    assert failed_cell(notebook) == (2, 9, "KeyError: 'forget'")
    notebook.cells[2].outputs = []
    assert failed_cell(notebook) is None
