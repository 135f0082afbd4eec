"""Rejoining tables that a page break split: format-neutral, on the document model."""

from __future__ import annotations

from .document import Block, Cell, Document, Row, Table
from .textnorm import fold

# Column borders of two pieces of one table agree within this many points.
_EDGE_TOLERANCE = 4.0


def stitch(document: Document) -> Document:
    """Merge each table with the table that continues it right after a page break.

    A continuation is a table that follows another with nothing in between and has the same
    columns. A repeated header row is dropped; a first row that only continues the previous
    row (its first cell empty, or starting in lower case) is joined to that row.
    """
    blocks: list[Block] = []
    for block in document.blocks:
        previous = blocks[-1] if blocks else None
        if isinstance(block, Table) and isinstance(previous, Table) and _continues(previous, block):
            _append(previous, block)
        else:
            blocks.append(block)
    document.blocks = blocks
    return document


def _continues(first: Table, second: Table) -> bool:
    if not first.rows or not second.rows or first.ncols != second.ncols:
        return False
    last_page = first.rows[-1].page
    if last_page is not None and second.page is not None and second.page <= last_page:
        return False  # two tables on one page are two tables
    if first.col_edges and second.col_edges:
        if len(first.col_edges) != len(second.col_edges):
            return False
        return all(abs(a - b) <= _EDGE_TOLERANCE for a, b in zip(first.col_edges, second.col_edges))
    return True


def _row_key(row: Row) -> tuple[str, ...]:
    return tuple(fold(t) for t in row.texts)


def _append(first: Table, second: Table) -> None:
    rows = list(second.rows)
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
    if rows and is_row_continuation(first.rows[-1], rows[0]):
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
    first_char = head.text[:1]
    if first_char.isalpha() and first_char.islower():
        return True
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
    return wrapped > 0 and wrapped >= fitted


def join_rows(previous: Row, row: Row) -> None:
    """Append each cell of ``row`` to the same column of ``previous``."""
    for target, extra in zip(previous.cells, row.cells):
        if extra.empty:
            continue
        items = list(extra.items)
        if target.items and items and (items[0][:1].islower() or _was_wrapped(target, items[0])):
            target.items[-1] = f"{target.items[-1]} {items.pop(0)}"
        target.items.extend(items)
        target.tables.extend(extra.tables)
        target.room, target.char_width = extra.room, extra.char_width


def _was_wrapped(cell: Cell, next_text: str) -> bool:
    """Whether the first word of ``next_text`` would not have fitted on the cell's last line."""
    if cell.room is None or cell.char_width is None:
        return False
    word = next_text.split(" ", 1)[0]
    return cell.room < (len(word) + 1) * cell.char_width
