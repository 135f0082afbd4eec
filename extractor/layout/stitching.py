"""Rejoining tables that a page break split: format-neutral, on the document model."""

from __future__ import annotations

from extractor.model.document import Block, Cell, Document, Paragraph, Row, Table
from extractor.textnorm import fold, is_figure

# Column borders of two pieces of one table agree within this many points.
_EDGE_TOLERANCE = 4.0
# A continuation drawn aside by at most this many points is still the same table.
_MAX_SHIFT = 12.0


def stitch(document: Document) -> Document:
    """Merge each table with the table that continues it right after a page break.

    A continuation is a table that follows another with nothing in between and has the same
    columns, after a page break or, for rows without rules right under a ruled table, on the
    same page (a cut row whose rules the break took), or with a sub-heading of its rows
    between them that the break left outside both pieces. A repeated header row is dropped;
    a first row that only continues the previous row (its first cell empty, or starting in
    lower case, or completing a wrapped line) is joined to that row. Where the format gives
    column positions (PDF), a continuation whose columns are finer than the table's (a nested
    table cut by the break, welded into the grid) is mapped back onto the table's columns,
    the extra cells becoming a nested table again.
    """
    blocks: list[Block] = []
    for block in document.blocks:
        previous = blocks[-1] if blocks else None
        if isinstance(block, Table) and isinstance(previous, Table):
            mapping = column_map(previous, block)
            if mapping is not None:
                append_table(previous, block, mapping)
                continue
        if isinstance(block, Table) and _across_break(blocks, block):
            table, heading = blocks[-2], blocks.pop()
            assert isinstance(table, Table) and isinstance(heading, Paragraph)
            mapping = column_map(table, block)
            assert mapping is not None
            table.rows.append(Row(cells=[Cell(items=[heading.text], span=table.ncols)]
                                  + [Cell() for _ in range(table.ncols - 1)], page=heading.page))
            append_table(table, block, mapping)
            continue
        blocks.append(block)
    document.blocks = blocks
    return document


def _across_break(blocks: list[Block], table: Table) -> bool:
    """Is ``table`` the rest of the table two blocks back, with a sub-heading of its rows
    between them that a page break separated from both (the heading's line was the last of
    one page or the first of the next, so the page's reading could not see it in the table)?"""
    if len(blocks) < 2 or not isinstance(blocks[-1], Paragraph) or not isinstance(blocks[-2], Table):
        return False
    heading, first = blocks[-1], blocks[-2]
    if not (heading.bold or heading.heading) or not first.rows or not (first.col_edges and table.col_edges):
        return False
    pages = (first.rows[-1].page, heading.page, table.page)
    if None in pages or not pages[0] < pages[2]:  # type: ignore[operator]
        return False
    return len(first.col_edges) == len(table.col_edges) and column_map(first, table) is not None


def column_map(first: Table, second: Table, within: bool = False) -> list[int] | None:
    """For each column of ``second``, the column of ``first`` it continues; None if unrelated.

    ``within``: ``second`` is a piece of a nested table, which may cover only some columns.
    """
    if not first.rows or not second.rows:
        return None
    last_page = first.rows[-1].page
    if not within and last_page is not None and second.page is not None and second.page <= last_page \
            and not (first.ruled and not second.ruled):
        # Two tables on one page are two tables, but rows right under a ruled table, in its
        # columns and without rules, are its rows whose rules a page break cut off.
        return None
    if not (first.col_edges and second.col_edges):
        return list(range(second.ncols)) if first.ncols == second.ncols else None
    a = first.col_edges
    b = second.col_edges if within else _moved_back(first, second)
    if within:
        if b[0] < a[0] - _EDGE_TOLERANCE or b[-1] > a[-1] + _EDGE_TOLERANCE:
            return None
    elif first.ruled and second.ruled and (abs(a[0] - b[0]) > _EDGE_TOLERANCE or abs(a[-1] - b[-1]) > _EDGE_TOLERANCE):
        # Without rules a table's left edge is where its first column's text starts, which
        # moves with that text's alignment (numbers centred): the inner edges decide.
        return None
    inner = a[1:-1]
    shared = sum(1 for x in inner if any(abs(x - y) <= _EDGE_TOLERANCE for y in b))
    if inner and shared * 2 < len(inner) and not within:
        return None
    if not within and first.rows[-1].page == second.page and len(b) != len(a):
        return None  # rows cut from a table on its own page are in all of its columns
    mapping = []
    for k in range(len(b) - 1):
        middle = (b[k] + b[k + 1]) / 2
        mapping.append(max(j for j in range(len(a) - 1) if a[j] <= middle + _EDGE_TOLERANCE) if middle >= a[0]
                       else 0)
    return mapping


def _moved_back(first: Table, second: Table) -> list[float]:
    """The column edges of ``second`` moved back by as far aside as the producer drew it from
    ``first`` (a producer that places split tables at the margin, mirrored margins)."""
    a, b = first.col_edges or [], second.col_edges or []
    if first.ruled and second.ruled:
        shift = b[0] - a[0]  # both borders moved alike
        if abs(shift) <= _MAX_SHIFT and abs(b[-1] - a[-1] - shift) <= _EDGE_TOLERANCE:
            return [x - shift for x in b]
        return b
    shift = _inner_shift(a, b)
    return [x - shift for x in b]


def _inner_shift(a: list[float], b: list[float]) -> float:
    """How far aside the piece with column edges ``b`` is drawn from the table with ``a``,
    told by the inner edges (a table without rules has no borders to tell it): the shift of
    at most a few points that lines up the most of them, the smallest of equals."""
    inner_a, inner_b = a[1:-1], b[1:-1]
    shifts = {0.0} | {y - x for x in inner_a for y in inner_b if abs(y - x) <= _MAX_SHIFT}

    def lined_up(shift: float) -> int:
        return sum(1 for x in inner_a if any(abs(x + shift - y) <= _EDGE_TOLERANCE for y in inner_b))

    return max(sorted(shifts, key=abs), key=lined_up)


def _remap(row: Row, mapping: list[int], width: int, edges: list[float] | None,
           nested_columns: set[int]) -> Row:
    """``row`` laid on the columns of the table it continues.

    ``nested_columns``: columns whose cell, in the row the break cut, holds a nested table:
    what the continuation has there is the rest of that nested table.
    """
    if mapping == list(range(width)) and len(row.cells) == width:
        return row
    groups: dict[int, list[int]] = {}
    for k in range(len(row.cells)):
        # A cell beyond the mapped columns still belongs somewhere: the last column.
        groups.setdefault(mapping[k] if k < len(mapping) else width - 1, []).append(k)
    cells = []
    for j in range(width):
        members = [k for k in groups.get(j, []) if k < len(row.cells)]
        filled = [k for k in members if not row.cells[k].empty]
        piece = j in nested_columns and len(members) > 1
        if len(filled) == 1 and row.cells[filled[0]].tables:
            piece = False
        if len(filled) <= 1 and not (piece and filled):
            cells.append(row.cells[filled[0]] if filled else Cell())
            continue
        # Several cells inside one column: the piece of a nested table cut by the break.
        # Empty slivers at its sides are the gap between the cell border and the nested table.
        members = members[members.index(filled[0]):members.index(filled[-1]) + 1]
        sub_edges = None
        if edges:
            sub_edges = [edges[k] for k in members] + [edges[members[-1] + 1]]
        nested = Table(rows=[Row(cells=[row.cells[k] for k in members], page=row.page)], page=row.page,
                       col_edges=sub_edges)
        cells.append(Cell(tables=[nested]))
    return Row(cells=cells, page=row.page)


def _row_key(row: Row) -> tuple[str, ...]:
    return tuple(fold(t) for t in row.texts)


def append_table(first: Table, second: Table, mapping: list[int]) -> None:
    """Append the rows of ``second`` (a continuation) to ``first``."""
    nested_columns = {j for j, cell in enumerate(first.rows[-1].cells) if cell.tables}
    rows = []
    for row in second.rows:
        if row.cells and not row.cells[0].empty:
            nested_columns = set()  # a new row: nothing more of the cut one
        rows.append(_remap(row, mapping, first.ncols, second.col_edges, nested_columns))
    # Drop a repeated header: the first rows of the continuation equal the table's first rows.
    repeated = 0
    while (
        repeated < len(rows)
        and repeated < len(first.rows) - 1
        and any(_row_key(rows[repeated]))
        and _row_key(rows[repeated]) == _row_key(first.rows[repeated])
    ):
        repeated += 1
    rows = rows[repeated:]
    # The rest of a cut row, then any rows that only carry a cut nested table onwards.
    if rows and is_row_continuation(first.rows[-1], rows[0]):
        join_rows(first.rows[-1], rows.pop(0))
        while rows and rows[0].cells and rows[0].cells[0].empty and is_row_continuation(first.rows[-1], rows[0]):
            join_rows(first.rows[-1], rows.pop(0))
    first.rows.extend(rows)


def is_row_continuation(previous: Row, row: Row) -> bool:
    """Whether ``row`` is the rest of ``previous``, cut by a page break."""
    if not any(not c.empty for c in previous.cells):
        return False
    head = row.cells[0] if row.cells else Cell()
    others = any(not c.empty for c in row.cells[1:])
    if head.empty:
        return others and not previous.cells[0].empty
    if any(not after.empty and after.span != before.span for before, after in zip(previous.cells, row.cells)):
        return False  # a cell merged differently starts a row of its own (a section title, say)
    if any(before.empty and not after.empty for before, after in zip(previous.cells, row.cells)):
        # Every cell of a row starts at its top: a cell the cut row left empty above the
        # break stays empty below it. Text there (a mark in another grade column) is a new row.
        return False
    if any(is_figure(before.text) and is_figure(after.text) for before, after in zip(previous.cells, row.cells)):
        # A number (a weight, an item number) printed again below the break belongs to a row
        # of its own: the cut row's number is all on one side.
        return False
    first_char, above = head.text[:1], previous.cells[0].text[:1]
    if first_char.isalpha() and first_char.islower() and not (above.isalpha() and above.islower()):
        return True  # lower case after a row that starts in capitals (rows of lower-case labels aside)
    # A new row fills the short columns (number, weight) again; the rest of a cut row
    # leaves empty the columns that had finished before the break.
    if not any(after.empty and not before.empty for before, after in zip(previous.cells, row.cells)):
        return False
    # With geometry: a cell whose last line had no room for the next cell's first word was
    # wrapped by the page break, not finished.
    wrapped = fitted = 0
    for before, after in zip(previous.cells, row.cells):
        if before.empty or after.empty or before.room is None or not after.items:
            continue
        if _was_wrapped(before, after.items[0]):
            wrapped += 1
        else:
            fitted += 1
    return wrapped > fitted


def join_rows(previous: Row, row: Row) -> None:
    """Append each cell of ``row`` to the same column of ``previous``."""
    for target, extra in zip(previous.cells, row.cells):
        if extra.empty:
            continue
        items = list(extra.items)
        if target.items and items and (items[0][:1].islower() or _was_wrapped(target, items[0])):
            target.items[-1] = f"{target.items[-1]} {items.pop(0)}"
        target.items.extend(items)
        for table in extra.tables:
            mapping = column_map(target.tables[-1], table, within=True) if target.tables else None
            if mapping is not None:
                append_table(target.tables[-1], table, mapping)
            else:
                target.tables.append(table)
        target.room, target.char_width = extra.room, extra.char_width


def _was_wrapped(cell: Cell, next_text: str) -> bool:
    """Whether the first word of ``next_text`` would not have fitted on the cell's last line."""
    if cell.room is None or cell.char_width is None:
        return False
    word = next_text.split(" ", 1)[0]
    return cell.room < (len(word) + 1) * cell.char_width
