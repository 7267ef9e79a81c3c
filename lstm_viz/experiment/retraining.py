"""Retraining every run of the experiment, a few at a time in separate processes, into the
weights file (:mod:`lstm_viz.experiment.weights`) and the file of measured times."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from lstm_viz.experiment import runs
from lstm_viz.experiment.weights import TIMING, WEIGHTS, write, write_timing

__all__ = ["default_jobs", "retrain"]


def default_jobs() -> int:
    """Two processes, or one on a one-core machine: each run is single-threaded."""
    return max(1, min(2, os.cpu_count() or 1))


def retrain(
    weights: Path = WEIGHTS,
    timing: Path | None = TIMING,
    *,
    jobs: int | None = None,
    log: Callable[[str], None] = print,
) -> None:
    """Train every run of :func:`lstm_viz.experiment.runs.configs`, ``jobs`` at a time in
    separate processes, and write the weights (and the times) as JSON. Each run is deterministic
    on its own, so the file's bytes do not depend on ``jobs``."""
    jobs = default_jobs() if jobs is None else jobs
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise ValueError(f"jobs must be a whole number ≥ 1, got {jobs!r}")
    items = list(runs.configs().items())
    start = time.perf_counter()
    entries, seconds, cpu = [], {}, {}
    # "spawn": a fresh interpreter per worker, whatever threads the parent has started.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        done = pool.map(runs.train_run, [k for k, _ in items], [c for _, c in items])
        for (key, _), (entry, wall, cpu_seconds) in zip(items, done, strict=True):
            name = "/".join(str(part) for part in key)
            seconds[name], cpu[name] = round(wall, 2), round(cpu_seconds, 2)
            log(f"{name:>21}: {wall:5.1f} s ({cpu_seconds:5.1f} s of CPU)")
            entries.append(entry)
    elapsed = time.perf_counter() - start
    write(weights, entries, runs.CHECKPOINT_STEPS)
    log(
        f"all {len(entries)} runs: {elapsed:.0f} s with {jobs} processes, "
        f"{sum(cpu.values()):.0f} s of processor time training"
    )
    if timing is not None:
        write_timing(
            timing,
            {
                "train_seconds": seconds,
                "train_seconds_total": round(sum(seconds.values()), 1),
                "train_cpu_seconds": cpu,
                "train_cpu_seconds_total": round(sum(cpu.values()), 1),
                "train_elapsed_seconds": round(elapsed, 1),
                "train_jobs": jobs,
                "cpus": os.cpu_count(),
            },
        )
