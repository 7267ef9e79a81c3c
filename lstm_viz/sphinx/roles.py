"""Sphinx roles that keep the chapter's prose tied to the model.

* ``{val}`key``` — a number computed when the book is built and put in the text:
  ``{val}`forget@slightly-positive``` reads "0.62" (the cell, :mod:`lstm_viz.model.values`),
  ``{val}`learned@long/lstm``` how many long-only LSTM runs learned the task (the experiment,
  :mod:`lstm_viz.experiment.values`).
* ``{claim}`words <name>``` — words that state one of the book's claims (the chapter's
  :data:`lstm_viz.model.claims.CLAIMS` or the experiment's
  :data:`lstm_viz.experiment.claims.CLAIMS`); the build warns (a strict build fails) if the
  claim is unknown or does not hold.
* ``{explore}`words <s=0.5&c=1&f=0>``` — a link into the explorer page (``book/explorer``) with
  that state in its hash; the state is checked strictly by
  :func:`lstm_viz.presentation.explorer.state.parse_state` (every key known and named once,
  every number in its range and to its places). While the book has no explorer page the words
  stay plain text.

In HTML ``{val}`` and ``{claim}`` become a ``<span>`` with a ``data-key`` or ``data-claim``
attribute, so a test can read back from the built page what was stated.

Both roles read :data:`STATEMENTS`, the chapter's and the experiment's registries combined
(:func:`lstm_viz.model.statements.combine`): each key and claim belongs to exactly one of them. The
experiment's numbers are measured once per build process, the first time one is asked for.

(Numbers never go stale: any change to the package re-reads and re-executes every page, see
``lstm_viz.sphinx.fingerprint.source_fingerprint``.)
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title
from sphinx.util.osutil import relative_uri

from lstm_viz.experiment.claims import EXPERIMENT
from lstm_viz.experiment.weights import WeightsError
from lstm_viz.model.claims import CHAPTER
from lstm_viz.model.statements import combine
from lstm_viz.presentation.explorer.grammar import HASH_KEYS, held_runs
from lstm_viz.presentation.explorer.state import hash_of, parse_state

__all__ = [
    "EXPLORER",
    "STATEMENTS",
    "explore_text",
    "setup_roles",
    "split_role",
    "value_text",
]

#: Every value key and claim the book's prose may use.
STATEMENTS = combine(CHAPTER, EXPERIMENT)

logger = logging.getLogger(__name__)

#: The docname of the explorer page that ``{explore}`` links to.
EXPLORER = "book/explorer"


def split_role(text: str) -> tuple[str, str]:
    """A role's content as (words, target): ``words <target>``, or the text as both."""
    explicit, words, target = split_explicit_title(text)
    return (words, target) if explicit else (text, text)


def value_text(key: str) -> str:
    """What ``{val}`key``` shows: the computed number, formatted as the prose writes it."""
    return STATEMENTS.format_value(key)


def explore_text(words: str, state: str) -> str:
    """What ``{explore}`words <state>``` says where there is no explorer to link to (a notebook):
    the words and the state they open, e.g. "try (in the explorer: s = 0.5, c = 1)"."""
    values = parse_state(state)
    if not values:
        return f"{words} (in the explorer)"
    settings = ", ".join(
        _setting(HASH_KEYS.get(k, k), v).replace("-", "−") for k, v in values.items()
    )
    return f"{words} (in the explorer: {settings})"


def _setting(key: str, value: object) -> str:
    """One value of an explorer state as the words say it: a number, the inputs x_1..x_T, the
    gates held at chosen steps, or a goal's key."""
    if isinstance(value, tuple):
        return f"{key} = " + ", ".join(f"{v:g}" for v in value).join("()")
    if isinstance(value, dict):  # "i2-11=0" reads "i at steps 2–11 = 0"
        return ", ".join(
            f"{g} at step{f' {a}' if a == b else f's {a}–{b}'} = {v:g}"
            for g, a, b, v in held_runs(value)
        )
    if isinstance(value, str):
        return f"{key} {value}"
    return f"{key} = {value:g}"


class value_node(nodes.inline):
    """A computed number; HTML gets ``<span class="lstm-value" data-key=...>``."""


class claim_node(nodes.inline):
    """Words stating a checked claim; HTML gets ``<span class="lstm-claim" data-claim=...>``."""


def _visit(attribute: str, cls: str):
    def visit(self: Any, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, "span", "", CLASS=cls, **{attribute: node["key"]}))

    return visit


def _depart(self: Any, node: nodes.Element) -> None:
    self.body.append("</span>")


def _refuse(role: SphinxRole, error: ValueError) -> None:
    """Warn that a role's number or claim cannot be had. A broken weights file breaks every one
    of the experiment's: it is named once, not at every role that reads it."""
    if isinstance(error, WeightsError):
        if getattr(role.env, "lstm_viz_weights_refused", False):
            return
        role.env.lstm_viz_weights_refused = True  # type: ignore[attr-defined]
    logger.warning("{%s}: %s", role.name, error, location=role.get_location())


class ValueRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        key = self.text.strip()
        try:
            text = value_text(key)
        except ValueError as error:
            _refuse(self, error)
            text = key
        except ArithmeticError as error:  # e.g. more decimal places than Decimal can round to
            logger.warning(
                "{val}: %r cannot be written with that format (%s): ask for fewer decimal places",
                key,
                type(error).__name__,
                location=self.get_location(),
            )
            text = key
        return [value_node(self.rawtext, text, key=key)], []


class ClaimRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        words, name = split_role(self.text)
        claim = STATEMENTS.claims.get(name)
        if claim is None:
            logger.warning(
                "{claim}: no claim named %r (known: %s)",
                name,
                ", ".join(STATEMENTS.claims),
                location=self.get_location(),
            )
        else:
            try:
                holds = claim.holds()
            except ValueError as error:  # what it is about cannot be measured: a bad weights file
                _refuse(self, error)
                holds = True
            if not holds:
                logger.warning(
                    "{claim}: %r does not hold for the model: %s",
                    name,
                    claim.statement,
                    location=self.get_location(),
                )
        return [claim_node(self.rawtext, words, key=name)], []


class ExploreRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        words, state = split_role(self.text)
        try:
            state = hash_of(parse_state(state)) if state else ""
        except ValueError as error:
            logger.warning("{explore}: %s", error, location=self.get_location())
            state = ""
        if EXPLORER not in self.env.found_docs:
            return [nodes.inline(self.rawtext, words, classes=["lstm-explore-pending"])], []
        builder = self.env.app.builder
        uri = relative_uri(
            builder.get_target_uri(self.env.docname), builder.get_target_uri(EXPLORER)
        )
        refuri = f"{uri}{state}"
        return [nodes.reference(self.rawtext, words, refuri=refuri, internal=True)], []


def setup_roles(app: Sphinx) -> None:
    app.add_node(value_node, html=(_visit("data-key", "lstm-value"), _depart))
    app.add_node(claim_node, html=(_visit("data-claim", "lstm-claim"), _depart))
    app.add_role("val", ValueRole())
    app.add_role("claim", ClaimRole())
    app.add_role("explore", ExploreRole())
