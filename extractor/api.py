"""The library's batch API: read inputs with every rule applied, and the main job (the workbook).

Every command runs through :class:`Batch`: inputs collected, outputs checked, the catalog
opened, the unit POA loaded, documents read (in parallel, through the catalog) and audited
in one pass with the same rules. Writers receive each chunk's rows, built once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from extractor.batch import BatchStats, Progress, output_conflicts, process
from extractor.catalog import Catalog
from extractor.checks.audit import Audit
from extractor.checks.rules import DEFAULT_RULES, Rules
from extractor.errors import OutputError, os_reason
from extractor.inputs import collect_inputs
from extractor.model.record import Record
from extractor.pipeline import load_file
from extractor.poa.coverage import Coverage
from extractor.poa.loader import load_poa
from extractor.poa.matching import DEFAULT_THRESHOLD, Matcher
from extractor.writers.csvfile import CsvWriter
from extractor.writers.jsonl import JsonLinesWriter
from extractor.writers.rows import collect_rows
from extractor.writers.xlsx import WorkbookWriter

CHUNK = 200  # records per chunk fed to the writers
CATALOG_NAME = "poai-catalogo.sqlite"


@dataclass
class Options:
    """How a batch reads and checks: the same for every command."""

    workers: int | None = None
    cache: Path | None = None  # the catalog file; None: beside the main output, where there is one
    use_cache: bool = True
    timeout: float | None = None
    password: str | None = None
    rules: Rules | None = None
    poa: Path | None = None
    threshold: float = DEFAULT_THRESHOLD
    poa_unit: str | None = None  # the unit to keep where the POA file holds several
    ocr: str = "auto"  # when pages are read by OCR: "auto" (no text layer), "siempre", "nunca"


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


def poai_workbook(path: Path) -> bool:
    """Whether an output is a workbook a folder must not give as an input: not written yet, or written
    by poai (its sheets are poai's). Any other file there is an input poai refuses to write over."""
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return False
    if not path.exists():
        return True
    from openpyxl import load_workbook

    from extractor.writers.rows import SHEETS

    try:
        book = load_workbook(path, read_only=True)
        names = set(book.sheetnames)
        book.close()
    except Exception:  # noqa: BLE001 - an unreadable file is no workbook of ours
        return False
    return len(names & set(SHEETS)) >= 2


class Batch:
    """One batch of inputs, ready to be read: use as a context manager (it closes the catalog).

    ``beside``: the main output, next to which the catalog goes when ``options.cache`` does
    not name one (no catalog without either, unless reading is cached explicitly).
    ``documents``: inputs held in memory (a front end's uploads), by the name their records
    carry as ``archivo``; they are read after the files of ``inputs`` and never from disk.
    """

    def __init__(self, inputs: list[str], options: Options | None = None, *, outputs: tuple[Path | None, ...] = (),
                 folders: tuple[Path | None, ...] = (), beside: Path | None = None,
                 progress: Progress | None = None, documents: Mapping[str, bytes] | None = None) -> None:
        self.options = options or Options()
        self.documents: Mapping[str, bytes] = documents or {}
        disk = collect_inputs(inputs, skip=[*(o for o in outputs if o is not None and poai_workbook(o)),
                                            self.options.poa])
        if set(disk) & set(self.documents):
            raise ValueError("A document held in memory has the name of an input file.")
        self.files = [*disk, *self.documents]
        if not self.files:
            raise OutputError("No se encontró ningún documento en las entradas indicadas.")
        check_outputs(disk, [*outputs, self.options.cache, self.options.poa], list(folders))
        self.matcher = (Matcher(load_poa(self.options.poa, self.options.poa_unit), self.options.threshold)
                        if self.options.poa else None)
        self.coverage = Coverage(self.matcher) if self.matcher is not None else None
        self.stats = BatchStats()
        self.progress = progress
        self.catalog: Catalog | None = None
        if self.options.use_cache and (self.options.cache is not None or beside is not None):
            where = self.options.cache or (beside or Path(".")).resolve().parent / CATALOG_NAME
            self.catalog = Catalog(where)
        self.audit = Audit(self.options.rules or DEFAULT_RULES, self.matcher,
                           self.catalog.corrections.of if self.catalog is not None else None)

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the catalog."""
        if self.catalog is not None:
            self.catalog.close()
            self.catalog = None

    def records(self) -> Iterator[Record]:
        """Every input's record, in input order, with every rule applied (document, POA, corpus)."""
        options = self.options
        extractions = process(self.files, workers=options.workers, catalog=self.catalog, progress=self.progress,
                              stats=self.stats, timeout=options.timeout, password=options.password,
                              ocr=options.ocr, source=self._bytes)
        for record in self.audit.run(extractions):
            if self.coverage is not None:
                self.coverage.add(record)
            yield record

    def _bytes(self, name: str) -> bytes:
        """An input's bytes: held in memory, or its file's."""
        if name in self.documents:
            return self.documents[name]
        return load_file(name)


def audited_records(files: list[str], *, workers: int | None = None, rules: Rules | None = None,
                    poa: Path | None = None, timeout: float | None = None, password: str | None = None,
                    ocr: str = "auto") -> Iterator[dict[str, Any]]:
    """The records (JSON objects) of ``files`` in order, with every rule applied, without a catalog."""
    with Batch(files, Options(workers=workers, use_cache=False, rules=rules, poa=poa, timeout=timeout,
                              password=password, ocr=ocr)) as batch:
        for record in batch.records():
            yield record.to_dict()


def run(inputs: list[str], output: Path, *, json_path: Path | None = None, csv_dir: Path | None = None,
        workers: int | None = None, cache: Path | None = None, use_cache: bool = True,
        rules: Rules | None = None, poa: Path | None = None, threshold: float = DEFAULT_THRESHOLD,
        timeout: float | None = None, password: str | None = None, progress: Progress | None = None,
        poa_unit: str | None = None, ocr: str = "auto",
        documents: Mapping[str, bytes] | None = None) -> RunSummary:
    """Read every POAI of ``inputs`` and write the consolidated workbook ``output``.

    With ``poa`` (the unit's POA), every function is matched to an operation and the workbook
    gets the "Cobertura POA" sheet; ``poa_unit`` keeps one unit of a POA that holds several.
    ``documents``: more inputs held in memory, by name (see :class:`Batch`).
    """
    options = Options(workers=workers, cache=cache, use_cache=use_cache, timeout=timeout, password=password,
                      rules=rules, poa=poa, threshold=threshold, poa_unit=poa_unit, ocr=ocr)
    with Batch(inputs, options, outputs=(output, json_path), folders=(csv_dir,), beside=output,
               progress=progress, documents=documents) as batch:
        summary = RunSummary(total=len(batch.files))
        _write_outputs(batch, output, json_path, csv_dir, summary)
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


def _count(record: Record, summary: RunSummary) -> None:
    if record.error is not None:
        summary.unreadable.append({"archivo": record.archivo, **record.error.to_dict()})
    else:
        summary.read += 1
        summary.with_findings += bool(record.auditoria)


def _write_outputs(batch: Batch, output: Path, json_path: Path | None, csv_dir: Path | None,
                   summary: RunSummary) -> None:
    with_poa = batch.coverage is not None
    book = WorkbookWriter(output, with_coverage=with_poa)
    csv_writer = CsvWriter(csv_dir, with_coverage=with_poa) if csv_dir is not None else None
    json_writer = JsonLinesWriter(json_path) if json_path is not None else None
    try:
        for chunk in _chunks(batch.records(), CHUNK):
            for record in chunk:
                _count(record, summary)
            if json_writer is not None:
                json_writer.add(chunk)
            rows = collect_rows(chunk)  # built once, for every writer
            book.add(chunk, rows)
            if csv_writer is not None:
                csv_writer.add(rows)
        summary.from_catalog, summary.parsed = batch.stats.from_catalog, batch.stats.parsed
        if batch.coverage is not None:
            coverage = batch.coverage.rows()
            book.add_coverage(coverage)
            if csv_writer is not None:
                csv_writer.add_coverage(coverage)
        book.close()
    except BaseException:
        book.abort()
        if csv_writer is not None:
            csv_writer.abort()
        if json_writer is not None:
            json_writer.abort()
        raise
    if csv_writer is not None:
        csv_writer.close()
    if json_writer is not None:
        json_writer.close()
    summary.outputs += [p for p in (output, csv_dir, json_path) if p is not None]
