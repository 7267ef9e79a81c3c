"""The shipped experiment: every run of the code is shipped, its weights come from the code as it
stands, and retraining gives the same bytes however many processes train."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from lstm_viz.experiment import __main__ as cli
from lstm_viz.experiment import retraining
from lstm_viz.experiment import runs as ex
from lstm_viz.experiment import weights as wx
from lstm_viz.experiment.training import parameter_count, train


@pytest.fixture(scope="module")
def runs() -> dict:
    return wx.load()


def test_every_run_of_the_code_is_shipped_with_the_codes_configuration(runs) -> None:
    assert list(runs) == list(ex.configs())
    assert len(runs) == len(ex.REGIMES) * len(ex.MODELS) * len(ex.SEEDS)
    for key, config in ex.configs().items():
        _, model, seed = key
        assert runs[key].config == config, f"{key}: retrain with python -m lstm_viz.experiment"
        assert runs[key].model.kind == ex.MODELS[model].kind
        assert runs[key].model.hidden == ex.MODELS[model].hidden == config.hidden
        assert len(runs[key].loss) == config.steps // 50
        assert (runs[key].checkpoint is not None) == (seed == ex.SEEDS[0])


def test_the_models_differ_only_where_they_answer_an_objection() -> None:
    rnn, matched, orthogonal, lstm, bias0 = (
        ex.MODELS[k] for k in ("rnn", "rnn-matched", "rnn-orthogonal", "lstm", "lstm-bias0")
    )
    assert rnn.hidden == orthogonal.hidden == lstm.hidden == bias0.hidden == ex.BASE.hidden
    assert lstm.forget_bias == ex.BASE.forget_bias and bias0.forget_bias == 0
    assert orthogonal.recurrent == "orthogonal"
    assert {m.recurrent for k, m in ex.MODELS.items() if k != "rnn-orthogonal"} == {"uniform"}
    # The matched RNN is as close to the LSTM's parameter count as whole units allow.
    gap = abs(matched.parameters - lstm.parameters)
    for h in (matched.hidden - 1, matched.hidden + 1):
        assert abs(parameter_count("rnn", h) - lstm.parameters) > gap
    assert gap < 0.05 * lstm.parameters
    assert ex.matched_hidden(8) == matched.hidden


@pytest.mark.slow
@pytest.mark.parametrize("key", [k for k in ex.configs() if k[2] == ex.SEEDS[0]])
def test_retraining_a_reduced_run_reproduces_the_shipped_checkpoint(runs, key) -> None:
    """The first seed's run, retrained for the checkpoint's few steps, gives its stored weights."""
    shipped = runs[key].checkpoint
    kind = ex.MODELS[key[1]].kind
    fresh = train(kind, replace(ex.configs()[key], steps=ex.CHECKPOINT_STEPS)).model.params
    assert set(fresh) == set(shipped)
    for name, value in fresh.items():
        # Same code, same machine: the same bits. Elsewhere the last bits of exp and tanh may
        # differ, so a difference far below any training step is tolerated.
        np.testing.assert_allclose(value, shipped[name], rtol=0, atol=1e-12, err_msg=name)
    assert not np.array_equal(shipped["w_hh"], runs[key].model.params["w_hh"])


def test_weights_round_trip_bit_for_bit(runs) -> None:
    """Saving float64 weights as base64 keeps every bit; loading gives read-only arrays."""
    model = runs[("long", "lstm", ex.SEEDS[0])].model
    entry = wx.encode_array(model.params["w_ih"])
    back = wx.decode_array(json.loads(json.dumps(entry)))
    assert back.tobytes() == np.ascontiguousarray(model.params["w_ih"]).tobytes()
    assert not back.flags.writeable


def _tiny_configs() -> dict:
    small = replace(ex.BASE, steps=50, batch=16, train_size=64)
    return {
        ("every", model, seed): replace(
            small,
            seed=seed,
            hidden=ex.MODELS[model].hidden,
            forget_bias=ex.MODELS[model].forget_bias,
        )
        for model in ("rnn", "lstm-bias0")
        for seed in (1, 2)
    }


@pytest.mark.slow
def test_retraining_writes_the_same_bytes_in_one_process_or_two(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(ex, "configs", _tiny_configs)
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    retraining.retrain(one, None, jobs=1, log=lambda _: None)
    retraining.retrain(two, None, jobs=2, log=lambda _: None)
    assert one.read_bytes() == two.read_bytes()
    shipped = json.loads(one.read_text())["runs"]
    assert [(e["model"], e["seed"]) for e in shipped] == [(k[1], k[2]) for k in _tiny_configs()]
    assert set(wx.load(one)) == set(_tiny_configs())  # its digests hold
    with pytest.raises(ValueError, match="jobs must be a whole number"):
        retraining.retrain(one, None, jobs=0)


def test_the_command_line_refuses_a_bad_job_count(capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--jobs", "none"])
    assert "--jobs must be a whole number" in capsys.readouterr().err


def test_the_training_processes_do_their_arithmetic_one_way_on_any_avx2_machine() -> None:
    """Under NUMERICS numpy runs no AVX-512 path and OpenBLAS its Haswell kernel, whatever this
    processor offers: the weights are then the same bits on every x86-64 machine with AVX2."""
    probe = (
        "import json, threadpoolctl\n"
        "from numpy._core._multiarray_umath import __cpu_features__ as f\n"
        "print(json.dumps([f.get('X86_V4'), f.get('AVX512_ICL'),"
        " [i.get('architecture') for i in threadpoolctl.threadpool_info()]]))\n"
    )
    with retraining._numerics():
        assert all(os.environ[name] == value for name, value in retraining.NUMERICS.items())
        found = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True
        )
    assert json.loads(found.stdout) == [False, False, ["Haswell"]]
    assert not set(retraining.NUMERICS) & set(os.environ) or all(
        os.environ.get(name) != value for name, value in retraining.NUMERICS.items()
    )
