"""Lighthouse performance of every page of the built book, mobile and desktop.

Runs ``lighthouse`` (pinned to 12.2.3 in benchmarks/package.json, which ``make bench`` installs:
13.x needs Node 22) in the browser the build uses, against the built site served with gzip from
127.0.0.1, as a static host serves it. Prints, per page and form factor, the median performance
score, first and largest contentful paint (FCP, LCP), total blocking time (TBT) and cumulative
layout shift (CLS) over a few runs, with the scores' spread: the machine is shared, so the spread
says how far one run can be trusted.

Targets (issue 13): mobile ≥ 90 on every page (the explorer ≥ 80, LCP ≤ 2.5 s), desktop ≥ 95,
mobile TBT ≤ 200 ms on text pages. Prints the figures; asserts nothing.

Run: .venv/bin/python benchmarks/lighthouse.py [--site after=_build/html --site before=OTHER/html]
     [--runs 3] [--desktop-runs 1] [--pages lstm explorer] [--json results.json]
Several sites are measured in one interleaved run (page by page, site by site), so a comparison
holds while the machine's load drifts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.gzip_server import serve_gzip
from lstm_viz.sphinx.browser import find_chromium
from tests.conftest import ROOT, html_pages

LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
FORM_FACTORS = ("mobile", "desktop")
AUDITS = {
    "lcp": "largest-contentful-paint",
    "tbt": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "fcp": "first-contentful-paint",
}


def lighthouse(url: str, form_factor: str, out: Path) -> dict[str, float]:
    """One Lighthouse run: the performance score (0-100) and the metrics (ms, CLS unitless)."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=performance",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": str(find_chromium())}
    subprocess.run(command, check=True, env=env, timeout=300, capture_output=True)
    report = json.loads(out.read_text())
    audits = report["audits"]
    result = {key: audits[audit]["numericValue"] for key, audit in AUDITS.items()}
    result["score"] = round(100 * report["categories"]["performance"]["score"])
    foreign = [
        item["url"]
        for item in audits["network-requests"]["details"]["items"]
        if item["url"].startswith("http") and not item["url"].startswith(url.split("/book/")[0])
    ]
    result["foreign"] = len(foreign)
    return result


def page_names(site: Path) -> list[str]:
    """The site's content pages, as paths under it."""
    return [str(p.relative_to(site)) for p in html_pages(site)]


def summarise(runs: list[dict[str, float]]) -> dict[str, float]:
    scores = [r["score"] for r in runs]
    return {
        "score": statistics.median(scores),
        "score_min": min(scores),
        "score_max": max(scores),
        **{key: statistics.median(r[key] for r in runs) for key in AUDITS},
        "foreign": max(r["foreign"] for r in runs),
        "runs": len(runs),
    }


def table(results: dict[str, dict[str, dict[str, dict[str, float]]]]) -> str:
    """Markdown: one row per page and site; mobile and desktop side by side."""
    lines = [
        "| page | site | mobile score (min–max) | FCP | LCP | TBT | CLS | "
        "desktop score (min–max) | FCP | LCP | TBT | CLS |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for page, sites in results.items():
        for label, forms in sites.items():
            cells = []
            for form in FORM_FACTORS:
                m = forms[form]
                cells += [
                    f"{m['score']:.0f} ({m['score_min']:.0f}–{m['score_max']:.0f})",
                    f"{m['fcp'] / 1000:.2f} s",
                    f"{m['lcp'] / 1000:.2f} s",
                    f"{m['tbt']:,.0f} ms",
                    f"{m['cls']:.3f}",
                ]
            name = page.removeprefix("book/").removesuffix(".html")
            lines.append(f"| {name} | {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site",
        action="append",
        default=[],
        help="LABEL=PATH of a built site (repeatable; default after=_build/html)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each page and form factor")
    parser.add_argument(
        "--desktop-runs", type=int, default=None, help="runs of each page on desktop (else --runs)"
    )
    parser.add_argument("--pages", nargs="*", help="page names such as lstm (default: all)")
    parser.add_argument("--json", type=Path, help="also write the medians here")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"no {LIGHTHOUSE}: run `make setup` (npm ci installs Lighthouse 12.2.3)")
    sites = dict(s.split("=", 1) for s in args.site) or {"after": str(ROOT / "_build" / "html")}
    servers = {label: serve_gzip(Path(path)) for label, path in sites.items()}
    pages = page_names(Path(next(iter(sites.values()))))
    if args.pages:
        pages = [p for p in pages if Path(p).stem in args.pages]
    runs: dict[tuple[str, str, str], list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs):
            for page in pages:
                for form in FORM_FACTORS:
                    if form == "desktop" and n >= (args.desktop_runs or args.runs):
                        continue
                    for label, (_, url) in servers.items():
                        result = lighthouse(f"{url}/{page}", form, Path(tmp) / "report.json")
                        runs.setdefault((page, label, form), []).append(result)
                        print(
                            f"run {n + 1}/{args.runs} {page} {form} {label}: score "
                            f"{result['score']}, LCP {result['lcp']:.0f} ms, TBT "
                            f"{result['tbt']:.0f} ms, CLS {result['cls']:.3f}",
                            file=sys.stderr,
                            flush=True,
                        )
    for server, _ in servers.values():
        server.shutdown()
    results: dict = {}
    for (page, label, form), values in runs.items():
        results.setdefault(page, {}).setdefault(label, {})[form] = summarise(values)
    print(table(results))
    spreads = [
        forms[f]["score_max"] - forms[f]["score_min"]
        for sites_ in results.values()
        for forms in sites_.values()
        for f in FORM_FACTORS
    ]
    print(
        f"\nMedians over {args.runs} runs each ({args.desktop_runs or args.runs} on desktop). "
        "Noise: a page's score varied by a median of "
        f"{statistics.median(spreads):.0f} and at most {max(spreads):.0f} points between runs."
    )
    foreign = {
        p: s
        for p, sites_ in results.items()
        for s, f in sites_.items()
        if any(f[form]["foreign"] for form in FORM_FACTORS)
    }
    print(f"Requests to other hosts: {'none' if not foreign else foreign}.")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
