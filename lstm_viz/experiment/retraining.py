"""Retraining every run of the experiment, a few at a time in separate processes, into the
weights file (:mod:`lstm_viz.experiment.weights`) and the file of measured times.

The same code gives the same bits only where the arithmetic is done the same way, and numpy and
OpenBLAS pick their code by the processor: numpy's exp and tanh take their AVX-512 path where
there is one, OpenBLAS its own matrix kernel for each family of processor, and each rounds its
last bit its own way. So the processes that train run with :data:`NUMERICS`: numpy's AVX2 paths
and OpenBLAS's Haswell kernel, which every x86-64 processor with AVX2 runs alike. The weights are
then the same bits on any such machine (a GitHub runner's or a laptop's), and ``--check`` can
compare them byte for byte there.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from lstm_viz.experiment import runs
from lstm_viz.experiment.weights import TIMING, WEIGHTS, write, write_timing

__all__ = ["NUMERICS", "default_jobs", "retrain"]

#: The environment of the processes that train (read by numpy and OpenBLAS as they load): no
#: AVX-512 paths in numpy, OpenBLAS's Haswell kernel whatever the processor.
NUMERICS = {
    "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR",
    "OPENBLAS_CORETYPE": "Haswell",
}


@contextlib.contextmanager
def _numerics() -> Iterator[None]:
    """:data:`NUMERICS` in the environment the training processes start with, for a while."""
    kept = {name: os.environ.get(name) for name in NUMERICS}
    os.environ.update(NUMERICS)
    try:
        yield
    finally:
        for name, value in kept.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


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
    # "spawn": a fresh interpreter per worker, whatever threads the parent has started, that loads
    # numpy and OpenBLAS with NUMERICS.
    context = multiprocessing.get_context("spawn")
    with _numerics(), ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        done = pool.map(runs.train_run, [k for k, _ in items], [c for _, c in items])
        for (key, _), (entry, wall, cpu_seconds) in zip(items, done, strict=True):
            name = "/".join(str(part) for part in key)
            seconds[name], cpu[name] = round(wall, 2), round(cpu_seconds, 2)
            log(f"{name:>21}: {wall:5.1f} s ({cpu_seconds:5.1f} s of CPU)")
            entries.append(entry)
    elapsed = time.perf_counter() - start
    write(weights, entries, runs.CHECKPOINT_STEPS, NUMERICS)
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
