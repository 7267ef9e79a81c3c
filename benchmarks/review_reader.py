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
from lstm_viz.sphinx.browser import HEADLESS_ARGS, find_chromium
from tests.conftest import ROOT, build_book

PAGE = "book/rnn-vs-lstm.html"
FIGURE = "rnn-lstm-step-through"
#: Milliseconds between key presses: a fast typist's pace (20 keys a second), so each update is
#: timed on its own rather than behind a queue of keys no person types.
KEY_DELAY = 50

# Records how long each update took from the key press that caused it: to the end of the page's
# input handler, which redraws the figure (its listener runs before this one, registered later),
# and, in a separate pass, to the next frame. Each time is filed under whether the figure changed:
# a key inside a word that is not yet one of the task's leaves what the figure shows as it was.
RECORDER = """([frame, figure]) => {
  window.__lat = {redrawn: [], kept: []};
  window.__frame = {redrawn: [], kept: []};
  window.__probe = frame;
  if (window.__recording) return;
  window.__recording = true;
  const div = document.getElementById(figure);
  const shows = () => div.data.map(t => t.y.length + ":" + t.y[t.y.length - 1]).join();
  let pressed = null, before = null;
  window.addEventListener("keydown", e => { pressed = e.timeStamp; }, true);
  window.addEventListener("input", () => { before = shows(); }, true);
  document.getElementById("review-text").addEventListener("input", () => {
    if (pressed === null) return;
    const stamp = pressed, kind = shows() === before ? "kept" : "redrawn";
    window.__lat[kind].push(performance.now() - stamp);
    if (window.__probe) {
      requestAnimationFrame(() => window.__frame[kind].push(performance.now() - stamp));
    }
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


def typing(page: Page, rounds: int) -> dict[str, dict[str, list[float]]]:
    """Type the chapter's review and the longer one, key by key, ``rounds`` times each."""
    times: dict[str, dict[str, list[float]]] = {}
    for frame in (False, True):
        page.evaluate(RECORDER, [frame, FIGURE])
        for _ in range(rounds):
            for text in (CHAPTER_SENTENCE, STRETCHED_SENTENCE):
                page.locator("#review-text").fill("")
                page.locator("#review-text").press_sequentially(text, delay=KEY_DELAY)
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
    sizes = {name: (len(data), gzipped(data)) for name, data in parts.items()}
    print(
        "\n".join(
            f"  {n}: {raw / 1024:.1f} KB, {gz / 1024:.1f} KB gzipped"
            for n, (raw, gz) in sizes.items()
        )
    )
    added = sum(gz for _, gz in sizes.values())
    print(f"transfer the review reader adds: {added / 1024:.1f} KB gzipped (target ≤ 40 KB)")


def with_reader(site: Path, scratch: Path) -> Path:
    """``site``, or a fresh build in ``scratch`` when ``site`` has no review reader yet."""
    if (site / PAGE).is_file() and "review-reader" in (site / PAGE).read_text():
        return site
    print(f"no review reader in {site / PAGE}: building the book into a temporary folder …")
    result = build_book(scratch)
    if result.returncode:
        raise SystemExit(f"the build failed:\n{result.stdout[-3000:]}")
    return scratch / "_build" / "html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--rounds", type=int, default=2, help="times each review is typed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        site = with_reader(args.site, Path(tmp))
        server, url = serve(site)
        browser = playwright.chromium.launch(
            executable_path=str(find_chromium()), args=HEADLESS_ARGS
        )
        times = typing(open_reader(browser, url), args.rounds)
        browser.close()
        server.shutdown()
        for kind, words in (("redrawn", "figure redrawn"), ("kept", "figure unchanged")):
            values, frame = times["latency"][kind], times["frame"][kind]
            print(
                f"key press → words, slider, scores and {words}: median "
                f"{statistics.median(values):.1f} ms, p95 {percentile(values, 0.95):.1f} ms, max "
                f"{max(values):.1f} ms over {len(values)} key presses; to the next frame: median "
                f"{statistics.median(frame):.1f} ms, p95 {percentile(frame, 0.95):.1f} ms"
            )
        every = times["latency"]["redrawn"] + times["latency"]["kept"]
        print(
            f"every key press: median {statistics.median(every):.1f} ms over {len(every)} "
            "(target: median ≤ 50 ms)"
        )
        transfer(site)


if __name__ == "__main__":
    main()
