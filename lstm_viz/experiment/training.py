"""Teaching the RNN and the LSTM to score reviews: a classifier head, the loss, back-propagation
through time and the Adam optimiser, in numpy.

A model is a cell (:mod:`lstm_viz.experiment.sequences`) read by a linear head: the scores' logits
are ``h_T·W_outᵀ + b_out`` of the state after the last word, and the loss is the mean cross-entropy.
The backward pass walks the stored run from the last step to the first; it uses the derivatives
σ' = σ(1 − σ) and tanh' = 1 − tanh² of the values the forward pass kept, so no gate is
recomputed.

Everything is float64 and runs in a fixed order, so the same seed gives the same weights, bit for
bit, on a given machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from lstm_viz.experiment.review_task import (
    SCORES,
    VOCABULARY,
    Batch,
    TaskSpec,
    encode,
    random_reviews,
)
from lstm_viz.experiment.sequences import CELL_KEYS, LSTMRun, RNNRun, run_lstm, run_rnn

__all__ = [
    "HEAD_KEYS",
    "KINDS",
    "RECURRENT_STARTS",
    "Adam",
    "Model",
    "TrainConfig",
    "Trained",
    "clip_by_norm",
    "cross_entropy",
    "init_params",
    "initial_model",
    "input_gradients",
    "loss_and_gradients",
    "orthogonal",
    "parameter_count",
    "softmax",
    "train",
]

Float = NDArray[np.float64]
Params = dict[str, Float]

#: The two kinds of model, and how many gate blocks each cell's weight matrices hold.
KINDS: dict[str, int] = {"rnn": 1, "lstm": 4}
#: The classifier head's parameters: W_out (C, H) and b_out (C,).
HEAD_KEYS = ("w_out", "b_out")
#: How the recurrent weights W_hh may start: drawn like every other weight, or an orthogonal matrix
#: (every singular value 1, so a step back through time neither grows nor shrinks a gradient
#: before tanh's slope does) — the usual remedy for an RNN's fading gradient.
RECURRENT_STARTS = ("uniform", "orthogonal")


def _kind(kind: str) -> int:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    return KINDS[kind]


def init_params(
    kind: str, inputs: int, hidden: int, classes: int, rng: np.random.Generator
) -> Params:
    """Weights drawn uniformly from ±1/√H (the frameworks' default), biases likewise."""
    blocks = _kind(kind)
    for name, value in (("inputs", inputs), ("hidden", hidden), ("classes", classes)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a whole number ≥ 1, got {value!r}")
    bound = 1.0 / np.sqrt(hidden)
    shapes = {
        "w_ih": (blocks * hidden, inputs),
        "w_hh": (blocks * hidden, hidden),
        "b_ih": (blocks * hidden,),
        "b_hh": (blocks * hidden,),
        "w_out": (classes, hidden),
        "b_out": (classes,),
    }
    return {key: rng.uniform(-bound, bound, shape) for key, shape in shapes.items()}


def parameter_count(kind: str, hidden: int) -> int:
    """How many numbers a ``kind`` model with ``hidden`` units learns on the review task."""
    blocks = _kind(kind)
    inputs, classes = len(VOCABULARY), len(SCORES)
    cell = blocks * hidden * (inputs + hidden + 2)  # w_ih, w_hh, b_ih and b_hh
    return cell + classes * (hidden + 1)  # and the head's w_out and b_out


def softmax(logits: Float) -> Float:
    """Probabilities from logits along the last axis."""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def cross_entropy(logits: Float, labels: NDArray[np.int64]) -> tuple[float, Float]:
    """Mean cross-entropy of (B, C) logits against class labels, and its gradient."""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    log_total = np.log(np.exp(shifted).sum(axis=-1))
    rows = np.arange(len(labels))
    loss = float(np.mean(log_total - shifted[rows, labels]))
    grad = softmax(logits)
    grad[rows, labels] -= 1.0
    return loss, grad / len(labels)


@dataclass(frozen=True)
class Model:
    """A trained or untrained model: its kind ("rnn" or "lstm") and its parameters."""

    kind: str
    params: Params

    def __post_init__(self) -> None:
        _kind(self.kind)
        missing = [k for k in (*CELL_KEYS, *HEAD_KEYS) if k not in self.params]
        if missing:
            raise ValueError(f"params lacks {', '.join(missing)}")

    @property
    def hidden(self) -> int:
        return self.params["w_hh"].shape[1]

    def run(self, batch: Batch) -> RNNRun | LSTMRun:
        """The cell over every review of ``batch``."""
        runner = run_lstm if self.kind == "lstm" else run_rnn
        return runner(self.params, batch.tokens, batch.lengths)

    def logits(self, h: Float) -> Float:
        """The head's logits for states ``h`` (…, H)."""
        return h @ self.params["w_out"].T + self.params["b_out"]

    def predict(self, batch: Batch) -> NDArray[np.int64]:
        """The class each review gets, read from the state after its last word."""
        return np.argmax(self.logits(self.run(batch).h[-1]), axis=-1)


def _rnn_backward(params: Params, run: RNNRun, dh: Float) -> Float:
    """The loss's gradient for the cell's pre-activation at every step (T, B, H), from ``dh``,
    its gradient for the last state."""
    dz = np.zeros((*run.x.shape[:2], dh.shape[-1]))
    w_hh = params["w_hh"]
    for t in range(run.x.shape[0] - 1, -1, -1):
        live = run.mask[t, :, None]
        dz[t] = dh * live * (1.0 - run.h[t + 1] ** 2)
        dh = dz[t] @ w_hh + dh * (1.0 - live)
    return dz


def _lstm_backward(params: Params, run: LSTMRun, dh: Float) -> Float:
    """As :func:`_rnn_backward`, for the four gate blocks (T, B, 4H); the gradient also flows
    back along the LTM, multiplied at each step by the forget gate."""
    dc = np.zeros_like(dh)
    steps = run.x.shape[0]
    dz = np.zeros((steps, dh.shape[0], 4 * dh.shape[1]))
    w_hh = params["w_hh"]
    for t in range(steps - 1, -1, -1):
        live = run.mask[t, :, None]
        i, f, g, o, squashed = (
            run.input[t],
            run.forget[t],
            run.candidate[t],
            run.output[t],
            run.squashed[t],
        )
        dh_cell = dh * live
        dc_cell = dc * live + dh_cell * o * (1.0 - squashed**2)
        dz_i, dz_f, dz_g, dz_o = np.split(dz[t], 4, axis=-1)  # views: written in place
        dz_i[...] = dc_cell * g * i * (1.0 - i)
        dz_f[...] = dc_cell * run.c[t] * f * (1.0 - f)
        dz_g[...] = dc_cell * i * (1.0 - g**2)
        dz_o[...] = dh_cell * squashed * o * (1.0 - o)
        dh = dz[t] @ w_hh + dh * (1.0 - live)
        dc = dc_cell * f + dc * (1.0 - live)
    return dz


def _weight_gradients(x: Float, h_prev: Float, dz: Float) -> Params:
    """Gradients of the cell's weights from the pre-activation gradients of every step."""
    dz_flat = dz.reshape(-1, dz.shape[-1])
    db = dz_flat.sum(axis=0)
    return {
        "w_ih": dz_flat.T @ x.reshape(-1, x.shape[-1]),
        "w_hh": dz_flat.T @ h_prev.reshape(-1, h_prev.shape[-1]),
        "b_ih": db,
        "b_hh": db.copy(),
    }


def _backward(model: Model, run: RNNRun | LSTMRun, dh: Float) -> Float:
    if isinstance(run, LSTMRun):
        return _lstm_backward(model.params, run, dh)
    return _rnn_backward(model.params, run, dh)


def loss_and_gradients(model: Model, batch: Batch) -> tuple[float, Params]:
    """The mean cross-entropy of ``model`` on ``batch`` and its gradient for every parameter."""
    run = model.run(batch)
    h_last = run.h[-1]
    loss, dlogits = cross_entropy(model.logits(h_last), batch.labels)
    dz = _backward(model, run, dlogits @ model.params["w_out"])
    grads = _weight_gradients(run.x, run.h[:-1], dz)
    grads["w_out"] = dlogits.T @ h_last
    grads["b_out"] = dlogits.sum(axis=0)
    return loss, grads


def input_gradients(model: Model, batch: Batch) -> Float:
    """Each review's own loss differentiated by each of its inputs x_t: (T, B, D).

    Its size at a word says how strongly the loss depends on that word, and so how much training
    can learn about the word from this review.
    """
    run = model.run(batch)
    _, dlogits = cross_entropy(model.logits(run.h[-1]), batch.labels)
    dlogits *= len(batch)  # the gradient of each review's loss, not of the batch's mean
    dz = _backward(model, run, dlogits @ model.params["w_out"])
    return dz @ model.params["w_ih"]


def clip_by_norm(grads: Params, limit: float) -> tuple[Params, float]:
    """``grads`` scaled down so their joint Euclidean norm is at most ``limit``; and that norm."""
    norm = float(np.sqrt(sum(float(np.sum(g * g)) for g in grads.values())))
    if norm <= limit:
        return grads, norm
    return {key: g * (limit / norm) for key, g in grads.items()}, norm


class Adam:
    """Adam (Kingma & Ba, 2015) with bias correction, updating parameters in place."""

    def __init__(
        self,
        params: Params,
        learning_rate: float,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
    ):
        if not learning_rate > 0:
            raise ValueError(f"learning_rate must be > 0, got {learning_rate!r}")
        self.learning_rate, self.beta1, self.beta2, self.eps = learning_rate, beta1, beta2, eps
        self.m = {key: np.zeros_like(p) for key, p in params.items()}
        self.v = {key: np.zeros_like(p) for key, p in params.items()}
        self.t = 0

    def step(self, params: Params, grads: Params) -> None:
        self.t += 1
        correct1, correct2 = 1.0 - self.beta1**self.t, 1.0 - self.beta2**self.t
        for key, p in params.items():
            self.m[key] = self.beta1 * self.m[key] + (1.0 - self.beta1) * grads[key]
            self.v[key] = self.beta2 * self.v[key] + (1.0 - self.beta2) * grads[key] ** 2
            m_hat, v_hat = self.m[key] / correct1, self.v[key] / correct2
            p -= self.learning_rate * m_hat / (np.sqrt(v_hat) + self.eps)


@dataclass(frozen=True)
class TrainConfig:
    """One training run. Both models of the book use the same one, so see the same reviews."""

    hidden: int = 8
    steps: int = 2000
    batch: int = 64
    learning_rate: float = 0.01
    clip: float = 1.0
    train_size: int = 8000
    seed: int = 2020
    forget_bias: float = 0.0
    task: TaskSpec = field(default_factory=TaskSpec)
    recurrent: str = "uniform"  # how W_hh starts: one of RECURRENT_STARTS

    def __post_init__(self) -> None:
        for name in ("hidden", "steps", "batch", "train_size"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"TrainConfig.{name} must be a whole number ≥ 1, got {value!r}")
        for name in ("learning_rate", "clip"):
            if not getattr(self, name) > 0:
                raise ValueError(f"TrainConfig.{name} must be > 0, got {getattr(self, name)!r}")
        if self.batch > self.train_size:
            raise ValueError("TrainConfig.batch must not exceed train_size")
        if self.recurrent not in RECURRENT_STARTS:
            raise ValueError(
                f"TrainConfig.recurrent must be one of {', '.join(RECURRENT_STARTS)}, "
                f"got {self.recurrent!r}"
            )


@dataclass(frozen=True)
class Trained:
    """A trained model with the loss of every step, and the wall-clock and CPU seconds it took."""

    model: Model
    losses: Float
    seconds: float
    cpu_seconds: float


def _seeds(config: TrainConfig) -> list[np.random.SeedSequence]:
    """Independent seeds for the training reviews, their order and the starting weights."""
    return np.random.SeedSequence(config.seed).spawn(3)


def orthogonal(rows: int, rng: np.random.Generator) -> Float:
    """A random ``rows`` × ``rows`` orthogonal matrix, uniform over the orthogonal group: the Q of
    a Gaussian matrix's QR decomposition, its columns' signs fixed by R's diagonal (as
    ``torch.nn.init.orthogonal_`` draws one)."""
    q, r = np.linalg.qr(rng.standard_normal((rows, rows)))
    return q * np.sign(np.diag(r))


def initial_model(kind: str, config: TrainConfig = TrainConfig()) -> Model:
    """The model :func:`train` starts from: weights from the seed, the forget gates opened.

    With ``config.recurrent == "orthogonal"`` W_hh is replaced by an orthogonal matrix drawn after
    every other weight, so the other weights are those of the same seed's default start.
    """
    _kind(kind)
    rng = np.random.default_rng(_seeds(config)[2])
    params = init_params(kind, len(VOCABULARY), config.hidden, len(SCORES), rng)
    if kind == "lstm":  # gate blocks i, f, g, o: start with the forget gate open
        params["b_ih"][config.hidden : 2 * config.hidden] += config.forget_bias
    if config.recurrent == "orthogonal":
        blocks = KINDS[kind]
        params["w_hh"] = np.concatenate([orthogonal(config.hidden, rng) for _ in range(blocks)])
    return Model(kind, params)


def train(
    kind: str,
    config: TrainConfig = TrainConfig(),
    *,
    on_step: Callable[[int, Model], None] | None = None,
) -> Trained:
    """Train a ``kind`` model on reviews drawn from ``config.seed``; same config, same weights.

    The reviews and their order depend on the seed alone, so both kinds see the same batches.
    ``on_step(step, model)`` is called after every update (steps count from 1).
    """
    _kind(kind)
    data_seed, order_seed, _ = _seeds(config)
    rng = np.random.default_rng(data_seed)
    reviews = encode(random_reviews(rng, config.train_size, config.task))
    order = np.random.default_rng(order_seed)
    model = initial_model(kind, config)
    params = model.params
    adam = Adam(params, config.learning_rate)
    losses = np.zeros(config.steps)
    per_epoch = config.train_size // config.batch
    start, cpu_start = time.perf_counter(), time.process_time()
    # One BLAS thread: the matrices are small, so threads only contend, and the sums keep one order.
    with threadpool_limits(limits=1, user_api="blas"):
        for step in range(config.steps):
            if step % per_epoch == 0:
                shuffled = order.permutation(config.train_size)
            rows = shuffled[(step % per_epoch) * config.batch :][: config.batch]
            losses[step], grads = loss_and_gradients(model, reviews.take(rows))
            adam.step(params, clip_by_norm(grads, config.clip)[0])
            if on_step is not None:
                on_step(step + 1, model)
    return Trained(model, losses, time.perf_counter() - start, time.process_time() - cpu_start)
