"""A rebuild never shows numbers from older code: every page is read again when the code changes.

The book's pages are made by ``lstm_viz``, with the packages the lock files pin, but Sphinx and the
notebook executor only watch the pages' own sources. :func:`source_fingerprint` hashes the
package's code and browser files and the lock files; as a config value that marks the environment
outdated, it makes any change there re-read and re-execute every page (say figure JSON from an
older plotly beside a newer plotly.js).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx

__all__ = ["LOCK_FILES", "setup_fingerprint", "source_fingerprint"]

#: Beside the package, the files that fix what it runs with: the Python packages (plotly writes
#: the figures' JSON) and the browser packages (plotly.js draws it).
LOCK_FILES = ("uv.lock", "package-lock.json")


def source_fingerprint(package: Path = Path(__file__).parents[1], root: Path | None = None) -> str:
    """A hash of the package's files and of the lock files in ``root`` (the book's folder, by
    default the one holding ``package``), by their paths relative to it: the same wherever the
    checkout is."""
    root = package.parent if root is None else root
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    named = [(f"{package.name}/{p.relative_to(package).as_posix()}", p) for p in files]
    named += [(name, root / name) for name in LOCK_FILES]
    digest = hashlib.sha256()
    for name, path in named:
        content = path.read_bytes() if path.is_file() else b""
        for part in (name.encode(), content):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    return digest.hexdigest()


def setup_fingerprint(app: Sphinx) -> None:
    app.add_config_value(
        "lstm_viz_fingerprint", source_fingerprint(root=Path(app.srcdir)), "env", [str]
    )
