"""Text outside ruled tables: paragraphs, and tables seen only in the alignment of their text.

Lines whose words fall into columns separated by wide gaps start an unruled table; the
rest are paragraphs. An unruled table's right edge is where its longest text ends, not a
drawn border (``Table.ruled`` is False).
"""

from __future__ import annotations

import statistics

from extractor.model.document import Block, Cell, Paragraph, Row, Table
from extractor.readers.pdf.lines import Line, fits, new_item
from extractor.textnorm import clean_ws

# A line whose text starts within this many points of a column start begins in that column.
COLUMN_SLACK = 3.0

# One line of an unruled table: the line, its segments and the column of each segment.
_RegionLine = tuple[Line, list[Line], list[int]]


def free_text(body: list[Line], page: int, width: float) -> list[tuple[float, Block]]:
    """The paragraphs and unruled tables of a page's body lines, each with the top it starts at."""
    placed: list[tuple[float, Block]] = []
    left = min((line.x0 for line in body), default=0.0)
    # Headings made with a bigger font (Word's heading styles are not always bold).
    body_size = statistics.median(line.size for line in body) if body else 0.0
    # The right margin mirrors the left one, unless some text reaches further.
    limit = max(width - left, max((line.x1 for line in body), default=0.0))
    index = 0
    while index < len(body):
        line = body[index]
        block: Block
        if len(line.segments()) >= 2:
            block, index = _unruled_table(body, index, page, limit)
        else:
            block, index = _paragraph(body, index, page, limit, body_size)
        placed.append((line.top, block))
    return placed


def _paragraph(lines: list[Line], start: int, page: int, limit: float, body_size: float) -> tuple[Paragraph, int]:
    """A paragraph from ``lines[start]``: following lines that continue it (wrapped, same weight, no gap)."""
    parts = [lines[start]]
    index = start + 1
    while index < len(lines):
        nxt = lines[index]
        if len(nxt.segments()) >= 2 or nxt.bold != parts[-1].bold or abs(nxt.size - parts[-1].size) > 0.5 \
                or new_item(parts[-1], nxt, limit):
            break
        parts.append(nxt)
        index += 1
    text = clean_ws(" ".join(p.text for p in parts))
    paragraph = Paragraph(text=text, page=page, bold=all(p.bold for p in parts),
                          heading=all(p.size >= 1.15 * body_size for p in parts))
    return paragraph, index


def _unruled_table(lines: list[Line], start: int, page: int, right: float) -> tuple[Table, int]:
    """Rows of aligned text starting at ``lines[start]``: columns are where segments start."""
    starts = [s.x0 for s in lines[start].segments()]
    region, end = _region(lines, start, starts)
    table_rows = [Row(cells=[Cell(items=[clean_ws(" ".join(parts))] if parts else []) for parts in row], page=page)
                  for row in _rows(region, right, len(starts))]
    edge = max((s.x1 for _line, segments, _columns in region for s in segments), default=starts[-1])
    return Table(rows=table_rows, page=page, col_edges=[round(x, 1) for x in [*starts, edge]], ruled=False), end


def _region(lines: list[Line], start: int, starts: list[float]) -> tuple[list[_RegionLine], int]:
    """The lines of the table from ``lines[start]``, each cut into segments placed in columns,
    and the index of the first line after it. ``starts`` grows as new columns appear."""
    region: list[_RegionLine] = []
    index = start
    previous_bottom = lines[start].top
    while index < len(lines):
        line = lines[index]
        if line.top - previous_bottom > 1.6 * line.size and region:
            break  # a blank gap ends the table
        segments = line.segments(starts)
        if len(segments) >= 2:
            for s in segments:
                if min(abs(s.x0 - x) for x in starts) > COLUMN_SLACK and s.x0 > starts[-1]:
                    starts.append(s.x0)
        columns = [_column(s.x0, starts) for s in segments]
        if len(segments) == 1 and not (abs(segments[0].x0 - starts[columns[0]]) <= COLUMN_SLACK):
            break  # text that does not start at a column: the table is over
        if len(segments) == 1 and columns[0] == 0 and len(starts) > 1 and segments[0].x1 >= starts[1] - 2:
            break  # a line across the columns is a paragraph
        region.append((line, segments, columns))
        previous_bottom = line.bottom
        index += 1
    return region, index


def _rows(region: list[_RegionLine], right: float, width: int) -> list[list[list[str]]]:
    """The texts of each row and column (``width`` of them) of a table's region.

    A line close below the previous one, whose text in each column would not have fitted on
    the line above in that column, continues that row (a wrapped label or value); otherwise
    it starts a row. A column's right limit is the furthest its text reaches in the table.
    """
    reach: dict[int, float] = {}
    for _line, segments, columns in region:
        for s, c in zip(segments, columns):
            reach[c] = max(reach.get(c, 0.0), s.x1)
    rows: list[list[list[str]]] = []
    above: dict[int, Line] = {}  # the previous line's segment in each column
    previous: Line | None = None
    for line, segments, columns in region:
        close = previous is not None and line.top - previous.bottom <= 0.45 * line.size
        wrapped = close and all(c in above and not fits(above[c], s, min(reach[c], right))
                                for s, c in zip(segments, columns))
        if rows and wrapped:
            for s, c in zip(segments, columns):
                rows[-1][c].append(s.text)
        elif rows and len(segments) == 1 and columns[0] > 0:
            rows[-1][columns[0]].append(segments[0].text)  # a value on its own line
        else:
            row: list[list[str]] = [[] for _ in range(width)]
            for s, c in zip(segments, columns):
                row[c].append(s.text)
            rows.append(row)
            above = {}
        for s, c in zip(segments, columns):
            above[c] = s
        previous = line
    return rows


def _column(x0: float, starts: list[float]) -> int:
    """The column a segment starting at ``x0`` falls in: the last start it reaches."""
    column = 0
    for i, start in enumerate(starts):
        if x0 >= start - COLUMN_SLACK:
            column = i
    return column
