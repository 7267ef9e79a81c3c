"""Every page that runs code is offered as a notebook that runs top to bottom in a fresh kernel."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from lstm_viz.sphinx.notebooks import is_notebook, notebook_for, plain_markdown
from tests.conftest import ROOT

# What a reader needs: lstm_viz and what it depends on (pyproject.toml), the standard library, and
# IPython, which every Jupyter kernel runs on. Imports guarded by `except ImportError` are optional.
ALLOWED = {"lstm_viz", "numpy", "plotly", "IPython"} | set(sys.stdlib_module_names)


def _optional_imports(tree: ast.AST) -> set[ast.AST]:
    """Import statements inside a ``try`` that handles ImportError: the code runs without them."""
    optional = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(
            isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
            for h in node.handlers
        ):
            optional |= {n for stmt in node.body for n in ast.walk(stmt)}
    return optional


def _sources() -> list[Path]:
    return sorted(p for p in (ROOT / "book").glob("*.md") if is_notebook(p))


def _downloads(site: Path) -> list[Path]:
    return sorted((site / "_notebooks").rglob("*.ipynb"))


def test_every_notebook_page_has_its_download(built_site: Path) -> None:
    sources = _sources()
    assert sources, "the book has pages that run code"
    names = [p.relative_to(built_site / "_notebooks" / "book").stem for p in _downloads(built_site)]
    assert names == [p.stem for p in sources]
    for source in sources:
        page = (built_site / "book" / f"{source.stem}.html").read_text()
        assert f'href="../_notebooks/book/{source.stem}.ipynb"' in page


def _notebooks() -> list[tuple[str, nbformat.NotebookNode]]:
    """Each notebook page as the build writes it for download (``notebook_for``), by name."""
    return [(p.name, nbformat.reads(notebook_for(p), as_version=4)) for p in _sources()]


def test_notebooks_import_only_the_package_and_what_it_needs() -> None:
    for name, notebook in _notebooks():
        nbformat.validate(notebook)
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            tree = ast.parse(cell.source)
            optional = _optional_imports(tree)
            for node in ast.walk(tree):
                if node in optional:
                    continue
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    modules = [node.module or ""]
                else:
                    continue
                assert {m.split(".")[0] for m in modules} <= ALLOWED, (name, modules)


def test_notebooks_read_as_plain_markdown() -> None:
    for name, notebook in _notebooks():
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                for role in ("{val}", "{claim}", "{explore}", "{cite", "{doc}", "{admonition}"):
                    assert role not in cell.source, (name, role)
        assert "jupytext" not in notebook.metadata


def test_plain_markdown_writes_out_the_books_roles() -> None:
    text = (
        "f is {val}`forget@very-positive`; {claim}`it wipes <very-negative-wipes>`; "
        "{explore}`try <s=0.5&c=1&f=0>`; {explore}`look <>`; {cite:p}`a2000,b1999`; "
        "{doc}`back <types-of-networks>`."
    )
    assert plain_markdown(text, {"a2000": "A, 2000"}) == (
        "f is 0.98; it wipes; try (in the explorer: s = 0.5, c = 1, f = 0); "
        "look (in the explorer); (A, 2000; b1999); back."
    )
    admonition = (
        "Before.\n\n```{admonition} Answers\n:class: dropdown\n1. Nothing.\n2. Half.\n```\n"
    )
    assert plain_markdown(admonition) == "Before.\n\n> **Answers**\n>\n> 1. Nothing.\n> 2. Half.\n"


def test_every_notebook_runs_top_to_bottom_in_a_fresh_kernel(built_site: Path, tmp_path) -> None:
    for path in _downloads(built_site):
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(
            notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
        ).execute()
        outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error"]
        html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
        if path.stem == "lstm":
            assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 5  # the diagrams
            assert "lstm-viz-behaviour" in html and 'class="lstm-viz-figure"' in html
