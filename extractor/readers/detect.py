"""Detecting a file's format from its bytes, never from its name."""

from __future__ import annotations

import io
import zipfile

from extractor.errors import REEXPORT, RESAVE_WORD, DamagedFileError, UnsupportedFormatError
from extractor.readers.limits import check_zip_entries

# PNG, JPEG, TIFF (little- and big-endian): the scans poai reads by OCR.
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def detect_format(data: bytes) -> str:
    """``pdf``, ``docx``, ``xlsx``, ``doc``, ``txt`` or ``imagen`` (PNG, JPEG, TIFF) for the given bytes.

    Raises DamagedFileError for empty or binary garbage, UnsupportedFormatError for a
    recognisable format poai does not read (another zip, a GIF …) and TooLargeError for a
    Word package that would unpack to too much (a zip bomb).
    """
    if not data.strip():
        raise DamagedFileError(f"El archivo está vacío: {REEXPORT}.")
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise DamagedFileError(f"El archivo Word está dañado o incompleto (zip ilegible): {RESAVE_WORD}.") from exc
        if any(info.filename == "word/document.xml" for info in infos):
            # The zip's directory is read here once: its bomb limits are checked now, before
            # any part is unpacked, and the reader does not open the directory again for it.
            check_zip_entries(infos)
            return "docx"
        if any(info.filename == "xl/workbook.xml" for info in infos):
            check_zip_entries(infos)
            return "xlsx"
        raise UnsupportedFormatError(
            "El archivo es un paquete zip que no es un documento Word (.docx); "
            "guárdelo como .docx o PDF."
        )
    if data.startswith(_OLE):
        return "doc"
    if head.startswith(_IMAGES):
        return "imagen"
    if _looks_like_text(head):
        return "txt"
    if head.startswith(b"GIF8"):
        raise UnsupportedFormatError("El archivo es una imagen GIF: guárdela como PNG, JPEG o TIFF, "
                                     "o conviértala a PDF.")
    raise DamagedFileError("El contenido del archivo no es un PDF, Word ni texto legible: "
                           "compruebe que sea el documento correcto.")


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        sample = head.decode("utf-8")
    except UnicodeDecodeError:
        # Cut multibyte character at the end of the sample, or a legacy 8-bit encoding.
        try:
            sample = head[:-4].decode("utf-8")
        except UnicodeDecodeError:
            sample = head.decode("cp1252", errors="replace")
    if not sample:
        return False
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    odd = sample.count("\ufffd")
    return (control + odd) / len(sample) < 0.05
