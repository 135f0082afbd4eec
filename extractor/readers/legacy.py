"""Legacy Word (.doc) files: converted to .docx by LibreOffice when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from extractor.errors import RESAVE_WORD, DamagedFileError, UnsupportedFormatError
from extractor.model.document import Document
from extractor.readers.registry import ReadOptions, read_document

CONVERSION_TIMEOUT = 120


class DocReader:
    """The reader of legacy Word (.doc) files: LibreOffice converts them, the .docx reader reads them."""

    formats: tuple[str, ...] = ("doc",)

    def read(self, data: bytes, options: ReadOptions) -> Document:
        """The document of a .doc file; the converted package passes the .docx limits too."""
        document = read_document(convert_doc(data), "docx")
        document.formato = "doc"
        return document


def convert_doc(data: bytes) -> bytes:
    """The .docx bytes of a .doc file (``soffice --headless --convert-to docx``)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise UnsupportedFormatError(
            "Es un documento Word antiguo (.doc). Instale LibreOffice (en Debian o Ubuntu: "
            "sudo apt-get install libreoffice-writer) para que poai lo convierta, o guárdelo como .docx."
        )
    with tempfile.TemporaryDirectory(prefix="poai-doc-") as folder:
        source = Path(folder, "documento.doc")
        source.write_bytes(data)
        profile = Path(folder, "perfil").as_uri()  # a private profile: runs never share LibreOffice state
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx",
                 "--outdir", folder, str(source)],
                capture_output=True, timeout=CONVERSION_TIMEOUT, check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise DamagedFileError(f"LibreOffice no pudo convertir el documento .doc a tiempo: {RESAVE_WORD}.") from exc
        converted = Path(folder, "documento.docx")
        if not converted.exists():
            raise DamagedFileError(f"LibreOffice no pudo convertir el documento .doc (¿dañado?): {RESAVE_WORD}.")
        return converted.read_bytes()
