"""Every module the code imports is declared in pyproject.toml, in the group that installs it:
nothing may work only because another package happened to pull it in.

* ``lstm_viz`` outside ``lstm_viz.sphinx``: the package's own dependencies (a reader's notebook
  runs with only ``lstm_viz`` installed);
* ``lstm_viz.sphinx`` and the code cells of the book's pages: those, or the ``book`` group;
* the tests and benchmarks: any group.
"""

from __future__ import annotations

import ast
import functools
import re
import sys
import tomllib
from importlib import metadata

import jupytext
import pytest

from tests.conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def _name(requirement: str) -> str:
    """The normalized distribution name of a requirement such as ``"PyYAML>=6,<7"``."""
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def declared(*groups: str) -> set[str]:
    names = {_name(r) for r in PROJECT["project"]["dependencies"]}
    for group in groups:
        names |= {_name(r) for r in PROJECT["dependency-groups"][group]}
    return names


def imported(source: str) -> set[str]:
    """The top-level modules ``source`` imports, other than the standard library's and ours."""
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    tops = {m.split(".")[0] for m in modules}
    return {
        m
        for m in tops
        if m not in sys.stdlib_module_names and m not in ("lstm_viz", "tests", "benchmarks")
    }


@functools.cache
def packages_distributions() -> dict[str, list[str]]:
    """Which installed distributions provide each top-level module (slow: read once)."""
    return dict(metadata.packages_distributions())


def undeclared(sources: dict[str, str], allowed: set[str]) -> list[str]:
    """``file: module (distribution)`` for each import whose distribution is not ``allowed``."""
    distributions = packages_distributions()
    missing = []
    for name, source in sources.items():
        for module in sorted(imported(source)):
            found = {_name(d) for d in distributions.get(module, [module])}
            if not found & allowed:
                missing.append(f"{name}: {module} ({', '.join(sorted(found))})")
    return missing


def _python(folder: str, exclude: str | None = None) -> dict[str, str]:
    files = sorted((ROOT / folder).rglob("*.py"))
    return {
        str(p.relative_to(ROOT)): p.read_text()
        for p in files
        if exclude is None or exclude not in p.relative_to(ROOT).parts
    }


def _page_code() -> dict[str, str]:
    code = {}
    for page in sorted((ROOT / "book").glob("*.md")):
        text = page.read_text()
        if text.startswith("---\n") and "kernelspec:" in text[:2000]:
            cells = jupytext.reads(text, fmt="md:myst").cells
            sources = [c.source for c in cells if c.cell_type == "code"]
            code[str(page.relative_to(ROOT))] = "\n".join(
                "\n".join(line for line in s.splitlines() if not line.startswith(("%", "!")))
                for s in sources
            )
    return code


@pytest.mark.parametrize(
    ("sources", "groups"),
    [
        pytest.param(lambda: _python("lstm_viz", exclude="sphinx"), (), id="lstm_viz"),
        pytest.param(lambda: _python("lstm_viz/sphinx"), ("book",), id="lstm_viz.sphinx"),
        pytest.param(_page_code, ("book",), id="book pages"),
        pytest.param(
            lambda: {**_python("tests"), **_python("benchmarks")}, ("book", "test"), id="tests"
        ),
    ],
)
def test_every_import_is_declared(sources, groups: tuple[str, ...]) -> None:
    found = sources()
    assert found
    missing = undeclared(found, declared(*groups))
    assert not missing, "imported but not declared in pyproject.toml:\n" + "\n".join(missing)


def test_an_undeclared_import_is_found() -> None:
    source = "import yaml\nimport numpy as np\nfrom lstm_viz import step\nimport json\n"
    assert undeclared({"x.py": source}, {"numpy"}) == ["x.py: yaml (pyyaml)"]
    assert undeclared({"x.py": source}, {"numpy", "pyyaml"}) == []
