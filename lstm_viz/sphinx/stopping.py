"""How a build that stops says why: in one line, never with a request to report a bug upstream.

Sphinx ends a build that raised with a crash report ("Exception occurred … if you want to report
the issue to the developers"), and Ctrl-C in the middle of a notebook surfaces as whatever
nbclient was doing at that moment (a ``CancelledError``, an ``AssertionError`` in its clean-up),
reported the same way. :class:`OneLineReports` replaces Jupyter Book's report of such an
exception: a Sphinx error (a bad ``CITATION.cff``, a configuration refused) is its one line; any
other exception is one line naming the page being built and the exception, with its traceback
saved to a file for whoever fixes it. :class:`CtrlC` catches Ctrl-C itself: it stops the kernels
and browsers the build started (so none prints its own traceback as it loses its client) and makes
the build stop with the one line ``main`` prints, whatever the interrupted code then raised.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

__all__ = ["CtrlC", "OneLineReports"]


def _children() -> list[int]:
    """The processes this one started and that still run (notebook kernels, Chromium), on Linux."""
    me = str(os.getpid())
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == me:
            found.append(int(stat.parent.name))
    return found


class CtrlC:
    """While the ``with`` block runs, Ctrl-C (SIGINT) is noted, stops the build's child processes
    and raises ``KeyboardInterrupt``; ``pressed`` says afterwards whether it came.

    nbclient installs a SIGINT handler of its own while a notebook runs (it shuts the kernel down
    politely, which makes the kernel print tracebacks as it loses its sockets, then leaves
    Python's default handler behind): during the block, such requests are set aside, so this
    handler stays the one that answers.
    """

    def __init__(self) -> None:
        self.pressed = False
        self._previous: Any = None
        self._signal: Callable[..., Any] = signal.signal

    def _interrupt(self, signum: int, frame: FrameType | None) -> None:
        self.pressed = True
        for pid in _children():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        raise KeyboardInterrupt

    def _set_aside(self, signum: int, handler: Any) -> Any:
        """``signal.signal`` while the block runs: SIGINT stays with :meth:`_interrupt`."""
        if signum == signal.SIGINT:
            return self._interrupt
        return self._signal(signum, handler)

    def __enter__(self) -> CtrlC:
        if threading.current_thread() is threading.main_thread():  # only it receives signals
            self._previous = self._signal(signal.SIGINT, self._interrupt)
            signal.signal = self._set_aside  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal = self._signal
            self._signal(signal.SIGINT, self._previous)
            self._previous = None


def _page(app: Any) -> str | None:
    """The page the build was reading or writing when it stopped, if any."""
    env = getattr(app, "env", None)
    docname = env.temp_data.get("docname") if env is not None else None
    return docname or getattr(getattr(app, "builder", None), "current_docname", None)


class OneLineReports:
    """While the ``with`` block runs, Jupyter Book reports an exception that stops the build in one
    line (and nothing at all after Ctrl-C, for which ``main`` prints its own line); a traceback
    worth keeping goes to ``crash_log``."""

    def __init__(self, crash_log: Path, ctrl_c: CtrlC) -> None:
        self.crash_log = crash_log
        self.ctrl_c = ctrl_c
        self._original: Callable[..., None] | None = None

    def report(
        self, app: Any, args: Any, exception: BaseException, stderr: TextIO = sys.stderr
    ) -> None:
        """What Jupyter Book calls in place of Sphinx's crash report."""
        from sphinx.errors import SphinxError

        if self.ctrl_c.pressed or isinstance(exception, KeyboardInterrupt):
            return
        if isinstance(exception, SphinxError):
            message = " ".join(str(exception).split())
            print(f"\n{exception.category}: {message}", file=stderr)
            return
        self.crash_log.parent.mkdir(parents=True, exist_ok=True)
        self.crash_log.write_text(
            "".join(traceback.format_exception(exception)), encoding="utf-8", errors="replace"
        )
        page = _page(app)
        where = f" at page {page}" if page else ""
        cause = " ".join(f"{type(exception).__name__}: {exception}".split())
        print(
            f"\nThe build stopped{where}: {cause} (its traceback is in {self.crash_log})",
            file=stderr,
        )

    def __enter__(self) -> OneLineReports:
        import jupyter_book.sphinx

        self._original = jupyter_book.sphinx.handle_exception
        jupyter_book.sphinx.handle_exception = self.report
        return self

    def __exit__(self, *exc: object) -> None:
        import jupyter_book.sphinx

        jupyter_book.sphinx.handle_exception = self._original
