"""``make book`` under stress: two builds at once, a process that dies while publishing, a failed
build's reports, Ctrl-C. Sphinx itself is replaced by a stand-in that writes a one-page site (or
fails, or is interrupted), except in the last test, which interrupts a real build."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lstm_viz.sphinx import build as build_module
from lstm_viz.sphinx.build import BuildPaths, build, main, publish
from tests.conftest import ROOT


def site_of(path: Path) -> str | None:
    """Which site ``path`` holds (the text of its one page), or ``None`` if it holds none."""
    page = path / "index.html"
    return page.read_text(encoding="utf-8") if page.is_file() else None


class StandIn:
    """Sphinx's place in :func:`build`: writes ``site`` into the staging folder and returns
    ``result`` — unless ``result`` is an exception, which it raises; can wait on ``release``."""

    def __init__(self, site: str = "new", result: object = 0) -> None:
        self.site, self.result = site, result
        self.started, self.release = threading.Event(), threading.Event()
        self.release.set()

    def __call__(self, source: Path, paths: BuildPaths, fresh: bool) -> object:
        paths.staging.mkdir(parents=True)
        (paths.staging / "index.html").write_text(self.site, encoding="utf-8")
        (paths.staging / "reports" / "book").mkdir(parents=True)
        (paths.staging / "reports" / "book" / "lstm.err.log").write_text("Traceback …")
        self.started.set()
        self.release.wait(timeout=60)
        if isinstance(self.result, BaseException):
            raise self.result
        return self.result


@pytest.fixture
def sphinx(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., StandIn]]:
    def replace(**kwargs: object) -> StandIn:
        stand_in = StandIn(**kwargs)  # type: ignore[arg-type]
        monkeypatch.setattr(build_module, "_sphinx_build", stand_in)
        return stand_in

    monkeypatch.setenv("PYTHONPATH", os.environ.get("PYTHONPATH", ""))  # build() prepends to it
    yield replace


def test_a_second_build_at_the_same_time_refuses_in_one_line(
    sphinx: Callable[..., StandIn], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = sphinx(site="first")
    first.release.clear()
    running = threading.Thread(target=build, args=(ROOT, tmp_path))
    running.start()
    try:
        assert first.started.wait(timeout=60)
        capsys.readouterr()
        status = main([str(ROOT), "--path-output", str(tmp_path)])
        err = capsys.readouterr().err
    finally:
        first.release.set()
        running.join()
    assert status == 1
    assert err.strip().splitlines() == [
        f"another build of this book is running (process {os.getpid()}, lock "
        f"{tmp_path / '_build' / '.build.lock'}): wait for it to finish, then build again"
    ]
    assert site_of(tmp_path / "_build" / "html") == "first"
    sphinx(site="second")
    assert main([str(ROOT), "--path-output", str(tmp_path)]) == 0  # the lock was released
    assert site_of(tmp_path / "_build" / "html") == "second"


def _publish_and_die(root: Path, step: int, exchange: bool) -> None:
    """In a child process: publish ``root``'s staging folder, dying after the ``step``-th change
    to the file system (a rename, a removal or an exchange)."""
    done = 0

    def dying(change: Callable[..., object]) -> Callable[..., object]:
        def changed(*args: object, **kwargs: object) -> object:
            nonlocal done
            result = change(*args, **kwargs)
            done += 1
            if done == step:
                os._exit(9)
            return result

        return changed

    os.rename = dying(os.rename)  # type: ignore[assignment]  # Path.rename calls it
    shutil.rmtree = dying(shutil.rmtree)  # type: ignore[assignment]
    try:
        from lstm_viz.sphinx import publishing
    except ImportError:  # a build that cannot exchange at all
        pass
    else:
        swap = publishing.exchange if exchange else (lambda a, b: False)
        publishing.exchange = dying(swap)  # type: ignore[assignment]
    paths = BuildPaths(root)
    publish(paths.staging, paths.site, paths.old_site)
    os._exit(0)


def _recover(paths: BuildPaths) -> None:
    """What the next build does first."""
    from lstm_viz.sphinx.publishing import recover

    recover(paths.site, paths.old_site)


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "where it cannot exchange"])
def test_a_build_that_dies_while_publishing_leaves_a_whole_site(
    tmp_path: Path, exchange: bool
) -> None:
    """At every point the process can die, ``_build/html`` is the whole old or the whole new site
    — at once where the system can exchange, or once the next build has recovered."""
    fork = multiprocessing.get_context("fork")
    for step in range(1, 10):
        root = tmp_path / f"die-after-{step}"
        paths = BuildPaths(root)
        for folder, site in ((paths.site, "old"), (paths.staging, "new")):
            folder.mkdir(parents=True)
            (folder / "index.html").write_text(site, encoding="utf-8")
        child = fork.Process(target=_publish_and_die, args=(root, step, exchange))
        child.start()
        child.join(timeout=60)
        if not exchange:
            _recover(paths)
        assert site_of(paths.site) in ("old", "new"), f"no site after change {step}"
        if child.exitcode == 0:
            assert site_of(paths.site) == "new"
            break
    else:
        pytest.fail("publishing never finished")
    assert step > 2


def test_a_failed_build_keeps_the_reports_its_log_points_to(
    sphinx: Callable[..., StandIn], tmp_path: Path
) -> None:
    sphinx(result=1)
    assert build(ROOT, tmp_path) is False
    paths = BuildPaths(tmp_path)
    assert (paths.staging / "reports" / "book" / "lstm.err.log").read_text() == "Traceback …"
    assert not (paths.staging / "index.html").exists()
    assert not paths.site.exists()


@pytest.mark.parametrize("interruption", [KeyboardInterrupt(), asyncio.CancelledError()])
def test_ctrl_c_stops_the_build_with_one_line_and_the_site_unchanged(
    sphinx: Callable[..., StandIn],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    interruption: BaseException,
) -> None:
    sphinx(site="good")
    assert main([str(ROOT), "--path-output", str(tmp_path)]) == 0
    sphinx(result=interruption)
    capsys.readouterr()
    assert main([str(ROOT), "--path-output", str(tmp_path)]) == 130
    assert capsys.readouterr().err.strip() == (
        "Interrupted: _build/html is unchanged; the next build reads every page again."
        if Path.cwd() == tmp_path
        else f"Interrupted: {tmp_path / '_build' / 'html'} is unchanged; the next build reads "
        "every page again."
    )
    assert site_of(tmp_path / "_build" / "html") == "good"
    assert BuildPaths(tmp_path).marker.exists()


@pytest.mark.build  # it starts a real build and interrupts it while a notebook runs
def test_ctrl_c_while_a_notebook_runs_ends_with_one_line(tmp_path: Path) -> None:
    build = subprocess.Popen(
        [sys.executable, "-m", "lstm_viz.sphinx.build", "--path-output", str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # Ctrl-C reaches the whole group: the build and its kernel
    )
    assert build.stdout is not None
    seen = []
    for line in build.stdout:
        seen.append(line)
        if "Executing notebook" in line:
            break
    else:
        pytest.fail("no notebook ran:\n" + "".join(seen[-20:]))
    os.killpg(build.pid, signal.SIGINT)
    out, err = build.communicate(timeout=300)
    assert build.returncode == 130, err[-3000:]
    assert "Traceback" not in out + err, err[-3000:]
    assert err.strip().splitlines()[-1] == (
        f"Interrupted: {tmp_path / '_build' / 'html'} is unchanged; the next build reads every "
        "page again."
    )
    assert not (tmp_path / "_build" / "html").exists()
