"""Tables drawn with ruling lines: pdfplumber's ``find_tables`` gives the cell rectangles.

A cell rectangle lying inside another one belongs to a table nested in that cell. Each
character is owned by the smallest rectangle holding its centre; the characters no
rectangle holds are the page's free text (paragraphs and tables made by alignment).

A cell's items are filled in last (:func:`fill_items`): how its lines split into items depends
on what the whole page shows of its producer (:class:`~.lines.WrapSpaces`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pdfplumber.table import TableSettings, cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
from pdfplumber.utils.clustering import cluster_list
from pdfplumber.utils.geometry import calculate_area, merge_bboxes

from extractor.model.document import Cell, Row, Table
from extractor.readers.pdf.lines import Line, PdfChar, WrapSpaces, group_lines, items

if TYPE_CHECKING:
    from pdfplumber.page import Page

# Ruling lines closer than this are one line. Kept small so that a nested table, inset a
# few points inside its cell, is not welded onto the cell's own borders.
TABLE_SETTINGS = {"snap_tolerance": 1.5, "join_tolerance": 1.5, "intersection_tolerance": 1.5}
# Cell edges closer than this are one grid row or column.
GRID_TOLERANCE = 2.0

# A rectangle: (x0, top, x1, bottom), as pdfplumber writes bounding boxes.
Box = tuple[float, float, float, float]
# A cell whose items are still to fill: the cell, its lines and their right limit.
Pending = tuple[Cell, list[Line], float]


@dataclass
class _Cells:
    """The cell rectangles of a page and what hangs on them."""

    table_of: dict[Box, int]  # rectangle → index of the pdfplumber table it came in
    owned: dict[Box, list[PdfChar]] = field(default_factory=dict)  # rectangle → its characters
    children: dict[Box | None, list[Box]] = field(default_factory=dict)  # parent → rectangles inside it
    pending: list[Pending] = field(default_factory=list)  # cells whose items are to fill


def page_cells(page: Page) -> list[list[Box]]:
    """The cell rectangles of each table pdfplumber finds in a page's ruling lines. Curves that
    are only filled, never stroked, draw no rule: they are letters turned into outlines (a
    WordArt watermark exported by LibreOffice), a logo or a stamp, whose many little edges
    would cut the tables they lie over into slivers."""
    ruling = page.filter(lambda obj: obj.get("object_type") != "curve" or bool(obj.get("stroke")))
    return [list(table.cells) for table in ruling.find_tables(table_settings=TABLE_SETTINGS)]


def edge_cells(edges: list[dict[str, float | str]], tolerance: float, snap: float) -> list[list[Box]]:
    """The cell rectangles of each table drawn by ``edges`` (pdfplumber edge dicts: ``x0``, ``x1``,
    ``top``, ``bottom``, ``orientation`` "h" or "v"), found as pdfplumber finds them in a page's
    ruling lines; ends and crossings ``tolerance`` apart meet (ruling lines seen in an image), and
    parallel lines ``snap`` apart are one line (kept smaller: a nested table is inset a few points)."""
    settings = TableSettings.resolve({**TABLE_SETTINGS, "snap_tolerance": snap, "join_tolerance": tolerance,
                                      "intersection_tolerance": tolerance})
    merged = merge_edges(edges, settings.snap_x_tolerance, settings.snap_y_tolerance,
                         settings.join_x_tolerance, settings.join_y_tolerance)
    intersections = edges_to_intersections(merged, settings.intersection_x_tolerance,
                                           settings.intersection_y_tolerance)
    return [list(group) for group in cells_to_tables(intersections_to_cells(intersections))]


def ruled_tables(
    groups: list[list[Box]], chars: list[PdfChar], number: int
) -> tuple[list[tuple[float, Table]], list[PdfChar], list[Pending]]:
    """The ruled tables of a page whose tables have the cell rectangles ``groups`` (one list per
    table: :func:`page_cells`, :func:`edge_cells`), each with the top it starts at, the characters
    outside them, and the cells whose items :func:`fill_items` must fill."""
    table_of: dict[Box, int] = {}
    for index, cells_of_table in enumerate(groups):
        for bbox in cells_of_table:
            x0, top, x1, bottom = (round(v, 2) for v in bbox)
            table_of.setdefault((x0, top, x1, bottom), index)
    # Smallest first: the first rectangle holding a point is the innermost one.
    boxes = sorted(table_of, key=calculate_area)
    cells = _Cells(table_of, owned={box: [] for box in boxes})
    for i, box in enumerate(boxes):
        parent = next((other for other in boxes[i + 1:] if _inside(box, other)), None)
        cells.children.setdefault(parent, []).append(box)
    free: list[PdfChar] = []
    for char in chars:
        cx = (char["x0"] + char["x1"]) / 2
        cy = (char["top"] + char["bottom"]) / 2
        home = next((b for b in boxes if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]), None)
        if home is None:
            free.append(char)
        else:
            cells.owned[home].append(char)
    top_level: dict[int, list[Box]] = {}
    for box in cells.children.get(None, []):
        top_level.setdefault(table_of[box], []).append(box)
    placed = [(merge_bboxes(group)[1], _grid(group, cells, number)) for group in top_level.values()]
    return placed, free, cells.pending


def observe(pending: list[Pending], evidence: WrapSpaces) -> None:
    """Count the wraps of the cells' lines into ``evidence``."""
    for _cell, lines, limit in pending:
        evidence.observe(lines, limit)


def fill_items(pending: list[Pending], wrap_spaces: bool) -> None:
    """Give each cell its items (``wrap_spaces``: see :func:`~.lines.new_item`)."""
    for cell, lines, limit in pending:
        cell.items = items(lines, limit, wrap_spaces)


def _inside(inner: Box, outer: Box, tolerance: float = 1.0) -> bool:
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance
            and calculate_area(inner) < calculate_area(outer) - 1.0)


def _positions(values: list[float]) -> list[float]:
    """The distinct positions among ``values``: the first of each cluster of close ones."""
    return [cluster[0] for cluster in cluster_list(values, tolerance=GRID_TOLERANCE)]


def _index(value: float, positions: list[float]) -> int:
    return min(range(len(positions)), key=lambda i: abs(positions[i] - value))


def _grid(group: list[Box], cells: _Cells, page: int) -> Table:
    """A table from cell rectangles: rows at the distinct tops, columns at the distinct lefts."""
    xs = _positions([b[0] for b in group])
    ys = _positions([b[1] for b in group])
    rows = [Row(cells=[Cell() for _ in xs], page=page) for _ in ys]
    lines_of = {box: group_lines(cells.owned[box]) for box in group}
    # The table's cell padding: the smallest inset of a cell's text from its left border
    # (most cells are left-aligned; a centred one says nothing of it).
    pad = min((lines[0].x0 - box[0] for box, lines in lines_of.items() if lines), default=0.0)
    for box in group:
        cell = _cell(box, lines_of[box], (xs, max(pad, 0.0)), cells.pending)
        nested = cells.children.get(box, [])
        if nested:
            cell.tables.append(_grid(nested, cells, page))
        rows[_index(box[1], ys)].cells[_index(box[0], xs)] = cell
    _x0, _top, right, _bottom = merge_bboxes(group)
    edges = [round(x, 1) for x in [*xs, right]]
    return Table(rows=rows, page=page, col_edges=edges)


def _cell(box: Box, lines: list[Line], grid: tuple[list[float], float], pending: list[Pending]) -> Cell:
    """The cell of one rectangle: its weight, span and the room left on its last line (its items
    are filled later, from what ``pending`` keeps). ``grid``: the table's column lefts and
    its cell padding."""
    xs, pad = grid
    # The text's right limit mirrors its left padding: the border minus the same inset.
    left_pad = (lines[0].x0 - box[0]) if lines else 0.0
    limit = box[2] - max(left_pad, 0.0)
    cell = Cell()
    pending.append((cell, lines, limit))
    cell.bold = bool(lines) and all(line.bold for line in lines)
    cell.span = max(1, sum(1 for x in xs if box[0] - 2 <= x < box[2] - 2))
    if lines:
        last = lines[-1]
        # Room for one more word: measured from the table's padding, as a centred or
        # right-aligned text could have grown leftwards as well.
        cell.room = box[2] - pad - last.x1
        cell.char_width = (last.x1 - last.x0) / max(len(last.text), 1)
    return cell
