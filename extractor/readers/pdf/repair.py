"""Damaged PDF structure: told from what pdfminer read of it, and rewritten by pdfium.

A PDF finds its objects through its cross-reference table. When the table is damaged — its
offsets shifted, overwritten, ``startxref`` lost or pointing elsewhere — pdfminer either
rebuilds it roughly (its fallback scan), or follows the wrong offsets and finds no pages, or
pages without their text: the file then looks like a scan although every page has its text.
pdfium rebuilds the table from the objects themselves; saving the document it opened writes
the file again with a fresh table, which pdfminer then reads as it reads any sound PDF.
"""

from __future__ import annotations

import io
import re
import zlib
from typing import Any

# An object's header at its offset: "12 0 obj" (after whitespace).
_OBJECT_HEADER = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
# pdfium's error code for a wrong or missing password.
_PDFIUM_PASSWORD = 4

XREF = "su tabla de referencias cruzadas"


class PdfiumPasswordError(Exception):
    """pdfium needs a password (or another one) to open the file."""


def structure_damage(document: Any, data: bytes) -> str | None:
    """What is damaged in the structure of a PDF pdfminer opened (``document``: its
    PDFDocument), as a Spanish phrase; None when every object is where the table says."""
    from pdfminer.pdfdocument import PDFXRefFallback
    from pdfminer.pdftypes import PDFObjectNotFound
    from pdfminer.psparser import PSException

    xrefs = list(getattr(document, "xrefs", []))
    if not xrefs or any(isinstance(xref, PDFXRefFallback) for xref in xrefs):
        return XREF  # none found where startxref points: pdfminer had to scan the file for objects
    for xref in xrefs:
        for objid in list(xref.get_objids()):
            try:
                streamid, position, _generation = xref.get_pos(objid)
            except (KeyError, PDFObjectNotFound, PSException, ValueError, TypeError, AssertionError):
                continue  # a free entry
            if streamid is None and not _object_at(data, position, objid):
                return XREF
    return None


def _object_at(data: bytes, position: int, objid: int) -> bool:
    """Whether object ``objid`` starts at ``position``."""
    if not 0 <= position < len(data):
        return False
    match = _OBJECT_HEADER.match(data, position, min(len(data), position + 64))
    return match is not None and int(match.group(1)) == objid


def rewrite(data: bytes, password: str | None, distrust_xref: bool) -> bytes | None:
    """The PDF as pdfium reads it, written again with a fresh cross-reference table and without
    its protection (already opened with ``password``); None when pdfium cannot open it either.

    ``distrust_xref``: the table is damaged, so pdfium is first given the file without its
    ``startxref`` pointers, which makes it rebuild the table from the objects themselves (given
    a table that parses, pdfium trusts it and would read wrong objects at shifted offsets); then
    the file as it is. Without it, the other way round. Raises PdfiumPasswordError when pdfium
    needs a password to open it."""
    scanned = _STARTXREF.sub(lambda m: b" " * len(m.group(0)), data)
    tries = (scanned, data) if distrust_xref else (data, scanned)
    for candidate in dict.fromkeys(tries):
        fixed = _rewrite(candidate, password)
        if fixed is not None:
            return fixed
    return None


# The pointer to the table: blanked (same length, so every offset stays) to have it rebuilt.
_STARTXREF = re.compile(rb"startxref\s+\d*")


def _rewrite(data: bytes, password: str | None) -> bytes | None:
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pypdfium2.PdfDocument(data, password=password or None)
    except pypdfium2.PdfiumError as exc:
        if exc.err_code == _PDFIUM_PASSWORD:
            raise PdfiumPasswordError from exc
        return None
    try:
        out = io.BytesIO()
        pdf.save(out, flags=pdfium_c.FPDF_REMOVE_SECURITY)
        return out.getvalue()
    except (pypdfium2.PdfiumError, OSError, ValueError):
        return None
    finally:
        pdf.close()


def page_has_text(data: bytes, password: str | None, number: int) -> bool:
    """Whether pdfium finds text on page ``number`` (1-based): a page pdfminer read without any
    has then lost it to a damaged structure, not to being a scan."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data, password=password or None)
    except pypdfium2.PdfiumError:
        return False
    try:
        if number > len(pdf):
            return False
        page = pdf[number - 1]
        try:
            text = page.get_textpage()
            try:
                return bool(text.get_text_range().strip())
            finally:
                text.close()
        finally:
            page.close()
    except (pypdfium2.PdfiumError, OSError, ValueError):
        return False
    finally:
        pdf.close()


def page_damage(exc: BaseException, number: int) -> str:
    """What is damaged on page ``number``, from what the parser raised (a Spanish clause)."""
    text = f"{type(exc).__name__} {exc}".lower()
    if isinstance(exc, zlib.error) or any(w in text for w in ("zlib", "flate", "decompress", "inflate")):
        return f"el flujo comprimido de la página {number} está dañado"
    if any(w in text for w in ("ascii85", "asciihex", "lzw", "runlength", "ccitt", "digit")):
        return f"el flujo codificado de la página {number} está dañado"
    if any(w in text for w in ("font", "cmap", "encoding")):
        return f"una fuente de la página {number} está dañada"
    if isinstance(exc, RecursionError):
        return f"los objetos de la página {number} se contienen a sí mismos"
    return f"el contenido de la página {number} está dañado o incompleto"
