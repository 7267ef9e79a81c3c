"""Time lstm_viz.model.gates.step on a 1000×1000 grid of (STM, LTM) states. Target: ≤ 50 ms.
Also lstm_step with every one of its 512 pre-activations beyond float64, against a normal one.

Run: .venv/bin/python benchmarks/gates.py
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from lstm_viz.model.gates import lstm_step, step


def timed(label: str, stm: np.ndarray, ltm: np.ndarray, repeats: int) -> None:
    step(stm, ltm)  # warm up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        step(stm, ltm)
        times.append((time.perf_counter() - start) * 1000)
    print(
        f"step, {label}: median {statistics.median(times):.1f} ms, "
        f"min {min(times):.1f} ms over {repeats} runs (target ≤ 50 ms)"
    )


def overflowing(repeats: int) -> None:
    """lstm_step (H = 128, D = 4) with inputs and weights of 1e200: 512 overflowing entries."""
    hidden, features = 128, 4
    zeros = (np.zeros(hidden), np.zeros(hidden))
    biases = (np.zeros(4 * hidden), np.zeros(4 * hidden))
    for label, size in (("512 overflowing entries", 1e200), ("no overflow", 1.0)):
        x, w_ih = np.full(features, size), np.full((4 * hidden, features), size)
        w_hh = np.zeros((4 * hidden, hidden))
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            lstm_step(x, *zeros, w_ih, w_hh, *biases)
            times.append((time.perf_counter() - start) * 1000)
        print(f"lstm_step, {label}: median {statistics.median(times):.2f} ms over {repeats} runs")


def main(repeats: int = 20) -> None:
    s = np.linspace(-6, 6, 1000)[:, None]
    c = np.linspace(-3, 3, 1000)[None, :]
    timed("1000 STM × 1000 LTM grid (broadcast)", s, c, repeats)
    full_s, full_c = np.broadcast_arrays(s, c)
    timed("10⁶ independent (STM, LTM) pairs", full_s.copy(), full_c.copy(), repeats)
    overflowing(repeats)


if __name__ == "__main__":
    main()
