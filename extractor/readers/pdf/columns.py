"""Columns of a table without rules: which column a piece of text falls in.

An unruled table's columns are where its header cells start, each reaching as far as its
header text; :mod:`.aligned` finds them, :mod:`.headers` reads the header rows over them.
"""

from __future__ import annotations

from extractor.readers.pdf.lines import Line

# A line whose text starts within this many points of a column start begins in that column.
COLUMN_SLACK = 3.0

# One line of an unruled table: the line, its segments and the column of each segment.
RegionLine = tuple[Line, list[Line], list[int]]
# An unruled table's columns: where each starts, and the extent of its header text.
Columns = tuple[list[float], list[tuple[float, float]]]


def by_column(segments: list[Line], columns: list[int]) -> dict[int, Line]:
    """A line's text in each column: segments that fall in one column are one text."""
    cells: dict[int, Line] = {}
    for s, c in zip(segments, columns):
        if c in cells:
            s = Line([*cells[c].words, *s.words], s.top, s.bottom, s.size, s.bold, s.spaces)
        cells[c] = s
    return cells


def column_of(segment: Line, starts: list[float], extents: list[tuple[float, float]]) -> int:
    """The column a segment falls in: the last start it reaches, unless it starts at no column
    and lies under another column's header text more (a value right-aligned or centred under
    its header, which may start left of the header's own start)."""
    column = 0
    for i, start in enumerate(starts):
        if segment.x0 >= start - COLUMN_SLACK:
            column = i
    if min(abs(segment.x0 - x) for x in starts) <= COLUMN_SLACK:
        return column
    overlaps = [min(segment.x1, x1) - max(segment.x0, x0) for x0, x1 in extents]
    best = max(range(len(extents)), key=lambda i: overlaps[i])
    return best if overlaps[best] > max(overlaps[column], 0.0) else column
