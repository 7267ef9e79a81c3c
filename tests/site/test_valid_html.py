"""Every built page is valid HTML: the Nu HTML Checker (npm ``vnu-jar``, pinned in package.json, run
offline with Java 17) finds no error in any of them. Its warnings are listed, not failed. The same
run checks a copy of a page with an unescaped ``<`` put into its text, to show the check can fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: A page of the site into whose first paragraph a copy puts a stray "<".
PAGE = "book/cite.html"


def pages(site: Path) -> list[Path]:
    """Every page of the site: all its HTML but the theme's template fragments in ``_static``."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


def nu_check(files: list[Path]) -> list[dict[str, Any]]:
    """The Nu HTML Checker's messages on ``files``, as its JSON report gives them."""
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java 17: apt-get install -y openjdk-17-jre-headless"
    assert VNU.is_file(), "run `npm ci` (make setup): vnu-jar is in package.json"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages: list[dict[str, Any]] = json.loads(result.stderr)["messages"]
    return messages


@pytest.fixture(scope="module")
def checked(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Any]]:
    """The checker's messages by page (relative to the site; the doctored copy as "broken")."""
    html = (built_site / PAGE).read_text(encoding="utf-8")
    at = html.index("<p>", html.index("<article")) + len("<p>")
    broken = tmp_path_factory.mktemp("vnu") / "broken.html"
    broken.write_text(f"{html[:at]}(0 ≤ s < 2) {html[at:]}", encoding="utf-8")
    by_page: dict[str, list[Any]] = {str(p.relative_to(built_site)): [] for p in pages(built_site)}
    by_page["broken"] = []
    for message in nu_check([*pages(built_site), broken]):
        path = Path(message["url"].removeprefix("file:"))
        name = "broken" if path == broken else str(path.relative_to(built_site))
        by_page[name].append(message)
    return by_page


#: The critical rules that the slim step (:mod:`lstm_viz.sphinx.slim`) inlines right before the
#: stylesheet link it makes non-blocking.
CRITICAL = re.compile(r'<style>(?:(?!</style>).)*</style>(?=<link[^>]*media="print")', re.DOTALL)


def critical_css_lines(html: str) -> set[int]:
    """The lines of a page that hold its inlined critical CSS."""
    lines: set[int] = set()
    for match in CRITICAL.finditer(html):
        first = html.count("\n", 0, match.start()) + 1
        lines.update(range(first, first + match[0].count("\n") + 1))
    return lines


def _about_critical_css(message: dict[str, Any], lines: set[int]) -> bool:
    """The checker's CSS checker reads the theme's rules (copied from its stylesheets, where they
    were never checked) and does not know container queries or ``paint-order``."""
    return message["message"].startswith("CSS:") and message.get("lastLine") in lines


def test_every_page_is_valid_html(checked: dict[str, list[Any]], built_site: Path) -> None:
    site = {name: messages for name, messages in checked.items() if name != "broken"}
    assert {"index.html", "book/lstm.html", "book/explorer.html", "search.html"} <= set(site)
    critical = {
        name: critical_css_lines((built_site / name).read_text(encoding="utf-8")) for name in site
    }
    errors = [
        f"{name}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()[:80]}]"
        for name, messages in site.items()
        for m in messages
        if m["type"] in ("error", "non-document-error")
        and not _about_critical_css(m, critical[name])
    ]
    assert not errors, "\n".join(errors)
    found = Counter(
        f"{name}: {m['message']}"
        for name, messages in site.items()
        for m in messages
        if m.get("subType") == "warning"
    )
    if found:
        warnings.warn(
            "the Nu HTML Checker warns (not failed):\n"
            + "\n".join(f"  {count}× {text}" for text, count in sorted(found.items())),
            stacklevel=1,
        )


def test_the_check_fails_on_an_unescaped_less_than_in_a_page(
    checked: dict[str, list[Any]],
) -> None:
    errors = [m["message"] for m in checked["broken"] if m["type"] == "error"]
    assert any("Unescaped “<”" in error for error in errors), errors
