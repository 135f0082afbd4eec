"""One path for data: file → reader (by detected format) → document → layout → sections → record.

:func:`read_file` and :func:`read_bytes` give the *unaudited* record with the layout facts
the audit needs (what workers compute and the catalog keeps); :func:`extract` is the
one-document API, audited with the default document rules.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Any

from extractor.checks.document import audit_document
from extractor.errors import REEXPORT, DamagedFileError, MemoryLimitError, NotPoaiError, PoaiError, UnitPoaGivenError
from extractor.inputs import read_input
from extractor.layout.bundle import page_ranges, split_parts
from extractor.layout.spec import vocabulary
from extractor.layout.stitching import stitch
from extractor.model.document import Document
from extractor.model.facts import AuditFacts
from extractor.model.record import Record
from extractor.readers.detect import detect_format
from extractor.readers.registry import read_document
from extractor.sections.parse import Parsed, parse_document


@dataclass
class Extraction:
    """A document read: its record (not yet audited) and what the audit needs about its layout.

    A file holding several POAIs gives the first one here and the others, in order, in ``more``
    (each record's ``parte`` says which it is and its pages)."""

    record: Record
    facts: AuditFacts | None = None
    more: list[Extraction] = field(default_factory=list)

    def parts(self) -> list[Extraction]:
        """Every POAI of the file, in order (one for most files)."""
        return [self, *self.more]


def load_file(path: str) -> bytes:
    """The bytes of a regular file, read once (a file beyond the size limit is refused first).

    Raises the project's errors: a folder, a FIFO, a device or a link leading nowhere is not
    a document (see :func:`extractor.inputs.read_input`).
    """
    return read_input(path)


def read_file(path: str | os.PathLike[str], password: str | None = None, ocr: str = "auto") -> Extraction:
    """Read one file into its unaudited record; never raises for a bad document. ``ocr``: when
    pages are read by OCR ("auto": those without a text layer; "siempre"; "nunca")."""
    archivo = os.fspath(path)
    try:
        data = load_file(archivo)
    except PoaiError as exc:
        return Extraction(Record.failed(archivo, "", None, exc))
    return read_bytes(data, archivo, password, ocr=ocr)


def read_bytes(data: bytes, archivo: str, password: str | None = None, sha256: str | None = None,
               ocr: str = "auto") -> Extraction:
    """Like :func:`read_file` for bytes already in memory (``sha256`` when already known)."""
    digest = sha256 or hashlib.sha256(data).hexdigest()
    formato: str | None = None
    try:
        formato = detect_format(data)
        read = read_document(data, formato, password=password, ocr=ocr)
        parts = split_parts(read, vocabulary())
        parsed = [(pages, _parse(stitch(part), data)) for part, pages in zip(parts, page_ranges(parts, read.paginas))]
    except PoaiError as exc:
        exc.archivo = archivo
        return Extraction(Record.failed(archivo, digest, formato, exc))
    except MemoryError:  # beyond a worker's memory cap, or the machine's
        return Extraction(Record.failed(archivo, digest, formato, MemoryLimitError(
            "La lectura del documento necesitó más memoria de la disponible por documento: puede ser "
            "demasiado grande o estar dañado; revíselo.", archivo)))
    except (RecursionError, Exception) as exc:  # noqa: BLE001 - a bad file never stops a batch
        # The third-party parsers raise many kinds of errors on malformed files; all of them
        # mean the same to the user: the file is damaged.
        damaged = DamagedFileError(
            f"No se pudo leer el documento ({type(exc).__name__}); puede estar dañado o tener un formato "
            f"que poai aún no reconoce: {REEXPORT}.", archivo)
        return Extraction(Record.failed(archivo, digest, formato, damaged))
    extractions = []
    for number, (pages, result) in enumerate(parsed, 1):
        record = result.record
        record.archivo, record.sha256 = archivo, digest
        record.formato, record.paginas = read.formato, read.paginas
        record.ocr = read.ocr
        result.facts.ocr_doubtful = list(read.ocr_doubtful)
        if len(parsed) > 1:
            record.parte = {"n": number, "de": len(parsed), "paginas": pages}
        extractions.append(Extraction(record, result.facts))
    first = extractions[0]
    first.more = extractions[1:]
    return first


def _parse(document: Document, data: bytes) -> Parsed:
    """The sections of ``document``; a workbook or PDF holding no POAI but a unit POA is told as such."""
    try:
        return parse_document(document, vocabulary())
    except NotPoaiError:
        if document.formato in ("xlsx", "pdf"):
            from extractor.poa.loader import is_unit_poa

            if is_unit_poa(data, document.formato):
                raise UnitPoaGivenError() from None
        raise


def extract(path: str | os.PathLike[str], password: str | None = None, ocr: str = "auto") -> dict[str, Any]:
    """Read one POAI file into its record (SCHEMA.md's JSON object), audited with the default
    document rules; never raises for a bad document.

    A file that cannot be read gives a record with ``estado: "error"`` and its ``error``.
    ``password`` opens a protected PDF. (Corpus rules and the POA link need several
    documents or a POA: see :func:`extractor.api.read`.) A file holding several POAIs gives
    its first here: :func:`extract_all` gives them all.
    """
    return audited(read_file(path, password, ocr)).to_dict()


def extract_all(path: str | os.PathLike[str], password: str | None = None, ocr: str = "auto") -> list[dict[str, Any]]:
    """The record of every POAI a file holds, in document order (one for most files; a bundle
    gives each with its ``parte``), audited as :func:`extract` does."""
    return [audited(part).to_dict() for part in read_file(path, password, ocr).parts()]


def extract_bytes(data: bytes, archivo: str, password: str | None = None) -> dict[str, Any]:
    """Like :func:`extract` for bytes already in memory; ``archivo`` names them in the record."""
    return audited(read_bytes(data, archivo, password)).to_dict()


def audited(extraction: Extraction) -> Record:
    """The record of one extraction with the default document rules applied."""
    if extraction.facts is not None and extraction.record.readable:
        audit_document(extraction.record, extraction.facts)
    return extraction.record
