"""The rules of ``make book`` (``lstm_viz.sphinx.build``), with Sphinx stubbed out: a build is
atomic, and a failed one is not remembered.

The stub stands in for Jupyter Book's Sphinx run: it writes a site into the staging folder it is
given and returns what the test says, recording whether it was asked for a fresh environment. What
Sphinx itself does (which pages it reads again) is checked end to end in tests/site/test_rebuild.py.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from lstm_viz.sphinx import build as build_module
from lstm_viz.sphinx.build import BuildPaths, build, publish
from tests.conftest import ROOT


@dataclass
class StubSphinx:
    """Writes ``pages`` into the staging folder and returns ``status`` (0: success)."""

    pages: dict[str, str] = field(default_factory=lambda: {"index.html": "one"})
    status: int = 0
    fresh: list[bool] = field(default_factory=list)
    pythonpath: list[str] = field(default_factory=list)
    slim: list[bool] = field(default_factory=list)

    def __call__(self, source: Path, paths: BuildPaths, fresh: bool, slim: bool = True) -> int:
        self.fresh.append(fresh)
        self.slim.append(slim)
        self.pythonpath.append(os.environ["PYTHONPATH"])
        for name, text in {**self.pages, ".buildinfo": "config hash"}.items():
            (paths.staging / name).parent.mkdir(parents=True, exist_ok=True)
            (paths.staging / name).write_text(text)
        return self.status


@pytest.fixture
def sphinx(monkeypatch: pytest.MonkeyPatch) -> StubSphinx:
    stub = StubSphinx()
    monkeypatch.setattr(build_module, "_sphinx_build", stub)
    monkeypatch.setenv("PYTHONPATH", "elsewhere")
    return stub


def site_files(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text() for p in site.rglob("*") if p.is_file()}


def test_a_build_that_succeeds_publishes_the_staged_site_and_nothing_else(
    tmp_path: Path, sphinx: StubSphinx
) -> None:
    paths = BuildPaths(tmp_path)
    assert build(tmp_path)
    assert site_files(paths.site) == {"index.html": "one"}  # Sphinx's .buildinfo left out
    assert not paths.staging.exists() and not paths.marker.exists()
    assert not paths.old_site.exists()
    assert sphinx.pythonpath == [f"{tmp_path.resolve()}{os.pathsep}elsewhere"]


def test_a_failed_build_leaves_the_last_good_site_and_no_staged_one(
    tmp_path: Path, sphinx: StubSphinx, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = BuildPaths(tmp_path)
    assert build(tmp_path)
    sphinx.pages, sphinx.status = {"index.html": "two", "half.html": "written"}, 1
    assert not build(tmp_path)
    assert site_files(paths.site) == {"index.html": "one"}
    assert not paths.staging.exists() and paths.marker.exists()
    assert "the last good site is still there" in capsys.readouterr().err


def test_a_first_build_that_fails_leaves_no_site(
    tmp_path: Path, sphinx: StubSphinx, capsys: pytest.CaptureFixture[str]
) -> None:
    sphinx.status = 1
    assert not build(tmp_path)
    assert not BuildPaths(tmp_path).site.exists()
    assert "there is no site" in capsys.readouterr().err


def test_after_a_failure_every_build_starts_afresh_until_one_succeeds(
    tmp_path: Path, sphinx: StubSphinx
) -> None:
    build(tmp_path)  # the first build: Sphinx keeps what it read
    sphinx.status = 1
    build(tmp_path)  # fails: what it read must not be trusted
    build(tmp_path)  # so this one reads everything again, and fails again
    sphinx.status = 0
    build(tmp_path)  # reads everything again and succeeds
    build(tmp_path)  # from here on, incremental again
    assert sphinx.fresh == [False, False, True, True, False]


def test_publishing_replaces_the_whole_site(tmp_path: Path) -> None:
    site, staging, old = tmp_path / "html", tmp_path / "staging", tmp_path / "old"
    site.mkdir()
    (site / "gone.html").write_text("a page the new site no longer has")
    staging.mkdir()
    (staging / "index.html").write_text("new")
    publish(staging, site, old)
    assert site_files(site) == {"index.html": "new"}
    assert not staging.exists() and not old.exists()


def test_a_build_refuses_a_checkout_other_than_the_code_it_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        build_module.main([str(tmp_path)])
    assert "run it from the checkout it builds" in capsys.readouterr().err


def test_no_slim_builds_the_site_as_the_theme_writes_it(
    sphinx: StubSphinx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert build_module.main([str(ROOT), "--path-output", str(tmp_path)]) == 0
    assert build_module.main([str(ROOT), "--path-output", str(tmp_path), "--no-slim"]) == 0
    assert sphinx.slim == [True, False]
