"""Citing: CITATION.cff is valid and the one source of the reference lines and BibTeX."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from lstm_viz.presentation.citation import CitationError, load_citation
from tests.conftest import ROOT

CFF = ROOT / "CITATION.cff"


def test_citation_cff_validates_with_cffconvert() -> None:
    cffconvert = Path(sys.executable).with_name("cffconvert")
    result = subprocess.run(
        [str(cffconvert), "--validate", "-i", str(CFF)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_cff_agrees_with_the_package_and_the_base_url() -> None:
    cff = yaml.safe_load(CFF.read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert cff["version"] == project["version"]
    assert cff["url"] == config["html"]["baseurl"]


def test_a_cff_without_what_the_book_cites_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "CITATION.cff"
    broken.write_text("cff-version: 1.2.0\ntitle: x\n")
    with pytest.raises(ValueError, match=r"CITATION\.cff: version is missing"):
        load_citation(broken)


GOOD = CFF.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param(GOOD + "\n  - : [\n", "not valid YAML at line", id="bad YAML"),
        pytest.param("", "title is missing (the file is empty)", id="empty"),
        pytest.param("- a\n- b\n", "the file must be a mapping", id="a list"),
        pytest.param(
            GOOD.replace("  year: 2020", "  year: twenty", 1),
            "preferred-citation.year must be a whole number, got str 'twenty'",
            id="year: twenty",
        ),
        pytest.param(
            GOOD.replace("authors:\n  - alias: Manisar\n  - name", "authors: []\nx:\n  - name", 1),
            "authors must list at least one person",
            id="authors: []",
        ),
        pytest.param(
            GOOD.replace("  - alias: Manisar\n  - name", "  - email: a@b.org\n  - name", 1),
            "authors[0] needs given-names and family-names, a name or an alias",
            id="a person without a name",
        ),
        pytest.param(GOOD.replace("url: ", "website: "), "url is missing", id="no url"),
        pytest.param(
            GOOD.replace('date-released: "2026-11-25"', "date-released: soon"),
            "date-released must be a date YYYY-MM-DD, got str 'soon'",
            id="a date that is not one",
        ),
        pytest.param(
            GOOD.replace("    publisher:\n      name: SKKN Press", "    publisher: 7"),
            "references[0].publisher must be a mapping of fields, got int 7",
            id="publisher: 7",
        ),
        pytest.param(
            GOOD.replace("section:", "chapter:"),
            "references has no entry with a section",
            id="no chapter",
        ),
    ],
)
def test_every_problem_with_the_cff_is_one_line_naming_file_and_field(
    tmp_path: Path, text: str, words: str
) -> None:
    broken = tmp_path / "CITATION.cff"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(CitationError) as raised:
        load_citation(broken)
    message = str(raised.value)
    assert message.startswith("CITATION.cff: ") and words in message, message
    assert "\n" not in message
    assert isinstance(raised.value, ValueError)  # what load_citation has always promised


def test_a_date_read_by_yaml_as_a_date_is_the_same_date(tmp_path: Path) -> None:
    unquoted = tmp_path / "CITATION.cff"
    unquoted.write_text(GOOD.replace('"2026-11-25"', "2026-11-25"), encoding="utf-8")
    assert load_citation(unquoted) == load_citation(CFF)
