"""Progress by pages: a document read by OCR tells each page it reads, so that a progress bar
moves while one long scan is read.

Readers call :func:`page_read` after each page they read by OCR. Where a document is read,
:func:`reading` says which file it is and where its pages go: straight to a callback (a
document read in the batch's own process), or onto the queue a batch gave its worker processes
(:func:`worker_setup`), which a :class:`Relay` in the batch's process hands to the callback.
Nothing is told when nobody listens.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Callable, Iterator
from typing import Any

# (path, page number, pages in the document)
PageCallback = Callable[[str, int, int], None]

_queue: Any = None  # in a worker process: where its pages go
_target: tuple[str, PageCallback | None] | None = None


def page_read(number: int, pages: int) -> None:
    """Tell that page ``number`` of the ``pages`` of the document being read was read by OCR."""
    if _target is None:
        return
    path, callback = _target
    if callback is not None:
        callback(path, number, pages)
    elif _queue is not None:
        with contextlib.suppress(Exception):  # a bar that does not move never stops a read
            _queue.put_nowait((path, number, pages))


@contextlib.contextmanager
def reading(path: str, callback: PageCallback | None = None) -> Iterator[None]:
    """While in this block, the pages read are those of ``path``: told to ``callback``, or else to
    the batch's queue when this is one of its workers."""
    global _target
    previous, _target = _target, (path, callback)
    try:
        yield
    finally:
        _target = previous


def worker_setup(queue: Any) -> None:
    """In a worker process, as it starts: tell pages onto ``queue`` (a :class:`Relay`'s)."""
    global _queue
    _queue = queue
    # A worker stopped at its time limit must not wait, nor make its pool wait, to flush the queue.
    queue.cancel_join_thread()


class Relay:
    """In the batch's process: the pages its workers tell, handed to ``callback`` from a thread."""

    def __init__(self, callback: PageCallback) -> None:
        self.queue: Any = multiprocessing.Queue()
        self._thread = threading.Thread(target=self._run, args=(callback,), name="poai-paginas", daemon=True)
        self._thread.start()

    def _run(self, callback: PageCallback) -> None:
        while True:
            item = self.queue.get()
            if item is None:
                return
            with contextlib.suppress(Exception):  # a failing bar never stops a batch
                callback(*item)

    def close(self) -> None:
        """Stop handing pages on (after the workers are stopped)."""
        with contextlib.suppress(Exception):
            self.queue.put(None)
        self._thread.join(timeout=5)
        self.queue.close()
        self.queue.cancel_join_thread()
