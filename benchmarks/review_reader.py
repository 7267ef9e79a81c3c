"""The review reader of the RNN-versus-LSTM page in headless Chromium: how fast typing updates the
figure, and what the reader adds to the page's transfer.

Targets (issue 18): typing a review, from the key press to the step-through figure, the words, the
slider and the scores updated, median ≤ 50 ms (also printed: to the next frame); what the reader
adds to its page (its modules, style, data and HTML), ≤ 40 KB gzip-compressed. Prints the figures;
asserts nothing.

Run: .venv/bin/python benchmarks/review_reader.py [--site _build/html]   (builds the book first when
the site has no such page)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.explorer import gzipped, percentile, serve
from lstm_viz.experiment.review_task import CHAPTER_SENTENCE, STRETCHED_SENTENCE
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, build_book

PAGE = "book/rnn-vs-lstm.html"
FIGURE = "rnn-lstm-step-through"

# Records how long each update took from the key press that caused it: to the end of the page's
# input handler, which redraws the figure (its listener runs before this one, registered later),
# and, in a separate pass, to the next frame.
RECORDER = """frame => {
  window.__lat = [];
  window.__frame = [];
  window.__probe = frame;
  if (window.__recording) return;
  window.__recording = true;
  let pressed = null;
  window.addEventListener("keydown", e => { pressed = e.timeStamp; }, true);
  document.getElementById("review-text").addEventListener("input", () => {
    if (pressed === null) return;
    const stamp = pressed;
    window.__lat.push(performance.now() - stamp);
    if (window.__probe) requestAnimationFrame(() => window.__frame.push(performance.now() - stamp));
    pressed = null;
  });
}"""


def open_reader(browser, url: str) -> Page:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{url}/{PAGE}", wait_until="load")
    page.wait_for_function("() => window.reviewReader")
    page.locator("#review-text").scroll_into_view_if_needed()
    page.evaluate(f"document.getElementById('{FIGURE}').dispatchEvent(new Event('focusin'))")
    page.wait_for_function(f"() => document.getElementById('{FIGURE}').data")
    return page


def typing(page: Page, rounds: int) -> dict[str, list[float]]:
    """Type the chapter's review and the longer one, key by key, ``rounds`` times each."""
    times: dict[str, list[float]] = {}
    for frame in (False, True):
        page.evaluate(RECORDER, frame)
        for _ in range(rounds):
            for text in (CHAPTER_SENTENCE, STRETCHED_SENTENCE):
                page.locator("#review-text").fill("")
                page.locator("#review-text").press_sequentially(text)
        page.wait_for_timeout(100)
        times["frame" if frame else "latency"] = page.evaluate(
            "window.__frame" if frame else "window.__lat"
        )
    return times


def transfer(site: Path) -> None:
    html = (site / PAGE).read_text()
    start = html.index('<div class="lstm-viz-reader"')
    end = html.index("</script></div>", html.index('id="review-reader-data"')) + len(
        "</script></div>"
    )
    static = site / "_static"
    parts = {
        f"review-reader/{p.name}": p.read_bytes()
        for p in sorted((static / "review-reader").iterdir())
        if p.suffix in (".js", ".css")
    }
    parts["explorer/format.js (imported)"] = (static / "explorer" / "format.js").read_bytes()
    parts["the reader's HTML in the page (figure, data, controls)"] = html[start:end].encode()
    total = 0
    for name, data in parts.items():
        size = gzipped(data)
        total += size
        print(f"  {name}: {len(data) / 1024:.1f} KB, {size / 1024:.1f} KB gzipped")
    print(f"transfer the review reader adds: {total / 1024:.1f} KB gzipped (target ≤ 40 KB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--rounds", type=int, default=2, help="times each review is typed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if not (site / PAGE).is_file() or "review-reader" not in (site / PAGE).read_text():
            print(f"no review reader in {site / PAGE}: building the book into a temporary folder …")
            result = build_book(Path(tmp))
            if result.returncode != 0:
                raise SystemExit(f"the build failed:\n{result.stdout[-3000:]}")
            site = Path(tmp) / "_build" / "html"
        server, url = serve(site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = open_reader(browser, url)
            times = typing(page, args.rounds)
            values, frame = times["latency"], times["frame"]
            print(
                f"key press → figure, words, slider and scores updated: median "
                f"{statistics.median(values):.1f} ms, p95 {percentile(values, 0.95):.1f} ms, max "
                f"{max(values):.1f} ms over {len(values)} key presses (target: median ≤ 50 ms); "
                f"to the next frame: median {statistics.median(frame):.1f} ms, p95 "
                f"{percentile(frame, 0.95):.1f} ms"
            )
            browser.close()
        server.shutdown()
    transfer(site)


if __name__ == "__main__":
    main()
