"""The source document as the page shows it beside its fields: page images, or its text.

PDF pages are rendered with pypdfium2, scans (PNG, JPEG, TIFF) shown with Pillow, Word and
Excel files converted to PDF by LibreOffice when it is installed (else the page says so), text
dumps shown as text. Rendering is serialised (PDFium is not thread-safe) and the last few
conversions are kept in memory, so paging through a Word file converts it once.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import PoaiError
from extractor.readers.detect import detect_format

WIDTH = 1100  # pixels of a rendered page: readable beside the fields, light to send
CONVERSION_TIMEOUT = 120
_KEPT = 8
_render_lock = threading.Lock()
_converted: OrderedDict[str, bytes | None] = OrderedDict()
_LIBREOFFICE = ("docx", "doc", "xlsx")
NO_LIBREOFFICE = ("La vista del documento original necesita LibreOffice para convertir archivos Word y Excel "
                  "(en Debian o Ubuntu: sudo apt-get install libreoffice-writer libreoffice-calc). Los campos "
                  "leídos se pueden revisar y corregir igual.")


@dataclass(frozen=True)
class Preview:
    """What the page shows of a source: ``paginas`` page images, or ``texto``, or a ``nota``."""

    paginas: int = 0
    texto: str | None = None
    nota: str | None = None


def preview(data: bytes, key: str) -> Preview:
    """How the source ``data`` (``key``: its sha256) is shown."""
    try:
        formato = detect_format(data)
    except PoaiError as exc:
        return Preview(nota=exc.mensaje)
    if formato == "txt":
        return Preview(texto=_text(data))
    if formato == "imagen":
        return Preview(paginas=_image_pages(data))
    pdf = data if formato == "pdf" else _as_pdf(data, key, formato)
    if pdf is None:
        return Preview(nota=NO_LIBREOFFICE if _soffice() is None else
                       "LibreOffice no pudo convertir el documento para mostrarlo.")
    try:
        return Preview(paginas=_pdf_pages(pdf))
    except Exception:  # noqa: BLE001 - a PDF PDFium cannot open is shown as a note, never an error page
        return Preview(nota="No se pudo mostrar el documento (PDF protegido o dañado).")


def page_png(data: bytes, key: str, page: int) -> bytes | None:
    """The PNG of page ``page`` (1-based) of a source; None when it has no such page."""
    formato = detect_format(data)
    if formato == "imagen":
        return _image_png(data, page)
    pdf = data if formato == "pdf" else _as_pdf(data, key, formato)
    return _pdf_png(pdf, page) if pdf is not None else None


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _pdf_pages(pdf: bytes) -> int:
    import pypdfium2

    with _render_lock:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def _pdf_png(pdf: bytes, page: int) -> bytes | None:
    import pypdfium2

    with _render_lock:
        document = pypdfium2.PdfDocument(pdf)
        try:
            if not 1 <= page <= len(document):
                return None
            sheet = document[page - 1]
            bitmap = sheet.render(scale=WIDTH / max(sheet.get_width(), 1.0))
            image = bitmap.to_pil()
            sheet.close()
        finally:
            document.close()
    return _png(image)


def _image_pages(data: bytes) -> int:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return int(getattr(image, "n_frames", 1))


def _image_png(data: bytes, page: int) -> bytes | None:
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        if not 1 <= page <= int(getattr(image, "n_frames", 1)):
            return None
        image.seek(page - 1)
        frame = ImageOps.exif_transpose(image.convert("RGB") if image.mode not in ("RGB", "L") else image)
        if frame.width > WIDTH:
            frame = frame.resize((WIDTH, round(frame.height * WIDTH / frame.width)))
        return _png(frame)


def _png(image: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)  # type: ignore[attr-defined]
    return out.getvalue()


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _as_pdf(data: bytes, key: str, formato: str) -> bytes | None:
    """The PDF LibreOffice makes of a Word or Excel file (None without LibreOffice or when it fails)."""
    if formato not in _LIBREOFFICE:
        return None
    with _render_lock:
        if key in _converted:
            _converted.move_to_end(key)
            return _converted[key]
    pdf = _convert(data, {"docx": ".docx", "doc": ".doc", "xlsx": ".xlsx"}[formato])
    with _render_lock:
        _converted[key] = pdf
        while len(_converted) > _KEPT:
            _converted.popitem(last=False)
    return pdf


def _convert(data: bytes, suffix: str) -> bytes | None:
    soffice = _soffice()
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="poai-vista-") as folder:
        source = Path(folder, "documento" + suffix)
        source.write_bytes(data)
        profile = Path(folder, "perfil").as_uri()  # a private profile: never the user's LibreOffice state
        try:
            subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", folder, str(source)], capture_output=True, timeout=CONVERSION_TIMEOUT,
                           check=False)
        except (subprocess.TimeoutExpired, OSError):
            return None
        converted = Path(folder, "documento.pdf")
        return converted.read_bytes() if converted.exists() else None
