"""How many words each page asks a reader to read, counted in Chromium as the reader sees them.

A page's words are the visible text of its main column (``.bd-article``) split on whitespace, with
every dropdown (answers) opened: prose, tables, captions, the labels of diagrams and figures and the
glyphs of typeset math all count; text only a screen reader gets (a figure's text alternative,
clipped to one pixel) does not. A budget may also cap the words before one section, the page's
opening, and forbid the experiment's numbers there.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lstm_viz.experiment.claims import EXPERIMENT

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Budget:
    """At most ``total`` words on ``page``; with ``opening``, at most ``opening_words`` before the
    section headed ``opening``, where no number of the experiment may appear."""

    page: str
    total: int
    opening: str = ""
    opening_words: int = 0


BUDGETS = [
    pytest.param(Budget("book/lstm.html", 3000, "Two memories", 250), id="lstm"),
    pytest.param(Budget("book/rnn-vs-lstm.html", 2200), id="rnn-vs-lstm"),
]

#: The words of the main column, and of the part of it before the section headed ``opening``: its
#: text without citations (a year is no number of the experiment) and the value keys shown in it.
COUNT = """opening => {
  for (const d of document.querySelectorAll("details")) d.open = true;
  const column = document.querySelector(".bd-article") || document.querySelector("main");
  // Text for screen readers only: clipped to a pixel or less.
  const hidden = [...column.querySelectorAll("*")].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width <= 1 && r.height <= 1 && e.textContent.trim();
  });
  for (const e of hidden) e.style.setProperty("display", "none");
  const words = text => text.split(/\\s+/).filter(Boolean).length;
  const found = {total: words(column.innerText), opening: null};
  const heading = [...column.querySelectorAll("h2")]
    .find(h => h.textContent.trim().startsWith(opening));
  if (opening && heading) {
    const range = document.createRange();
    range.setStart(column, 0);
    range.setEndBefore(heading.closest("section"));
    const before = document.createElement("div");
    before.appendChild(range.cloneContents());
    column.parentElement.appendChild(before);  // laid out as the column is, for innerText
    const keys = [...before.querySelectorAll("[data-key]")].map(e => e.dataset.key);
    const opened = words(before.innerText);
    for (const cite of before.querySelectorAll('a[href*="references.html"]')) cite.remove();
    found.opening = {words: opened, text: before.innerText, keys};
    before.remove();
  }
  for (const e of hidden) e.style.removeProperty("display");
  return found;
}"""


def _count(visit, budget: Budget) -> dict:
    seen = visit(budget.page, viewport={"width": 1280, "height": 800})
    return seen.page.evaluate(COUNT, budget.opening)


@pytest.mark.parametrize("budget", BUDGETS)
def test_a_page_stays_within_its_word_budget(visit, budget: Budget) -> None:
    found = _count(visit, budget)
    assert found["total"] <= budget.total, f"{budget.page}: {found['total']} words"
    if budget.opening:
        opening = found["opening"]
        assert opening is not None, f"{budget.page} has no section headed {budget.opening!r}"
        assert opening["words"] <= budget.opening_words, (
            f"{budget.page}: {opening['words']} words before {budget.opening!r}"
        )
        from_experiment = [key for key in opening["keys"] if EXPERIMENT.owns(key)]
        assert not from_experiment, f"the experiment's numbers before it: {from_experiment}"
        digits = [word for word in opening["text"].split() if any(c.isdigit() for c in word)]
        assert not digits, f"numbers before {budget.opening!r}: {digits}"


def test_the_count_sees_what_a_reader_sees(visit) -> None:
    """Opened answers count, screen-reader-only text does not, and the opening is found."""
    seen = visit("book/lstm.html", viewport={"width": 1280, "height": 800})
    page = seen.page
    before = page.evaluate(COUNT, "Two memories")
    page.evaluate(
        """() => {
          const column = document.querySelector(".bd-article");
          const first = column.querySelector("h2").closest("section");
          const hidden = document.createElement("p");
          hidden.className = "lstm-viz-alt";
          hidden.textContent = "one two three four five";
          const shown = document.createElement("p");
          shown.textContent = "six seven 2020";
          first.prepend(hidden, shown);
        }"""
    )
    after = page.evaluate(COUNT, "Two memories")
    assert after["total"] == before["total"] + 3
    assert after["opening"]["words"] == before["opening"]["words"] + 3
    assert "2020" in after["opening"]["text"]
    assert page.evaluate(COUNT, "No such section")["opening"] is None
