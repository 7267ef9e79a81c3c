"""The browser the build draws the figures' stills with, and the tests drive: any Chrome or
Chromium, found once, here.

In order: the path in the ``CHROMIUM`` environment variable; the first of :data:`NAMES` on the
``PATH``; Debian's ``/usr/bin/chromium`` (which ``make book`` installs when it finds none).
``python -m lstm_viz.sphinx.browser`` prints the browser it finds, or says what to do and fails.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

__all__ = ["HEADLESS_ARGS", "NAMES", "NoBrowser", "find_chromium"]

#: The programs looked for on the PATH, in order.
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
DEBIAN = Path("/usr/bin/chromium")
#: Headless, and quiet on a machine whose only network is loopback: no background requests, no
#: component updates, no first-run pages, no sandbox (CI runs as root).
HEADLESS_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class NoBrowser(RuntimeError):
    """No Chrome or Chromium here; the message says how to get one."""


def find_chromium(environ: Mapping[str, str] = os.environ) -> Path:
    """The Chrome or Chromium to run, or :class:`NoBrowser` saying how to get one."""
    given = environ.get("CHROMIUM")
    if given:
        path = Path(given)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise NoBrowser(f"CHROMIUM={given} is not an executable file: point it at Chrome/Chromium")
    for name in NAMES:
        found = shutil.which(name, path=environ.get("PATH"))
        if found:
            return Path(found)
    if DEBIAN.is_file():
        return DEBIAN
    raise NoBrowser(
        "no Chrome or Chromium found (the build draws the figures' stills with it; the browser "
        "tests run in it): set CHROMIUM=/path/to/chrome, put one on the PATH, or install "
        "Debian's with `apt-get install -y chromium` (`make book` does it when run as root)"
    )


if __name__ == "__main__":
    try:
        print(find_chromium())
    except NoBrowser as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(1)
