"""The main job: a batch of POAIs into one workbook (and optionally JSON Lines and CSV).

Records stream through a spool file on disk, so memory stays flat as the corpus grows:
the first pass reads (in parallel, through the catalog) and spools; corpus-wide checks are
computed from small keys; the second pass completes each record and feeds the writers.
Every output is written under a temporary name and renamed at the end.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.batch import BatchStats, Progress, output_conflicts, process
from extractor.catalog import Catalog
from extractor.checks.corpus import CorpusKey, corpus_findings
from extractor.checks.document import DEFAULT_RULES, Rules, audit_record
from extractor.errors import PoaiError, os_reason
from extractor.inputs import collect_inputs
from extractor.model.record import Record
from extractor.poa.coverage import Coverage, apply_matches
from extractor.poa.loader import load_poa
from extractor.poa.matching import DEFAULT_THRESHOLD, Matcher
from extractor.writers.atomic import AtomicFile
from extractor.writers.csvfile import CsvWriter
from extractor.writers.xlsx import WorkbookWriter

CHUNK = 200  # records per DataFrame chunk fed to the writers
CATALOG_NAME = "poai-catalogo.sqlite"


class OutputError(PoaiError):
    """An output cannot be written where asked."""

    codigo = "salida"


@dataclass
class RunSummary:
    """What a run read and wrote."""

    total: int = 0
    read: int = 0
    with_findings: int = 0
    unreadable: list[dict[str, Any]] = field(default_factory=list)
    from_catalog: int = 0
    parsed: int = 0
    outputs: list[Path] = field(default_factory=list)


def check_outputs(files: list[str], outputs: list[Path | None], folders: list[Path | None]) -> None:
    """Refuse to start when an output would overwrite an input or cannot be written."""
    clash = output_conflicts(files, outputs)
    if clash is not None:
        raise OutputError(f"La salida {clash} es también una de las entradas: poai no escribe sobre sus entradas.")
    for output in outputs:
        if output is None:
            continue
        parent = output.resolve().parent
        if not parent.is_dir():
            raise OutputError(f"La carpeta de salida no existe: {parent}")
        if not os.access(parent, os.W_OK):
            raise OutputError(f"No se puede escribir en la carpeta de salida: {parent}")
    for folder in folders:
        if folder is None:
            continue
        if folder.exists() and not folder.is_dir():
            raise OutputError(f"La salida CSV debe ser una carpeta: {folder}")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"No se puede crear la carpeta de salida {folder}: {os_reason(exc)}.") from exc
        if not os.access(folder, os.W_OK):
            raise OutputError(f"No se puede escribir en la carpeta de salida: {folder}")


def open_catalog(cache: Path | None, use_cache: bool, beside: Path) -> Catalog | None:
    """The catalog to use: ``cache``, else one beside the main output; none with --no-cache."""
    if not use_cache:
        return None
    return Catalog(cache if cache is not None else beside.resolve().parent / CATALOG_NAME)


def audited_records(files: list[str], *, workers: int | None = None, catalog: Catalog | None = None,
                    rules: Rules | None = None, progress: Progress | None = None,
                    stats: BatchStats | None = None, matcher: Matcher | None = None,
                    coverage: Coverage | None = None, timeout: float | None = None,
                    password: str | None = None) -> Iterator[Record]:
    """The records of ``files`` in order, audited with ``rules`` and with the corpus rules;
    with a ``matcher``, each function is linked to the unit POA (and ``coverage`` counts it).

    Records are spooled to a temporary file while the batch runs (corpus rules need every
    document's keys before any record is final), then read back one by one.
    """
    keys: list[CorpusKey | None] = []
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        for record, facts in process(files, workers=workers, catalog=catalog, progress=progress, stats=stats,
                                     timeout=timeout, password=password):
            if rules is not None and facts is not None and record.get("estado") != "error":
                audit_record(record, facts, rules)
            if matcher is not None:
                apply_matches(record, matcher, rules or DEFAULT_RULES)
                if coverage is not None:
                    coverage.add(record)
            keys.append(CorpusKey.of(record))
            spool.write(json.dumps(record, ensure_ascii=False) + "\n")
        extra = corpus_findings(keys, rules or DEFAULT_RULES)
        spool.seek(0)
        for index, line in enumerate(spool):
            record = json.loads(line)
            if extra.get(index):
                record["auditoria"] = record["auditoria"] + extra[index]
            yield record


def run(inputs: list[str], output: Path, *, json_path: Path | None = None, csv_dir: Path | None = None,
        workers: int | None = None, cache: Path | None = None, use_cache: bool = True,
        rules: Rules | None = None, poa: Path | None = None, threshold: float = DEFAULT_THRESHOLD,
        timeout: float | None = None, password: str | None = None, progress: Progress | None = None
        ) -> RunSummary:
    """Read every POAI of ``inputs`` and write the consolidated workbook ``output``.

    With ``poa`` (the unit's POA), every function is matched to an operation and the workbook
    gets the "Cobertura POA" sheet.
    """
    files = collect_inputs(inputs)
    if not files:
        raise OutputError("No se encontró ningún documento en las entradas indicadas.")
    check_outputs(files, [output, json_path, cache, poa], [csv_dir])
    matcher = Matcher(load_poa(poa), threshold) if poa is not None else None
    coverage = Coverage(matcher) if matcher is not None else None
    catalog = open_catalog(cache, use_cache, output)
    summary = RunSummary(total=len(files))
    stats = BatchStats()
    try:
        records = audited_records(files, workers=workers, catalog=catalog, rules=rules, progress=progress,
                                  stats=stats, matcher=matcher, coverage=coverage, timeout=timeout,
                                  password=password)
        _write_outputs(records, output, json_path, csv_dir, summary, stats, coverage)
    finally:
        if catalog is not None:
            catalog.close()
    return summary


def _chunks(records: Iterator[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _write_outputs(records: Iterator[Record], output: Path, json_path: Path | None, csv_dir: Path | None,
                   summary: RunSummary, stats: BatchStats, coverage: Coverage | None = None) -> None:
    book = WorkbookWriter(output, with_coverage=coverage is not None)
    csv_writer = CsvWriter(csv_dir, with_coverage=coverage is not None) if csv_dir is not None else None
    json_file = AtomicFile(json_path) if json_path is not None else None
    try:
        with ExitStack() as stack:
            json_out = stack.enter_context(open(json_file.path, "w", encoding="utf-8")) if json_file else None
            for chunk in _chunks(records, CHUNK):
                for record in chunk:
                    if record.get("estado") == "error":
                        summary.unreadable.append({"archivo": record["archivo"], **(record.get("error") or {})})
                    else:
                        summary.read += 1
                        summary.with_findings += bool(record.get("auditoria"))
                    if json_out is not None:
                        json_out.write(json.dumps(record, ensure_ascii=False) + "\n")
                book.add(chunk)
                if csv_writer is not None:
                    csv_writer.add(chunk)
        summary.from_catalog, summary.parsed = stats.from_catalog, stats.parsed
        if coverage is not None:
            book.add_coverage(coverage.rows())
            if csv_writer is not None:
                csv_writer.add_coverage(coverage.rows())
        book.close()
    except BaseException:
        book.abort()
        if csv_writer is not None:
            csv_writer.abort()
        if json_file is not None:
            json_file.discard()
        raise
    if csv_writer is not None:
        csv_writer.close()
    if json_file is not None:
        json_file.commit()
    summary.outputs += [p for p in (output, csv_dir, json_path) if p is not None]
