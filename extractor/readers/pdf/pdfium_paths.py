"""A page's ruling lines from pdfium's path objects, and the cells of the tables they draw.

Each path object (inside Form XObjects too) is split into subpaths, and each subpath made a
line, a rectangle or a curve exactly as pdfminer makes them (its ``paint_path``); pdfplumber's
own functions then turn them into edges and the edges into table cells, with the settings the
pdfplumber reader uses (:data:`~.ruled.TABLE_SETTINGS`). Curves that are only filled draw no
rule (see :func:`~.ruled.page_cells`), and are left out here as there.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableSettings, cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
from pdfplumber.utils.geometry import filter_edges, obj_to_edges

from extractor.readers.pdf.pdfium_chars import Matrix, Placement, multiply, snap
from extractor.readers.pdf.ruled import TABLE_SETTINGS, Box

if TYPE_CHECKING:
    import pypdfium2

__all__ = ["page_cells", "page_objects"]

# Form XObjects nest; deeper than this is no document poai reads.
MAX_DEPTH = 12
# A path segment: its operator as pdfminer writes it ("m", "l", "c", "h") and its end point.
Segment = tuple[str, tuple[float, float]]
_OPERATORS = {pdfium_c.FPDF_SEGMENT_MOVETO: "m", pdfium_c.FPDF_SEGMENT_LINETO: "l",
              pdfium_c.FPDF_SEGMENT_BEZIERTO: "c"}


def page_cells(page: pypdfium2.PdfPage, place: Placement) -> list[list[Box]]:
    """The cell rectangles of each table the page's ruling lines draw (as :func:`~.ruled.page_cells`)."""
    objects = [obj for obj in page_objects(page, place) if obj["object_type"] != "curve" or obj["stroke"]]
    if not objects:
        return []
    settings = TableSettings.resolve(TABLE_SETTINGS)
    edges = [edge for obj in objects for edge in obj_to_edges(obj)]
    # pdfplumber's TableFinder.get_edges with the "lines" strategy, then its cells and tables.
    chosen = (filter_edges(edges, "v", min_length=settings.edge_min_length_prefilter)
              + filter_edges(edges, "h", min_length=settings.edge_min_length_prefilter))
    merged = merge_edges(chosen, settings.snap_x_tolerance, settings.snap_y_tolerance,
                         settings.join_x_tolerance, settings.join_y_tolerance)
    merged = filter_edges(merged, min_length=settings.edge_min_length)
    intersections = edges_to_intersections(merged, settings.intersection_x_tolerance,
                                           settings.intersection_y_tolerance)
    return [list(group) for group in cells_to_tables(intersections_to_cells(intersections))]


def page_objects(page: pypdfium2.PdfPage, place: Placement) -> list[dict[str, Any]]:
    """The page's lines, rectangles and curves as pdfplumber's objects (``object_type``, box,
    ``pts`` in top-down coordinates, ``stroke`` and ``fill``)."""
    found: list[dict[str, Any]] = []
    raw = page.raw
    for index in range(pdfium_c.FPDFPage_CountObjects(raw)):
        _collect(pdfium_c.FPDFPage_GetObject(raw, index), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), place, found, 0)
    return found


def _collect(obj: Any, outer: Matrix, place: Placement, found: list[dict[str, Any]], depth: int) -> None:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM) or depth > MAX_DEPTH:
        return
    m = pdfium_c.FS_MATRIX()
    own: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    if pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        own = (m.a, m.b, m.c, m.d, m.e, m.f)
    matrix = multiply(own, outer)
    if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
        for index in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            _collect(pdfium_c.FPDFFormObj_GetObject(obj, index), matrix, place, found, depth + 1)
        return
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke):
        return
    painted = (bool(stroke.value), fill.value != pdfium_c.FPDF_FILLMODE_NONE)
    if not any(painted):
        return
    for subpath in _subpaths(_segments(obj, matrix)):
        made = _shape(subpath, place, painted)
        if made is not None:
            found.append(made)


def _segments(obj: Any, matrix: Matrix) -> list[Segment]:
    """The path's segments in user space, a Bézier curve's three points as one "c" to its end,
    and a "h" after each segment that closes its subpath."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    segments: list[Segment] = []
    pending_curve = 0
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        operator = _OPERATORS.get(pdfium_c.FPDFPathSegment_GetType(segment))
        if operator is None or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        px, py = snap(x.value), snap(y.value)
        point = (snap(a * px + c * py + e), snap(b * px + d * py + f))
        if operator == "c":
            pending_curve += 1
            if pending_curve < 3:
                continue  # a control point: pdfminer keeps a curve's end point only
            pending_curve = 0
        segments.append((operator, point))
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            segments.append(("h", point))
    return segments


def _subpaths(segments: list[Segment]) -> Iterator[list[Segment]]:
    """Each subpath, from its "m" (pdfminer paints each one as its own path)."""
    current: list[Segment] = []
    for segment in segments:
        if segment[0] == "m" and current:
            yield current
            current = []
        current.append(segment)
    if current:
        yield current


def _shape(path: list[Segment], place: Placement, painted: tuple[bool, bool]) -> dict[str, Any] | None:
    """One subpath as pdfminer's ``paint_path`` makes it: a line, a rectangle or a curve."""
    if path[0][0] != "m":
        return None
    start = path[0][1]
    # "h" closes onto the subpath's start: its point is the start.
    pts = [start if op == "h" else point for op, point in path]
    shape = "".join(op for op, _point in path)
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return _object("line", pts[:2], place, painted)
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _last = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return _object("rect", [pts[0], pts[2]], place, painted)
    return _object("curve", pts, place, painted)


def _object(kind: str, points: list[tuple[float, float]], place: Placement,
            painted: tuple[bool, bool]) -> dict[str, Any]:
    """A pdfplumber object of ``kind`` through ``points`` (user space)."""
    placed = [place.point(x, y) for x, y in points]
    x0, x1 = min(p[0] for p in placed), max(p[0] for p in placed)
    top, bottom = min(p[1] for p in placed), max(p[1] for p in placed)
    stroke, fill = painted
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "y0": place.height - bottom, "y1": place.height - top,
            "pts": placed, "stroke": stroke, "fill": fill}
