"""Nothing lets a notebook cell raise unseen: a ``raises-exception`` tag and ``allow_errors`` in any
form are refused by name, and a strict build fails on them."""

from __future__ import annotations

from collections.abc import Callable

import nbformat
import pytest
from sphinx.errors import SphinxError

from lstm_viz.sphinx.execution import error_hiders
from tests.conftest import SphinxRun
from tests.sphinx.test_execution import CONF, HEADER

RAISING = "```{code-cell} python\n:tags: [raises-exception]\n\n1 / 0\n```\n"


def page(front: str = "", cell: str = RAISING) -> str:
    header = HEADER.replace("---\njupytext", f"---\n{front}jupytext") if front else HEADER
    return f"{header}# A page\n\nWords.\n\n{cell}\nMore words.\n"


@pytest.mark.build  # it runs a notebook in a kernel, as the book's build does
def test_a_cell_tagged_raises_exception_fails_the_strict_build_by_name(
    sphinx_project: Callable[..., SphinxRun],
) -> None:
    text = page()
    run = sphinx_project(CONF, {"index.md": text}, strict=True)
    assert run.app.statuscode == 1, run.warnings
    line = text.splitlines().index("```{code-cell} python") + 1
    assert (
        f"index.md:{line}: WARNING: code cell 1 is tagged raises-exception, which lets it raise "
        "without failing the build: remove it"
    ) in run.warnings, run.warnings


@pytest.mark.build
@pytest.mark.parametrize(
    ("front", "setting"),
    [
        ("mystnb:\n  execution_allow_errors: true\n", "mystnb.execution_allow_errors: True"),
        ("execution:\n  allow_errors: true\n", "execution.allow_errors: True"),
    ],
    ids=["mystnb", "execution"],
)
def test_a_page_that_allows_errors_fails_the_strict_build_by_name(
    sphinx_project: Callable[..., SphinxRun], front: str, setting: str
) -> None:
    run = sphinx_project(
        CONF, {"index.md": page(front, "```{code-cell} python\n1 / 0\n```\n")}, strict=True
    )
    assert run.app.statuscode == 1, run.warnings
    assert (
        f"index.md: WARNING: its metadata sets {setting}, which lets it raise without failing "
        "the build: remove it"
    ) in run.warnings, run.warnings


def test_a_configuration_that_allows_errors_stops_the_build_before_any_page(
    sphinx_project: Callable[..., SphinxRun],
) -> None:
    with pytest.raises(SphinxError, match=r"execute\.allow_errors .* set it to false"):
        sphinx_project(CONF + "nb_execution_allow_errors = True\n", {"index.md": page()})


def test_every_form_of_allowing_errors_is_found_in_a_notebook() -> None:
    cell = nbformat.v4.new_code_cell("x", metadata={"tags": ["remove-input", "raises-exception"]})
    other = nbformat.v4.new_code_cell("y", metadata={"mystnb": {"execution_allow_errors": True}})
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# T"), cell, other],
        metadata={"execution": {"allow_errors": True}, "source_map": [0, 4, 9]},
    )
    assert error_hiders(notebook) == [
        (None, "its metadata sets execution.allow_errors: True"),
        (4, "code cell 1 is tagged raises-exception"),
        (9, "code cell 2 sets mystnb.execution_allow_errors: True"),
    ]
    notebook.metadata["execution"]["allow_errors"] = False
    cell.metadata["tags"] = ["remove-input"]
    other.metadata = {}
    assert error_hiders(notebook) == []
