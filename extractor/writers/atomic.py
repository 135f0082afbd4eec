"""Atomic file writes: a temporary file beside the target, renamed over it only on success.

A temporary file is created only when writing starts, is named after its target
(``.poai-<target name>-<random>.tmp``) and is held under an advisory lock for as long as its
writer lives. A run killed outright (``kill -9``, a power cut) leaves its temporary files
behind; the next run writing the same target removes those nobody holds any more, and never
the ones of a run still writing (two runs at once into one folder).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: an open file cannot be removed there anyway
    fcntl = None  # type: ignore[assignment]

PREFIX = ".poai-"
_SUFFIX = ".tmp"
_NAME_CHARS = 100  # of the target's name kept in the temporary's, so that it stays a legal name


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _prefix(target: Path) -> str:
    return f"{PREFIX}{target.name[:_NAME_CHARS]}-"


def _lock(handle: int, wait: bool) -> bool:
    """Take the exclusive lock of an open temporary file: a writer (``wait``) waits for it, a
    cleaner does not (False: someone holds it). Where there are no locks (another system, a
    file system without them) a writer goes on and a cleaner removes nothing."""
    if fcntl is None:
        return wait
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    except OSError:
        return wait
    return True


def remove_stale(target: Path) -> list[Path]:
    """Remove the temporary files of ``target`` that no live writer holds; returns those removed.

    Whatever it meets (a file gone meanwhile, a folder that cannot be read) it skips: cleaning
    up never stops a run.
    """
    folder, prefix = target.resolve().parent, _prefix(target)
    removed: list[Path] = []
    try:
        names = [name for name in os.listdir(folder) if name.startswith(prefix) and name.endswith(_SUFFIX)]
    except OSError:
        return removed
    for name in names:
        path = folder / name
        try:
            handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue  # gone already, or not ours to open
        try:
            if _lock(handle, wait=False):  # nobody writes it: its run is over
                path.unlink(missing_ok=True)
                removed.append(path)
        except OSError:
            pass
        finally:
            os.close(handle)
    return removed


class AtomicFile:
    """A temporary file that becomes ``target`` on :meth:`commit` or vanishes on :meth:`discard`.

    An interrupted run therefore leaves the previous file intact, never half a file. The
    temporary file exists only from :meth:`create` (called by the first write, or by
    :meth:`commit` for a file never written to).
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        self.path: Path | None = None
        self._handle: int | None = None

    def create(self) -> Path:
        """The temporary file, created (and locked) on first call; stale ones of the target go first."""
        if self.path is not None:
            return self.path
        remove_stale(self.target)
        folder = self.target.resolve().parent
        while True:
            # The name is known before the file exists: Ctrl-C or SIGTERM at any moment leaves
            # nothing that :meth:`discard` does not know of.
            self.path = folder / f"{_prefix(self.target)}{secrets.token_hex(4)}{_SUFFIX}"
            try:
                self._handle = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                                       0o600)
            except FileExistsError:
                continue
            # A cleaner may have taken the unlocked file between its creation and the lock:
            # then it is unlinked, and another one is made.
            if _lock(self._handle, wait=True) and os.fstat(self._handle).st_nlink > 0:
                return self.path
            self._release()

    def commit(self) -> None:
        """Move the finished temporary file over the target."""
        path = self.create()
        try:
            os.chmod(path, _umask_mode())  # made 0600 while written; an office shares its outputs
            os.replace(path, self.target)
        except BaseException:
            self.discard()
            raise
        self._release()

    def discard(self) -> None:
        """Remove the temporary file; never raises (it runs while another error is on its way)."""
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)
        self._release()

    def _release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                os.close(self._handle)
        self._handle = None


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path that replaces ``target`` if the block succeeds."""
    atomic = AtomicFile(target)
    try:
        yield atomic.create()
    except BaseException:
        atomic.discard()
        raise
    atomic.commit()
