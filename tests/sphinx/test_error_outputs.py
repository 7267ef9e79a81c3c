"""No built page shows a traceback or an error output, however it got there: the strict build reads
its pages back and fails, naming the page."""

from __future__ import annotations

from collections.abc import Callable

import nbformat
import pytest

from lstm_viz.sphinx.error_outputs import error_outputs
from tests.conftest import SphinxRun
from tests.sphinx.test_execution import HEADER

CONF = (
    'extensions = ["myst_nb"]\nroot_doc = "index"\nnb_execution_mode = "{mode}"\n'
    "def setup(app):\n"
    "    from lstm_viz.sphinx.error_outputs import setup_error_outputs\n"
    "    setup_error_outputs(app)\n"
)


@pytest.mark.build  # it runs a notebook in a kernel, as the book's build does
def test_a_page_that_writes_to_stderr_fails_the_strict_build(
    sphinx_project: Callable[..., SphinxRun],
) -> None:
    page = (
        HEADER + "# A page\n\n```{code-cell} python\nimport warnings\n"
        'warnings.warn("the weights file is old")\n```\n'
    )
    run = sphinx_project(CONF.format(mode="force"), {"index.md": page}, strict=True)
    assert run.app.statuscode == 1, run.warnings
    assert (
        "index.md: WARNING: the built page shows output written to stderr: make the page's code "
        "run cleanly"
    ) in run.warnings, run.warnings


def test_a_notebook_shipped_with_a_traceback_fails_the_strict_build(
    sphinx_project: Callable[..., SphinxRun],
) -> None:
    """Not executed (its outputs published as they were saved), yet its traceback is caught."""
    error = nbformat.v4.new_output(
        "error", ename="KeyError", evalue="'forget'", traceback=["KeyError: 'forget'"]
    )
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# A page"),
            nbformat.v4.new_code_cell("gates['forget']", outputs=[error]),
        ],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3"},
            "language_info": {"name": "python"},
        },
    )
    run = sphinx_project(
        CONF.format(mode="off"), {"index.ipynb": nbformat.writes(notebook)}, strict=True
    )
    assert run.app.statuscode == 1, run.warnings
    assert "index.ipynb: WARNING: the built page shows an error output (traceback)" in run.warnings


def test_a_clean_page_passes(sphinx_project: Callable[..., SphinxRun]) -> None:
    page = "# A page\n\nA traceback is what Python prints when code fails.\n"
    run = sphinx_project(CONF.format(mode="off"), {"index.md": page}, strict=True)
    assert run.app.statuscode == 0, run.warnings


@pytest.mark.parametrize(
    ("page", "found"),
    [
        ('<div class="cell_output"><div class="output stream">h = 0.45</div></div>', []),
        ('<div class="output stderr highlight-myst-ansi">x</div>', ["output written to stderr"]),
        ('<div class="output traceback">x</div>', ["an error output (traceback)"]),
        (
            "<pre>Traceback (most\n   recent call last):\n  File …</pre>",
            ["a traceback ('Traceback (most recent call last)')"],
        ),
        ("<p>The traceback is gone.</p>", []),
    ],
)
def test_error_outputs_are_found_in_a_page(page: str, found: list[str]) -> None:
    assert error_outputs(page) == found
