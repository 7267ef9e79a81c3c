"""Registries of value keys and claims, and how the book combines them."""

from __future__ import annotations

import pytest

from lstm_viz.model.claims import CHAPTER
from lstm_viz.model.statements import Claim, Statements, combine


def Fixed(statement: str, answer: bool) -> Claim[bool]:
    """A claim whose subject is its own answer."""
    return Claim(statement, statement, bool, lambda: answer)


def _registry(name: str, prefix: str, claims: dict) -> Statements:
    return Statements(
        name, f"{prefix}-…", lambda key: key.startswith(prefix), lambda key: f"{name}:{key}", claims
    )


def test_combined_registries_hand_each_key_and_claim_to_its_owner() -> None:
    a = _registry("a", "x", {"one": Fixed("one holds", True)})
    b = _registry("b", "y", {"two": Fixed("two does not", False)})
    both = combine(a, b)
    assert both.format_value("x-1") == "a:x-1" and both.format_value("y-2") == "b:y-2"
    assert set(both.claims) == {"one", "two"} and not both.claims["two"].holds()
    assert both.owns("x-1") and not both.owns("z")
    with pytest.raises(ValueError, match=r"no registry reads the value key 'z'.*the a: x-…"):
        both.format_value("z")


def test_a_key_or_claim_two_registries_share_is_refused() -> None:
    a = _registry("a", "x", {"one": Fixed("", True)})
    with pytest.raises(ValueError, match="more than one registry reads the value key 'x-1'"):
        combine(a, _registry("b", "x", {})).format_value("x-1")
    with pytest.raises(ValueError, match="claims named in two registries: one"):
        combine(a, _registry("b", "y", {"one": Fixed("", True)}))
    with pytest.raises(ValueError, match="at least one"):
        combine()


def test_the_chapters_registry_reads_its_own_keys() -> None:
    assert CHAPTER.format_value("forget@0") == "0.50"
    assert CHAPTER.owns("learned@min") and not CHAPTER.owns("seeds")
    assert all(claim.holds() for claim in CHAPTER.claims.values())


def test_a_claim_is_checked_on_its_own_subject_unless_given_another() -> None:
    positive = Claim("positive", "The number is above zero.", lambda n: n > 0, lambda: 3)
    assert positive.holds() and positive.holds(1) and not positive.holds(-1)
