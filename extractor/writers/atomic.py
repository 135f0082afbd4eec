"""Atomic file writes: a temporary file beside the target, renamed over it only on success."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


class AtomicFile:
    """A temporary file that becomes ``target`` on :meth:`commit` or vanishes on :meth:`discard`.

    An interrupted run therefore leaves the previous file intact, never half a file.
    """

    def __init__(self, target: Path, suffix: str = "") -> None:
        self.target = target
        handle, name = tempfile.mkstemp(prefix=".poai-", suffix=suffix or target.suffix,
                                        dir=target.resolve().parent)
        os.close(handle)
        self.path = Path(name)

    def commit(self) -> None:
        """Move the finished temporary file over the target."""
        os.chmod(self.path, _umask_mode())  # mkstemp makes 0600 files; an office shares its outputs
        os.replace(self.path, self.target)

    def discard(self) -> None:
        """Remove the temporary file."""
        self.path.unlink(missing_ok=True)


@contextmanager
def atomic_path(target: Path, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path that replaces ``target`` if the block succeeds."""
    atomic = AtomicFile(target, suffix)
    try:
        yield atomic.path
    except BaseException:
        atomic.discard()
        raise
    atomic.commit()
