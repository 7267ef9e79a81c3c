"""The package's layers: each subpackage imports only from the ones below it, and the model loads
no plotly, HTML or Sphinx code."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "lstm_viz"
#: Each layer and the layers it may import from (besides itself and the package's top level).
LAYERS: dict[str, set[str]] = {
    "model": set(),
    "presentation": {"model"},
    "experiment": {"model", "presentation"},
    "sphinx": {"model", "presentation", "experiment"},
}
#: What the model must never load: plotting, HTML rendering, the documentation build.
NOT_IN_MODEL = ("plotly", "sphinx", "docutils", "IPython", "jupytext", "nbformat", "myst_nb")


def _imports(path: Path) -> set[str]:
    """The lstm_viz modules that ``path`` imports, as dotted names."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name.split(".")[0] == "lstm_viz"}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


@pytest.mark.parametrize("layer", list(LAYERS))
def test_a_layer_imports_only_from_the_layers_below_it(layer: str) -> None:
    allowed = LAYERS[layer] | {layer}
    wrong = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for module in _imports(path)
        if _layer(module) is not None and _layer(module) not in allowed
    ]
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_an_import_that_goes_up(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("from lstm_viz.presentation.embed import show\nimport numpy\n")
    assert _imports(module) == {"lstm_viz.presentation.embed"}
    assert _layer("lstm_viz.presentation.embed") not in LAYERS["model"] | {"model"}


def test_the_model_loads_no_plotly_html_or_sphinx() -> None:
    modules = sorted(
        "lstm_viz.model." + path.stem
        for path in (PACKAGE / "model").glob("*.py")
        if path.stem != "__init__"
    )
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    loaded = json.loads(result.stdout)
    assert "lstm_viz.model.gates" in loaded and len(modules) >= 8
    bad = [m for m in loaded if m.split(".")[0] in NOT_IN_MODEL]
    assert not bad, f"importing the model loaded {bad[:10]}"
    assert not [m for m in loaded if _layer(m) not in (None, "model")]
