"""``python -m lstm_viz.experiment``: retrain the experiment's models, or check the shipped ones.

python -m lstm_viz.experiment                    # retrain; rewrite the weights and the times
python -m lstm_viz.experiment --check            # retrain into a temporary file and compare
python -m lstm_viz.experiment --time-evaluation  # time what the book's build computes
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from lstm_viz.experiment.measure import time_evaluation
from lstm_viz.experiment.retraining import default_jobs, retrain
from lstm_viz.experiment.weights import TIMING, WEIGHTS


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"--jobs must be a whole number ≥ 1, got {text!r}")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Retrain the book's RNN-versus-LSTM experiment, or check the shipped weights."
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="retrain into a temporary file and compare it byte for byte with the shipped one",
    )
    parser.add_argument(
        "--time-evaluation",
        action="store_true",
        help="only time what the book's build computes from the shipped weights",
    )
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=default_jobs(),
        help=f"how many runs to train at once, each in its own process (default {default_jobs()})",
    )
    args = parser.parse_args(argv)
    if args.time_evaluation:
        print(f"evaluation: {time_evaluation():.2f} s, noted in {TIMING}")
        return 0
    if not args.check:
        retrain(jobs=args.jobs)
        print(f"evaluation: {time_evaluation():.2f} s")
        print(f"wrote {WEIGHTS} and {TIMING}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / WEIGHTS.name
        retrain(fresh, None, jobs=args.jobs)
        same = fresh.read_bytes() == WEIGHTS.read_bytes()
    print("identical to the shipped weights" if same else "DIFFERENT from the shipped weights")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
