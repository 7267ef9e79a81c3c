"""Build the book strictly and atomically: ``python -m lstm_viz.sphinx.build`` (``make book``).

Run it from the book's folder (the checkout). Under ``<path-output>/_build`` (the checkout by
default) it keeps:

* ``html/`` — the site of the last build that succeeded, and only that: serve it or upload it;
* ``.sphinx/`` — what Sphinx keeps between builds (its environment, the doctrees, the executed
  notebooks), and ``.sphinx/html/``, the staging folder each build writes its site into.

Four rules make a build one can trust:

1. **Strict and atomic.** Every warning fails the build (``-W -n --keep-going``). The site is
   written into a fresh staging folder and put at ``_build/html`` only when the build succeeded,
   in one atomic exchange (:func:`lstm_viz.sphinx.publishing.publish`), so a failed, interrupted
   or killed build leaves the last good site in place (or none), never a half-written one and
   never a moment with none. ``_build/html`` stays a plain folder: serve it or upload it.
2. **A failed build is not remembered.** Sphinx keeps every page it read in its environment even
   when the build failed, and does not read it again, so its warnings would not come back. A
   marker written before the build and removed only after a success makes the next build start
   from a fresh environment: every page is read, executed and checked again, and the build fails
   again until the cause is fixed.
3. **An incremental build equals a clean one.** Only pages whose source changed are read and
   executed again (all of them when ``lstm_viz`` or a lock file changed: see
   ``lstm_viz.sphinx.fingerprint.source_fingerprint``), but every page is written afresh from the
   environment into the empty staging folder, so the site has the bytes a clean build writes.
4. **One build at a time.** A build holds ``_build/.build.lock`` while it runs; a second build of
   the same output refuses in one line (:class:`lstm_viz.sphinx.publishing.BuildLock`).

A build that fails keeps the staging folder's ``reports/`` (the tracebacks of failed notebooks,
which the log points to) until the next build starts; Ctrl-C stops a build with one line.

The notebook kernels import ``lstm_viz`` from the checkout being built (``PYTHONPATH``), as Sphinx
does: a site is made by the code beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
from pathlib import Path

from lstm_viz.sphinx.publishing import BuildLock, BuildRunning, publish, recover
from lstm_viz.sphinx.stopping import CtrlC, OneLineReports

__all__ = ["BuildPaths", "build", "main"]

#: Written into the state folder when a build starts; removed only when it succeeded.
UNFINISHED = "UNFINISHED"


class BuildPaths:
    """Where one checkout's build keeps its site, its state and its staging folder."""

    def __init__(self, path_output: Path) -> None:
        root = path_output / "_build"
        self.site = root / "html"
        self.state = root / ".sphinx"
        self.staging = self.state / "html"
        self.doctrees = self.state / ".doctrees"
        self.marker = self.state / UNFINISHED
        self.old_site = root / ".html-replaced"
        self.lock = root / ".build.lock"
        self.crash_log = self.state / "crash.log"


#: What a failed build keeps of its staging folder: the reports its log points to.
KEPT_AFTER_FAILURE = "reports"


def _discard(staging: Path) -> None:
    """Remove a failed build's staging folder, all but the reports its log names (if any)."""
    if not (staging / KEPT_AFTER_FAILURE).is_dir():
        shutil.rmtree(staging, ignore_errors=True)
        return
    for child in staging.iterdir():
        if child.name == KEPT_AFTER_FAILURE:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def _sphinx_build(source: Path, paths: BuildPaths, fresh: bool) -> int | BaseException:
    """Jupyter Book's own Sphinx build of the book in ``source``, as ``jb build -W -n --keep-going``
    runs it, but with the staging folder as output and the doctrees in the state folder."""
    from jupyter_book.sphinx import build_sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.util.console import nocolor

    if not sys.stdout.isatty():  # a log file or a pipe: plain text
        nocolor()
    # Sphinx would end by naming the staging folder as where the pages are; main() names the site.
    StandaloneHTMLBuilder.epilog = ""
    toc = source / "_toc.yml"
    result: int | BaseException = build_sphinx(
        source,
        paths.staging,
        doctreedir=paths.doctrees,
        use_external_toc=True,
        noconfig=True,
        path_config=str(source / "_config.yml"),
        confoverrides={
            "external_toc_path": toc.as_posix(),
            "nitpicky": True,
            "latex_individualpages": False,
        },
        builder="html",
        freshenv=fresh,
        warningiserror=True,
        keep_going=True,
    )
    return result


def build(source: Path, path_output: Path | None = None) -> bool:
    """Build the book in ``source`` into ``<path_output>/_build/html``; say if it succeeded.

    Raises :class:`~lstm_viz.sphinx.publishing.BuildRunning` if another build holds the lock, and
    ``KeyboardInterrupt`` (the site untouched) if interrupted.
    """
    source = source.resolve()
    paths = BuildPaths((path_output or source).resolve())
    with BuildLock(paths.lock):
        recover(paths.site, paths.old_site)
        return _locked_build(source, paths)


def _locked_build(source: Path, paths: BuildPaths) -> bool:
    # Kernels and Sphinx alike use the lstm_viz of the checkout being built.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(source), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    )
    fresh = paths.marker.exists()
    if fresh:
        print("The last build did not succeed: reading and executing every page again.", flush=True)
    paths.state.mkdir(parents=True, exist_ok=True)
    paths.marker.write_text("a build started here and has not succeeded yet\n", encoding="utf-8")
    shutil.rmtree(paths.staging, ignore_errors=True)
    paths.crash_log.unlink(missing_ok=True)
    with CtrlC() as ctrl_c:
        try:
            with OneLineReports(paths.crash_log, ctrl_c):
                result = _sphinx_build(source, paths, fresh)
        except (KeyboardInterrupt, asyncio.CancelledError):  # nbclient cancels its kernel's tasks
            result = KeyboardInterrupt()
    if ctrl_c.pressed or isinstance(result, KeyboardInterrupt):
        _discard(paths.staging)
        raise KeyboardInterrupt
    if result != 0:
        _discard(paths.staging)
        left = "the last good site is still there" if paths.site.exists() else "there is no site"
        print(
            f"\nThe build failed (see above); {_relative(paths.site)} is unchanged: {left}.",
            file=sys.stderr,
        )
        return False
    # Sphinx's note of the configuration it wrote this output with: of no use in a site that is
    # always written afresh, and its hash covers the checkout's absolute paths.
    (paths.staging / ".buildinfo").unlink(missing_ok=True)
    publish(paths.staging, paths.site, paths.old_site)
    paths.marker.unlink()
    return True


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lstm_viz.sphinx.build", description=__doc__.split("\n")[0]
    )
    parser.add_argument("source", nargs="?", type=Path, default=Path.cwd(), help="the checkout")
    parser.add_argument(
        "--path-output", type=Path, default=None, help="build into PATH_OUTPUT/_build/html"
    )
    args = parser.parse_args(argv)
    package = Path(__file__).resolve().parents[2]
    if package != args.source.resolve():
        parser.error(
            f"run it from the checkout it builds ({args.source.resolve()}): this lstm_viz is "
            f"imported from {package}"
        )
    site = _relative(BuildPaths((args.path_output or args.source).resolve()).site)
    try:
        if not build(args.source, args.path_output):
            return 1
    except BuildRunning as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            f"\nInterrupted: {site} is unchanged; the next build reads every page again.",
            file=sys.stderr,
        )
        return 130
    print(f"\nThe book is built: {site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
