"""What the build writes is the same bytes in any process: diagrams, figure HTML, the explorer's
page HTML and the notebooks offered for download.

Computing a thing twice in one process cannot catch what changes between processes (the order of a
set of strings, an ``id()``, the hash seed), so each is computed in two fresh interpreters with
different hash seeds and compared with this process's result.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]  # not from conftest: a fresh process imports this alone

pytestmark = pytest.mark.slow  # fresh interpreters: seconds of processor time


def outputs() -> dict[str, str]:
    """The sha256 of every output that must not depend on the process, by name."""
    from lstm_viz.presentation import explorer, figures
    from lstm_viz.presentation.diagrams import DIAGRAMS, diagram_svg
    from lstm_viz.presentation.embed import figure_html
    from lstm_viz.sphinx.notebooks import is_notebook, notebook_for

    texts = {f"diagram {name}": diagram_svg(name) for name in DIAGRAMS}
    texts["figure gate_curves"] = figure_html(figures.gate_curves(), "curves", alt="curves")
    texts["explorer page"] = explorer.explorer().html + explorer.sequence().html
    for source in sorted((ROOT / "book").glob("*.md")):
        if is_notebook(source):
            texts[f"notebook {source.stem}"] = notebook_for(source)
    return {name: hashlib.sha256(text.encode()).hexdigest() for name, text in texts.items()}


def in_fresh_interpreter(code: str, hash_seed: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def here() -> dict[str, str]:
    return outputs()


def test_every_output_is_the_same_in_a_fresh_process(here: dict[str, str]) -> None:
    assert {name.split()[0] for name in here} == {"diagram", "figure", "explorer", "notebook"}
    # This process's hash seed is random (or set): give the other process a different one.
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    code = "import json; from tests.test_same_bytes import outputs; print(json.dumps(outputs()))"
    there = json.loads(in_fresh_interpreter(code, seed))
    differ = sorted(name for name in here if there.get(name) != here[name])
    assert not differ, f"these differ from this process's: {differ}"


def test_hash_seeds_do_change_what_a_process_dependent_output_would_be() -> None:
    """The check above can fail: the order of a set of strings differs between hash seeds."""
    code = "print(list({'forget', 'input', 'candidate', 'output', 'kept', 'learned'}))"
    assert len({in_fresh_interpreter(code, seed) for seed in "1234"}) > 1
