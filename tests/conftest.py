"""Shared fixtures: a clean strict build of the book, served on 127.0.0.1, and real Chromium; small
Sphinx projects built in-process; the Hypothesis profiles."""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from hypothesis import settings

from lstm_viz.experiment.results import CACHE
from lstm_viz.sphinx.browser import HEADLESS_ARGS, NoBrowser, find_chromium

if TYPE_CHECKING:  # imported where used: `make check` runs neither a browser nor Sphinx in most
    from playwright.sync_api import ConsoleMessage, Page, Response
    from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parents[1]

# No deadlines: how long an example takes says nothing about its correctness, and on a busy machine
# (CI, or two cores shared with other work) a 200 ms deadline fails correct code. In CI the examples
# are also derandomized, so a run is reproducible from its log.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_configure(config: pytest.Config) -> None:
    """Every worker measures the shipped runs once between them: lstm_viz.experiment.results keeps
    what it measured in the run's cache (keyed by the weights and the code that measures them)."""
    if config.cache is not None:
        os.environ.setdefault(CACHE, str(config.cache.mkdir("lstm-viz-results")))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the built site is a build test, one that uses Chromium a browser test,
    whatever its module says: ``-m "not build and not browser"`` then builds nothing."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & {"built_site", "site_url", "visit", "browser"}:
            item.add_marker(pytest.mark.build)
        if fixtures & {"browser", "visit"}:
            item.add_marker(pytest.mark.browser)


def build_book(
    out: Path, source: Path = ROOT, options: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """A strict build of the checkout ``source`` into ``out``/_build/html, as ``make book`` runs it
    (clean the first time; incremental when ``out`` holds an earlier build), with the build's
    command-line ``options``."""
    return subprocess.run(
        [sys.executable, "-m", "lstm_viz.sphinx.build", "--path-output", str(out), *options],
        capture_output=True,
        text=True,
        cwd=source,
        timeout=900,
    )


#: Names a site already built from this checkout (``make test`` sets it to the ``make book`` site).
SITE = "LSTM_VIZ_SITE"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML of a strict build of this checkout: the site ``LSTM_VIZ_SITE`` names (``make test``
    builds it first, with ``make book``), else one clean build for this run, made by whichever
    worker asks first and shared by every other (pytest-xdist)."""
    given = os.environ.get(SITE)
    if given:
        site = Path(given).resolve()
        if not (site / "book" / "index.html").is_file():
            pytest.fail(f"{SITE}={given} holds no built book: run `make book` first")
        return site
    # Under pytest-xdist every worker's temporary folder sits in one folder of this run: build
    # there once. (Without workers, the parent would be shared with every earlier run.)
    run = tmp_path_factory.getbasetemp()
    shared = (run.parent if os.environ.get("PYTEST_XDIST_WORKER") else run) / "built-book"
    shared.mkdir(exist_ok=True)
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        site = shared / "_build" / "html"
        failed = shared / "failed.log"
        if failed.exists():
            pytest.fail(f"the strict build failed:\n{failed.read_text()}")
        if not site.exists():
            result = build_book(shared)
            if result.returncode != 0:
                failed.write_text(f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
                pytest.fail(f"the strict build failed:\n{failed.read_text()}")
    return site


@dataclass
class SphinxRun:
    """One in-process Sphinx build of a small project: its app, log and output."""

    app: SphinxTestApp
    warnings: str
    outdir: Path

    def html(self, docname: str) -> str:
        return (self.outdir / f"{docname}.html").read_text(encoding="utf-8")


@pytest.fixture
def sphinx_project(tmp_path: Path) -> Iterator[Callable[..., SphinxRun]]:
    """Build a small Sphinx project in this process: ``conf`` is its conf.py, ``files`` its pages
    (path → text). ``strict`` builds as ``-W --keep-going`` does (any warning: status 1)."""
    from sphinx.config import Config
    from sphinx.testing.util import SphinxTestApp

    apps: list[SphinxTestApp] = []

    def build(conf: str, files: dict[str, str], *, strict: bool = False, **extra: Any) -> SphinxRun:
        src = tmp_path / "src"
        for name, text in {"conf.py": conf, **files}.items():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            (src / name).write_text(text, encoding="utf-8")
        app = SphinxTestApp(
            "html",
            srcdir=src,
            builddir=tmp_path / "out",
            status=StringIO(),
            warning=StringIO(),
            warningiserror=strict,
            keep_going=strict,
            **extra,
        )
        apps.append(app)
        app.build()
        return SphinxRun(app, app.warning.getvalue(), Path(app.outdir))

    # Extensions such as myst-nb add their suffixes to the dict that is source_suffix's default:
    # put it back, so the next project in this process sees Sphinx's own default.
    suffixes = Config.config_values["source_suffix"].default
    saved = dict(suffixes)
    yield build
    for app in apps:
        app.cleanup()
    suffixes.clear()
    suffixes.update(saved)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> Iterator[str]:
    """``site`` served by a plain static file server on 127.0.0.1 (a free port) until closed."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served by a plain static file server on 127.0.0.1."""
    yield from serve(built_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chrome or Chromium under Playwright; no browser is a failure, not a skip."""
    from playwright.sync_api import sync_playwright

    try:
        executable = find_chromium()
    except NoBrowser as error:
        pytest.fail(f"the browser tests need a browser: {error}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=HEADLESS_ARGS)
        yield chromium
        chromium.close()


def html_pages(site: Path) -> list[Path]:
    """Every content page of the built site: not Sphinx's search and index pages, not redirects."""
    skip = {"search.html", "genindex.html", "py-modindex.html"}
    return sorted(
        p
        for p in site.rglob("*.html")
        if p.name not in skip
        and not {"_static", "reports"} & set(p.parts)
        and 'http-equiv="refresh"' not in p.read_text().lower()
    )


SCROLL_TO_EVERY_FIGURE = """async () => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (const figure of document.querySelectorAll('.lstm-viz-figure')) {
    figure.scrollIntoView();
    await frame();
  }
  window.scrollTo(0, 0);
}"""


@dataclass
class PageVisit:
    """What one page did in the browser."""

    page: Page
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser, site_url: str) -> Iterator[Callable[..., PageVisit]]:
    """Open a page of the site in a fresh context, recording every request, error and message."""
    contexts = []

    def open_page(path: str, **context_options: object) -> PageVisit:
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        seen = PageVisit(page)
        host = urlsplit(site_url).netloc

        def on_request(request) -> None:
            if (
                urlsplit(request.url).scheme in ("http", "https")
                and urlsplit(request.url).netloc != host
            ):
                seen.foreign_requests.append(request.url)

        def on_response(response: Response) -> None:
            if response.status >= 400:
                seen.failed_requests.append(f"{response.status} {response.url}")

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                seen.console_errors.append(message.text)

        page.on("request", on_request)
        page.on("requestfailed", lambda r: seen.failed_requests.append(r.url))
        page.on("response", on_response)
        page.on("console", on_console)
        page.on("pageerror", lambda e: seen.page_errors.append(str(e)))
        page.goto(f"{site_url}/{path}", wait_until="load")
        # Figures are drawn as the reader nears them: bring each near, as a reader scrolling would.
        page.evaluate(SCROLL_TO_EVERY_FIGURE)
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.lstm-viz-figure'))"
            ".every(d => d.querySelector('.main-svg'))",
            timeout=15_000,
        )
        return seen

    yield open_page
    for context in contexts:
        context.close()
