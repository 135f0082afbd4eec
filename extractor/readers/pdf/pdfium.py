"""PDF pages read with pdfium into the geometry the PDF reader lays out.

pdfplumber builds a Python object for every character through pdfminer, which is most of a
PDF's read time; pdfium (pypdfium2) reads the same page in a small share of it. This module
reads each page's characters (:mod:`.pdfium_chars`) and ruled-table cells (:mod:`.pdfium_paths`)
in pdfplumber's terms, then lays the page out with the PDF reader's own code
(:func:`~extractor.readers.pdf.layout_page`): nothing above the reader knows which engine read
a file. Coordinates follow pdfminer and pdfplumber: from the page's top-left corner, through
the MediaBox (a shifted one included) and the page's rotation.

pdfplumber stays the reference (tests/test_pdf_engines.py compares both engines' documents)
and reads what pdfium cannot open: a damaged file, or one protected by a password pdfium was
not given; pdfplumber then says what is wrong with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pypdfium2
import pypdfium2.raw as pdfium_c

from extractor.readers.pdf import PageContent, assemble, layout_page, pdfium_paths
from extractor.readers.pdf.lines import WrapSpaces
from extractor.readers.pdf.pdfium_chars import Matrix, Placement, page_chars
from extractor.readers.pdf.pdfium_fonts import FontTable
from extractor.readers.pdf.watermark import content_chars

if TYPE_CHECKING:
    from extractor.model.document import Document

__all__ = ["placement", "read_document", "read_page"]


def read_document(data: bytes, password: str | None, ocr: str) -> Document | None:
    """The document of a PDF read with pdfium (``ocr`` as for :func:`~extractor.readers.pdf.read_pdf`);
    None when pdfium cannot open or read it, for pdfplumber to read it instead."""
    from extractor.errors import NoTextError
    from extractor.readers.ocr.reader import ScannedPages, lay_out

    try:
        pdf = pypdfium2.PdfDocument(data, password=password or None)
    except pypdfium2.PdfiumError:
        return None
    fonts = FontTable.read(data, password)
    pages: list[PageContent] = []
    evidence = WrapSpaces()
    scans = ScannedPages(data, password, ocr)
    try:
        for number in range(1, len(pdf) + 1):
            page = pdf[number - 1]
            try:
                content = None if scans.always else read_page(page, number, fonts, evidence)
                if content is None or not content.glyphs:
                    scanned = scans.read(number)
                    if scanned is not None:
                        content = lay_out(scanned, number, evidence)
                pages.append(content if content is not None else read_page(page, number, fonts, evidence))
            finally:
                page.close()
    except pypdfium2.PdfiumError:
        return None  # a page pdfium cannot load: pdfplumber reads the file, or says it is damaged
    finally:
        pdf.close()
        scans.close()
    if not any(content.glyphs for content in pages):
        raise NoTextError(scans.no_text())
    return scans.stamp(assemble(pages, evidence, "pdf"))


def read_page(page: pypdfium2.PdfPage, number: int, fonts: FontTable, evidence: WrapSpaces) -> PageContent:
    """One page laid out (as the pdfplumber reader lays out its pages); ``fonts``: the document's
    fonts as pdfminer reads them. Its lines are counted into ``evidence``."""
    place = placement(page)
    textpage = pdfium_c.FPDFText_LoadPage(page.raw)
    if not textpage:
        raise pypdfium2.PdfiumError("pdfium could not read the page's text")
    try:
        # Space glyphs are kept: not as text, but to tell where the producer printed a space.
        chars = content_chars(page_chars(textpage, place, fonts))
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)
    if not any(c["text"].strip() for c in chars):
        return PageContent(number=number, height=place.height, width=place.width)
    cells = pdfium_paths.page_cells(page, place)
    return layout_page(chars, cells, (number, place.width, place.height), evidence)


def placement(page: pypdfium2.PdfPage) -> Placement:
    """How ``page`` maps onto pdfplumber's coordinates: pdfminer's device matrix for its MediaBox
    and rotation (``PDFPageInterpreter.process_page``), and pdfplumber's shift to its MediaBox."""
    left, bottom, right, top = page.get_mediabox()
    x0, x1 = sorted((left, right))
    y0, y1 = sorted((bottom, top))
    rotation = page.get_rotation() % 360
    ctm: Matrix = {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1),
                   270: (0, 1, -1, 0, y1, -x0)}.get(rotation, (1, 0, 0, 1, -x0, -y0))
    if rotation % 180:
        x0, y0, x1, y1 = y0, x0, y1, x1
    # pdfplumber turns the MediaBox top-down: its top is at -y0, its left stays at x0.
    return Placement(ctm=ctm, height=y1 - y0, width=x1 - x0, x_shift=x0, top_shift=-y0)
