"""The shared table scanner: find a table's header row, then read the rows under it.

Functions, formation, knowledge and relations tables are all read the same way: a row whose
cells name the table's columns is a header; the rows of the same table below it are its data
rows, until a row of another table, a new header, or the end of the sections the table lives
in. Each reader says what a header is (:func:`header_map` does the column naming); the scanner
says which rows fall under which header.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from extractor.layout.segment import Item
from extractor.layout.spec import Vocabulary

H = TypeVar("H")


@dataclass
class Scanned(Generic[H]):
    """An item of the stream and the header of the table run it falls under.

    ``header`` is None for a loose item (a paragraph, a row outside any recognised table);
    ``is_header`` marks the header row itself.
    """

    item: Item
    header: H | None = None
    is_header: bool = False


def header_map(item: Item, spec: Vocabulary, table: str, max_len: int | None = None,
               unique: bool = False) -> dict[int, str | None]:
    """The column key of ``[columns.<table>]`` each filled cell of a row names (None where a cell
    names none): :meth:`Vocabulary.name_columns` over the row's cells."""
    mapped = spec.name_columns([c.text for c in item.cells], table, max_len=max_len, unique=unique)
    return {i: k for i, k in mapped.items() if not item.cells[i].empty}


def scan(items: Iterable[Item], header_of: Callable[[Item, H | None], H | None],
         ends: Callable[[Item], bool] | None = None,
         pieces: Callable[[Item, H], bool] | None = None) -> Iterator[Scanned[H]]:
    """Each item with the header it falls under.

    ``header_of(row, current)`` returns the header a row starts (``current`` is the header of
    the run the row would continue, so a second header row can refine the first), or None.
    ``ends(item)`` closes the current run (the item is then loose). A paragraph does not end
    a run: a page's running text may fall between two pieces of a table. ``pieces(row, header)``
    says whether a row of another table, not a header itself, goes on with the run (a table the
    reader cut into pieces); without it, a row of another table ends the run.
    """
    current: H | None = None
    table: int | None = None
    for item in items:
        if ends is not None and ends(item):
            current = None
            yield Scanned(item)
            continue
        if item.is_row:
            header = header_of(item, current if item.table == table else None)
            if header is not None:
                current, table = header, item.table
                yield Scanned(item, header, True)
                continue
            if current is not None and (item.table == table or (pieces is not None and pieces(item, current))):
                table = item.table
                yield Scanned(item, current)
                continue
            current = None  # a row of another table ends the run
        yield Scanned(item)
