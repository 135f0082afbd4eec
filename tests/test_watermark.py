"""Watermarks never enter the data (``extractor/readers/pdf/watermark.py``).

Each test draws a page with reportlab: a form's lines, and a "BORRADOR" / "COPIA" stamp drawn
large and light across them, turned or level, before or after the text.
"""

from __future__ import annotations

import io

import pytest

from extractor.model.document import Paragraph
from extractor.readers.pdf import read_pdf

pytest.importorskip("reportlab")

LINES = ["DISEÑADOR GRÁFICO", "LA ESTRATEGIA INSTITUCIONAL", "Elaborar el plan anual de la unidad"]


def _page(stamp: str, angle: float, grey: float, size: float = 90.0, oblique: bool = False) -> list[str]:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595.0, 842.0))
    page.saveState()
    page.setFillColorRGB(grey, grey, grey)
    page.setFont("Helvetica-Bold", size)
    page.translate(297.0, 421.0)
    page.rotate(angle)
    page.drawCentredString(0, 0, stamp)
    page.restoreState()
    for number, text in enumerate(LINES):
        page.setFont("Helvetica-Oblique" if oblique else "Helvetica", 10)
        if oblique:  # an italic the producer makes by shearing the upright face
            text_object = page.beginText(72, 450 - number * 40)
            text_object.setFont("Helvetica", 10)
            text_object.setTextTransform(1, 0, 0.21, 1, 72, 450 - number * 40)
            text_object.textLine(text)
            page.drawText(text_object)
        else:
            page.drawString(72, 450 - number * 40, text)
    page.save()
    return [b.text for b in read_pdf(buffer.getvalue()).blocks if isinstance(b, Paragraph)]


@pytest.mark.parametrize("stamp", ["BORRADOR", "COPIA", "NO VÁLIDO"])
@pytest.mark.parametrize("angle", [45, 30, 0])
def test_a_light_stamp_across_the_lines_leaves_them_as_printed(stamp: str, angle: float) -> None:
    assert _page(stamp, angle, grey=0.8) == LINES


def test_a_dark_stamp_that_dwarfs_the_page_is_dropped_too() -> None:
    assert _page("COPIA", 0, grey=0.0, size=60.0) == LINES


def test_a_title_a_little_larger_than_the_text_stays() -> None:
    assert "POAI" in _page("POAI", 0, grey=0.0, size=20.0)


def test_a_sheared_italic_is_level_text() -> None:
    # Its letters are kept (how its words are spaced is the word splitter's business).
    read = _page("BORRADOR", 45, grey=0.8, oblique=True)
    assert [t.replace(" ", "") for t in read] == [t.replace(" ", "") for t in LINES]


def test_letters_drawn_as_filled_outlines_over_a_table_cut_no_columns() -> None:
    # LibreOffice exports a WordArt watermark as filled curves: the table keeps its three columns.
    from reportlab.pdfgen import canvas

    from extractor.model.document import Table

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595.0, 842.0))
    page.setFillColorRGB(0.75, 0.75, 0.75)
    for left in range(90, 480, 55):  # "E"s as outlines: closed polygons, filled, not stroked
        path = page.beginPath()
        points = [(0, 0), (30, 0), (30, 6), (8, 6), (8, 22), (25, 22), (25, 28), (8, 28), (8, 44), (30, 44),
                  (30, 50), (0, 50)]
        path.moveTo(left + points[0][0], 400 + points[0][1])
        for x, y in points[1:]:
            path.lineTo(left + x, 400 + y)
        path.close()
        page.drawPath(path, fill=1, stroke=0)
    page.setFillColorRGB(0, 0, 0)
    page.setFont("Helvetica", 10)
    xs, ys = [70.0, 250.0, 400.0, 520.0], [480.0, 450.0, 420.0, 390.0]
    for x in xs:
        page.line(x, ys[0], x, ys[-1])
    for y in ys:
        page.line(xs[0], y, xs[-1], y)
    for row, y in enumerate(ys[:-1]):
        for column, x in enumerate(xs[:-1]):
            page.drawString(x + 5, y - 18, f"Celda {row}{column}")
    page.save()
    tables = [b for b in read_pdf(buffer.getvalue()).blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert [[c.text for c in r.cells] for r in tables[0].rows] == [
        [f"Celda {r}{c}" for c in range(3)] for r in range(3)]
