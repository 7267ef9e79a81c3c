"""Build the book strictly and atomically: ``python -m lstm_viz.sphinx.build`` (``make book``).

Run it from the book's folder (the checkout). Under ``<path-output>/_build`` (the checkout by
default) it keeps:

* ``html/`` — the site of the last build that succeeded, and only that: serve it or upload it;
* ``.sphinx/`` — what Sphinx keeps between builds (its environment, the doctrees, the executed
  notebooks), and ``.sphinx/html/``, the staging folder each build writes its site into.

Three rules make a build one can trust:

1. **Strict and atomic.** Every warning fails the build (``-W -n --keep-going``). The site is
   written into a fresh staging folder and moved to ``_build/html`` only when the build succeeded,
   so a failed build leaves the last good site in place (or none), never a half-written one.
2. **A failed build is not remembered.** Sphinx keeps every page it read in its environment even
   when the build failed, and does not read it again, so its warnings would not come back. A
   marker written before the build and removed only after a success makes the next build start
   from a fresh environment: every page is read, executed and checked again, and the build fails
   again until the cause is fixed.
3. **An incremental build equals a clean one.** Only pages whose source changed are read and
   executed again (all of them when ``lstm_viz`` or a lock file changed: see
   ``lstm_viz.sphinx.fingerprint.source_fingerprint``), but every page is written afresh from the
   environment into the empty staging folder, so the site has the bytes a clean build writes.

The notebook kernels import ``lstm_viz`` from the checkout being built (``PYTHONPATH``), as Sphinx
does: a site is made by the code beside it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

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


def publish(staging: Path, site: Path, old_site: Path) -> None:
    """Move the finished ``staging`` folder to ``site``, replacing the previous site.

    Two renames on one file system: at every moment ``site`` is either the whole previous site or
    the whole new one (for an instant, between the renames, nothing).
    """
    shutil.rmtree(old_site, ignore_errors=True)
    if site.exists():
        site.rename(old_site)
    staging.rename(site)
    shutil.rmtree(old_site, ignore_errors=True)


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
    """Build the book in ``source`` into ``<path_output>/_build/html``; say if it succeeded."""
    source = source.resolve()
    paths = BuildPaths((path_output or source).resolve())
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
    result = _sphinx_build(source, paths, fresh)
    if result != 0:
        shutil.rmtree(paths.staging, ignore_errors=True)
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
    if not build(args.source, args.path_output):
        return 1
    print(f"\nThe book is built: {_relative(BuildPaths(args.path_output or args.source).site)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
