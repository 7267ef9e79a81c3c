"""Putting a finished site in place: one build at a time, and never a moment without a site.

* :class:`BuildLock` — a build holds an exclusive lock on ``_build/.build.lock`` from start to end;
  a second build of the same output refuses at once, in one line, naming the first one's process.
  The lock is the kernel's (``flock``): a build that dies, however it dies, releases it.
* :func:`publish` — the finished staging folder and the published site trade places in one atomic
  step (Linux's ``renameat2`` with ``RENAME_EXCHANGE``): at every moment ``_build/html`` is a real
  folder holding the whole old site or the whole new one, whatever happens to the process. Where
  the kernel or the file system cannot exchange, two renames do it, and :func:`recover` — run by
  the next build before anything else — puts the old site back if a build died between them.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from pathlib import Path
from types import TracebackType

__all__ = ["BuildLock", "BuildRunning", "exchange", "publish", "recover"]

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
#: What renameat2 answers where exchanging is not possible (old kernel, a file system without it).
_CANNOT_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP}


class BuildRunning(RuntimeError):
    """Another build holds the lock; the message names its process and what to do."""


class BuildLock:
    """An exclusive lock on one output folder's builds, held while the ``with`` block runs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def __enter__(self) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise BuildRunning(
                f"another build of this book is running (process {holder}, lock "
                f"{self.path}): wait for it to finish, then build again"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing the last descriptor releases the lock
            self._fd = None


def exchange(a: Path, b: Path) -> bool:
    """Swap the paths ``a`` and ``b`` in one atomic step; ``False`` where this system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # not Linux, or a C library before glibc 2.28
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _CANNOT_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def publish(staging: Path, site: Path, old_site: Path) -> None:
    """Put the finished ``staging`` folder at ``site``, replacing the previous site.

    ``site`` never stops being a whole site: the first build renames (atomic), later ones
    exchange; ``old_site`` is used only where exchanging is not possible (see :func:`recover`).
    """
    shutil.rmtree(old_site, ignore_errors=True)
    if not site.exists():
        staging.rename(site)
    elif exchange(staging, site):
        shutil.rmtree(staging)  # the previous site, now at the staging path
    else:
        site.rename(old_site)
        staging.rename(site)
        shutil.rmtree(old_site)


def recover(site: Path, old_site: Path) -> None:
    """Put the previous site back if a build died between :func:`publish`'s two renames."""
    if old_site.is_dir() and not site.exists():
        old_site.rename(site)
