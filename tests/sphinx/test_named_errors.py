"""Errors that name what is wrong: a bad date or a byte that is not UTF-8 in ``CITATION.cff``, a
``{val}`` format no number can be written with, and any exception that stops the build — one line
naming the file, field, page or line, never a crash report that asks for a bug report upstream."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.errors import SphinxError

from lstm_viz.presentation.citation import CitationError, load_citation
from lstm_viz.sphinx.stopping import CtrlC, OneLineReports
from tests.conftest import ROOT
from tests.sphinx.test_roles import Build, build

CFF = (ROOT / "CITATION.cff").read_text(encoding="utf-8")


def test_an_impossible_unquoted_date_is_named(tmp_path: Path) -> None:
    file = tmp_path / "CITATION.cff"
    file.write_text(CFF.replace('date-released: "2026-11-25"', "date-released: 2026-02-30"))
    with pytest.raises(CitationError) as error:
        load_citation(file)
    assert str(error.value) == (
        "CITATION.cff: date-released must be a date YYYY-MM-DD, got str '2026-02-30' "
        "(day is out of range for month)"
    )


def test_an_unquoted_real_date_is_read(tmp_path: Path) -> None:
    file = tmp_path / "CITATION.cff"
    file.write_text(CFF.replace('date-released: "2026-11-25"', "date-released: 2026-11-25"))
    assert load_citation(file).released == "2026-11-25"


def test_a_latin_1_byte_is_named_with_its_line_and_column(tmp_path: Path) -> None:
    file = tmp_path / "CITATION.cff"
    text = CFF.encode("utf-8").replace(b"alias: Manisar", b"alias: Mani\xe9sar", 1)
    file.write_bytes(text)
    line = text[: text.index(b"\xe9")].count(b"\n") + 1
    column = text.index(b"\xe9") - text.rfind(b"\n", 0, text.index(b"\xe9"))
    with pytest.raises(CitationError) as error:
        load_citation(file)
    assert str(error.value) == (
        f"CITATION.cff: byte 0xe9 at line {line}, column {column} is not UTF-8: save the file as "
        "UTF-8"
    )


def test_a_value_format_too_precise_to_write_fails_the_strict_build_by_name(
    sphinx_project: Build,
) -> None:
    page = "# Chapter\n\nThe gate is {val}`forget@very-positive:.40f`.\n"
    run = build(sphinx_project, {"book/lstm": page}, strict=True)
    assert run.app.statuscode == 1
    assert (
        "lstm.md:3: WARNING: {val}: 'forget@very-positive:.40f' cannot be written with that "
        "format (InvalidOperation): ask for fewer decimal places"
    ) in run.warnings, run.warnings
    assert "Exception occurred" not in run.warnings


def report(exception: BaseException, app: object = None, pressed: bool = False) -> tuple[str, str]:
    """What Jupyter Book prints when ``exception`` stops a build, with the book's reporting."""
    import jupyter_book.sphinx

    out = StringIO()
    ctrl_c = CtrlC()
    ctrl_c.pressed = pressed
    log = Path(f"/nonexistent-{id(out)}") if app is None else app.log  # type: ignore[attr-defined]
    with OneLineReports(log, ctrl_c):
        try:
            raise exception
        except BaseException as raised:
            jupyter_book.sphinx.handle_exception(app, None, raised, out)
    return out.getvalue(), log.read_text() if log.exists() else ""


def test_a_sphinx_error_is_its_one_line() -> None:
    error = SphinxError("CITATION.cff: title is missing\n  (the file is empty)")
    error.category = "Cannot cite the book"
    printed, _ = report(error)
    assert (
        printed.strip()
        == "Cannot cite the book: CITATION.cff: title is missing (the file is empty)"
    )


def test_any_other_exception_names_the_page_and_keeps_its_traceback(tmp_path: Path) -> None:
    app = SimpleNamespace(
        env=SimpleNamespace(temp_data={"docname": "book/lstm"}), log=tmp_path / "crash.log"
    )
    printed, traceback = report(ZeroDivisionError("division by zero"), app)
    assert printed.strip() == (
        "The build stopped at page book/lstm: ZeroDivisionError: division by zero (its traceback "
        f"is in {tmp_path / 'crash.log'})"
    )
    assert "report" not in printed and "Traceback (most recent call last)" in traceback


def test_after_ctrl_c_nothing_is_reported_but_the_interruption() -> None:
    assert report(AssertionError(), pressed=True) == ("", "")
    assert report(KeyboardInterrupt()) == ("", "")
