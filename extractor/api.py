"""The library's batch API: read inputs with every rule applied, and the main job (the workbook).

Every command runs through :class:`Batch`: inputs collected, outputs checked, the catalog
opened, the unit POA loaded, documents read (in parallel, through the catalog) and audited
in one pass with the same rules. Writers receive each chunk's rows, built once.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from extractor.batch import WORKER_MEMORY_BYTES, BatchStats, Progress, output_conflicts, process
from extractor.catalog import Catalog
from extractor.checks.audit import Audit
from extractor.checks.corpus import CorpusKey, distinct_poais
from extractor.checks.rules import DEFAULT_RULES, Rules
from extractor.errors import OutputError, os_reason
from extractor.inputs import DOCUMENT_SUFFIXES, collect_inputs
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
    memory_limit: int | None = WORKER_MEMORY_BYTES  # bytes of address space per worker process; None: no cap
    cluster: str | None = None  # a Dask scheduler's address (tcp://host:8786): its workers read the files
    shared_paths: bool = False  # with a cluster: the workers read each file at its path instead of its bytes


@dataclass
class RunSummary:
    """What a run read and wrote.

    ``total`` is the number of input files; ``repeated`` how many of them repeat the content
    of an earlier one (the same file given twice); ``poais`` how many different POAIs the
    readable records hold (the same POAI kept as Word and as PDF counts once);
    ``with_findings`` the readable records with a finding to act on (error or advertencia).
    """

    total: int = 0
    read: int = 0
    with_findings: int = 0
    unreadable: list[dict[str, Any]] = field(default_factory=list)
    from_catalog: int = 0
    parsed: int = 0
    outputs: list[Path] = field(default_factory=list)
    repeated: int = 0
    keys: list[CorpusKey | None] = field(default_factory=list, repr=False)
    digests: set[str] = field(default_factory=set, repr=False)

    @property
    def poais(self) -> int:
        """How many different POAIs the readable records hold."""
        return distinct_poais(self.keys)


def actionable(record: Record) -> bool:
    """Whether a record has a finding someone must act on (severity error or advertencia)."""
    return any(f.severidad in {"error", "advertencia"} for f in record.auditoria)


def no_documents_message() -> str:
    """What to say when the inputs hold no document (the extensions a folder contributes)."""
    return ("No se encontró ningún documento en las entradas indicadas. En una carpeta se leen los archivos "
            f"{', '.join(sorted(DOCUMENT_SUFFIXES))}; un archivo indicado por su nombre se lee siempre.")


def check_outputs(files: list[str], outputs: list[Path | None], folders: list[Path | None],
                  poa: Path | None = None) -> None:
    """Refuse to start when an output would overwrite an input or cannot be written, or when the
    unit POA is also given as one of the POAIs."""
    if poa is not None and output_conflicts(files, [poa]) is not None:
        raise OutputError(f"El POA de la unidad {poa} figura también entre los POAI de entrada: quítelo de las "
                          "entradas (el POA se lee aparte, no como un POAI).")
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
            raise OutputError(no_documents_message())
        check_outputs(disk, [*outputs, self.options.cache], list(folders), self.options.poa)
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
                              ocr=options.ocr, memory_limit=options.memory_limit, cluster=options.cluster,
                              shared_paths=options.shared_paths, source=self._bytes)
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
        poa_unit: str | None = None, ocr: str = "auto", csv_excel: bool = False,
        memory_limit: int | None = WORKER_MEMORY_BYTES, cluster: str | None = None,
        shared_paths: bool = False, documents: Mapping[str, bytes] | None = None) -> RunSummary:
    """Read every POAI of ``inputs`` and write the consolidated workbook ``output``.

    ``csv_dir``: also each sheet as a CSV file there; ``csv_excel``: in the dialect an Excel in
    Spanish opens into columns (";" between fields, decimal comma).

    With ``poa`` (the unit's POA), every function is matched to an operation and the workbook
    gets the "Cobertura POA" sheet; ``poa_unit`` keeps one unit of a POA that holds several.
    ``memory_limit``: bytes of address space each worker may use (see :func:`extractor.batch.process`).
    ``cluster``: the Dask scheduler whose workers read the files (``shared_paths``: at their path).
    ``documents``: more inputs held in memory, by name (see :class:`Batch`).
    """
    options = Options(workers=workers, cache=cache, use_cache=use_cache, timeout=timeout, password=password,
                      rules=rules, poa=poa, threshold=threshold, poa_unit=poa_unit, ocr=ocr,
                      memory_limit=memory_limit, cluster=cluster, shared_paths=shared_paths)
    with Batch(inputs, options, outputs=(output, json_path), folders=(csv_dir,), beside=output,
               progress=progress, documents=documents) as batch:
        summary = RunSummary(total=len(batch.files))
        _write_outputs(batch, output, json_path, csv_dir, summary, csv_excel)
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


def count(record: Record, summary: RunSummary) -> None:
    """Add one record to a summary."""
    first_part = not isinstance(record.parte, dict) or record.parte.get("n", 1) == 1
    if first_part and record.sha256:
        summary.repeated += record.sha256 in summary.digests
        summary.digests.add(record.sha256)
    summary.keys.append(CorpusKey.of(record))
    if record.error is not None:
        summary.unreadable.append({"archivo": record.archivo, **record.error.to_dict()})
    else:
        summary.read += 1
        summary.with_findings += actionable(record)


def _write_outputs(batch: Batch, output: Path, json_path: Path | None, csv_dir: Path | None,
                   summary: RunSummary, csv_excel: bool = False) -> None:
    with_poa = batch.coverage is not None
    book = WorkbookWriter(output, with_coverage=with_poa)
    csv_writer = CsvWriter(csv_dir, with_coverage=with_poa, excel_es=csv_excel) if csv_dir is not None else None
    json_writer = JsonLinesWriter(json_path) if json_path is not None else None
    try:
        for chunk in _chunks(batch.records(), CHUNK):
            for record in chunk:
                count(record, summary)
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
        if csv_writer is not None:
            csv_writer.close()
        if json_writer is not None:
            json_writer.close()
    except BaseException:
        # Every writer drops its temporary files, whatever dropping the others met.
        for writer in (book, csv_writer, json_writer):
            if writer is not None:
                with contextlib.suppress(Exception):
                    writer.abort()
        raise
    summary.outputs += [p for p in (output, csv_dir, json_path) if p is not None]


class Tables:
    """What a report command (audit, match) writes besides what it shows: a CSV per table in
    ``csv_dir`` and the records as JSON Lines in ``json_path``, from rows built once per chunk.
    Written under temporary names: :meth:`close` puts them in place, :meth:`abort` drops them."""

    def __init__(self, csv_dir: Path | None, json_path: Path | None, with_coverage: bool = False) -> None:
        self.csv = CsvWriter(csv_dir, with_coverage=with_coverage) if csv_dir is not None else None
        self.json = JsonLinesWriter(json_path) if json_path is not None else None
        self.outputs = [p for p in (csv_dir, json_path) if p is not None]
        self.chunk: list[Record] = []

    def add(self, record: Record) -> None:
        """Add one record (written by chunks)."""
        self.chunk.append(record)
        if len(self.chunk) >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self.json is not None:
            self.json.add(self.chunk)
        if self.csv is not None:
            self.csv.add(collect_rows(self.chunk))
        self.chunk = []

    def close(self, coverage: list[dict[str, Any]] | None = None) -> None:
        """Write what is left (and the POA coverage) and move every file into place."""
        try:
            self._flush()
            if self.csv is not None and coverage is not None:
                self.csv.add_coverage(coverage)
        except BaseException:
            self.abort()
            raise
        for writer in (self.csv, self.json):
            if writer is not None:
                writer.close()

    def abort(self) -> None:
        """Drop the temporary files (an interrupted command)."""
        for writer in (self.csv, self.json):
            if writer is not None:
                writer.abort()


def protected_inputs(files: list[str]) -> list[str]:
    """The PDFs among ``files`` that cannot be opened without a password (read only as far as their
    encryption dictionary)."""
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    protected = []
    for name in files:
        try:
            with open(name, "rb") as stream:
                if stream.read(5) != b"%PDF-":
                    continue
                stream.seek(0)
                PDFDocument(PDFParser(stream), password="")
        except PDFPasswordIncorrect:
            protected.append(name)
        except Exception:  # noqa: BLE001, S112 - a damaged file is reported when it is read
            continue
    return protected
