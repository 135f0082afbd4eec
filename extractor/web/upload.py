"""What the web page accepts as an upload: a name with a known extension and content a reader reads."""

from __future__ import annotations

from pathlib import PurePath

from extractor.errors import PoaiError
from extractor.readers.detect import detect_format
from extractor.readers.registry import registered_formats

# The extensions of each format poai reads (the content decides how it is read; the extension only
# keeps out what is plainly not a document).
SUFFIXES = {
    "pdf": (".pdf",),
    "docx": (".docx", ".docm"),
    "doc": (".doc",),
    "txt": (".txt", ".md"),
    "xlsx": (".xlsx", ".xlsm"),
    "imagen": (".png", ".jpg", ".jpeg", ".tif", ".tiff"),
}
POA_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".pdf")


class UploadRefused(ValueError):
    """An upload the page does not keep; its message says why, in Spanish."""


def accepted_suffixes() -> list[str]:
    """The extensions of the formats some reader serves, sorted."""
    formats = set(registered_formats())
    return sorted(s for f, suffixes in SUFFIXES.items() if f in formats for s in suffixes)


def check_document(name: str, data: bytes) -> str:
    """The detected format of an uploaded document; :class:`UploadRefused` when its extension is not
    one poai reads or its content is no document a reader serves."""
    suffix = PurePath(name).suffix.lower()
    allowed = accepted_suffixes()
    if suffix not in allowed:
        raise UploadRefused(f"«{name}»: poai no lee archivos {suffix or 'sin extensión'}; "
                            f"suba documentos {', '.join(allowed)}.")
    try:
        formato = detect_format(data)
    except PoaiError as exc:
        raise UploadRefused(f"«{name}»: {exc.mensaje}") from exc
    if formato not in registered_formats():
        raise UploadRefused(f"«{name}»: poai no lee este formato ({formato}).")
    return formato


def check_poa(name: str, data: bytes) -> None:
    """:class:`UploadRefused` unless an uploaded POA is a workbook, a CSV or a PDF by name and content."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in POA_SUFFIXES:
        raise UploadRefused(f"«{name}»: el POA debe ser una planilla Excel (.xlsx), un CSV o un PDF.")
    try:
        formato = detect_format(data)
    except PoaiError as exc:
        raise UploadRefused(f"«{name}»: {exc.mensaje}") from exc
    if formato not in ("xlsx", "pdf", "txt"):
        raise UploadRefused(f"«{name}»: el POA debe ser una planilla Excel (.xlsx), un CSV o un PDF.")
