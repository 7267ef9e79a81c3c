"""Reading and driving the explorer page in Chromium: where a handle is, what a control shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

PAGE = "book/explorer.html"

# The visible layout of a figure ("cell" or "sequence"), and the client position of a handle:
# a quantity of the one-step figure, or ("x", t) of the sequence; with the value per pixel.
POINT = """([key, t]) => {
  const kind = key === "x" ? "sequence" : "cell";
  const svg = [...document.querySelectorAll(`.lstm-explorer-${kind}`)]
    .find(s => s.getBoundingClientRect().width > 0);
  const mark = key === "x" ? svg.querySelector(`.step[data-t="${t}"] .pin`)
    : svg.querySelector(`.col[data-key="${key}"] .pin`);
  const r = mark.getBoundingClientRect();
  const g = JSON.parse(svg.getAttribute("data-geometry"));
  const panel = key === "x" ? g.panels.x : g[mark.closest(".panel").dataset.panel];
  const scale = svg.getScreenCTM().d;
  return {x: r.left + r.width / 2, y: r.top + r.height / 2,
          perPixel: (panel.high - panel.low) / ((panel.bottom - panel.top) * scale)};
}"""


def open_explorer(visit, fragment: str = "", *, centre: str | None = "cell", **context):
    """The explorer page, ready; with ``centre`` the named figure scrolled to the middle."""
    seen = visit(PAGE + fragment, **context)
    seen.page.wait_for_function("() => window.lstmExplorer")
    if centre:
        seen.page.evaluate(
            "k => document.querySelector(k === 'cell' ? '#lstm-explorer .lstm-explorer-figure' :"
            " '#lstm-explorer-sequence .lstm-explorer-figure').scrollIntoView({block: 'center'})",
            centre,
        )
    return seen


def assert_clean(seen) -> None:
    assert not seen.console_errors, seen.console_errors
    assert not seen.page_errors, seen.page_errors
    assert not seen.foreign_requests, seen.foreign_requests
    assert not seen.failed_requests, seen.failed_requests


def point(page, key: str, t: int = 1) -> dict:
    return page.evaluate(POINT, [key, t])


def value(page, key: str, t: int = 1) -> float:
    """The current value of a draggable quantity (a gate's is what the cell uses)."""
    return page.evaluate(
        """([k, t]) => k === "x" ? lstmExplorer.state().x[t - 1]
             : (k === "s" || k === "c_prev") ? lstmExplorer.state()[k]
             : lstmExplorer.values()[k]""",
        [key, t],
    )


def number(text: str) -> float:
    return float(text.replace("−", "-"))


def shown(page, name: str) -> float:
    """The number shown beside a slider."""
    return number(
        page.text_content(f'.lstm-explorer-row[data-quantity="{name}"] .lstm-explorer-value')
    )


def shown_result(page, key: str) -> float:
    """The number the working shows for ltm (c_t) or stm (h_t), to two places."""
    return number(
        page.text_content(f'#lstm-explorer-working [data-eq="{key}"] [data-term="{key}"]')
    )


def visible_svg(page, kind: str) -> str:
    """A selector of the layout of a figure ("cell" or "sequence") the page shows."""
    wide = page.evaluate(
        "k => document.querySelector(`.lstm-explorer-${k}.is-wide`).getBoundingClientRect().width",
        kind,
    )
    return f".lstm-explorer-{kind}.{'is-wide' if wide else 'is-narrow'}"


COLUMN = """([t, panel]) => {
  const svg = [...document.querySelectorAll('.lstm-explorer-sequence')]
    .find(s => s.getBoundingClientRect().width > 0);
  const g = JSON.parse(svg.getAttribute('data-geometry'));
  const steps = lstmExplorer.state().x.length;
  const x = g.left + (t + 0.5) * (g.right - g.left) / (steps + 1);
  const p = g.panels[panel];
  const y = p.top + 0.3 * (p.bottom - p.top);
  const m = svg.getScreenCTM();
  return {x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f};
}"""


def column(page, t: int, panel: str = "gates") -> dict:
    """A client point inside step t's column of the sequence figure, in one of its panels."""
    return page.evaluate(COLUMN, [t, panel])


def drag(page, key: str, dy: float, t: int = 1, steps: int = 6) -> None:
    p = point(page, key, t)
    page.mouse.move(p["x"], p["y"])
    page.mouse.down()
    page.mouse.move(p["x"], p["y"] + dy, steps=steps)
    page.mouse.up()


def arrive(browser, site_url: str, fragment: str, viewport: dict) -> tuple[Page, list[str]]:
    """The explorer page opened by a link, as a reader arrives (no scrolling of the tests' own
    `visit`, which ends at the top of the page): the page, and its console and page errors."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site_url}/{PAGE}{fragment}")
    page.wait_for_function("() => window.lstmExplorer")
    page.wait_for_timeout(200)
    return page, errors


#: The box of the shown layout of a figure ("cell" or "sequence").
BOX = """kind => [...document.querySelectorAll(`.lstm-explorer-${kind}`)]
  .find(s => s.getBoundingClientRect().width > 0).getBoundingClientRect().toJSON()"""
