"""What the book's prose may state: value keys and claims, gathered from several registries.

A page writes a number as a *value key* (the ``{val}`` role) and a qualitative sentence as the
name of a *claim* (the ``{claim}`` role). Each part of the book that measures something keeps its
own registry of both: :data:`lstm_viz.model.claims.CHAPTER` for the cell,
:data:`lstm_viz.experiment.claims.EXPERIMENT` for the RNN-versus-LSTM experiment. The model layer
cannot import the experiment, so the registries are combined by whoever needs all of them (the
Sphinx roles), with :func:`combine`: every key and every claim name then belongs to exactly one
registry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

__all__ = ["Claim", "Statements", "combine"]

Subject = TypeVar("Subject")


@dataclass(frozen=True)
class Claim(Generic[Subject]):
    """A qualitative statement and the predicate that makes it true of its subject.

    The subject is what the statement is about — the book's cell (its
    :class:`~lstm_viz.model.gates.Weights`), or the experiment's measured results. ``subject``
    gives the book's own; a test can pass another to :meth:`holds` and watch the claim say no.
    """

    name: str
    statement: str
    test: Callable[[Subject], bool]
    subject: Callable[[], Subject]

    def holds(self, subject: Subject | None = None) -> bool:
        """Whether the statement is true of the book's subject, or of ``subject``."""
        return bool(self.test(self.subject() if subject is None else subject))


@dataclass(frozen=True)
class Statements:
    """One registry: which value keys it reads (``owns``), how it writes their values (with a
    true minus sign, raising ``ValueError`` for a key it cannot read), and its claims by name.

    ``grammar`` describes its keys for an error message, e.g. ``quantity@where[:format]``.
    """

    name: str
    grammar: str
    owns: Callable[[str], bool]
    format_value: Callable[[str], str]
    claims: Mapping[str, Claim[Any]]


def combine(*parts: Statements) -> Statements:
    """One registry that hands each value key and claim to the part it belongs to.

    Two parts may not share a claim name; a key that no part, or more than one, would read is
    refused, naming every part's grammar.
    """
    if not parts:
        raise ValueError("combine needs at least one registry")
    claims: dict[str, Claim[Any]] = {}
    for part in parts:
        shared = sorted(set(claims) & set(part.claims))
        if shared:
            raise ValueError(f"claims named in two registries: {', '.join(shared)}")
        claims.update(part.claims)

    def owns(key: str) -> bool:
        return any(part.owns(key) for part in parts)

    def format_value(key: str) -> str:
        owners = [part for part in parts if part.owns(key)]
        if len(owners) != 1:
            problem = "no registry reads" if not owners else "more than one registry reads"
            grammars = "; ".join(f"the {part.name}: {part.grammar}" for part in parts)
            raise ValueError(f"{problem} the value key {key!r} ({grammars})")
        return owners[0].format_value(key)

    names = " and ".join(part.name for part in parts)
    return Statements(names, "; ".join(p.grammar for p in parts), owns, format_value, claims)
