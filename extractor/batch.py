"""Reading many documents: in parallel, through the catalog, in input order, never stopping."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .audit import AuditFacts
from .catalog import Catalog
from .errors import DamagedFileError
from .pipeline import extract_with_facts
from .record import Record, error_record

Progress = Callable[[int, int, str], None]
Extraction = tuple[Record, AuditFacts | None]


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


def process(files: list[str], workers: int | None = None, catalog: Catalog | None = None,
            progress: Progress | None = None, stats: BatchStats | None = None) -> Iterator[Extraction]:
    """Yield the record of each file (with its audit facts), in the order given.

    Files are parsed in ``workers`` processes; a file whose content is in ``catalog`` is not
    parsed again; the same content given twice is parsed once and reported for both.
    ``progress(done, total, path)`` is called as each file finishes.
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
            ready[index] = (error_record(path, "", None, DamagedFileError("No se pudo abrir el archivo.")), None)
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
        with lock:  # parallel completions are reported from the executor's thread
            done += 1
            if progress:
                progress(done, len(pending), files[index])

    def finish(index: int, extraction: Extraction) -> None:
        ready[index] = extraction
        stats.parsed += 1
        if catalog is not None:
            catalog.put(*extraction)
        if executor is None:
            tick(index)

    futures: dict[int, Future[Extraction]] = {}
    executor = ProcessPoolExecutor(max_workers=workers) if workers > 1 and len(pending) > 1 else None
    try:
        if executor is not None:
            for index in pending:
                future = executor.submit(extract_with_facts, files[index])
                future.add_done_callback(partial(_done, tick, index))
                futures[index] = future
        originals: dict[int, Extraction] = {}  # what a later copy of the same content reuses
        for position, path in enumerate(files):
            if position not in ready:
                digest = digests[position]
                origin = first_of[digest] if digest else position
                if origin == position:
                    extraction = (futures[origin].result() if executor is not None
                                  else extract_with_facts(files[origin]))
                    finish(origin, extraction)
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
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)


def _done(tick: Callable[[int], None], index: int, _future: Future[Extraction]) -> None:
    tick(index)


def output_conflicts(inputs: list[str], outputs: list[Path | None]) -> Path | None:
    """The first output that is also one of the inputs (poai never writes over its inputs)."""
    resolved = {Path(p).resolve() for p in inputs}
    for output in outputs:
        if output is not None and output.resolve() in resolved:
            return output
    return None
