"""One path for data: file → reader (by detected format) → document → sections → record → audit."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from extractor.checks.document import AuditFacts, audit_record
from extractor.errors import REEXPORT, DamagedFileError, PoaiError, os_reason
from extractor.layout.stitching import stitch
from extractor.model.record import Record, error_record, new_record
from extractor.readers.detect import detect_format
from extractor.readers.limits import check_size
from extractor.readers.registry import read_document
from extractor.sections.parse import parse_document

Extraction = tuple[Record, AuditFacts | None]


def extract(path: str | os.PathLike[str], password: str | None = None) -> Record:
    """Read one POAI file into its record (SCHEMA.md); never raises for a bad document.

    A file that cannot be read gives a record with ``estado: "error"`` and its ``error``.
    ``password`` opens a protected PDF.
    """
    return extract_with_facts(path, password)[0]


def extract_with_facts(path: str | os.PathLike[str], password: str | None = None) -> Extraction:
    """The record and what the audit needs to know about the document's layout."""
    archivo = os.fspath(path)
    try:
        check_size(Path(archivo).stat().st_size)  # before reading a huge file into memory
        data = Path(archivo).read_bytes()
    except PoaiError as exc:
        return error_record(archivo, "", None, exc), None
    except OSError as exc:
        error = DamagedFileError(f"No se pudo abrir el archivo: {os_reason(exc)}.")
        return error_record(archivo, "", None, error), None
    return extract_bytes_with_facts(data, archivo, password)


def extract_bytes(data: bytes, archivo: str, password: str | None = None) -> Record:
    """Like :func:`extract` for bytes already in memory; ``archivo`` names them in the record."""
    return extract_bytes_with_facts(data, archivo, password)[0]


def extract_bytes_with_facts(data: bytes, archivo: str, password: str | None = None) -> Extraction:
    """Like :func:`extract_with_facts` for bytes already in memory."""
    sha256 = hashlib.sha256(data).hexdigest()
    formato: str | None = None
    try:
        formato = detect_format(data)
        document = stitch(read_document(data, formato, password=password))
        parsed = parse_document(document)
    except PoaiError as exc:
        exc.archivo = archivo
        return error_record(archivo, sha256, formato, exc), None
    except (MemoryError, RecursionError, Exception) as exc:  # noqa: BLE001 - a bad file never stops a batch
        # The third-party parsers raise many kinds of errors on malformed files; all of them
        # mean the same to the user: the file is damaged.
        damaged = DamagedFileError(
            f"No se pudo leer el documento ({type(exc).__name__}); puede estar dañado o tener un formato "
            f"que poai aún no reconoce: {REEXPORT}."
        )
        damaged.archivo = archivo
        return error_record(archivo, sha256, formato, damaged), None
    record = new_record(archivo, sha256, document.formato, document.paginas)
    record["plantilla"] = parsed.family.key
    record.update(parsed.fields)
    audit_record(record, parsed.facts)
    return record, parsed.facts
