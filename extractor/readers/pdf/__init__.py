"""PDF files with pdfplumber: ruled tables, tables from text alignment, paragraphs.

Each page is parsed once: its characters are read one time and shared by table-cell
assignment (:mod:`.ruled`), line building (:mod:`.lines`) and paragraph and unruled-table
building (:mod:`.aligned`). Running headers and footers (repeated on pages, or page
numbers) are dropped when the pages are put together. Whether the producer prints a space
at the end of the lines it wraps (:class:`~.lines.WrapSpaces`) is learnt from the whole
document: cells and paragraphs are split into items once every page's lines are counted.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

import numpy as np
import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from extractor.errors import REEXPORT, DamagedFileError, EncryptedPdfError, NoTextError
from extractor.model.document import Block, Document, Paragraph, Table
from extractor.readers.pdf import aligned, repair, ruled
from extractor.readers.pdf.lines import Line, PdfChar, WrapSpaces, group_lines
from extractor.readers.pdf.watermark import content_chars
from extractor.readers.registry import ReadOptions
from extractor.textnorm import clean_ws

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.pdf import PDF

    from extractor.readers.ocr.geometry import OcrPage
    from extractor.readers.ocr.reader import ScannedPages

from extractor.readers.furniture import is_page_number  # noqa: E402

__all__ = ["PageContent", "PdfReader", "assemble", "layout_page", "read_pdf"]

# The longest title of a group of rows (a bold line between two pieces of a table).
TITLE_CHARS = 80
# Share of the page height where running headers and footers live.
MARGIN_ZONE = 0.08
# Beyond it, a running header or footer is told by repeating at the same height on the next page
# (within this many points), in this share of the page height, up to this many lines deep.
RUNNING_ZONE = 0.15
RUNNING_TOLERANCE = 2.0
RUNNING_LINES = 2
# Margin lines this long or longer that are this alike (1 is the same text) are one running line misread.
RUNNING_FUZZY_CHARS = 12
RUNNING_SIMILARITY = 0.9
# What pdfminer and pdfplumber raise on a malformed file: to the user, all mean "damaged".
_PARSER_ERRORS = (PdfminerException, PSException, ValueError, KeyError, TypeError, AttributeError, OSError,
                  zlib.error, struct.error, AssertionError, ZeroDivisionError)

ENCRYPTED = "El PDF está protegido con contraseña: indique su contraseña o guarde una copia sin protección."


class PdfReader:
    """The reader of PDF files."""

    formats: tuple[str, ...] = ("pdf",)

    def read(self, data: bytes, options: ReadOptions) -> Document:
        """The document of a PDF, opened with ``options.password`` when it is protected."""
        return read_pdf(data, options.password, options.ocr)


@dataclass
class PageContent:
    """One page laid out: its blocks placed so far, and what is still to split into items."""

    number: int
    height: float
    width: float
    glyphs: int = 0
    placed: list[tuple[float, Block]] = field(default_factory=list)  # (top, block)
    margin_lines: list[tuple[float, Line]] = field(default_factory=list)
    # Read but not yet split into items (see _finish): ruled cells, and the lines outside them.
    pending: list[ruled.Pending] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)


def read_pdf(data: bytes, password: str | None = None, ocr: str = "auto") -> Document:
    """Read a PDF's bytes into a Document (raises the project's errors for bad files).

    ``ocr``: "auto" reads by OCR the pages without a text layer, "siempre" every page, "nunca" none
    (see :mod:`extractor.readers.ocr`). A file whose structure is damaged (its cross-reference
    table, a page pdfminer cannot read while pdfium can) is read again as pdfium rewrites it
    (:mod:`.repair`); one pdfium cannot open either is damaged, never a scan.
    """
    try:
        return _read(data, password, ocr, None)
    except _NeedsRepair as need:
        fixed = _rewrite(data, password, need.xref)
        if fixed is None:
            raise need.error from need
        return _read(fixed, None, ocr, need.error.mensaje)


class _NeedsRepair(Exception):
    """The file as given cannot be read: ``error`` is what to report unless pdfium rewrites it."""

    def __init__(self, error: DamagedFileError, xref: bool) -> None:
        super().__init__(error.mensaje)
        self.error, self.xref = error, xref  # xref: the damage is in the structure, not in a page


def _rewrite(data: bytes, password: str | None, distrust_xref: bool) -> bytes | None:
    try:
        return repair.rewrite(data, password, distrust_xref)
    except repair.PdfiumPasswordError:
        raise EncryptedPdfError(ENCRYPTED) from None


def _open(data: bytes, password: str | None, repaired: str | None) -> PDF:
    """The PDF opened by pdfplumber, its pages listed; ``repaired``: why these bytes are pdfium's
    rewrite of the file (None: the file as given, which pdfium may still repair)."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
        if pdf.pages:
            return pdf
        pdf.close()
        error = DamagedFileError(f"El PDF está dañado: no se encuentra ninguna de sus páginas; {REEXPORT}.")
    except _PARSER_ERRORS as exc:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise EncryptedPdfError(ENCRYPTED) from exc
        error = DamagedFileError(f"El PDF está dañado o incompleto y no se puede abrir: {REEXPORT}.")
    if repaired is not None:
        raise error
    raise _NeedsRepair(error, xref=True)


def _read(data: bytes, password: str | None, ocr: str, repaired: str | None) -> Document:
    """The document of ``data`` (see :func:`_open` for ``repaired``)."""
    from extractor.readers.ocr.reader import ScannedPages, lay_out

    pdf = _open(data, password, repaired)
    damage = None if repaired is not None else repair.structure_damage(pdf.doc, data)
    if damage is not None:
        fixed = _rewrite(data, password, True)
        if fixed is not None:
            pdf.close()
            return _read(fixed, None, ocr, damage)
    # Read again as pdfium rewrites it, when a page cannot be read: unless it was, or pdfium cannot.
    repairable = repaired is None and damage is None
    pages: list[PageContent] = []
    evidence = WrapSpaces()
    scans = ScannedPages(data, password, ocr)
    try:
        for number, page in enumerate(pdf.pages, 1):
            content = None if scans.always else _read_page_or_say(page, number, evidence, repairable)
            # No character at all (not even a watermark's) where pdfium finds text: the page lost it.
            if content is not None and not content.glyphs and repairable and not page.chars \
                    and repair.page_has_text(data, password, number):
                raise _NeedsRepair(DamagedFileError(
                    f"El PDF está dañado: el texto de la página {number} no se puede leer; {REEXPORT}."), xref=False)
            if content is None or not content.glyphs:
                scanned = _scan(scans, number)
                if scanned is not None:
                    content = lay_out(scanned, number, evidence)
            pages.append(content if content is not None else _read_page_or_say(page, number, evidence, False))
            page.close()  # free the page's cached objects: memory stays flat on long files
    finally:
        pdf.close()
        scans.close()
    if not any(content.glyphs for content in pages):
        why = repaired or damage
        if why is not None:  # a damaged file is no scan: OCR would not help
            raise DamagedFileError(f"El PDF está dañado ({_clause(why)}) y no se encontró texto en sus páginas: "
                                   f"{REEXPORT}.")
        raise NoTextError(scans.no_text())
    return scans.stamp(assemble(pages, evidence, "pdf"))


def _clause(message: str) -> str:
    """The middle of a damage message ("El PDF está dañado: X; vuelva …" → X), or the message."""
    match = re.match(r"El PDF está dañado(?: o incompleto)?:? (.*?)[;:] " + re.escape(REEXPORT), message)
    return match.group(1) if match else message


def _read_page_or_say(page: Page, number: int, evidence: WrapSpaces, repairable: bool) -> PageContent:
    """:func:`_read_page`, with what a parser raises said as the damage of that page."""
    try:
        return _read_page(page, number, evidence)
    except (*_PARSER_ERRORS, IndexError, RecursionError) as exc:
        error = DamagedFileError(f"El PDF está dañado: {repair.page_damage(exc, number)}; {REEXPORT}.")
        if repairable:
            raise _NeedsRepair(error, xref=False) from exc
        raise error from exc


def _scan(scans: ScannedPages, number: int) -> OcrPage | None:
    """Page ``number`` read by OCR; a page pdfium cannot render is damaged."""
    try:
        return scans.read(number)
    except RuntimeError as exc:  # pypdfium2.PdfiumError
        raise DamagedFileError(f"El PDF está dañado: la página {number} no se puede dibujar; {REEXPORT}.") from exc


def assemble(pages: list[PageContent], evidence: WrapSpaces, formato: str) -> Document:
    """The document of pages laid out by :func:`layout_page`: running headers and footers
    dropped, cells and paragraphs split into items, blocks in reading order."""
    _running_edges(pages)
    counts = _running_counts(pages)
    carried: Table | None = None
    for content in pages:
        _reclaim(content, counts, single=len(pages) == 1)
        carried = _finish(content, evidence.seen, carried)
    return Document(formato=formato, blocks=_assemble(pages, counts), paginas=len(pages))


def _read_page(page: Page, number: int, evidence: WrapSpaces) -> PageContent:
    """One page's tables, margin lines and body lines; its lines are counted into ``evidence``
    (what the document shows of wrap spaces)."""
    # Space glyphs are kept: not as text, but to tell where the producer printed a space.
    chars = content_chars(cast(list[PdfChar], page.chars))
    if not any(c["text"].strip() for c in chars):
        return PageContent(number=number, height=float(page.height), width=float(page.width))
    return layout_page(chars, ruled.page_cells(page), (number, float(page.width), float(page.height)), evidence)


def layout_page(chars: list[PdfChar], cells: list[list[ruled.Box]], page: tuple[int, float, float],
                evidence: WrapSpaces) -> PageContent:
    """A page's tables, margin lines and body lines from its characters and the cell rectangles
    of its ruled tables; ``page``: its number, width and height in points. Its lines are counted
    into ``evidence``."""
    number, width, height = page
    content = PageContent(number=number, height=height, width=width)
    content.glyphs = sum(1 for c in chars if c["text"].strip())
    if not content.glyphs:
        return content
    tables, free, content.pending = ruled.ruled_tables(cells, chars, number)
    content.placed.extend(tables)
    for line in group_lines(free):
        if line.bottom < content.height * MARGIN_ZONE or line.top > content.height * (1 - MARGIN_ZONE):
            content.margin_lines.append((line.top, line))
        else:
            content.body.append(line)
    # A page number printed above the margins ("Página 1" high in the footer) is furniture too.
    for edge in (-1, 0):
        if content.body and is_page_number(content.body[edge].text, bare=False):
            line = content.body.pop(edge)
            content.margin_lines.append((line.top, line))
    ruled.observe(content.pending, evidence)
    aligned.observe(content.body, content.width, evidence)
    return content


def _finish(content: PageContent, wrap_spaces: bool, carried: Table | None) -> Table | None:
    """Split the page's cells and body lines into items, paragraphs and unruled tables, in
    reading order. ``carried``: the unruled table that ended the page before (a table opening
    this page may go on with it); returns this page's."""
    ruled.fill_items(content.pending, wrap_spaces)
    if content.body and any(top < content.body[0].top for top, _block in content.placed):
        carried = None  # a ruled table comes first on the page
    content.placed.extend(aligned.free_text(content.body, content.number, content.width, wrap_spaces, carried))
    content.placed.sort(key=lambda item: item[0])
    content.pending, content.body = [], []
    # The table's title for its next rows may end the page ("FUNCIONES RUTINARIAS" in bold,
    # the rows on the next page): the table still goes on there.
    blocks = [block for _top, block in content.placed]
    while len(blocks) > 1 and isinstance(blocks[-1], Paragraph) and blocks[-1].bold \
            and len(blocks[-1].text) <= TITLE_CHARS:
        blocks.pop()
    last = blocks[-1] if blocks else None
    return last if isinstance(last, Table) and not last.ruled and last.col_edges else None


# A line cut into this many columns is a table's row, never a running header or footer.
TABLE_SEGMENTS = 3


def _running_edges(pages: list[PageContent]) -> None:
    """Move to the margin lines the running headers and footers printed beyond the margin zone
    (a header grown by its logo pushes the entity's name down to the body's first line): a
    body line at the page's top or bottom edge, within :data:`RUNNING_ZONE`, whose text (numbers
    blanked) is printed at the same height at the same edge of the page before or after, while
    the line next to it inwards is not (a table's header rows printed again on each page repeat
    as a block: they stay). A title at the top of each POAI of a bundle is on pages apart."""
    for _ in range(RUNNING_LINES):
        edges = [_edge_lines(content) for content in pages]
        moved = []
        for index, content in enumerate(pages):
            for edge, (line, inner) in edges[index].items():
                if len(line.segments(bare=True)) >= TABLE_SEGMENTS:
                    continue  # a table's header row printed again at the top of each page stays
                for other in (edges[i] for i in (index - 1, index + 1) if 0 <= i < len(pages)):
                    their_line, their_inner = other.get(edge, (None, None))
                    if their_line and _same_place(line, their_line) \
                            and not (inner and their_inner and _same_place(inner, their_inner)):
                        moved.append((content, line))
                        break
        for content, line in moved:
            content.body.remove(line)
            content.margin_lines.append((line.top, line))
        if not moved:
            return


def _same_place(line: Line, other: Line) -> bool:
    """Whether two lines of two pages print the same text (numbers blanked) at the same height."""
    return abs(other.top - line.top) <= RUNNING_TOLERANCE and _running_key(line.text) == _running_key(other.text)


def _edge_lines(content: PageContent) -> dict[str, tuple[Line, Line | None]]:
    """The body's first and last lines where they lie within the running zone of their edge,
    each with the body line next to it inwards (None: there is none)."""
    found: dict[str, tuple[Line, Line | None]] = {}
    lines = sorted(content.body, key=lambda line: line.top)
    if not lines:
        return found
    second = lines[1] if len(lines) > 1 else None
    if lines[0].bottom <= content.height * RUNNING_ZONE:
        found["top"] = (lines[0], second)
    if len(lines) > 1 and lines[-1].top >= content.height * (1 - RUNNING_ZONE):
        found["bottom"] = (lines[-1], lines[-2])
    return found


def _running_counts(pages: list[PageContent]) -> Counter[str]:
    """On how many pages each margin line's text (numbers blanked) is printed, or one all but a
    letter or two the same: a scan's OCR misreads a running header differently from page to
    page ("POAI - documento", "POAJI - documento")."""
    keys = [{_running_key(line.text) for _, line in content.margin_lines} for content in pages]
    texts = sorted(set().union(*keys)) if keys else []
    counts: Counter[str] = Counter()
    for page_keys in keys:
        counts.update(page_keys)
    long = [t for t in texts if len(t) >= RUNNING_FUZZY_CHARS]
    if len(long) < 2:
        return counts
    alike = process.cdist(long, long, scorer=Levenshtein.normalized_similarity, score_cutoff=RUNNING_SIMILARITY)
    for i, text in enumerate(long):
        kin = {long[j] for j in np.nonzero(alike[i])[0]} | {text}
        counts[text] = sum(1 for page_keys in keys if page_keys & kin)
    return counts


def _reclaim(content: PageContent, counts: Counter[str], single: bool) -> None:
    """Give back to the body the margin lines that are part of it: a table's row (even one that
    repeats: a header row printed again), a heading or a paragraph's line printed close above or
    below the body in the margin zone (a page set with narrow margins), which is no page number
    and no running header or footer."""
    def furniture(line: Line) -> bool:
        # A table's header row printed again atop each page repeats too, but is the table's.
        table_row = len(line.segments(bare=True)) >= TABLE_SEGMENTS
        return is_page_number(line.text) or (not single and not table_row and counts[_running_key(line.text)] >= 2)

    def joins(line: Line, neighbour: Line) -> bool:
        gap = neighbour.top - line.bottom if line.top < neighbour.top else line.top - neighbour.bottom
        return not furniture(line) and 0 <= gap <= 1.6 * max(line.size, neighbour.size)

    margin = sorted(content.margin_lines, key=lambda item: item[0])
    above = [m for m in margin if m[0] < content.height / 2]
    below = [m for m in margin if m[0] >= content.height / 2]
    while above and content.body and joins(above[-1][1], content.body[0]):
        content.body.insert(0, above.pop()[1])
    while below and content.body and joins(below[0][1], content.body[-1]):
        content.body.append(below.pop(0)[1])
    content.margin_lines = above + below


def _assemble(pages: list[PageContent], counts: Counter[str]) -> list[Block]:
    """Concatenate the pages' blocks, keeping margin lines that are not running headers/footers."""
    blocks: list[Block] = []
    for content in pages:
        kept: list[tuple[float, Block]] = [
            (top, Paragraph(text=clean_ws(line.text), page=content.number, bold=line.bold))
            for top, line in content.margin_lines
            if not is_page_number(line.text)
            and (len(pages) == 1 or counts[_running_key(line.text)] < 2)]
        placed = sorted(content.placed + kept, key=lambda item: item[0])
        for _, block in placed:
            if isinstance(block, Paragraph):
                block.page = content.number
            blocks.append(block)
    return blocks


def _running_key(text: str) -> str:
    """A margin line's text with its numbers blanked: "Página 2 de 5" repeats as "página # de #"."""
    return re.sub(r"\d+", "#", clean_ws(text).lower())
