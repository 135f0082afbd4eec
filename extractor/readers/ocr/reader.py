"""Reading scans: image files (PNG, JPEG, multi-page TIFF) and the image-only pages of PDFs.

Each page is made ready (:mod:`.prepare`), read by Tesseract (:mod:`.engine`) and turned into
the PDF reader's geometry (:mod:`.geometry`); the PDF reader's own code lays it out. The
document's ``ocr`` says which pages were read so, with what engine and mean confidence.
"""

from __future__ import annotations

import io
import statistics
from typing import Any

from PIL import Image, ImageSequence, UnidentifiedImageError

from extractor.errors import REEXPORT, DamagedFileError, NoTextError, TooLargeError
from extractor.model.document import Document
from extractor.page_progress import page_read
from extractor.readers.ocr import engine
from extractor.readers.ocr.geometry import OcrPage, page_geometry
from extractor.readers.pdf import PageContent, assemble, layout_page
from extractor.readers.pdf.lines import WrapSpaces
from extractor.readers.registry import ReadOptions

# PDF pages without a text layer are rendered at this resolution for OCR.
RENDER_DPI = 300
# An image file may hold at most this many pages, and a page this many pixels (a decompression bomb is refused).
MAX_PAGES = 200
MAX_PIXELS = 120_000_000

# A page whose words are read with less mean confidence than this may be turned.
BAD_CONFIDENCE = 70.0
OCR_OFF = "Documento escaneado: no tiene capa de texto y la lectura por OCR está desactivada."
NO_TEXT = "Documento escaneado: el OCR no encontró texto legible en sus páginas."


def unavailable(what: str = "Documento escaneado: no tiene capa de texto y requiere OCR") -> str:
    """The message of a scan that cannot be read because OCR is not installed."""
    return f"{what}. {engine.missing() or engine.INSTALL}."


class OcrLog:
    """What OCR did in one document: pages read, word confidences, words read with little confidence."""

    def __init__(self) -> None:
        self.pages: list[int] = []
        self.confidences: list[float] = []
        self.doubtful: list[str] = []

    def add(self, number: int, page: OcrPage) -> None:
        """Count one page read by OCR."""
        self.pages.append(number)
        self.confidences.extend(page.confidences)
        self.doubtful.extend(page.doubtful)

    def stamp(self, document: Document) -> Document:
        """``document`` with its ``ocr`` summary (None when no page was read by OCR)."""
        if self.pages:
            confidence = round(statistics.fmean(self.confidences), 1) if self.confidences else 0.0
            document.ocr = {"motor": engine.motor(), "confianza": confidence, "paginas": list(self.pages)}
            document.ocr_doubtful = sorted(set(self.doubtful))
        return document


def ocr_page(image: Image.Image, dpi: int | None = None) -> OcrPage:
    """One page image read by OCR (``dpi``: its resolution where known, as for a rendered PDF page).

    A page that reads badly may be turned: Tesseract's orientation detection is asked then (it
    costs as much as reading a page, so not for every page), and the page is read again turned.
    """
    from extractor.readers.ocr.prepare import prepare  # OpenCV: imported only where a page is read by OCR

    prepared = prepare(image, dpi)
    words = engine.recognise(prepared.image, prepared.dpi)
    if _reads_badly(words):
        turn = engine.orientation(prepared.image)
        if turn:
            turned = prepare(image, dpi, turn)
            again = engine.recognise(turned.image, turned.dpi)
            if _mean_confidence(again) > _mean_confidence(words):
                prepared, words = turned, again
    return page_geometry(prepared, words, engine.recognise_boxes)


def _mean_confidence(words: list[engine.OcrWord]) -> float:
    return statistics.fmean(w.conf for w in words) if words else 0.0


def _reads_badly(words: list[engine.OcrWord]) -> bool:
    """Few words, or words read with little confidence: a page turned, or no text at all."""
    return len(words) < 15 or _mean_confidence(words) < BAD_CONFIDENCE


def lay_out(page: OcrPage, number: int, evidence: WrapSpaces) -> PageContent:
    """A page read by OCR laid out as the PDF reader lays out a page."""
    return layout_page(page.chars, page.cells, (number, page.width, page.height), evidence)


class ImageReader:
    """The reader of image files: PNG, JPEG and TIFF (one page per frame)."""

    formats: tuple[str, ...] = ("imagen",)

    def read(self, data: bytes, options: ReadOptions) -> Document:
        """The document of a scanned image, read by OCR (unless OCR is off or not installed)."""
        if options.ocr == "nunca":
            raise NoTextError(OCR_OFF)
        if engine.missing() is not None:
            raise NoTextError(unavailable("Imagen escaneada: poai necesita OCR para leerla"))
        log, evidence, pages = OcrLog(), WrapSpaces(), []
        frames = _frames(data)
        for number, frame in enumerate(frames, 1):
            page = ocr_page(frame)
            log.add(number, page)
            pages.append(lay_out(page, number, evidence))
            page_read(number, len(frames))
        if not any(content.glyphs for content in pages):
            raise NoTextError(NO_TEXT)
        return log.stamp(assemble(pages, evidence, "imagen"))


def _frames(data: bytes) -> list[Image.Image]:
    """The pages of an image file, decoded (a TIFF's frames in order)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise TooLargeError("La imagen es demasiado grande para leerla: escanéela a 300 dpi o menos.")
            frames: list[Image.Image] = []
            for frame in ImageSequence.Iterator(image):
                if len(frames) >= MAX_PAGES:
                    raise TooLargeError(f"La imagen tiene más de {MAX_PAGES} páginas: divídala en varios archivos.")
                copy = frame.copy()
                copy.info.setdefault("dpi", image.info.get("dpi"))
                frames.append(copy)
            return frames
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise DamagedFileError(f"La imagen está dañada o incompleta: {REEXPORT}.") from exc


class ScannedPages:
    """The pages of a PDF read by OCR: rendered on demand, while the PDF reader reads the rest."""

    def __init__(self, data: bytes, password: str | None, mode: str) -> None:
        self.data, self.password, self.mode = data, password, mode
        self.log = OcrLog()
        self._pdf: Any = None
        self.skipped = False  # a page needed OCR that could not run

    @property
    def always(self) -> bool:
        """Is every page to be read by OCR, text layer or not?"""
        return self.mode == "siempre" and engine.missing() is None

    def read(self, number: int) -> OcrPage | None:
        """Page ``number`` (1-based) read by OCR; None when OCR is off or not installed."""
        if self.mode == "nunca" or engine.missing() is not None:
            self.skipped = True
            return None
        import pypdfium2

        if self._pdf is None:
            self._pdf = pypdfium2.PdfDocument(self.data, password=self.password)
        page = self._pdf[number - 1]
        try:
            bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
            image = bitmap.to_pil()
        finally:
            page.close()
        scanned = ocr_page(image, RENDER_DPI)
        self.log.add(number, scanned)
        page_read(number, len(self._pdf))
        return scanned

    def no_text(self) -> str:
        """Why a PDF none of whose pages gave text cannot be read."""
        if self.mode == "nunca":
            return OCR_OFF
        if engine.missing() is not None:
            return unavailable()
        return NO_TEXT

    def stamp(self, document: Document) -> Document:
        """``document`` with its ``ocr`` summary."""
        return self.log.stamp(document)

    def close(self) -> None:
        """Release the rendered PDF."""
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
