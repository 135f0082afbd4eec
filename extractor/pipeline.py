"""One path for data: file → reader (by detected format) → document → sections → record → audit."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .audit import AuditFacts, audit_record
from .detect import detect_format
from .document import Document
from .errors import DamagedFileError, PoaiError, UnsupportedFormatError
from .parser import parse_document
from .record import Record, error_record, new_record
from .stitching import stitch


def read_document(data: bytes, formato: str) -> Document:
    """Run the reader of ``formato`` over ``data``."""
    if formato == "pdf":
        from .readers.pdf import read_pdf

        return read_pdf(data)
    if formato == "docx":
        from .readers.docx import read_docx

        return read_docx(data)
    if formato == "txt":
        from .readers.text import read_text

        return read_text(data)
    raise UnsupportedFormatError(
        "Los documentos Word antiguos (.doc) no se pueden leer: guárdelos como .docx o PDF."
    )


def extract(path: str | os.PathLike[str]) -> Record:
    """Read one POAI file into its record (SCHEMA.md); never raises for a bad document.

    A file that cannot be read gives a record with ``estado: "error"`` and its ``error``.
    """
    return extract_with_facts(path)[0]


def extract_with_facts(path: str | os.PathLike[str]) -> tuple[Record, AuditFacts | None]:
    """The record and what the audit needs to know about the document's layout."""
    archivo = os.fspath(path)
    try:
        data = Path(archivo).read_bytes()
    except OSError as exc:
        error = DamagedFileError(f"No se pudo abrir el archivo: {exc.strerror}.")
        return error_record(archivo, "", None, error), None
    return extract_bytes_with_facts(data, archivo)


def extract_bytes(data: bytes, archivo: str) -> Record:
    """Like :func:`extract` for bytes already in memory; ``archivo`` names them in the record."""
    return extract_bytes_with_facts(data, archivo)[0]


def extract_bytes_with_facts(data: bytes, archivo: str) -> tuple[Record, AuditFacts | None]:
    """Like :func:`extract_with_facts` for bytes already in memory."""
    sha256 = hashlib.sha256(data).hexdigest()
    formato: str | None = None
    try:
        formato = detect_format(data)
        document = stitch(read_document(data, formato))
        parsed = parse_document(document)
    except PoaiError as exc:
        exc.archivo = archivo
        return error_record(archivo, sha256, formato, exc), None
    except (MemoryError, RecursionError, Exception) as exc:  # noqa: BLE001 - a bad file never stops a batch
        # The third-party parsers raise many kinds of errors on malformed files; all of them
        # mean the same to the user: the file is damaged.
        damaged = DamagedFileError(
            f"No se pudo leer el documento ({type(exc).__name__}); puede estar dañado o tener un formato "
            "que poai aún no reconoce."
        )
        damaged.archivo = archivo
        return error_record(archivo, sha256, formato, damaged), None
    record = new_record(archivo, sha256, formato, document.paginas)
    record["plantilla"] = parsed.family.key
    record.update(parsed.fields)
    audit_record(record, parsed.facts)
    return record, parsed.facts
