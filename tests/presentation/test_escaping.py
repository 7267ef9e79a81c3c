"""One helper escapes text where it meets HTML, and the book's modules use it."""

from __future__ import annotations

import ast
from html.parser import HTMLParser

import pytest

from lstm_viz.presentation.escaping import escape
from tests.conftest import ROOT

#: Modules that still call ``html.escape`` themselves; their owners move them to the helper.
NOT_YET: set[str] = set()


class _Read(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.title = dict(attrs).get("title") or self.title

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize(
    "value",
    ["<img src=x onerror=alert(1)>", "a \"quoted\" & 'single' <b>", "0 ≤ s < 2", 7, None],
)
def test_escaped_text_reads_back_as_itself_in_text_and_in_an_attribute(value: object) -> None:
    read = _Read()
    read.feed(f'<p title="{escape(value)}">{escape(value)}</p>')
    read.close()
    assert read.tags == ["p"]
    assert "".join(read.text) == str(value) and read.title == str(value)


def escapes_its_own_way(source: str) -> bool:
    """Whether Python ``source`` calls ``html.escape`` or imports ``escape`` from ``html``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) == ("html", "escape"):
                return True
        elif isinstance(node, ast.ImportFrom) and node.module == "html":
            if any(alias.name == "escape" for alias in node.names):
                return True
    return False


def test_html_is_escaped_only_through_the_helper() -> None:
    """No module escapes text for HTML its own way (other than those still being moved)."""
    own_way = {
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "lstm_viz").rglob("*.py"))
        if escapes_its_own_way(path.read_text(encoding="utf-8"))
    }
    assert own_way - {"lstm_viz/presentation/escaping.py"} <= NOT_YET, own_way


@pytest.mark.parametrize(
    ("source", "own_way"),
    [
        ("import html\nx = html.escape(y)\n", True),
        ("from html import escape as e\n", True),
        ("import html\nx = html.unescape(y)\n", False),
        ("from lstm_viz.presentation.escaping import escape\n", False),
    ],
)
def test_escaping_its_own_way_is_seen(source: str, own_way: bool) -> None:
    assert escapes_its_own_way(source) is own_way
