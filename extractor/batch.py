"""Reading many documents: in parallel, through the catalog, in input order, never stopping."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from extractor.catalog import Catalog
from extractor.errors import REEXPORT, DamagedFileError
from extractor.model.record import Record, error_record
from extractor.pipeline import Extraction, extract_with_facts

Progress = Callable[[int, int, str], None]
WORKER_MEMORY_BYTES = 4 * 1024**3


def file_sha256(path: str) -> str | None:
    """The sha256 of a file's bytes, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


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


def _limit_worker_memory() -> None:
    """Worker initializer: a runaway parser gets a MemoryError (a damaged file), not the machine."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_BYTES, WORKER_MEMORY_BYTES))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: the time limit still applies


def _failed(path: str, digest: str, message: str) -> Extraction:
    return error_record(path, digest, None, DamagedFileError(message)), None


def process(files: list[str], workers: int | None = None, catalog: Catalog | None = None,
            progress: Progress | None = None, stats: BatchStats | None = None,
            timeout: float | None = None, password: str | None = None) -> Iterator[Extraction]:
    """Yield the record of each file (with its audit facts), in the order given.

    Files are parsed in ``workers`` processes; a file whose content is in ``catalog`` is not
    parsed again; the same content given twice is parsed once and reported for both.
    ``timeout`` (seconds) stops the worker reading a file that takes longer, and reports the
    file. ``progress(done, total, path)`` is called as each file finishes.
    """
    stats = stats if stats is not None else BatchStats()
    stats.total = len(files)
    workers = workers or default_workers()
    digests = [file_sha256(path) for path in files]
    ready: dict[int, Extraction] = {}
    first_of: dict[str, int] = {}
    pending: list[int] = []
    for index, (path, digest) in enumerate(zip(files, digests)):
        if digest is None:
            ready[index] = _failed(path, "", "No se pudo abrir el archivo: compruebe que existe y se puede leer.")
            continue
        cached = catalog.get(digest, path) if catalog is not None else None
        if cached is not None:
            ready[index] = cached
            stats.from_catalog += 1
        elif digest in first_of:
            continue  # parsed once, for its first occurrence
        else:
            first_of[digest] = index
            pending.append(index)
    lock = threading.Lock()
    done = 0

    def tick(index: int) -> None:
        nonlocal done
        with lock:  # parallel completions are reported from the pool's thread
            done += 1
            if progress:
                progress(done, len(pending), files[index])

    pool = None
    if pending and (timeout is not None or (workers > 1 and len(pending) > 1)):
        from pebble import ProcessPool

        pool = ProcessPool(max_workers=max(1, min(workers, len(pending))), initializer=_limit_worker_memory)
    futures: dict[int, Future[Extraction]] = {}
    try:
        if pool is not None:
            for index in pending:
                future = pool.schedule(extract_with_facts, args=(files[index], password), timeout=timeout)
                future.add_done_callback(partial(_done, tick, index))
                futures[index] = future
        originals: dict[int, Extraction] = {}  # what a later copy of the same content reuses
        for position, path in enumerate(files):
            if position not in ready:
                digest = digests[position] or ""
                origin = first_of.get(digest, position)
                if origin == position:
                    extraction, keep = _result(futures.get(origin), files[origin], digest, timeout, password)
                    ready[origin] = extraction
                    stats.parsed += 1
                    if catalog is not None and keep:
                        catalog.put(*extraction)
                    if pool is None:
                        tick(origin)
                    if digests[position + 1:].count(digest):
                        originals[origin] = extraction
                else:
                    twin = dict(originals[origin][0])
                    twin["archivo"] = path
                    ready[position] = (twin, originals[origin][1])
            record, facts = ready.pop(position)
            if record.get("estado") == "error":
                stats.errors.append({"archivo": record["archivo"], "error": record["error"]})
            yield record, facts
    finally:
        if pool is not None:
            pool.stop()
            pool.join()


def _result(future: Future[Extraction] | None, path: str, digest: str, timeout: float | None,
            password: str | None) -> tuple[Extraction, bool]:
    """The extraction of one file, and whether it may be kept in the catalog (not a time-out)."""
    if future is None:
        return extract_with_facts(path, password), True
    from pebble import ProcessExpired

    try:
        return future.result(), True
    except TimeoutError:
        message = (f"La lectura superó el límite de {timeout:g} s (--timeout): el documento puede estar dañado "
                   "o ser demasiado complejo; revíselo o aumente el límite.")
        return _failed(path, digest, message), False
    except ProcessExpired as exc:
        return _failed(path, digest, f"El proceso de lectura terminó de forma inesperada (código {exc.exitcode}): "
                                     f"el documento puede estar dañado; {REEXPORT}."), False
    except Exception as exc:  # noqa: BLE001 - whatever a worker raises, the batch goes on
        return _failed(path, digest, f"No se pudo leer el documento ({type(exc).__name__}): {REEXPORT}."), False


def _done(tick: Callable[[int], None], index: int, _future: Future[Extraction]) -> None:
    tick(index)


def output_conflicts(inputs: list[str], outputs: list[Path | None]) -> Path | None:
    """The first output that is also one of the inputs (poai never writes over its inputs)."""
    resolved = {Path(p).resolve() for p in inputs}
    for output in outputs:
        if output is not None and output.resolve() in resolved:
            return output
    return None
