"""Text outside ruled tables: paragraphs, and tables seen only in the alignment of their text.

Lines whose words fall into columns separated by wide gaps start an unruled table; the
rest are paragraphs. An unruled table's right edge is where its longest text ends, not a
drawn border (``Table.ruled`` is False). A cell of an unruled table holds items as a ruled
cell does: a line of a column that does not continue the one above it starts an item.
"""

from __future__ import annotations

import statistics

from extractor.model.document import Block, Cell, Paragraph, Row, Table
from extractor.readers.pdf.columns import COLUMN_SLACK, Columns, RegionLine, by_column, column_of
from extractor.readers.pdf.headers import header_rows, subheader
from extractor.readers.pdf.lines import Line, WrapSpaces, bulleted, goes_on, joined, new_item, starts_item
from extractor.textnorm import clean_ws, is_figure

# The narrowest gutter between a column's text and the next column's: two cells' padding (5.4 pt each
# in Word and LibreOffice, 6 in reportlab), and some slack for how each measures words.
GUTTER = 16.0
# The piece of a table on a new page may be drawn this many points aside from the rest.
MAX_SHIFT = 12.0



def text_limit(body: list[Line], width: float) -> float:
    """Where the body's text lines end: the right margin mirrors the left one, unless some text reaches further."""
    left = min((line.x0 for line in body), default=0.0)
    return max(width - left, max((line.x1 for line in body), default=0.0))


def observe(body: list[Line], width: float, evidence: WrapSpaces) -> None:
    """Count the wraps of the body's runs of one-column lines into ``evidence``."""
    limit = text_limit(body, width)
    run: list[Line] = []
    for line in [*body, None]:
        if line is not None and len(line.segments()) == 1:
            run.append(line)
            continue
        evidence.observe(run, limit)
        run = []


def free_text(body: list[Line], page: int, width: float, wrap_spaces: bool = False,
              carried: Table | None = None) -> list[tuple[float, Block]]:
    """The paragraphs and unruled tables of a page's body lines, each with the top it starts at
    (``wrap_spaces``: see :func:`~.lines.new_item`). ``carried``: the unruled table that
    ended the page before, which a table opening this page may continue."""
    placed: list[tuple[float, Block]] = []
    # Headings made with a bigger font (Word's heading styles are not always bold).
    body_size = statistics.median(line.size for line in body) if body else 0.0
    limit = text_limit(body, width)
    # A producer that prints space glyphs between words shows a gap without one as a gutter.
    worded = [line for line in body if len(line.words) > 1]
    bare = bool(worded) and 2 * sum(1 for line in worded if line.spaces) >= len(worded)
    edges = _carry(body, carried.col_edges if carried is not None else None, bare)
    under = carried.header_under if carried is not None else frozenset()
    index = 0
    while index < len(body):
        line = body[index]
        block: Block
        if index == 0 and edges is not None:
            block, index = _unruled_table(body, index, page, limit, (wrap_spaces, bare), (edges, under))
        elif len(line.segments()) >= 2:
            block, index = _unruled_table(body, index, page, limit, (wrap_spaces, bare))
        else:
            block, index = _paragraph(body, index, page, (limit, body_size), wrap_spaces)
        placed.append((line.top, block))
    return placed


def _paragraph(lines: list[Line], start: int, page: int, sizes: tuple[float, float],
               wrap_spaces: bool) -> tuple[Paragraph, int]:
    """A paragraph from ``lines[start]``: following lines that continue it (wrapped, same weight, no gap).
    ``sizes``: the right limit of the lines and the body's font size."""
    limit, body_size = sizes
    parts = [lines[start]]
    text = parts[0].text
    index = start + 1
    while index < len(lines):
        nxt = lines[index]
        if len(nxt.segments()) >= 2 or nxt.bold != parts[-1].bold or abs(nxt.size - parts[-1].size) > 0.5 \
                or new_item(parts[-1], nxt, limit, wrap_spaces):
            break
        parts.append(nxt)
        text = joined(text, nxt.text)
        index += 1
    paragraph = Paragraph(text=clean_ws(text), page=page, bold=all(p.bold for p in parts),
                          heading=all(p.size >= 1.15 * body_size for p in parts))
    return paragraph, index


def _unruled_table(lines: list[Line], start: int, page: int, right: float,
                   spacing: tuple[bool, bool],
                   carried: tuple[list[float], frozenset[int]] | None = None) -> tuple[Table, int]:
    """Rows of aligned text starting at ``lines[start]``: columns are where header cells start,
    each reaching as far as its header text (see :func:`_column`), or, for the rest of a
    table from the page before (``carried``), that table's columns (and the columns its
    header's second row names, should the header be printed again)."""
    wrap_spaces, bare = spacing
    header = lines[start].segments(bare=bare)
    starts = [s.x0 for s in header]
    extents = [(s.x0, s.x1) for s in header]
    under: frozenset[int] = frozenset()
    if carried is not None:
        # Its first row may leave a column blank or print a centred number: the columns
        # the table's header gave on the page before are better evidence.
        edges, under = carried
        starts = list(edges[:-1])
        extents = [(x0, x1 - COLUMN_SLACK) for x0, x1 in zip(edges, edges[1:])]
    split = subheader(lines, start, (starts, extents), bare)
    region, end = _region(lines, start, (starts, extents), bare)
    head, taken, split = header_rows(region, starts, split, under)
    rows, groups = _rows(region[taken:], right, starts, wrap_spaces)
    rows = head + rows
    groups = {g + len(head) for g in groups}
    table_rows = []
    for number, row in enumerate(rows):
        cells = [Cell(items=[clean_ws(i) for i in cell if clean_ws(i)]) for cell in row]
        if number in groups:
            cells[0].span = len(cells)  # a line across the columns naming the rows below it
        table_rows.append(Row(cells=cells, page=page))
    edge = max((s.x1 for _line, segments, _columns in region for s in segments), default=starts[-1])
    return Table(rows=table_rows, page=page, col_edges=[round(x, 1) for x in [*starts, edge]], ruled=False,
                 header_under=frozenset(split[1]) if split is not None else under), end


def _carry(body: list[Line], carried: list[float] | None, bare: bool) -> list[float] | None:
    """The column edges of the table that ended the page before, placed on this page, when the
    page opens with the rest of that table: its first line falls into those columns (moved as
    a whole by a few points: a producer may draw the piece of a split table at the margin), or
    its second does and the first is a lone fragment of a cut row at one of them."""
    if carried is None or not body:
        return None
    for number, line in enumerate(body[:2]):
        segments = line.segments(bare=bare)
        if len(segments) < 2:
            if number == 0:
                continue
            return None
        shifts = sorted({s.x0 - x for s in segments for x in carried[:-1] if abs(s.x0 - x) <= MAX_SHIFT}, key=abs)
        for shift in shifts:
            moved = [x + shift for x in carried]
            if not _continues(line, moved, bare):
                continue
            if number == 1 and not _fragment(body[0], line, moved):
                return None
            return moved
        return None
    return None


def _fragment(first: Line, second: Line, edges: list[float]) -> bool:
    """Is ``first``, a lone text right above ``second``, inside one of the columns ``edges``?
    (A title across the columns names the rows below: no fragment of a cut row.)"""
    return second.top - first.bottom <= 1.6 * second.size \
        and any(abs(first.x0 - x0) <= COLUMN_SLACK and first.x1 <= x1 for x0, x1 in zip(edges, edges[1:]))


def _continues(line: Line, carried: list[float], bare: bool) -> bool:
    """Does ``line`` fall into the columns of the table the page before ended with? Two of
    its texts start at two of those columns, and none starts left of them or past their end."""
    segments = line.segments(carried[:-1], bare=bare)
    at_start = sum(1 for s in segments if any(abs(s.x0 - x) <= COLUMN_SLACK for x in carried[:-1]))
    inside = all(carried[0] - COLUMN_SLACK <= s.x0 < carried[-1] for s in segments)
    return at_start >= 2 and inside


def _region(lines: list[Line], start: int, grid: Columns,
            bare: bool) -> tuple[list[RegionLine], int]:
    """The lines of the table from ``lines[start]``, each cut into segments placed in columns,
    and the index of the first line after it. ``starts`` (and ``extents``) grow as new columns
    appear: text starting right of the last column's start and of its header text."""
    starts, extents = grid
    region: list[RegionLine] = []
    index = start
    previous_bottom = lines[start].top
    while index < len(lines):
        line = lines[index]
        if line.top - previous_bottom > 1.6 * line.size and region:
            break  # a blank gap ends the table
        segments = line.segments(starts, bare=bare)
        if len(segments) >= 2:
            for k, s in enumerate(segments):
                # Text past the last column's header is a column of its own only when the
                # last column already has text on this line; alone, it is that column's
                # value, right-aligned or centred in a cell wider than its header.
                if min(abs(s.x0 - x) for x in starts) > COLUMN_SLACK and s.x0 > max(starts[-1], extents[-1][1]) \
                        and any(t.x0 >= starts[-1] - COLUMN_SLACK for t in segments[:k]):
                    starts.append(s.x0)
                    extents.append((s.x0, s.x1))
        columns = [column_of(s, starts, extents) for s in segments]
        across = len(segments) == 1 and len(starts) > 1 and segments[0].x0 < starts[1] - COLUMN_SLACK \
            and segments[0].x1 >= starts[1] - 2
        if across:
            columns = [0]
        if across and not _group_row(lines, index, grid, bare):
            break  # a line across the columns is a paragraph
        # A group row may start left of a first column whose values are centred.
        if len(segments) == 1 and not across and not (abs(segments[0].x0 - starts[columns[0]]) <= COLUMN_SLACK) \
                and not _centred_under(region, segments[0], columns[0]):
            break  # text that does not start at a column: the table is over
        region.append((line, segments, columns))
        previous_bottom = line.bottom
        index += 1
    return region, index


def _centred_under(region: list[RegionLine], segment: Line, column: int) -> bool:
    """Does ``segment`` go on, centred or right-aligned, the text of its column on the line
    above (a header cell wrapped in a narrow column)?"""
    if not region or column == 0:
        return False  # the first column's text starts rows: centred there, it is a title
    _line, segments, columns = region[-1]
    middle = (segment.x0 + segment.x1) / 2
    return any(c == column and (abs((s.x0 + s.x1) / 2 - middle) <= 2.0 or abs(s.x1 - segment.x1) <= 1.0)
               for s, c in zip(segments, columns))


def _group_row(lines: list[Line], index: int, columns: Columns,
               bare: bool) -> bool:
    """Is the line across the columns at ``index`` a row of the table naming the group of rows
    below it? Only when a close line under it goes on in the table's columns."""
    starts, extents = columns
    if index + 1 >= len(lines) or len(starts) < 3:
        return False
    line, nxt = lines[index], lines[index + 1]
    if nxt.top - line.bottom > 1.6 * nxt.size:
        return False
    segments = nxt.segments(starts, bare=bare)
    found = [column_of(s, starts, extents) for s in segments]
    # The next line fills at least half of the columns, left to right (a short column of it may
    # be blank, a centred number may start right of its column's start), from the first column
    # or with two of its texts exactly at column starts (its first column may be blank).
    at_starts = sum(1 for s in segments if any(abs(s.x0 - x) <= COLUMN_SLACK for x in starts))
    return bool(found) and (found[0] == 0 or at_starts >= 2) and found == sorted(set(found)) \
        and 2 * len(found) >= len(starts)


def _rows(region: list[RegionLine], right: float, starts: list[float],
          wrap_spaces: bool) -> tuple[list[list[list[str]]], set[int]]:
    """The items of each row and column (one per start) of a table's region, and which rows
    are group rows (a line across the columns, naming the rows below it: a row of its own).

    A line close below the previous one continues the row when its text in each column
    continues the item above it in that column (no blank line between them, and it would not
    have fitted on the line above: :func:`~.lines.starts_item`) or starts a bulleted item, and
    some column continues. A line with text in one column only, past the first, adds an item
    to that cell of the row (a list typed one entry per line). Any other line starts a row.
    A column's right limit: see :func:`_reach`.
    """
    width = len(starts)
    reach = _reach(region, starts)
    rows: list[list[list[str]]] = []
    groups: set[int] = set()
    above: dict[int, Line] = {}  # the row's latest text in each column
    previous: Line | None = None
    for line, segments, columns in region:
        if width > 1 and columns == [0] and segments[0].x1 >= starts[1] - 2:
            groups.add(len(rows))
            rows.append([[line.text]] + [[] for _ in range(width - 1)])
            above, previous = {}, None
            continue
        cells = by_column(segments, columns)
        close = previous is not None and line.top - previous.bottom <= 0.45 * line.size
        starting = {c: c not in above or line.top - above[c].bottom > 1.2 * line.size
                    or _signature_line(above[c].text) or _signature_line(s.text)
                    or (starts_item(above[c], s, min(reach.get(c, right), right), wrap_spaces and _own_end(above[c]))
                        and not goes_on(above[c], s))
                    for c, s in cells.items()}
        # A number below a number in one column (weights, item numbers), or a short value below
        # the same value ("DESEABLE" under "DESEABLE": no cell says it twice), starts a row.
        renumbered = any(c in above and (is_figure(above[c].text) and is_figure(s.text)
                                         or (above[c].text == s.text and len(s.words) <= 2))
                         for c, s in cells.items())
        # A line all in bold (a header) over a line in plain type (data): two rows, however close.
        under_header = previous is not None and previous.bold and not any(s.bold for s in segments)
        renumbered = renumbered or under_header
        if rows and close and not renumbered and not all(starting.values()) \
                and all(not starting[c] or (bulleted(s) and len(s.words) > 1) for c, s in cells.items()):
            for c, s in cells.items():
                if starting[c]:
                    rows[-1][c].append(s.text)
                else:
                    rows[-1][c][-1] = joined(rows[-1][c][-1], s.text)
        elif rows and previous is not None and len(segments) == 1 and columns[0] > 0 and not under_header:
            rows[-1][columns[0]].append(line.text)  # an item of its own: Enter was pressed
        else:
            rows.append([[cells[c].text] if c in cells else [] for c in range(width)])
            above = {}
        above.update(cells)
        previous = line
    return rows, groups


def _reach(region: list[RegionLine], starts: list[float]) -> dict[int, float]:
    """How far right each column's text may run before it wraps: the furthest its text reaches
    in the table (a row across the columns and a header cell over several columns aside)."""
    width = len(starts)
    reach: dict[int, float] = {}
    for _line, segments, columns in region:
        if width > 1 and columns == [0] and segments[0].x1 >= starts[1] - 2:
            continue
        for s, c in zip(segments, columns):
            if c + 1 < width and s.x1 > starts[c + 1]:
                continue  # a merged header cell over this column and the next
            reach[c] = max(reach.get(c, 0.0), s.x1)
    # A column's text can reach no further than the next column's start less two cells'
    # padding, where that column's texts are set flush left there (a centred mark's start
    # is no cell's edge); it reaches at least as far as any of its lines does.
    for c in range(width - 1):
        if _flush_left(region, c + 1, starts[c + 1]):
            reach[c] = max(reach.get(c, 0.0), starts[c + 1] - GUTTER)
    return reach


def _signature_line(text: str) -> bool:
    """Is ``text`` a line to sign or write on ("______", "........")? Never part of a sentence."""
    return len(text) >= 5 and not text.strip("_.…- ")


def _flush_left(region: list[RegionLine], column: int, start: float) -> bool:
    """Do texts of different widths in ``column`` start at ``start`` (a left-aligned column)?"""
    widths = {round(s.x1 - s.x0) for _line, segments, columns in region for s, c in zip(segments, columns)
              if c == column and abs(s.x0 - start) <= 1.0}
    return len(widths) >= 2


def _own_end(text: Line) -> bool:
    """Does a column's text on a line end with its own words? Not when a gap wider than a
    word space is inside it: a gutter too narrow to see joined it to the next column's text,
    whose end tells nothing of this column's wrap spaces."""
    widest = 1.5 * text.space_width
    return all(b[1] - a[2] <= widest for a, b in zip(text.words, text.words[1:]))
