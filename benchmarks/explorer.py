"""The explorer in headless Chromium: update latency, time to interactive, reading a link, and
what it transfers.

Targets (issues 4, 9, 19 and 22): dragging any input x_t of a 24-step sequence, from the input
event to both figures, the working, the goals and the table updated, median ≤ 8 ms and p95
≤ 16 ms over a few hundred updates (also printed: to the next frame, and for the one-step figure's
s, c and a gate, and the keyboard); from navigation to an interactive explorer on 127.0.0.1,
≤ 600 ms; any link up to 1 MB read in ≤ 50 ms (the number pattern before issue 22 backtracked:
its time is printed at 10,000 and 20,000 digits, growing fourfold per doubling); what the explorer
adds to its page's transfer (its modules, style and HTML, the challenges' and questions' cards
included), ≤ 450 KB gzip-compressed (and, with --before, what it added since an older build: issue
19's budget is 30 KB). Prints the figures; asserts nothing.

Run: .venv/bin/python benchmarks/explorer.py [--site _build/html] [--before OTHER_SITE]
(builds the book first when the site has no explorer page; `make book` does the same)
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lstm_viz.presentation.explorer.state import read_state
from lstm_viz.sphinx.browser import HEADLESS_ARGS, find_chromium
from tests.conftest import ROOT, build_book

PAGE = "book/explorer.html"

# Records, in the page, how long each update took from the input event that caused it: to the
# updated page ("latency") and from the event's first listener ("work"); with `frame`, also to the
# next frame. (That probe is a separate pass: a page that asks for animation frames gets its moves
# held by Chrome until the next frame, which would add up to a frame to every "latency".)
RECORDER = """frame => {
  window.__lat = [];
  window.__work = [];
  window.__frame = [];
  window.__probe = frame;
  if (window.__recording) return;
  window.__recording = true;
  const root = window.lstmExplorer.element;
  let last = null, began = 0;
  for (const type of ["pointermove", "keydown", "input"]) {
    window.addEventListener(type, e => {
      if (last === null) { last = e; began = performance.now(); }
    }, true);
  }
  root.addEventListener("lstm-explorer:update", () => {
    if (last) {
      const stamp = last.timeStamp;
      window.__lat.push(performance.now() - stamp);
      window.__work.push(performance.now() - began);
      if (window.__probe) {
        requestAnimationFrame(() => window.__frame.push(performance.now() - stamp));
      }
    }
    last = null;
  });
}"""

# The client position of a handle of the visible layout: a quantity, or ("x", t).
POINT = """([key, t]) => {
  const kind = key === "x" ? "sequence" : "cell";
  const svg = [...document.querySelectorAll(`.lstm-explorer-${kind}`)]
    .find(s => s.getBoundingClientRect().width > 0);
  const pin = key === "x" ? svg.querySelector(`.step[data-t="${t}"] .pin`)
    : svg.querySelector(`.col[data-key="${key}"] .pin`);
  const r = pin.getBoundingClientRect();
  return [r.left + r.width / 2, r.top + r.height / 2];
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(label: str, times: dict[str, list[float]]) -> None:
    values, work, frame = times["latency"], times["work"], times["frame"]
    print(
        f"{label}: median {statistics.median(values):.2f} ms, p95 {percentile(values, 0.95):.2f} "
        f"ms, max {max(values):.2f} ms over {len(values)} updates (targets: median ≤ 8 ms, "
        f"p95 ≤ 16 ms); the page's own work from the event's first listener: median "
        f"{statistics.median(work):.2f} ms, p95 {percentile(work, 0.95):.2f} ms; to the next "
        f"frame: median {statistics.median(frame):.2f} ms, p95 {percentile(frame, 0.95):.2f} ms"
    )


def open_explorer(browser, url: str) -> tuple[Page, float]:
    """A fresh page (cold cache); returns it and the time from navigation to interactive, in ms."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/{PAGE}", wait_until="commit")
    page.wait_for_function("() => window.lstmExplorer", timeout=15_000)
    return page, page.evaluate("window.lstmExplorer.readyAt")


def point_of(page: Page, key: str, t: int = 1) -> tuple[float, float]:
    return tuple(page.evaluate(POINT, [key, t]))


def _moves(page: Page, handles: list[tuple[str, int]], rounds: int) -> None:
    for key, t in handles * rounds:
        x, y = point_of(page, key, t)
        page.mouse.move(x, y)
        page.mouse.down()
        for dy in (*range(1, 21), *range(19, -21, -1), *range(-19, 1)):
            page.mouse.move(x, y + dy * 2)
        page.mouse.up()
    page.wait_for_timeout(100)


def _drag(page: Page, handles: list[tuple[str, int]], rounds: int) -> dict[str, list[float]]:
    page.evaluate(RECORDER, False)
    _moves(page, handles, rounds)
    times = page.evaluate("({latency: window.__lat, work: window.__work})")
    page.evaluate(RECORDER, True)
    _moves(page, handles, rounds)
    times["frame"] = page.evaluate("window.__frame")
    return times


def sequence_latencies(page: Page, rounds: int) -> dict[str, list[float]]:
    """Drag inputs x_t of a 24-step sequence up and down; one update per move."""
    page.evaluate("location.hash = '#s=0.5&c=1&x=' + Array(24).fill(0).join(',')")
    page.wait_for_function("() => lstmExplorer.state().x.length === 24")
    page.evaluate(
        "document.querySelector('#lstm-explorer-sequence figure').scrollIntoView({block: 'center'})"
    )
    return _drag(page, [("x", 3), ("x", 12), ("x", 24)], rounds)


def cell_latencies(page: Page, rounds: int) -> dict[str, list[float]]:
    """Drag the one-step figure's s, c and forget gate (with the 24-step sequence behind)."""
    page.evaluate(
        "document.querySelector('#lstm-explorer figure').scrollIntoView({block: 'center'})"
    )
    return _drag(page, [("s", 1), ("c_prev", 1), ("forget", 1)], rounds)


def key_latencies(page: Page, presses: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    for frame in (False, True):
        page.evaluate(RECORDER, frame)
        page.focus("#lstm-explorer-s")
        for n in range(presses):
            page.keyboard.press("ArrowUp" if (n // 30) % 2 else "ArrowDown")
        page.wait_for_timeout(100)
        if frame:
            times["frame"] = page.evaluate("window.__frame")
        else:
            times.update(page.evaluate("({latency: window.__lat, work: window.__work})"))
    return times


#: Links of up to 1 MB that once took a parser long: a run of digits ending in a letter, of
#: separators, of percent-encodings, of inputs, of repeated keys.
MEGABYTE = 1 << 20
LINKS = {
    "digits then a letter": "#s=" + "1" * MEGABYTE + "a",
    "separators": "#s=1&c=1" + "&" * MEGABYTE,
    "percent-encodings": "#s=1&c=1&x=" + "%25" * (MEGABYTE // 3),
    "inputs": "#s=1&c=1&x=" + "1," * (MEGABYTE // 2),
    "one key repeated": "#s=1&c=1" + "&s=2" * (MEGABYTE // 4),
}
READ = """([links, old]) => {
  const spec = lstmExplorer.spec;
  const median = (fn) => {
    const times = [];
    for (let k = 0; k < 5; k++) {
      const start = performance.now();
      fn();
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[2];
  };
  const read = Object.entries(links).map(([name, text]) =>
    [name, text.length, median(() => lstmExplorer.link.readLink(text, spec))]);
  const before = new RegExp(old);
  const backtracked = [10000, 20000].map((n) => {
    const text = "1".repeat(n) + "a";
    const start = performance.now();
    before.test(text);
    return [n, performance.now() - start];
  });
  return {read, backtracked};
}"""
#: The number pattern before issue 22: "\d+\.?\d*" matches a run of digits in quadratically
#: many ways.
OLD_NUMBER = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"


def python_read_ms(text: str) -> float:
    """The median time lstm_viz's own reader takes on a link, in milliseconds."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        read_state(text)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def reading(page: Page) -> None:
    """How long the page's link reader (and lstm_viz's) takes on links of a megabyte, and the
    number pattern before issue 22."""
    out = page.evaluate(READ, [LINKS, OLD_NUMBER])
    for name, length, ms in out["read"]:
        py = python_read_ms(LINKS[name])
        print(
            f"link of {length:,} characters ({name}): read in {ms:.1f} ms by the page, "
            f"{py:.1f} ms by lstm_viz (target ≤ 50 ms)"
        )
    for n, ms in out["backtracked"]:
        print(f"  the number pattern before issue 22, {n:,} digits then a letter: {ms:.0f} ms")
    start = statistics.median(
        page.evaluate(
            """h => { const t = performance.now(); location.hash = h;
                      return new Promise(r => requestAnimationFrame(() =>
                        r(performance.now() - t))); }""",
            LINKS["digits then a letter"],
        )
        for _ in range(3)
    )
    print(f"a 1 MB link in the address bar → state read and drawn: {start:.1f} ms")


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def explorer_html(html: str) -> str:
    """The explorer's HTML in its page: its block (and, in older builds, the sequence's block),
    and the lists of challenges and questions."""
    start = html.index('<div class="lstm-explorer"')
    end = html.index("</noscript></div>", start) + len("</noscript></div>")
    parts = [html[start:end]]
    sequence = html.find('id="lstm-explorer-sequence"')
    if sequence > end:  # before issue 19 the sequence had a block of its own
        begin = html.rindex("<div", 0, sequence)
        parts.append(html[begin : html.index("</details></div>", sequence) + 16])
    parts += re.findall(r'<ol class="lstm-explorer-goals".*?</ol>', html, re.S)
    return "".join(parts)


def transfer(site: Path, label: str = "") -> int:
    html = (site / PAGE).read_text()
    static = site / "_static"
    parts = {
        f"explorer/{p.name}": p.read_bytes() for p in sorted((static / "explorer").glob("*.js"))
    }
    parts["explorer.css"] = (static / "explorer.css").read_bytes()
    parts["the explorer's HTML in the page (figures, controls, goals, data)"] = explorer_html(
        html
    ).encode()
    total = 0
    for name, data in parts.items():
        size = gzipped(data)
        total += size
        print(f"  {name}: {len(data) / 1024:.1f} KB, {size / 1024:.1f} KB gzipped")
    print(f"transfer the explorer adds{label}: {total / 1024:.1f} KB gzipped (target ≤ 450 KB)")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--rounds", type=int, default=2, help="drags of each point (80 moves each)")
    parser.add_argument("--before", type=Path, help="an older build's site, to compare transfer")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if not (site / PAGE).is_file():
            print(f"no {PAGE} in {site}: building the book into a temporary folder …")
            result = build_book(Path(tmp))
            if result.returncode != 0:
                raise SystemExit(f"the build failed:\n{result.stdout[-3000:]}")
            site = Path(tmp) / "_build" / "html"
        server, url = serve(site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(find_chromium()), args=HEADLESS_ARGS
            )
            ready = []
            for _ in range(7):
                page, ms = open_explorer(browser, url)
                ready.append(ms)
                page.context.close()
            print(
                f"navigation → interactive explorer: median {statistics.median(ready):.0f} ms, "
                f"best {min(ready):.0f} ms, worst {max(ready):.0f} ms over {len(ready)} cold loads "
                "(target ≤ 600 ms)"
            )
            page, _ = open_explorer(browser, url)
            page.wait_for_timeout(500)
            summary("drag x_t, T = 24 → updated", sequence_latencies(page, args.rounds))
            summary("drag s, c, f (T = 24) → updated", cell_latencies(page, args.rounds))
            summary("arrow key → updated", key_latencies(page, 120))
            reading(page)
            browser.close()
        server.shutdown()
    total = transfer(site)
    if args.before:
        before = transfer(args.before, f" in {args.before}")
        print(f"added since then: {(total - before) / 1024:.1f} KB gzipped (issue 19: ≤ 30 KB)")


if __name__ == "__main__":
    main()
