"""PDF files with pdfplumber: ruled tables, tables from text alignment, paragraphs.

Each page is parsed once: its characters are read one time and shared by table-cell
assignment, line building and paragraph building. Tables come from ruling lines
(pdfplumber's ``find_tables``); a table lying inside a cell of another one is nested in
that cell. Text outside ruled tables is grouped into lines; lines whose words fall into
columns separated by wide gaps become unruled tables, the rest paragraphs. Inside a cell
or paragraph, a line break is kept as the start of a new item only when the next line's
first word would have fitted on the line before (the author pressed Enter); otherwise the
lines are one wrapped item. Running headers and footers (repeated on pages, or page
numbers) are dropped.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from extractor.errors import REEXPORT, DamagedFileError, EncryptedPdfError, NoTextError
from extractor.model.document import Block, Cell, Document, Paragraph, Row, Table
from extractor.readers.registry import ReadOptions
from extractor.textnorm import clean_ws

# A gap wider than this many font sizes separates two columns of text.
COLUMN_GAP_EM = 1.5
# A gap wider than this many font sizes separates two words.
WORD_GAP_EM = 0.15
# Share of the page height where running headers and footers live.
MARGIN_ZONE = 0.08
_BULLETS = "•·▪►■◦●-–*"
_PAGE_NUMBER = re.compile(r"^(?:p[aá]g(?:ina)?\.?\s*)?\d{1,4}(?:\s*(?:de|/|of)\s*\d{1,4})?$", re.IGNORECASE)

Char = dict[str, Any]


@dataclass
class _Line:
    """A line of text: its words with their extents."""

    words: list[tuple[str, float, float]]  # (text, x0, x1)
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def x0(self) -> float:
        """Left edge."""
        return self.words[0][1]

    @property
    def x1(self) -> float:
        """Right edge."""
        return self.words[-1][2]

    @property
    def text(self) -> str:
        """The words, one space apart."""
        return " ".join(w[0] for w in self.words)

    def segments(self, starts: list[float] | None = None) -> list[_Line]:
        """The line cut where a gap is wide enough to separate columns, or, when the column
        ``starts`` of a table are known, wherever a word begins a column after a space."""
        parts: list[list[tuple[str, float, float]]] = [[self.words[0]]]
        for word in self.words[1:]:
            gap = word[1] - parts[-1][-1][2]
            at_column = starts is not None and gap > 0.4 * self.size and any(
                abs(word[1] - x) <= 2.5 for x in starts) and word[1] > parts[-1][0][1] + 2.5
            if gap > COLUMN_GAP_EM * self.size or at_column:
                parts.append([word])
            else:
                parts[-1].append(word)
        return [_Line(p, self.top, self.bottom, self.size, self.bold) for p in parts]


@dataclass
class _PageContent:
    number: int
    height: float
    width: float
    placed: list[tuple[float, Block]] = field(default_factory=list)  # (top, block)
    margin_lines: list[tuple[float, _Line]] = field(default_factory=list)


class PdfReader:
    """The reader of PDF files."""

    formats: tuple[str, ...] = ("pdf",)

    def read(self, data: bytes, options: ReadOptions) -> Document:
        """The document of a PDF, opened with ``options.password`` when it is protected."""
        return read_pdf(data, options.password)


def read_pdf(data: bytes, password: str | None = None) -> Document:
    """Read a PDF's bytes into a Document (raises the project's errors for bad files)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
        pages_obj = pdf.pages
    except (PdfminerException, PSException, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise EncryptedPdfError(
                "El PDF está protegido con contraseña: indíquela con --password o guarde una copia sin protección."
            ) from exc
        raise DamagedFileError(f"El PDF está dañado o incompleto y no se puede abrir: {REEXPORT}.") from exc
    pages: list[_PageContent] = []
    total_chars = 0
    try:
        for number, page in enumerate(pages_obj, 1):
            content, chars = _read_page(page, number)
            total_chars += chars
            pages.append(content)
            page.close()  # free the page's cached objects: memory stays flat on long files
    except (PdfminerException, PSException, ValueError, KeyError, TypeError, AttributeError, OSError,
            IndexError) as exc:
        raise DamagedFileError(f"El PDF está dañado (no se pudo leer una de sus páginas): {REEXPORT}.") from exc
    finally:
        pdf.close()
    if total_chars == 0:
        raise NoTextError("Documento escaneado: no tiene capa de texto y requiere OCR.")
    blocks = _assemble(pages)
    return Document(formato="pdf", blocks=blocks, paginas=len(pages))


# -- one page ---------------------------------------------------------------------------------


# Ruling lines closer than this are one line. Kept small so that a nested table, inset a
# few points inside its cell, is not welded onto the cell's own borders.
TABLE_SETTINGS = {"snap_tolerance": 1.5, "join_tolerance": 1.5, "intersection_tolerance": 1.5}

Box = tuple[float, float, float, float]


def _read_page(page: Any, number: int) -> tuple[_PageContent, int]:
    chars = [c for c in page.chars if c.get("upright", True) and c["text"].strip()]
    content = _PageContent(number=number, height=float(page.height), width=float(page.width))
    if not chars:
        return content, 0
    found = page.find_tables(table_settings=TABLE_SETTINGS)
    # Every cell rectangle of the page, with the table pdfplumber grouped it in.
    cells: dict[Box, int] = {}
    for index, table in enumerate(found):
        for bbox in table.cells:
            x0, top, x1, bottom = (round(v, 2) for v in bbox)
            cells.setdefault((x0, top, x1, bottom), index)
    boxes = sorted(cells, key=_area)
    # A cell lying inside another cell belongs to a table nested there.
    parent: dict[Box, Box | None] = {}
    for i, box in enumerate(boxes):
        parent[box] = next((other for other in boxes[i + 1:] if _inside(box, other)), None)
    owned: dict[Box, list[Char]] = {box: [] for box in boxes}
    free: list[Char] = []
    for char in chars:
        cx = (char["x0"] + char["x1"]) / 2
        cy = (char["top"] + char["bottom"]) / 2
        home = next((b for b in boxes if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]), None)
        if home is None:
            free.append(char)
        else:
            owned[home].append(char)
    children: dict[Box | None, list[Box]] = {}
    for box in boxes:
        children.setdefault(parent[box], []).append(box)

    def build(group: list[Box]) -> Table:
        return _grid(group, owned, children, build, number)

    top_level: dict[int, list[Box]] = {}
    for box in children.get(None, []):
        top_level.setdefault(cells[box], []).append(box)
    for group in top_level.values():
        content.placed.append((min(b[1] for b in group), build(group)))
    _free_text(free, content)
    content.placed.sort(key=lambda item: item[0])
    return content, len(chars)


def _inside(inner: Box, outer: Box, tolerance: float = 1.0) -> bool:
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance
            and _area(inner) < _area(outer) - 1.0)


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _positions(values: list[float], tolerance: float = 2.0) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if not result or value - result[-1] > tolerance:
            result.append(value)
    return result


def _index(value: float, positions: list[float]) -> int:
    return min(range(len(positions)), key=lambda i: abs(positions[i] - value))


def _grid(group: list[Box], owned: dict[Box, list[Char]], children: dict[Box | None, list[Box]],
          build: Any, page: int) -> Table:
    """A table from cell rectangles: rows at the distinct tops, columns at the distinct lefts."""
    xs = _positions([b[0] for b in group])
    ys = _positions([b[1] for b in group])
    rows = [Row(cells=[Cell() for _ in xs], page=page) for _ in ys]
    for box in group:
        lines = _lines(owned[box])
        left_pad = (lines[0].x0 - box[0]) if lines else 0.0
        limit = box[2] - max(left_pad, 0.0)
        cell = Cell(items=_items(lines, limit))
        cell.bold = bool(lines) and all(line.bold for line in lines)
        cell.span = max(1, sum(1 for x in xs if box[0] - 2 <= x < box[2] - 2))
        if lines:
            last = lines[-1]
            cell.room = limit - last.x1
            cell.char_width = (last.x1 - last.x0) / max(len(last.text), 1)
        nested = children.get(box, [])
        if nested:
            cell.tables.append(build(nested))
        rows[_index(box[1], ys)].cells[_index(box[0], xs)] = cell
    edges = [round(x, 1) for x in xs] + [round(max(b[2] for b in group), 1)]
    return Table(rows=rows, page=page, col_edges=edges)


# -- lines, items, paragraphs ------------------------------------------------------------------


def _lines(chars: list[Char]) -> list[_Line]:
    """Group characters into lines (by vertical position) and words (by gaps)."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    groups: list[list[Char]] = []
    for char in ordered:
        if groups:
            ref = groups[-1][0]
            if abs(char["top"] - ref["top"]) <= 0.5 * max(ref["size"], 1.0):
                groups[-1].append(char)
                continue
        groups.append([char])
    lines = []
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        size = Counter(round(c["size"], 1) for c in group).most_common(1)[0][0]
        words: list[tuple[str, float, float]] = []
        current = [group[0]]
        for char in group[1:]:
            if char["x0"] - current[-1]["x1"] > WORD_GAP_EM * size:
                words.append(_word(current))
                current = [char]
            else:
                current.append(char)
        words.append(_word(current))
        bold = all(_is_bold(c["fontname"]) for c in group)
        lines.append(_Line(words, min(c["top"] for c in group), max(c["bottom"] for c in group), size, bold))
    return lines


_CID = re.compile(r"^\(cid:\d+\)$")
# Typographic ligatures are one glyph for several letters: the text is the letters.
_LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def _word(chars: list[Char]) -> tuple[str, float, float]:
    # A glyph without a Unicode mapping ("(cid:127)") is nearly always a list bullet.
    text = "".join("•" if _CID.match(c["text"]) else c["text"] for c in chars).translate(_LIGATURES)
    return text, chars[0]["x0"], max(c["x1"] for c in chars)


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return "bold" in name or "black" in name or name.endswith((",b", "-b", ".b")) or "heavy" in name


def _fits(previous: _Line, line: _Line, limit: float) -> bool:
    """Would the first word of ``line`` have fitted at the end of ``previous``?"""
    word = line.words[0]
    space = 0.28 * previous.size
    return previous.x1 + space + (word[2] - word[1]) <= limit + 0.5


def _new_item(previous: _Line, line: _Line, limit: float) -> bool:
    if line.top - previous.bottom > 0.6 * line.size:
        return True  # paragraph spacing
    if line.text[:1] in _BULLETS and len(line.words[0][0]) <= 1 or line.words[0][0] in {"•", "▪", "-", "–"}:
        return True
    return _fits(previous, line, limit)


def _items(lines: list[_Line], limit: float) -> list[str]:
    items: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is None or _new_item(previous, line, limit):
            items.append(line.text)
        else:
            # A word a narrow column broke without a hyphen cannot be told from two words
            # ("Anteproyecto" may fill a line exactly); such cells are codes, compared without spaces.
            items[-1] += " " + line.text
        previous = line
    return [clean_ws(item) for item in items if clean_ws(item)]


def _free_text(chars: list[Char], content: _PageContent) -> None:
    """Text outside ruled tables: paragraphs, and tables made only by alignment."""
    lines = _lines(chars)
    if not lines:
        return
    body: list[_Line] = []
    for line in lines:
        if line.bottom < content.height * MARGIN_ZONE or line.top > content.height * (1 - MARGIN_ZONE):
            content.margin_lines.append((line.top, line))
        else:
            body.append(line)
    left = min((line.x0 for line in body), default=0.0)
    # Headings made with a bigger font (Word's heading styles are not always bold).
    body_size = statistics.median(line.size for line in body) if body else 0.0
    limit = max(content.width - left, max((line.x1 for line in body), default=0.0))
    index = 0
    while index < len(body):
        line = body[index]
        if len(line.segments()) >= 2:
            table, index = _unruled_table(body, index, content.number, limit)
            content.placed.append((line.top, table))
            continue
        # A paragraph: following lines that continue it (wrapped, same weight, no gap).
        parts = [line]
        index += 1
        while index < len(body):
            nxt = body[index]
            if len(nxt.segments()) >= 2 or nxt.bold != parts[-1].bold or abs(nxt.size - parts[-1].size) > 0.5 \
                    or _new_item(parts[-1], nxt, limit):
                break
            parts.append(nxt)
            index += 1
        text = clean_ws(" ".join(p.text for p in parts))
        content.placed.append((line.top, Paragraph(text=text, page=content.number,
                                                   bold=all(p.bold for p in parts),
                                                   heading=all(p.size >= 1.15 * body_size for p in parts))))


def _unruled_table(lines: list[_Line], start: int, page: int, right: float) -> tuple[Table, int]:
    """Rows of aligned text starting at ``lines[start]``: columns are where segments start.

    A line close below the previous one, whose text in each column would not have fitted on
    the line above in that column, continues that row (a wrapped label or value); otherwise
    it starts a row. A column's right limit is the furthest its text reaches in the table.
    """
    starts = [s.x0 for s in lines[start].segments()]
    region: list[tuple[_Line, list[_Line], list[int]]] = []
    index = start
    previous_bottom = lines[start].top
    while index < len(lines):
        line = lines[index]
        if line.top - previous_bottom > 1.6 * line.size and region:
            break  # a blank gap ends the table
        segments = line.segments(starts)
        if len(segments) >= 2:
            for s in segments:
                if min(abs(s.x0 - x) for x in starts) > 3 and s.x0 > starts[-1]:
                    starts.append(s.x0)
        columns = [_column(s.x0, starts) for s in segments]
        if len(segments) == 1 and not (abs(segments[0].x0 - starts[columns[0]]) <= 3):
            break  # text that does not start at a column: the table is over
        if len(segments) == 1 and columns[0] == 0 and len(starts) > 1 and segments[0].x1 >= starts[1] - 2:
            break  # a line across the columns is a paragraph
        region.append((line, segments, columns))
        previous_bottom = line.bottom
        index += 1
    reach: dict[int, float] = {}
    for _line, segments, columns in region:
        for s, c in zip(segments, columns):
            reach[c] = max(reach.get(c, 0.0), s.x1)
    rows: list[list[list[str]]] = []
    above: dict[int, _Line] = {}  # the previous line's segment in each column
    previous: _Line | None = None
    for line, segments, columns in region:
        close = previous is not None and line.top - previous.bottom <= 0.45 * line.size
        wrapped = close and all(c in above and not _fits(above[c], s, min(reach[c], right))
                                for s, c in zip(segments, columns))
        if rows and wrapped:
            for s, c in zip(segments, columns):
                rows[-1][c].append(s.text)
        elif rows and len(segments) == 1 and columns[0] > 0:
            rows[-1][columns[0]].append(segments[0].text)  # a value on its own line
        else:
            row: list[list[str]] = [[] for _ in starts]
            for s, c in zip(segments, columns):
                row[c].append(s.text)
            rows.append(row)
            above = {}
        for s, c in zip(segments, columns):
            above[c] = s
        previous = line
    width = len(starts)
    table_rows = []
    for row in rows:
        row += [[] for _ in range(width - len(row))]
        table_rows.append(Row(cells=[Cell(items=[clean_ws(" ".join(parts))] if parts else []) for parts in row],
                              page=page))
    edge = max((s.x1 for _line, segments, _columns in region for s in segments), default=starts[-1])
    return Table(rows=table_rows, page=page, col_edges=[round(x, 1) for x in [*starts, edge]], ruled=False), index


def _column(x0: float, starts: list[float]) -> int:
    column = 0
    for i, start in enumerate(starts):
        if x0 >= start - 3:
            column = i
    return column


# -- the whole document -----------------------------------------------------------------------------


def _assemble(pages: list[_PageContent]) -> list[Block]:
    """Concatenate the pages' blocks, keeping margin lines that are not running headers/footers."""
    counts: Counter[str] = Counter()
    for content in pages:
        for text in {_running_key(line.text) for _, line in content.margin_lines}:
            counts[text] += 1
    blocks: list[Block] = []
    for content in pages:
        kept: list[tuple[float, Block]] = [
            (top, Paragraph(text=clean_ws(line.text), page=content.number, bold=line.bold))
            for top, line in content.margin_lines
            if not _PAGE_NUMBER.match(line.text.strip())
            and (len(pages) == 1 or counts[_running_key(line.text)] < 2)]
        placed = sorted(content.placed + kept, key=lambda item: item[0])
        for _, block in placed:
            if isinstance(block, Paragraph):
                block.page = content.number
            blocks.append(block)
    return blocks


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", clean_ws(text).lower())
