"""The explorer in headless Chromium: update latency, time to interactive, and what it transfers.

Targets (issue 4): from an input event to the updated figure, median ≤ 8 ms and p95 ≤ 16 ms over a
few hundred updates; from navigation to an interactive explorer on 127.0.0.1, ≤ 600 ms; what the
explorer adds to its page's transfer (plotly.js, its script and style, its figure data), ≤ 450 KB
gzip-compressed. Prints the figures; asserts nothing.

Run: .venv/bin/python benchmarks/explorer.py [--site _build/html]   (builds the book first when the
site has no explorer page; `make book` does the same)
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
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, build_book

PAGE = "book/explorer.html"

# Records, in the page, how long each update took from the input event that caused it.
RECORDER = """() => {
  const gd = window.lstmExplorer.element;
  window.__lat = [];
  window.__work = [];
  let last = null, began = 0;
  for (const type of ["pointermove", "keydown", "input"]) {
    window.addEventListener(type, e => {
      if (last === null) { last = e; began = performance.now(); }
    }, true);
  }
  gd.addEventListener("lstm-explorer:update", () => {
    if (last) {
      window.__lat.push(performance.now() - last.timeStamp);
      window.__work.push(performance.now() - began);
    }
    last = null;
  });
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
    values, work = times["latency"], times["work"]
    print(
        f"{label}: median {statistics.median(values):.2f} ms, p95 {percentile(values, 0.95):.2f} "
        f"ms, max {max(values):.2f} ms over {len(values)} updates (targets: median ≤ 8 ms, "
        f"p95 ≤ 16 ms); the page's own work from the event's first listener: median "
        f"{statistics.median(work):.2f} ms, p95 {percentile(work, 0.95):.2f} ms"
    )


def open_explorer(browser, url: str) -> tuple[Page, float]:
    """A fresh page (cold cache); returns it and the time from navigation to interactive, in ms."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/{PAGE}", wait_until="commit")
    page.wait_for_function("() => window.lstmExplorer", timeout=15_000)
    return page, page.evaluate("window.lstmExplorer.readyAt")


def point_of(page: Page, key: str) -> tuple[float, float]:
    """The client position of a draggable point, from the figure's own drag rectangles."""
    return page.evaluate(
        """key => {
          const gd = window.lstmExplorer.element;
          const st = window.lstmExplorer.state(), q = window.lstmExplorer.values();
          const where = {stm: ["", 0, st.stm], ltm: ["3", 0, st.ltm], forget: ["2", 0, q.forget],
            input: ["2", 1, q.input], candidate: ["2", 2, q.candidate], output: ["2", 3, q.output]};
          const [n, x, y] = where[key];
          const area = gd.querySelector(`.nsewdrag[data-subplot="x${n}y${n}"]`);
          const r = area.getBoundingClientRect();
          const xr = gd.layout["xaxis" + n].range, yr = gd.layout["yaxis" + n].range;
          return [r.left + (x - xr[0]) / (xr[1] - xr[0]) * r.width,
                  r.top + (yr[1] - y) / (yr[1] - yr[0]) * r.height];
        }""",
        key,
    )


def drag_latencies(page: Page, rounds: int) -> dict[str, list[float]]:
    """Drag the STM, the LTM and a gate up and down with the mouse; one update per move."""
    page.evaluate(RECORDER)
    page.evaluate("window.lstmExplorer.element.scrollIntoView({block: 'center'})")
    for key in ("stm", "ltm", "forget") * rounds:
        x, y = point_of(page, key)
        page.mouse.move(x, y)
        page.mouse.down()
        for dy in (*range(1, 41), *range(39, -41, -1), *range(-39, 1)):
            page.mouse.move(x, y + dy * 3)
        page.mouse.up()
    return page.evaluate("({latency: window.__lat, work: window.__work})")


def key_latencies(page: Page, presses: int) -> dict[str, list[float]]:
    page.evaluate(RECORDER)
    page.focus("#lstm-explorer-stm")
    for n in range(presses):
        page.keyboard.press("ArrowUp" if (n // 30) % 2 else "ArrowDown")
    return page.evaluate("({latency: window.__lat, work: window.__work})")


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def transfer(site: Path) -> None:
    html = (site / PAGE).read_text()
    spec = re.search(r'<script type="application/json" id="lstm-explorer-data">.*?</script>', html)
    static = site / "_static"
    parts = {
        "plotly.js basic bundle": (static / "lstm-viz-vendor" / "plotly-basic.min.js").read_bytes(),
        "figures.js": (static / "figures.js").read_bytes(),
        "explorer.js": (static / "explorer.js").read_bytes(),
        "explorer.css": (static / "explorer.css").read_bytes(),
        "figure data (JSON in the page)": spec.group(0).encode() if spec else b"",
    }
    total = 0
    for name, data in parts.items():
        size = gzipped(data)
        total += size
        print(f"  {name}: {len(data) / 1024:.1f} KB, {size / 1024:.1f} KB gzipped")
    print(f"transfer the explorer adds: {total / 1024:.1f} KB gzipped (target ≤ 450 KB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument(
        "--rounds", type=int, default=2, help="drags of each point (160 moves each)"
    )
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
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
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
            summary("pointer drag → figure updated", drag_latencies(page, args.rounds))
            summary("arrow key → figure updated", key_latencies(page, 120))
            browser.close()
        server.shutdown()
    transfer(site)


if __name__ == "__main__":
    main()
