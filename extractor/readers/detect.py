"""Detecting a file's format from its bytes, never from its name."""

from __future__ import annotations

import io
import re
import struct
import zipfile

from extractor.errors import REEXPORT, RESAVE_WORD, DamagedFileError, TooLargeError, UnsupportedFormatError
from extractor.readers.limits import check_zip_entries
from extractor.readers.package import sizes_disagree, what_part

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
        return _package_format(data)
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


# What a package's part names tell of its kind, even when its main part is lost.
_KINDS = (("word/document.xml", "docx", "El archivo Word", RESAVE_WORD),
          ("xl/workbook.xml", "xlsx", "El libro Excel", REEXPORT))


def _package_format(data: bytes) -> str:
    """``docx`` or ``xlsx`` for a zip package (see :func:`detect_format`)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error) as exc:
        # The directory is at the end of a zip: a cut file has none.
        why = ("está incompleto (cortado: le falta el directorio del zip, al final)" if "not a zip file" in str(exc)
               else "está dañado (el directorio del zip no se puede leer)")
        what, advice = ("El libro Excel", REEXPORT) if _excel_headers(data) else ("El archivo Word", RESAVE_WORD)
        raise DamagedFileError(f"{what} {why}: {advice}.") from exc
    names = {info.filename for info in infos}
    for main, formato, what, advice in _KINDS:
        if main in names:
            # The zip's directory is read here once: its bomb limits are checked now, before
            # any part is unpacked, and the reader does not open the directory again for it.
            _check_entries(data, infos, what, advice)
            return formato
        folder = main.split("/")[0] + "/"
        # Each part's name is also written, uncompressed, before its data: a directory that lost
        # the name still leaves it there.
        if main.encode() in data:
            raise DamagedFileError(f"{what} está dañado: el directorio del zip no lista la parte «{main}» "
                                   f"({what_part(main)}); {advice}.")
        if any(name.startswith(folder) for name in names):
            raise DamagedFileError(f"{what} está dañado: falta la parte «{main}» ({what_part(main)}); {advice}.")
    raise UnsupportedFormatError(
        "El archivo es un paquete zip que no es un documento Word (.docx); "
        "guárdelo como .docx o PDF."
    )


# A part's own header (before its data): 30 bytes, then its name.
_LOCAL_HEADER = re.compile(rb"PK\x03\x04[\s\S]{26}(word|xl)/")


def _excel_headers(data: bytes) -> bool:
    """Whether the first part named in its own header (read even when the directory is lost)
    is a workbook's."""
    match = _LOCAL_HEADER.search(data)
    return match is not None and match.group(1) == b"xl"


def _check_entries(data: bytes, infos: list[zipfile.ZipInfo], what: str, advice: str) -> None:
    """The zip-bomb limits of a package; sizes beyond them that its parts' own headers do not
    declare are a damaged directory, not a bomb (a bomb's headers agree with its directory)."""
    try:
        check_zip_entries(infos)
    except TooLargeError:
        damage = sizes_disagree(data, infos)
        if damage is None:
            raise
        raise DamagedFileError(f"{what} está dañado: {damage}; {advice}.") from None


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
