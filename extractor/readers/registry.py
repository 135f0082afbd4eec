"""The reader registry: one :class:`Reader` per detected format, and the one call that reads.

Every format poai reads has a reader object with the formats it serves (the names
:func:`~extractor.readers.detect.detect_format` returns) and a ``read`` method from bytes to
the neutral :class:`~extractor.model.document.Document`. :func:`read_document` checks the
size limit and dispatches by format; a new format (a workbook, an image with OCR) is one
class and one :func:`register` call.

The built-in readers are imported on first use, not here: their parsers (pdfplumber,
python-docx) take a noticeable time to import, and a run over text dumps never needs them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Protocol, cast

from extractor.errors import UnsupportedFormatError
from extractor.model.document import Document
from extractor.readers.limits import check_size


@dataclass(frozen=True)
class ReadOptions:
    """What a caller may tell a reader besides the bytes: the password of a protected PDF, and
    when to read pages by OCR (``ocr``, one of :data:`OCR_MODES`: "auto" the pages without a
    text layer, "siempre" every page, "nunca" none)."""

    password: str | None = None
    ocr: str = "auto"


OCR_MODES = ("auto", "siempre", "nunca")


class Reader(Protocol):
    """Reads the bytes of the formats it serves into a neutral Document.

    ``read`` raises the project's errors (:class:`~extractor.errors.PoaiError` subclasses) for
    a file it cannot read; size limits are already checked when it is called.
    """

    @property
    def formats(self) -> tuple[str, ...]:
        """The detected formats this reader serves (``"pdf"``, ``"docx"`` …)."""
        ...

    def read(self, data: bytes, options: ReadOptions) -> Document:
        """The neutral document of ``data``."""
        ...


# Built-in readers by format: (module, class) imported on first use.
_BUILTIN: dict[str, tuple[str, str]] = {
    "pdf": ("extractor.readers.pdf", "PdfReader"),
    "docx": ("extractor.readers.docx", "DocxReader"),
    "doc": ("extractor.readers.legacy", "DocReader"),
    "txt": ("extractor.readers.text", "TextReader"),
    "xlsx": ("extractor.readers.xlsx", "XlsxReader"),
    "imagen": ("extractor.readers.ocr.reader", "ImageReader"),
}
_readers: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Make ``reader`` the reader of each of its formats (replacing a built-in one); returns it."""
    for formato in reader.formats:
        _readers[formato] = reader
    return reader


def registered_formats() -> tuple[str, ...]:
    """Every format some reader serves, sorted."""
    return tuple(sorted({*_BUILTIN, *_readers}))


def reader_for(formato: str) -> Reader:
    """The reader registered for ``formato``; UnsupportedFormatError when there is none."""
    reader = _readers.get(formato)
    if reader is not None:
        return reader
    if formato not in _BUILTIN:
        raise UnsupportedFormatError(
            f"poai no lee documentos de formato «{formato}»: guárdelo como PDF, Word (.docx) o texto."
        )
    module, name = _BUILTIN[formato]
    reader = cast(Reader, getattr(importlib.import_module(module), name)())
    return register(reader)


def read_document(data: bytes, formato: str, *, password: str | None = None, ocr: str = "auto") -> Document:
    """Read ``data``, whose detected format is ``formato``, into a neutral Document.

    The size limit is checked before any parsing; ``password`` opens a protected PDF. Raises
    the project's errors (PoaiError subclasses) for files that cannot be read. ``ocr``: when
    pages are read by OCR (see :class:`ReadOptions`).
    """
    check_size(len(data))
    return reader_for(formato).read(data, ReadOptions(password=password, ocr=ocr))
