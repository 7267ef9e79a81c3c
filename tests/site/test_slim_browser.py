"""The slim site (:mod:`lstm_viz.sphinx.slim`) looks exactly like the site as the theme writes it,
and paints from its own HTML: no stylesheet blocks the first paint, the icon fonts are small, no
thebe configuration, and nothing moves on the API page as its stylesheet and fonts arrive.

The site as the theme writes it is built once more, with ``--no-slim``, from the state of the
site under test (no page is read again): every page, the search page with results and Sphinx's
indexes, at a phone's and a laptop's width, light and dark, every dropdown closed and open, is
screenshotted in both screen by screen and compared pixel by pixel.
"""

from __future__ import annotations

import fcntl
import io
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.conftest import build_book, html_pages, serve
from tests.site.test_first_paint import LAYOUT_SHIFTS

pytestmark = [pytest.mark.build, pytest.mark.browser, pytest.mark.slow]

WIDTHS = (375, 1280)
THEMES = ("light", "dark")
#: Pixels may differ by this much in a colour channel (anti-aliasing), and this many of them in a
#: screen by more: an icon, whose box the slim site gives its glyph's width, is drawn up to half a
#: pixel aside (the previous/next chevrons: 55 pixels each), while a rule the purge removed shows
#: as a whole element drawn differently (the border of the search field's two key caps: some 150).
CHANNEL_SLACK = 16
PIXEL_SLACK = 120
#: What a page needs before its screenshot: every stylesheet applied, the fonts in, two frames.
SETTLED = """async () => {
  const loaded = l => l.sheet && l.media !== "print";
  while (![...document.querySelectorAll("link[rel=stylesheet]")].every(loaded)) {
    await new Promise(r => setTimeout(r, 50));
  }
  await document.fonts.ready;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
}"""
OPEN_EVERY_DROPDOWN = """() => {
  const closed = [...document.querySelectorAll("details:not([open])")];
  for (const d of closed) d.open = true;
  return closed.length;
}"""


def _pages(site: Path) -> list[str]:
    """Every page, the search page showing results, and Sphinx's indexes."""
    pages = [str(p.relative_to(site)) for p in html_pages(site)]
    return [*pages, "search.html?q=forget", "genindex.html", "py-modindex.html"]


@pytest.fixture(scope="session")
def unslimmed_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site under test as the theme writes it (``--no-slim``), built once per run from the
    state of ``built_site``'s build, shared by every worker."""
    shared = tmp_path_factory.getbasetemp().parent / "unslimmed-book"
    shared.mkdir(exist_ok=True)
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        site = shared / "_build" / "html"
        if not site.exists():
            state = built_site.parent / ".sphinx"
            shutil.copytree(
                state, shared / "_build" / ".sphinx", ignore=shutil.ignore_patterns("html")
            )
            result = build_book(shared, options=("--no-slim",))
            if result.returncode != 0:
                pytest.fail(
                    f"the --no-slim build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
                )
    return site


@pytest.fixture(scope="session")
def unslimmed_url(unslimmed_site: Path) -> Iterator[str]:
    yield from serve(unslimmed_site)


#: A page is compared screen by screen; a page longer than this many screens (the API page is
#: hundreds) at this many screens spread evenly over it, and by its height.
SCREENS = 10
VIEWPORT_HEIGHT = 900
#: Scrolled to ``y`` once the page stops changing there: parts of the API page are laid out only
#: as they near the screen (``content-visibility: auto``), which changes the page's height.
SCROLL = """async y => {
  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  let before = null;
  for (let i = 0; i < 20; i++) {
    window.scrollTo(0, y);
    await frames();
    const now = `${window.scrollY} ${document.documentElement.scrollHeight}`;
    if (now === before) break;
    before = now;
  }
  await new Promise(r => setTimeout(r, 150));  // the table of contents' highlight follows
  return window.scrollY;
}"""


def _positions(height: int) -> list[int]:
    last = max(height - VIEWPORT_HEIGHT, 0)
    count = -(-height // VIEWPORT_HEIGHT)
    if count <= SCREENS:
        return [min(i * VIEWPORT_HEIGHT, last) for i in range(count)]
    return [round(i * last / (SCREENS - 1)) for i in range(SCREENS)]


def _compare(tabs: list, path: str) -> list[str]:
    """Where the page ``path``, open and settled in both tabs, looks different."""
    heights = [tab.evaluate("document.documentElement.scrollHeight") for tab in tabs]
    if heights[0] != heights[1]:
        return [f"{path}: {heights[1]} px high, not {heights[0]}"]
    problems = []
    for y in _positions(heights[0]):
        at = [tab.evaluate(SCROLL, y) for tab in tabs]
        shots = [tab.screenshot(animations="disabled", caret="hide") for tab in tabs]
        if (found := difference(*shots)) or at[0] != at[1]:
            problems.append(f"{path} at {at}: {found}")
    return problems


def _differences(
    browser, urls: tuple[str, str], pages: list[str], width: int, theme: str
) -> tuple[list[str], int]:
    """Each page in the unslimmed and the slim site side by side, as it first shows and (if it
    has any) with every dropdown open; figures show their stills (plotly.js is not served: it
    draws the same in both sites). What differs, and how many pages had dropdowns."""
    problems, with_dropdowns = [], 0
    viewport = {"width": width, "height": VIEWPORT_HEIGHT}
    with browser.new_context(viewport=viewport, color_scheme=theme) as context:
        context.add_init_script(f"localStorage.setItem('theme', '{theme}');")
        context.route(re.compile(r"plotly-\w+\.min\.js"), lambda route: route.abort())
        tabs = [context.new_page(), context.new_page()]
        for path in pages:
            for tab, url in zip(tabs, urls, strict=True):
                tab.goto(f"{url}/{path}", wait_until="load")
                if path.startswith("search.html"):
                    # Sphinx shows the results one by one, then says it has finished.
                    tab.wait_for_function(
                        "() => /Search finished/.test("
                        "document.getElementById('search-results')?.textContent)",
                        timeout=20_000,
                    )
                tab.evaluate(SETTLED)
            problems += _compare(tabs, path)
            if sum(tab.evaluate(OPEN_EVERY_DROPDOWN) for tab in tabs):
                with_dropdowns += 1
                for tab in tabs:
                    tab.evaluate(SETTLED)
                problems += _compare(tabs, f"{path} (dropdowns open)")
    return problems, with_dropdowns


def difference(a: bytes, b: bytes) -> str | None:
    """How two screenshots differ beyond the slack, or ``None``."""
    first, second = (
        np.asarray(Image.open(io.BytesIO(s)).convert("RGB"), dtype=np.int16) for s in (a, b)
    )
    if first.shape != second.shape:
        return f"size {first.shape[1]}×{first.shape[0]} against {second.shape[1]}×{second.shape[0]}"
    off = np.abs(first - second).max(axis=2) > CHANNEL_SLACK
    if off.sum() <= PIXEL_SLACK:
        return None
    rows = np.flatnonzero(off.any(axis=1))
    return f"{off.sum()} pixels ({off.mean():.2%}) differ, rows {rows[0]}–{rows[-1]}"


def test_the_comparison_sees_a_changed_style() -> None:
    white = Image.new("RGB", (40, 40), "white")
    marked, speck, faint = white.copy(), white.copy(), white.copy()
    marked.paste((200, 0, 0), (10, 10, 25, 25))
    speck.paste((200, 0, 0), (10, 10, 22, 20))  # 120 pixels: the slack
    faint.paste((240, 240, 240), (0, 0, 40, 40))  # anti-aliasing's shade
    shots = []
    for image in (white, marked, speck, faint):
        out = io.BytesIO()
        image.save(out, format="PNG")
        shots.append(out.getvalue())
    assert difference(shots[0], shots[0]) is None
    assert difference(shots[0], shots[1]) == "225 pixels (14.06%) differ, rows 10–24"
    assert difference(shots[0], shots[2]) is None
    assert difference(shots[0], shots[3]) is None


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_looks_the_same_slim_and_unslimmed(
    browser, built_site: Path, site_url: str, unslimmed_url: str, width: int, theme: str
) -> None:
    urls = (unslimmed_url, site_url)
    problems, with_dropdowns = _differences(browser, urls, _pages(built_site), width, theme)
    assert with_dropdowns, "no page had a dropdown to open"
    assert not problems, f"at {width} px, {theme}:\n" + "\n".join(problems)


LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
NOSCRIPT = re.compile(r"<noscript>.*?</noscript>", re.DOTALL)


def test_no_page_waits_for_a_stylesheet_file(built_site: Path) -> None:
    for page in sorted(built_site.rglob("*.html")):
        if "_static" in page.relative_to(built_site).parts:
            continue
        html = NOSCRIPT.sub("", page.read_text(encoding="utf-8"))
        for tag in LINK.findall(html):
            if re.search(r'\brel="stylesheet"', tag):
                assert 'media="print"' in tag and "onload=" in tag, f"{page.name} blocks on {tag}"


def test_the_icon_fonts_served_are_small_woff2(built_site: Path) -> None:
    fonts = [
        p for p in built_site.rglob("*") if p.suffix in (".woff2", ".woff", ".ttf", ".otf", ".eot")
    ]
    assert fonts, "no icon font served: the toolbar's icons are gone"
    for font in fonts:
        assert font.suffix == ".woff2", font
        assert font.stat().st_size <= 10_000, (font, font.stat().st_size)


#: What sphinx-thebe writes into a page: its stylesheet, its configuration (naming a Binder
#: repository) and its kernel name.
THEBE = re.compile(r"sphinx-thebe\.css|x-thebe-config|binderOptions|kernelName\s*=", re.IGNORECASE)


def test_no_page_has_thebe(built_site: Path) -> None:
    for page in sorted(built_site.rglob("*.html")):
        found = THEBE.findall(page.read_text(encoding="utf-8"))
        assert not found, (page, found)
    assert not [p for p in built_site.rglob("*") if "thebe" in p.name.lower()]


def _layout_shift(browser, url: str, width: int) -> tuple[float, list]:
    """The API page's layout shift as it loads, with its stylesheet and fonts arriving 0.4 s
    late (as on a slow phone: after the first paint)."""

    def late(route) -> None:
        time.sleep(0.4)
        route.continue_()

    with browser.new_context(viewport={"width": width, "height": 900}) as context:
        context.add_init_script(LAYOUT_SHIFTS)
        context.route(re.compile(r"\.(css|woff2)$"), late)
        page = context.new_page()
        page.goto(f"{url}/book/api.html", wait_until="load")
        page.evaluate(SETTLED)
        page.wait_for_timeout(300)
        shifts = page.evaluate("window.__shifts")
    return sum(s["value"] for s in shifts), shifts


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_moves_on_the_api_page_as_it_loads(
    browser, site_url: str, unslimmed_url: str, width: int
) -> None:
    shift, shifts = _layout_shift(browser, site_url, width)
    assert shift == 0, shifts
