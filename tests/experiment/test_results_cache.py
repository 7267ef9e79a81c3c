"""The measurements kept between processes: read back equal, and measured again when what they
depend on changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.experiment import results as results_module
from lstm_viz.experiment.results import CACHE, results
from lstm_viz.experiment.weights import WEIGHTS

SMALL = 4  # test reviews per distance: enough to measure, quick


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """An empty cache folder, and no results kept in this process."""
    monkeypatch.setenv(CACHE, str(tmp_path))
    results.cache_clear()
    yield tmp_path
    results.cache_clear()


def test_a_second_process_reads_what_the_first_measured(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = results(WEIGHTS, SMALL)
    assert len(list(fresh.glob("results-*.pickle"))) == 1
    results.cache_clear()  # as a new process would start

    def measure_again(*_: object) -> None:
        raise AssertionError("measured again though the cache holds the same weights and code")

    monkeypatch.setattr(results_module, "measure", measure_again)
    second = results(WEIGHTS, SMALL)
    assert second.measured.distances == first.measured.distances
    for key, accuracy in first.measured.accuracy.items():
        np.testing.assert_array_equal(second.measured.accuracy[key], accuracy)
    assert second.reach.keys() == first.reach.keys()


def test_a_torn_file_is_measured_again(fresh: Path) -> None:
    results(WEIGHTS, SMALL)
    (kept,) = fresh.glob("results-*.pickle")
    kept.write_bytes(kept.read_bytes()[:100])
    results.cache_clear()
    assert results(WEIGHTS, SMALL).measured.per_distance == SMALL


def test_the_key_follows_the_test_set_and_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = results_module._cache_key
    assert key(WEIGHTS, SMALL) == key(WEIGHTS, SMALL)
    assert key(WEIGHTS, SMALL) != key(WEIGHTS, SMALL + 1)
    # A copy of the package whose measuring code differs by one character.
    package = Path(results_module.__file__).resolve().parents[1]
    copy = tmp_path / "lstm_viz"
    for source in [*package.glob("experiment/*.py"), *package.glob("model/**/*.py")]:
        target = copy / source.relative_to(package)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    monkeypatch.setattr(results_module, "__file__", str(copy / "experiment" / "results.py"))
    same = key(WEIGHTS, SMALL)
    measure = copy / "experiment" / "measure.py"
    measure.write_text(measure.read_text() + "\n# changed\n")
    assert key(WEIGHTS, SMALL) != same
