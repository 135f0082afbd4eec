"""The header of a table without rules: its wrapped lines, and the two rows of a merged parent.

A word processor wraps a header cell in a narrow column, even inside a word ("Nu" / "me" /
"ro"); a merged parent cell ("Evaluación", "Grado mínimo de formación aceptable") names
several columns whose own names come on the line below. :func:`subheader` splits the columns
the second line names; :func:`header_rows` gives the header's rows as a ruled table has them.
"""

from __future__ import annotations

from extractor.readers.pdf.columns import Columns, RegionLine, by_column, column_of
from extractor.readers.pdf.lines import Line, joined, starts_item

# A two-row header: its second line (counted from the header's first) and the columns under
# a merged parent cell that it names.
Split = tuple[int, set[int]]


def subheader(lines: list[Line], start: int, columns: Columns,
               bare: bool) -> Split | None:
    """Split the columns of a two-row header: when the line under the header leaves the first
    column blank and prints several cells under one header cell (grade names under a merged
    "Grado mínimo de formación aceptable"), each of them is a column of its own. Returns the
    sub-header line (its index from ``start``) and the columns it made, or None."""
    starts, extents = columns
    # The sub-header line may come after lines that only finish wrapped header cells.
    for index in range(start + 1, min(start + 4, len(lines))):
        previous, second = lines[index - 1], lines[index]
        segments = second.segments(bare=bare)
        if second.top - previous.bottom > 1.6 * second.size:
            return None
        under = [column_of(s, starts, extents) for s in segments]
        # A header in bold goes on in bold: the first column's text there ends a header word
        # wrapped in a narrow column ("Nu / me / ro"), not a data row's first value.
        if 0 in under and len(segments) > 1 and not (lines[start].bold and second.bold):
            return None  # a data row: the header had one row
        if len(segments) >= 2 and max(under.count(c) for c in under) >= 2:
            break
    else:
        return None
    made: list[tuple[int, int]] = []  # (first column, how many) of each split, right to left
    for column in sorted(set(under), reverse=True):
        cells = [s for s, c in zip(segments, under) if c == column]
        if len(cells) < 2:
            continue
        spans = [(s.x0, s.x1) for s in cells]
        spans[0] = (min(starts[column], spans[0][0]), spans[0][1])
        starts[column:column + 1] = [x0 for x0, _x1 in spans]
        extents[column:column + 1] = spans
        made = [(first + len(cells) - 1, count) for first, count in made] + [(column, len(cells))]
    return index - start, {first + k for first, count in made for k in range(count)}


def header_rows(region: list[RegionLine], starts: list[float],
                 split: Split | None, carried: frozenset[int] = frozenset()
                 ) -> tuple[list[list[list[str]]], int, Split | None]:
    """The header of a table set in bold over plain data, when it takes several lines: one
    row whose cells join their wrapped lines ("Nu" / "me" / "ro" in a narrow column), or two
    when a sub-header line names columns under a merged parent cell (those columns' lines
    from that one on are the second row; the other cells span both rows, as in a ruled
    table). ``carried``: the columns under a merged parent in the header of the table this
    one goes on (printed again on a new page, where the columns are known already).

    The rows, how many lines of ``region`` they take, and the split; no rows when the header
    is one line (and no title under it), or when its lines do not only wrap its cells and no
    sub-header line was seen."""
    count, wraps, titled = _lines(region, starts)
    if split is None and carried:
        split = _second_line(region[:count], carried)
    # A one-line header is a row as it stands, but for a title under it, which starts a row
    # of its own however it would go on the header's text ("tareas" / "resultados específicos").
    if (count < 2 and not titled) or count == len(region) or (split is None and not wraps) \
            or (split is not None and split[0] >= count):
        return [], 0, split
    sub, under = split if split is not None else (count, set())
    rows: list[list[list[str]]] = [[[] for _ in starts], [[] for _ in starts]]
    for number, (_line, segments, columns) in enumerate(region[:count]):
        for column, text in by_column(segments, columns).items():
            cell = rows[1 if column in under and number >= sub else 0][column]
            if cell:
                cell[-1] = joined(cell[-1], text.text)
            else:
                cell.append(text.text)
    return (rows if under else rows[:1]), count, split


def _second_line(header: list[RegionLine], under: frozenset[int]) -> Split | None:
    """The line of ``header`` where the names under a merged parent begin: the first, past the
    header's first, with text in one of the ``under`` columns right of the parent's."""
    children = set(under) - {min(under)}
    for number, (_line, _segments, columns) in enumerate(header[1:], start=1):
        if children & set(columns):
            return number, set(under)
    return None


def _lines(region: list[RegionLine], starts: list[float]) -> tuple[int, bool, bool]:
    """How many lines at the top of ``region`` are in bold, up to a group row (a line across
    the columns, or a short title alone in the first column: it would have fitted on the line
    above); whether each of them after the first only goes on the texts above it; and whether
    such a group row ends them."""
    count, wraps = 0, True
    latest: dict[int, Line] = {}  # the header's latest text in each column
    previous: Line | None = None
    for line, segments, columns in region:
        if not line.bold:
            break
        cells = by_column(segments, columns)
        # Lines of one row's cells are set close; a row of its own is padded apart.
        apart = previous is not None and line.top - previous.bottom > 0.45 * line.size
        title = 0 in latest and starts_item(latest[0], segments[0], starts[1])
        if len(starts) > 1 and columns == [0] and (segments[0].x1 >= starts[1] - 2 or apart or title):
            return count, wraps, count > 0
        limits = [*starts[1:], float("inf")]
        wraps = wraps and (not count or not apart and all(c in latest and not starts_item(latest[c], s, limits[c])
                                                          for c, s in cells.items()))
        latest.update(cells)
        previous = line
        count += 1
    return count, wraps, False
