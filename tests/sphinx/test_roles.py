"""The {val}, {claim} and {explore} roles in a small Sphinx project of their own."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lstm_viz.model.claims import format_value
from lstm_viz.model.gates import Weights
from lstm_viz.model.statements import Claim
from lstm_viz.presentation.explorer.state import parse_state
from lstm_viz.sphinx.roles import STATEMENTS, explore_text
from tests.conftest import SphinxRun
from tests.pages import parse

# The roles alone, as the book's extension sets them up.
CONF = (
    'extensions = ["myst_parser"]\nroot_doc = "index"\n'
    "def setup(app):\n"
    "    from lstm_viz.sphinx.roles import setup_roles\n"
    "    setup_roles(app)\n"
)
Build = Callable[..., SphinxRun]


def build(sphinx_project: Build, pages: dict[str, str], *, strict: bool = False) -> SphinxRun:
    """The pages (docname → MyST text) under a home page's toctree, built with ``-n``."""
    toctree = "\n".join(name for name in pages)
    files = {"index.md": f"# Home\n\n```{{toctree}}\n{toctree}\n```\n"}
    files |= {f"{name}.md": text for name, text in pages.items()}
    return sphinx_project(CONF, files, strict=strict, confoverrides={"nitpicky": True})


CHAPTER = (
    "# Chapter\n\nThe gate is {val}`forget@very-positive` and {val}`forget@very-positive:.0%`.\n"
    "{claim}`It forgets almost everything <very-negative-wipes>`.\n"
    "{explore}`Try it <s=0.5&c=1&f=0>` or {explore}`just look <>`.\n"
)


def test_values_and_claims_are_written_with_what_they_state(sphinx_project: Build) -> None:
    run = build(sphinx_project, {"book/lstm": CHAPTER})
    assert not run.warnings.strip(), run.warnings
    html = run.html("book/lstm")
    page = parse(html)
    values = {s.attrs["data-key"]: s.text for s in page.iter("span") if "data-key" in s.attrs}
    assert values == {
        "forget@very-positive": format_value("forget@very-positive"),
        "forget@very-positive:.0%": "98%",
    }
    claims = {s.attrs["data-claim"]: s.text for s in page.iter("span") if "data-claim" in s.attrs}
    assert claims == {"very-negative-wipes": "It forgets almost everything"}
    # No explorer page in this project: the words stay, without a link.
    assert "Try it" in html and "explorer.html" not in html


def test_explore_links_into_the_explorer_page_when_the_book_has_one(sphinx_project: Build) -> None:
    pages = {"book/lstm": CHAPTER, "book/explorer": "# Explorer\n\nDrag.\n"}
    run = build(sphinx_project, pages)
    assert not run.warnings.strip(), run.warnings
    html = run.html("book/lstm")
    assert 'href="explorer.html#s=0.5&amp;c=1&amp;f=0"' in html
    assert 'href="explorer.html"' in html


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("{claim}`made up <no-such-claim>`", "no claim named 'no-such-claim'"),
        ("{claim}`the cell is wrong <made-false>`", "'made-false' does not hold for the model"),
        ("{val}`weight@0`", "quantity@where"),
        ("{explore}`go <s=1&c=0&f=2>`", "override forget must lie in [0, 1], got 2"),
        ("{explore}`go <s=1>`", "names both s and c"),
    ],
)
def test_a_wrong_statement_fails_a_strict_build(
    sphinx_project: Build, monkeypatch: pytest.MonkeyPatch, text: str, warning: str
) -> None:
    false = Claim("made-false", "Never.", lambda w: False, Weights)
    monkeypatch.setitem(STATEMENTS.claims, "made-false", false)
    run = build(sphinx_project, {"book/lstm": f"# Chapter\n\n{text}\n"}, strict=True)
    assert run.app.statuscode == 1, "the strict build passed"
    assert f"book/lstm.md:3: WARNING: {text.split('`')[0]}: " in run.warnings
    assert warning in run.warnings


def test_a_right_statement_passes_a_strict_build(sphinx_project: Build) -> None:
    run = build(sphinx_project, {"book/lstm": CHAPTER}, strict=True)
    assert run.app.statuscode == 0, run.warnings


@pytest.mark.parametrize(
    ("state", "parsed"),
    [
        ("", {}),
        ("s=0.5&c=-1.2", {"s": 0.5, "c_prev": -1.2}),
        (
            "s=0&c=1&f=0&i=1&g=-1&o=0.5",
            {"s": 0, "c_prev": 1, "forget": 0, "input": 1, "candidate": -1, "output": 0.5},
        ),
    ],
)
def test_parse_state(state: str, parsed: dict[str, float]) -> None:
    assert parse_state(state) == parsed


@pytest.mark.parametrize(
    "state",
    ["s=1&c=1&s=2", "s=1&c=inf", "s=1&c=1&g=-2", "x=1", "s=1&c", "s=a&c=1", "s=9&c=0", "s=0&c=4"],
)
def test_parse_state_refuses_bad_states(state: str) -> None:
    with pytest.raises(ValueError, match=r"explorer state|\bs\b|c_prev|override"):
        parse_state(state)


def test_an_explore_link_in_a_notebook_says_its_goal_and_held_gates() -> None:
    assert explore_text("Hold it", "goal=hold") == "Hold it (in the explorer: goal hold)"
    words = explore_text("Try", "s=0.5&c=1&x=4,0,0&i1=1&i2-3=0")
    assert words.endswith("x = (4, 0, 0), i at step 1 = 1, i at steps 2–3 = 0)")
