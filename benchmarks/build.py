"""Time a clean strict build of the book (target ≤ 60 s) and a rebuild with no change (≤ 5 s).

Run: .venv/bin/python benchmarks/build.py   (builds into a temporary folder; _build/ is untouched)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.conftest import build_book


def timed_build(out: Path) -> float:
    start = time.perf_counter()
    result = build_book(out)
    if result.returncode != 0:
        raise SystemExit(f"the build failed:\n{result.stdout[-3000:]}")
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clean = timed_build(Path(tmp))
        again = timed_build(Path(tmp))
    print(f"clean strict build: {clean:.1f} s (target ≤ 60 s)")
    print(f"rebuild, no change: {again:.1f} s (target ≤ 5 s)")


if __name__ == "__main__":
    main()
