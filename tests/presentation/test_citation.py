"""Citing: CITATION.cff is valid and the one source of the reference lines and BibTeX."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from lstm_viz.presentation.citation import load_citation
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
    with pytest.raises(ValueError, match="lacks what the book cites"):
        load_citation(broken)
