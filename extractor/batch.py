"""Reading many documents: in parallel, through the catalog, in input order, never stopping.

Each file is read from disk and hashed once, in the main process: its digest finds it in the
catalog, and otherwise its bytes go to a worker process, which reads them under a time limit
and a memory cap. Only a bounded number of files is in flight at a time, so memory does not
grow with the batch. The same content given twice is read once.
"""

from __future__ import annotations

import copy
import hashlib
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from extractor import page_progress
from extractor.catalog import Catalog
from extractor.errors import (
    REEXPORT,
    DamagedFileError,
    DocumentError,
    MemoryLimitError,
    PoaiError,
    ReadTimeoutError,
    UsageError,
)
from extractor.model.facts import AuditFacts
from extractor.model.record import ErrorInfo, Record
from extractor.pipeline import Extraction, load_file, read_bytes

# progress(done, total, path) as each file is read; a progress that also has a method
# ``page(path, number, pages)`` is told each page read by OCR while a scan is read.
Progress = Callable[[int, int, str], None]
# Where a batch takes each input's bytes from (a file by default; a front end may hold some in memory).
Source = Callable[[str], bytes]
WORKER_MEMORY_BYTES = 4 * 1024**3
# Files in flight per worker: enough to keep every worker busy, few enough to keep memory flat.
_WINDOW_PER_WORKER = 2


@dataclass
class BatchStats:
    """What a batch did: how many records came from the catalog and how many were parsed."""

    total: int = 0
    from_catalog: int = 0
    parsed: int = 0
    errors: list[Record] = field(default_factory=list)


def default_workers() -> int:
    """One worker per core."""
    return max(1, os.cpu_count() or 1)


def _limit_worker_memory(limit: int | None) -> None:
    """Worker initializer: a runaway parser gets a MemoryError (that file's error), not the machine.

    ``limit`` caps the worker's address space, in bytes (None: no cap)."""
    if limit is None:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: the time limit still applies


def _start_worker(memory_limit: int | None, pages: Any) -> None:
    """Worker initializer: the memory cap, and the queue its OCR pages are told on (or None)."""
    _limit_worker_memory(memory_limit)
    if pages is not None:
        page_progress.worker_setup(pages)


def _read_in_worker(data: bytes, archivo: str, password: str | None, sha256: str, ocr: str) -> Extraction:
    """:func:`read_bytes` in a worker, its OCR pages told to the batch."""
    with page_progress.reading(archivo):
        return read_bytes(data, archivo, password, sha256, ocr)


@dataclass
class _Job:
    """One input: its path and, once loaded, its digest and what became of it."""

    path: str
    digest: str = ""
    result: Extraction | None = None
    future: Future[Extraction] | None = None
    data: bytes | None = None
    twin_of: _Job | None = None


class _Batch:
    """The state of one batch run (see :func:`process`)."""

    def __init__(self, files: list[str], workers: int, catalog: Catalog | None, progress: Progress | None,
                 stats: BatchStats, timeout: float | None, password: str | None, ocr: str = "auto",
                 memory_limit: int | None = WORKER_MEMORY_BYTES, shared_paths: bool = False,
                 source: Source = load_file) -> None:
        self.files, self.workers, self.catalog, self.source = files, workers, catalog, source
        self.progress, self.stats, self.timeout, self.password = progress, stats, timeout, password
        self.ocr, self.memory_limit, self.shared_paths = ocr, memory_limit, shared_paths
        self.first_of: dict[str, _Job] = {}
        self.lock = threading.Lock()
        self.done = 0
        self.pool: Any = None
        self._on_page: page_progress.PageCallback | None = getattr(progress, "page", None)
        self.page_seen: page_progress.PageCallback | None = self.page if self._on_page is not None else None

    def load(self, path: str) -> _Job:
        """Read and hash a file once; take its record from the catalog when it is there."""
        job = _Job(path)
        try:
            data = self.source(path)
        except PoaiError as exc:
            job.result = Extraction(Record.failed(path, "", None, exc))
            return job
        job.digest = hashlib.sha256(data).hexdigest()
        cached = self.catalog.get(job.digest, path) if self.catalog is not None else None
        if cached is not None and _stale(cached.record, self.ocr):
            cached = None  # read before with another OCR setting
        if cached is not None:
            job.result = cached
            self.stats.from_catalog += 1
        elif job.digest in self.first_of:
            job.twin_of = self.first_of[job.digest]  # the same content: read once
        else:
            self.first_of[job.digest] = job
            job.data = data
        return job

    def start(self, job: _Job) -> None:
        """Send a loaded file to a worker (or leave it to be read in this process)."""
        if job.data is None or self.pool is None:
            return
        call: Callable[..., Extraction] = _read_in_worker
        args: tuple[Any, ...] = (job.data, job.path, self.password, job.digest, self.ocr)
        if self.shared_paths:  # cluster: the workers read the file where every machine sees it
            from extractor.cluster import read_shared

            call, args = read_shared, (os.path.abspath(job.path), job.path, self.password, self.ocr)
        job.future = self.pool.schedule(call, args=args, timeout=self.timeout)
        job.future.add_done_callback(partial(_done, self.tick, job.path))
        job.data = None  # the worker has its copy

    def tick(self, path: str) -> None:
        """Report one more file read."""
        with self.lock:  # parallel completions are reported from the pool's thread
            self.done += 1
            if self.progress:
                self.progress(self.done, len(self.files), path)

    def page(self, path: str, number: int, pages: int) -> None:
        """Report one more page read by OCR in ``path``."""
        if self._on_page is not None:
            with self.lock:
                self._on_page(path, number, pages)

    def finish(self, job: _Job) -> Extraction:
        """The extraction of a job, waiting for its worker if needed."""
        if job.result is not None:
            return job.result
        if job.twin_of is not None:
            original = self.finish(job.twin_of)
            twins = [Extraction(copy.deepcopy(part.record), part.facts) for part in original.parts()]
            for twin in twins:
                twin.record.archivo = job.path
            job.result = twins[0]
            job.result.more = twins[1:]
            return job.result
        if job.future is None:
            assert job.data is not None
            with page_progress.reading(job.path, self.page_seen):
                extraction, keep = read_bytes(job.data, job.path, self.password, job.digest, self.ocr), True
            job.data = None
            self.tick(job.path)
        else:
            extraction, keep = _result(job.future, job.path, job.digest, self.timeout, self.memory_limit)
        self.stats.parsed += 1
        if self.catalog is not None and keep:
            self.catalog.put(extraction)
        job.result = extraction
        return extraction


def process(files: list[str], workers: int | None = None, catalog: Catalog | None = None,
            progress: Progress | None = None, stats: BatchStats | None = None,
            timeout: float | None = None, password: str | None = None, ocr: str = "auto",
            memory_limit: int | None = WORKER_MEMORY_BYTES, cluster: str | None = None, shared_paths: bool = False,
            source: Source = load_file
            ) -> Iterator[tuple[Record, AuditFacts | None]]:
    """Yield the unaudited record of each file (with its layout facts), in the order given.

    Files are read in ``workers`` processes; a file whose content is in ``catalog`` is not
    read again; the same content given twice is read once and reported for both.
    ``timeout`` (seconds) stops the worker reading a file that takes longer, and reports the
    file. ``progress(done, total, path)`` is called as each file finishes. ``ocr``: when pages
    are read by OCR ("auto", "siempre", "nunca"; OCR runs inside the same workers and limits).
    ``memory_limit`` (bytes of address space per worker; None: none) makes a document whose
    reading needs more give its own error (``demasiado_grande``) while the batch goes on.
    Files are read in worker processes, under both limits, whenever there are several workers
    and files or a time limit; otherwise in this process, without them.
    ``cluster``: the address of a Dask scheduler whose workers read the files (see
    :mod:`extractor.cluster`), sent as bytes or, with ``shared_paths``, read at their path;
    always in worker processes there, under both limits.
    ``source(name)`` gives an input's bytes (by default the file's, :func:`load_file`).
    """
    stats = stats if stats is not None else BatchStats()
    stats.total = len(files)
    pool = _cluster_pool(cluster, shared_paths, memory_limit) if files else None
    workers = workers or (pool.capacity if pool is not None else default_workers())
    batch = _Batch(files, workers, catalog, progress, stats, timeout, password, ocr, memory_limit,
                   pool is not None and shared_paths, source)
    batch.pool = pool
    relay: page_progress.Relay | None = None
    if pool is None and files and (timeout is not None or (workers > 1 and len(files) > 1)):
        from pebble import ProcessPool

        relay = page_progress.Relay(batch.page_seen) if batch.page_seen is not None else None
        batch.pool = ProcessPool(max_workers=max(1, min(workers, len(files))), initializer=_start_worker,
                                 initargs=(memory_limit, relay.queue if relay is not None else None))
    window: deque[_Job] = deque()
    upcoming = iter(files)
    try:
        while True:
            while len(window) < workers * _WINDOW_PER_WORKER:
                path = next(upcoming, None)
                if path is None:
                    break
                job = batch.load(path)
                batch.start(job)
                if job.result is not None:
                    batch.tick(path)
                window.append(job)
            if not window:
                break
            job = window.popleft()
            extraction = batch.finish(job)
            if job.twin_of is not None:
                batch.tick(job.path)
            for part in extraction.parts():  # a file holding several POAIs gives each
                if not part.record.readable:
                    stats.errors.append(part.record)
                yield part.record, part.facts
    finally:
        if batch.pool is not None:
            batch.pool.stop()
            batch.pool.join()
        if relay is not None:
            relay.close()


def _cluster_pool(cluster: str | None, shared_paths: bool, memory_limit: int | None) -> Any:
    """The Dask cluster's workers in place of local processes (see :mod:`extractor.cluster`), or None."""
    if cluster is None:
        return None
    from extractor.cluster import ClusterPool

    return ClusterPool(cluster, shared_paths, memory_limit)


def _stale(record: Record, ocr: str) -> bool:
    """Was a catalogued record read with an OCR setting that would read it otherwise now?"""
    unread_scan = record.error is not None and record.error.codigo == "sin_texto"
    return (unread_scan and ocr != "nunca") or (record.ocr is not None and ocr == "nunca") or ocr == "siempre"


def _failed(path: str, digest: str, error: PoaiError) -> Extraction:
    return Extraction(Record.failed(path, digest, None, ErrorInfo.of(error)))


def _result(future: Future[Extraction], path: str, digest: str, timeout: float | None,
            memory_limit: int | None = None) -> tuple[Extraction, bool]:
    """The extraction of one file, and whether it may be kept in the catalog (not a time-out, nor
    beyond the memory cap)."""
    from pebble import ProcessExpired

    try:
        extraction = future.result()
        error = extraction.record.error
        return extraction, error is None or error.ajuste != MemoryLimitError.ajuste  # another cap may read it
    except DocumentError as exc:  # what an executor knows of a file (a cluster: it killed its workers)
        return _failed(path, digest, exc), False
    except UsageError:
        raise  # the executor cannot go on (a cluster lost): the batch stops
    except MemoryError:  # beyond the cap outside the reading itself (sending the record back)
        limit = f" de {memory_limit / 1048576:.0f} MB" if memory_limit else ""
        return _failed(path, digest, MemoryLimitError(
            f"La lectura del documento necesitó más memoria que el límite{limit} por documento: puede ser "
            "demasiado grande o estar dañado; revíselo.")), False
    except TimeoutError:
        message = (f"La lectura superó el límite de {timeout:g} s por documento: el documento puede estar dañado "
                   "o ser demasiado complejo; revíselo o aumente el límite.")
        return _failed(path, digest, ReadTimeoutError(message)), False
    except ProcessExpired as exc:
        return _failed(path, digest, DamagedFileError(
            f"El proceso de lectura terminó de forma inesperada (código {exc.exitcode}): el documento puede "
            f"estar dañado; {REEXPORT}.")), False
    except Exception as exc:  # noqa: BLE001 - whatever a worker raises, the batch goes on
        return _failed(path, digest, DamagedFileError(
            f"No se pudo leer el documento ({type(exc).__name__}): {REEXPORT}.")), False


def _done(tick: Callable[[str], None], path: str, _future: Future[Extraction]) -> None:
    tick(path)


def output_conflicts(inputs: list[str], outputs: list[Path | None]) -> Path | None:
    """The first output that is also one of the inputs (poai never writes over its inputs)."""
    resolved = {os.path.realpath(p) for p in inputs}  # never raises, even for a link in a loop
    for output in outputs:
        if output is not None and os.path.realpath(output) in resolved:
            return output
    return None
