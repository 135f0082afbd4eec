"""Line breaks inside a cell or paragraph of a PDF: a wrap, a new item (Enter), or a break inside a word.

Each test draws a small PDF with reportlab's canvas, placing every line where a word processor
would, so the geometry under test (a line's end, the cell's limit, a space glyph or its absence)
is exact. See ``extractor/readers/pdf/lines.py``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest

from extractor.model.document import Document, Paragraph, Table
from extractor.readers.pdf import read_pdf
from extractor.readers.pdf.lines import joined

pytest.importorskip("reportlab")

FONT, SIZE, LEADING, PAD = "Helvetica", 9.0, 11.0, 5.0
PAGE = (595.0, 842.0)


def _pdf(draw: Sequence[tuple[str, object]]) -> Document:
    """A one-page PDF from drawing orders: ("box", (x0, top, x1, bottom)) draws a ruled cell,
    ("text", (x, top, text)) a string whose glyphs (spaces included) are printed as given."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=PAGE)
    page.setFont(FONT, SIZE)
    for kind, args in draw:
        if kind == "box":
            x0, top, x1, bottom = args  # type: ignore[misc]
            page.rect(x0, PAGE[1] - bottom, x1 - x0, bottom - top)
        else:
            x, top, text = args  # type: ignore[misc]
            page.drawString(x, PAGE[1] - top - SIZE, text)
    page.save()
    return read_pdf(buffer.getvalue())


def _cell(x0: float, top: float, width: float, lines: list[str]) -> list[tuple[str, object]]:
    """A ruled table row: a label cell, then a cell ``width`` wide at ``x0`` holding ``lines`` one
    under the other, text inset by PAD."""
    height = len(lines) * LEADING + 2 * PAD
    orders: list[tuple[str, object]] = [("box", (x0 - 60, top, x0, top + height)),
                                        ("text", (x0 - 60 + PAD, top + PAD, "Campo")),
                                        ("box", (x0, top, x0 + width, top + height))]
    orders += [("text", (x0 + PAD, top + PAD + i * LEADING, line)) for i, line in enumerate(lines)]
    return orders


def _width(text: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, FONT, SIZE))


def _cells(document: Document) -> list[list[str]]:
    """The items of the value cell (the last) of every row of the document's tables, in reading order."""
    return [row.cells[-1].items for block in document.blocks if isinstance(block, Table) for row in block.rows]


def _fitted(words: str) -> float:
    """A cell width whose text limit is exactly the width of ``words`` (the line is full)."""
    return _width(words) + 2 * PAD


# -- breaks inside a word ----------------------------------------------------------------------


def test_compound_broken_after_its_hyphen_keeps_the_hyphen_and_no_space() -> None:
    lines = ["Proyectos de norma con informe técnico-", "jurídico"]
    document = _pdf(_cell(100, 100, _fitted(lines[0]), lines))
    assert _cells(document) == [["Proyectos de norma con informe técnico-jurídico"]]


def test_closing_punctuation_wrapped_alone_joins_the_word_before() -> None:
    # A narrow column that could not hold "institucionales." broke before the period
    # (LibreOffice does), and one that could not hold "(Sociología," before the comma.
    first = _cell(100, 100, _fitted("institucionales"), ["Revisar", "contratos y", "convenios", "institucionales", "."])
    second = _cell(100, 200, _fitted("(Sociología"), ["Ciencias", "Sociales", "(Sociología", ", Trabajo", "Social)"])
    assert _cells(_pdf(first + second)) == [["Revisar contratos y convenios institucionales."],
                                            ["Ciencias Sociales (Sociología, Trabajo Social)"]]


def test_paragraph_lines_join_a_compound() -> None:
    first = ("Los informes mensuales de seguimiento de la gestión institucional de la unidad se elaboran con un "
             "criterio técnico-")
    second = "jurídico y se remiten en plazo."
    # The page's text runs from 60 to its mirrored margin: "jurídico" would not have fitted.
    assert 60 + _width(first + " jurídico") > PAGE[0] - 60
    orders: list[tuple[str, object]] = [("text", (60, 100, first)), ("text", (60, 100 + LEADING, second))]
    paragraphs = [b.text for b in _pdf(orders).blocks if isinstance(b, Paragraph)]
    assert paragraphs == [first + second]

@pytest.mark.parametrize(("text", "continuation", "expected"), [
    ("técnico-", "jurídico", "técnico-jurídico"),  # a compound: the hyphen is the document's
    ("documen-", "tación", "documen-tación"),  # typesetting hyphenation: no rule tells it from a compound
    ("documen\u00ad", "tación", "documentación"),  # a soft hyphen marks typesetting only
    ("institucionales", ".", "institucionales."),
    ("Ley 1178 -", "Administración", "Ley 1178 - Administración"),  # a dash between words is not a break in one
    ("POA-", "2024", "POA-2024"),
    ("y/o", "plazo", "y/o plazo"),
])
def test_joined(text: str, continuation: str, expected: str) -> None:
    assert joined(text, continuation) == expected


def test_loose_closing_glyph_clings_unless_a_space_is_printed() -> None:
    text = "Revisar convenios institucionales"
    orders: list[tuple[str, object]] = [
        # The period placed after a gap, with no space glyph: a kerning artefact, not a word.
        ("text", (60, 100, text)),
        ("text", (60 + _width(text) + 2.5, 100, ".")),
        # A space typed before the period: printed, so kept.
        ("text", (60, 200, text + " .")),
    ]
    paragraphs = [b.text for b in _pdf(orders).blocks if isinstance(b, Paragraph)]
    assert paragraphs == [text + ".", text + " ."]


# -- a new item or a wrap ------------------------------------------------------------------------

CARGOS = ["TÉCNICO EN SEGUIMIENTO DE CASOS", "AUXILIAR ADMINISTRATIVO"]


def test_list_in_a_ruled_cell_where_the_next_word_would_have_fitted() -> None:
    roomy = _fitted(CARGOS[0]) + _width(" AUXILIAR") + 3
    assert _cells(_pdf(_cell(100, 100, roomy, CARGOS))) == [CARGOS]
    # Without a space glyph at wraps (reportlab), a nearly full line followed by a word that would
    # not have fitted is a wrap: the known limit of the geometry alone.
    nearly_full = _fitted(CARGOS[0]) + 12
    assert _cells(_pdf(_cell(100, 100, nearly_full, CARGOS))) == [[" ".join(CARGOS)]]

def _wrap_spaced_page(cargos_width: float) -> list[tuple[str, object]]:
    """A table as LibreOffice prints it: a space glyph at the end of every line it wrapped."""
    wrapped = ["DIRECCIÓN GENERAL DE JUSTICIA Y ", "DERECHOS FUNDAMENTALES"]
    superior = ["DIRECTOR (A) GENERAL DE ACCESO A LA ", "JUSTICIA Y DERECHOS FUNDAMENTALES"]
    width = _fitted("DIRECTOR (A) GENERAL DE ACCESO A LA") + 4
    return (_cell(100, 100, width, wrapped) + _cell(100, 140, width, superior)
            + _cell(100, 180, cargos_width, CARGOS))


def test_wrap_spaces_tell_an_enter_from_a_wrap() -> None:
    # "AUXILIAR" would not have fitted after "CASOS", but the line ends without the space glyph
    # the producer prints at every wrap, though a space would have fitted: Enter was pressed.
    cells = _cells(_pdf(_wrap_spaced_page(_fitted(CARGOS[0]) + 12)))
    assert cells == [["DIRECCIÓN GENERAL DE JUSTICIA Y DERECHOS FUNDAMENTALES"],
                     ["DIRECTOR (A) GENERAL DE ACCESO A LA JUSTICIA Y DERECHOS FUNDAMENTALES"], CARGOS]


def test_no_wrap_space_where_none_would_fit_is_still_a_wrap() -> None:
    # The line is full: the producer drops the wrap space it could not print, so its absence says nothing.
    cells = _cells(_pdf(_wrap_spaced_page(_fitted(CARGOS[0]) + 1)))
    assert cells[-1] == [" ".join(CARGOS)]


# -- tables without rules ----------------------------------------------------------------------


def _unruled(rows: list[tuple[str, list[str]]]) -> list[tuple[str, object]]:
    orders: list[tuple[str, object]] = []
    top = 100.0
    for label, lines in rows:
        orders.append(("text", (60, top, label)))
        for i, line in enumerate(lines):
            orders.append(("text", (200, top + i * LEADING, line)))
        top += len(lines) * LEADING + 8
    return orders


def test_list_in_a_cell_of_a_table_without_rules() -> None:
    # A column without rules ends where its longest line does: the Oficina's first line.
    dependencia = ["DIRECCIÓN GENERAL DE ASUNTOS JURÍDICOS Y DERECHOS", "FUNDAMENTALES"]
    oficina = ["Oficina del Alto Comisionado de las Naciones Unidas para los Derechos", "Humanos"]
    reach = _width(oficina[0])
    assert _width(dependencia[0] + " FUNDAMENTALES") > reach > _width(dependencia[0])
    assert reach > _width("Organizaciones de la sociedad civil Oficina")
    rows = [("Dependencia", dependencia), ("Cargos Supervisados", CARGOS),
            ("Relaciones", ["Organizaciones de la sociedad civil", *oficina])]
    tables = [b for b in _pdf(_unruled(rows)).blocks if isinstance(b, Table)]
    assert [[c.items for c in row.cells] for row in tables[0].rows] == [
        [["Dependencia"], [" ".join(dependencia)]],
        [["Cargos Supervisados"], CARGOS],
        [["Relaciones"], ["Organizaciones de la sociedad civil", " ".join(oficina)]],
    ]

def test_bulleted_lists_side_by_side_without_rules() -> None:
    # Two columns of bulleted entries: a wrapped entry on the left while a new one starts on the right.
    left = ["• Agencia de Gobierno Electrónico y Tecnologías de", "Información y Comunicación", "• Órgano Judicial"]
    right = ["• Unidad de Planificación", "• Concejo Municipal", "• Unidad Financiera"]
    orders: list[tuple[str, object]] = [("text", (60, 100, "Interinstitucionales")), ("text", (300, 100, "Internas"))]
    for i, (a, b) in enumerate(zip(left, right)):
        orders += [("text", (60, 100 + (i + 1) * LEADING, a)), ("text", (300, 100 + (i + 1) * LEADING, b))]
    tables = [b for b in _pdf(orders).blocks if isinstance(b, Table)]
    columns: list[list[str]] = [[], []]
    for row in tables[0].rows[1:]:
        for index, cell in enumerate(row.cells[:2]):
            columns[index] += cell.items
    assert columns == [["• Agencia de Gobierno Electrónico y Tecnologías de Información y Comunicación",
                        "• Órgano Judicial"], right]
