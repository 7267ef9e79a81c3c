"""The weights file vouches for itself: a digest of the code that made it and one of what it
holds, both checked when it is loaded; a missing, unreadable, damaged, edited or stale file stops
with one line that names the file and what to do."""

from __future__ import annotations

import ast
import base64
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.experiment import runs as ex
from lstm_viz.experiment import weights as wx
from lstm_viz.experiment.retraining import NUMERICS

KEYS = [("every", "rnn-orthogonal", 1), ("long", "lstm", 1)]


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    """Two runs of a few updates on a few reviews, with their models' own settings."""
    configs = ex.configs()
    small = {key: replace(configs[key], steps=50, batch=16, train_size=64) for key in KEYS}
    return [ex.train_run(key, config)[0] for key, config in small.items()]


@pytest.fixture
def made(tmp_path: Path, entries) -> Path:
    path = tmp_path / "weights.json"
    wx.write(path, entries, ex.CHECKPOINT_STEPS, NUMERICS)
    return path


def _one_line_naming(error: pytest.ExceptionInfo, path: Path, *words: str) -> None:
    message = str(error.value)
    assert "\n" not in message and str(path) in message, message
    assert wx.RETRAIN in message, message
    for word in words:
        assert word in message, message


def test_a_file_as_written_loads_with_its_runs(made: Path) -> None:
    runs = wx.load(made)
    assert list(runs) == KEYS
    assert runs[KEYS[0]].config.recurrent == "orthogonal"
    document = json.loads(made.read_text())
    assert document["made_by"] == wx.code_digest()
    assert len(document["digest"]) == 64


def test_the_shipped_file_carries_the_digest_of_this_code() -> None:
    document = json.loads(wx.WEIGHTS.read_text())
    assert document["made_by"] == wx.code_digest(), f"retrain: {wx.RETRAIN}"
    assert document["numerics"] == NUMERICS
    assert set(wx.load()) == set(ex.configs())


def _edit(path: Path, change) -> None:
    """Change the file's runs with ``change(entry)``, keeping the digest it carries."""
    document = json.loads(path.read_text())
    for entry in document["runs"]:
        change(entry)
    path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")


def _scale_lstm(entry: dict) -> None:
    if entry["kind"] == "lstm":
        for name, value in entry["params"].items():
            entry["params"][name] = wx.encode_array(wx.decode_array(value) * 1.05)


def test_scaled_lstm_weights_stop_the_load(made: Path) -> None:
    """The finding of issue 22: every LSTM weight × 1.05 changed six published numbers unseen."""
    _edit(made, _scale_lstm)
    with pytest.raises(wx.WeightsError) as error:
        wx.load(made)
    _one_line_naming(error, made, "does not match the digest")


def test_an_edited_loss_or_configuration_stops_the_load(made: Path) -> None:
    _edit(made, lambda entry: entry["loss_every_50"].__setitem__(0, 0.5))
    with pytest.raises(wx.WeightsError, match="does not match the digest"):
        wx.load(made)


def test_the_digest_itself_cannot_be_edited_to_fit(made: Path) -> None:
    """Scaled weights with the digest of the edited file: the code's digest still holds, so
    nothing notices — except that the file no longer is what this code trains (test_runs.py
    retrains the checkpoint; ``--check`` retrains all)."""
    _edit(made, _scale_lstm)
    document = json.loads(made.read_text())
    document["digest"] = wx._content_digest(document)
    made.write_text(json.dumps(document))
    assert wx.load(made)  # what the digest can and cannot do: it catches edits, not forgeries


def test_a_missing_file_is_named_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(wx.WeightsError) as error:
        wx.load(tmp_path / "rnn-vs-lstm.json")
    _one_line_naming(error, tmp_path / "rnn-vs-lstm.json", "no such file")


def test_the_shipped_files_message_says_how_to_restore_it(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(wx, "WEIGHTS", tmp_path / "rnn-vs-lstm.json")
    with pytest.raises(wx.WeightsError, match=r"restore it \(git checkout -- "):
        wx.load(tmp_path / "rnn-vs-lstm.json")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "not valid JSON (line 1, column 1"),
        ('{"runs": [', "not valid JSON"),
        ("[1, 2]", "not a weights file with digests"),
        ('{"runs": []}', "not a weights file with digests"),
    ],
)
def test_a_damaged_file_is_named_with_what_to_do(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "weights.json"
    path.write_text(text)
    with pytest.raises(wx.WeightsError) as error:
        wx.load(path)
    _one_line_naming(error, path, words)


def test_a_truncated_file_is_named(made: Path) -> None:
    made.write_bytes(made.read_bytes()[: len(made.read_bytes()) // 2])
    with pytest.raises(wx.WeightsError) as error:
        wx.load(made)
    _one_line_naming(error, made, "not valid JSON")


def test_bytes_that_are_not_text_are_named(tmp_path: Path) -> None:
    path = tmp_path / "weights.json"
    path.write_bytes(b"\xff\xfe{")
    with pytest.raises(wx.WeightsError) as error:
        wx.load(path)
    _one_line_naming(error, path, "cannot be read")


def test_a_folder_in_place_of_the_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(wx.WeightsError) as error:
        wx.load(tmp_path)
    _one_line_naming(error, tmp_path, "cannot be read")


def test_a_run_that_cannot_be_read_is_named_even_with_a_fitting_digest(made: Path) -> None:
    document = json.loads(made.read_text())
    document["runs"][0]["params"]["w_hh"]["float64"] = "not base64!"
    document["digest"] = wx._content_digest(document)
    made.write_text(json.dumps(document))
    with pytest.raises(wx.WeightsError) as error:
        wx.load(made)
    _one_line_naming(error, made, "a run in it cannot be read")


def test_weights_made_by_other_code_are_refused_by_file(monkeypatch, made: Path) -> None:
    now = wx.code_digest()
    changed = {**now, "lstm_viz/experiment/training.py": "0" * 64}
    monkeypatch.setattr(wx, "code_digest", lambda: changed)
    with pytest.raises(wx.WeightsError) as error:
        wx.load(made)
    message = str(error.value)
    assert "made by other code" in message and "lstm_viz/experiment/training.py" in message
    assert "review_task.py" not in message and wx.RETRAIN in message


def _digest(source: str) -> str:
    return wx._digest(wx._syntax(ast.parse(source)))


def test_the_code_digest_ignores_docstrings_comments_and_layout_only() -> None:
    code = 'def f(x):\n    """Why."""\n    return x + 1  # one more\n'
    same = "def f(x):\n\n    return (x +\n            1)\n"
    assert _digest(code) == _digest(same)
    assert _digest(code) != _digest(code.replace("x + 1", "x + 2"))
    assert _digest(code) != _digest(code.replace("def f", "def g"))
    # A string that is an argument is code; one that stands alone is a docstring.
    assert _digest('x = "a"') != _digest('x = "b"')
    assert _digest('"""A module."""\nx = 1') == _digest("x = 1")


def test_the_code_digest_covers_the_cells_training_calls() -> None:
    parts = wx.code_digest()
    assert {f"lstm_viz/experiment/{m.rsplit('.', 1)[1]}.py" for m in wx.TRAINING_MODULES} <= set(
        parts
    )
    assert "lstm_viz/model/gates.py:lstm_activations" in parts
    assert all(len(value) == 64 for value in parts.values())


def test_arrays_round_trip_every_bit() -> None:
    array = np.array([[np.pi, -0.0, 1e-308], [np.nextafter(1.0, 2.0), -np.inf, 5.0]])
    back = wx.decode_array(json.loads(json.dumps(wx.encode_array(array))))
    assert back.tobytes() == array.tobytes() and not back.flags.writeable
    with pytest.raises(ValueError):
        wx.decode_array({"shape": [1], "float64": base64.b64encode(b"abc").decode() + "!"})


CONF = (
    'extensions = ["myst_parser"]\nroot_doc = "index"\n'
    "def setup(app):\n"
    "    from lstm_viz.sphinx.roles import setup_roles\n"
    "    setup_roles(app)\n"
)
PAGE = (
    "# The experiment\n\n{val}`learned-runs@long/lstm` of {val}`seeds` runs learned; "
    "{claim}`more than half do <long-lstms-mostly-learn>`, {val}`worst@every/rnn` at worst.\n"
)


@pytest.mark.build
def test_a_book_whose_weights_are_gone_fails_with_one_line(
    sphinx_project, monkeypatch, tmp_path: Path
) -> None:
    """Issue 22: a deleted weights file crashed the build with a traceback asking for a bug
    report. Now a strict build fails with one warning naming the file and what to do."""
    from lstm_viz.experiment import results as rx

    gone = tmp_path / "rnn-vs-lstm.json"
    monkeypatch.setattr(wx, "WEIGHTS", gone)
    monkeypatch.setattr(rx, "load", lambda path: wx.load(gone))
    rx.results.cache_clear()
    try:
        run = sphinx_project(CONF, {"index.md": PAGE}, strict=True)
    finally:
        rx.results.cache_clear()
    assert run.app.statuscode == 1
    lines = [line for line in run.warnings.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert f"{gone}: no such file" in lines[0] and f"retrain: {wx.RETRAIN}" in lines[0]
    assert "Traceback" not in run.warnings and "report" not in run.warnings
