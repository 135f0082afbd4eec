"""Headers of tables without rules, set in bold over plain data (``extractor/readers/pdf/aligned.py``).

A word processor wraps a header cell in a narrow column, even inside a word ("Nu" / "me" /
"ro"); a merged parent cell names two columns whose names come on the line below; a short
title in bold in the first column names the group of rows under the header. Each test draws
the lines where LibreOffice puts them, with reportlab's canvas.
"""

from __future__ import annotations

import io

import pytest

from extractor.model.document import Document, Table
from extractor.readers.pdf import read_pdf

pytest.importorskip("reportlab")

SIZE, LEADING = 8.0, 10.6
PAGE = (595.0, 842.0)
# Column starts: N°, Función, Resultado | Medio (under "Evaluación"), Ponderación.
X = (57.0, 84.0, 231.0, 336.0, 505.0)

Line = list[tuple[float, str]]  # (x, text) of each piece of a line


def _read(lines: list[tuple[bool, float, Line]], *more: list[tuple[bool, float, Line]]) -> Document:
    """A PDF of lines (bold?, top, pieces), a page for each list."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=PAGE)
    for number, page_lines in enumerate([lines, *more]):
        if number:
            page.showPage()
        for bold, top, pieces in page_lines:
            page.setFont("Helvetica-Bold" if bold else "Helvetica", SIZE)
            for x, text in pieces:
                page.drawString(x, PAGE[1] - top - SIZE, text)
    page.save()
    return read_pdf(buffer.getvalue())


def _data(top: float) -> list[tuple[bool, float, Line]]:
    return [(False, top, [(X[0] + 5, "1"), (X[1], "Elaborar el plan anual"), (X[2], "Plan aprobado"),
                          (X[3], "Informe"), (X[4] + 8, "20")]),
            (False, top + LEADING, [(X[1], "de la unidad")]),
            (False, top + 2 * LEADING, [(X[0] + 5, "2"), (X[1], "Atender la correspondencia"),
                                        (X[2], "Notas atendidas"), (X[3], "Hojas de ruta"), (X[4] + 8, "10")])]


def _table(document: Document) -> list[list[str]]:
    tables = [b for b in document.blocks if isinstance(b, Table)]
    assert len(tables) == 1, document.blocks
    return [[c.text for c in row.cells] for row in tables[0].rows]


def test_a_header_wrapped_in_a_narrow_column_over_a_merged_parent_is_two_rows() -> None:
    top = 100.0
    header = [(True, top, [(X[0], "Nu"), (X[1], "Función"), (X[2], "Evaluación del resultado"), (X[4], "Pondera")]),
              (True, top + LEADING, [(X[0], "me"), (X[2], "Resultado"), (X[3], "Medio de"), (X[4], "ción")]),
              (True, top + 2 * LEADING, [(X[0], "ro"), (X[3], "verificación")]),
              (True, top + 3 * LEADING, [(X[0], "FUNCIONES ESPECÍFICAS")])]
    rows = _table(_read(header + _data(top + 4 * LEADING)))
    assert rows[0] == ["Nu me ro", "Función", "Evaluación del resultado", "", "Pondera ción"]
    assert rows[1] == ["", "", "Resultado", "Medio de verificación", ""]
    assert rows[2][0] == "FUNCIONES ESPECÍFICAS"
    assert rows[3] == ["1", "Elaborar el plan anual de la unidad", "Plan aprobado", "Informe", "20"]
    assert len(rows) == 5


def test_a_wrapped_one_row_header_is_one_row() -> None:
    top = 100.0
    header = [(True, top, [(X[0], "Nu"), (X[1], "Función"), (X[2], "Resultado"), (X[3], "Medio de"),
                           (X[4], "Pondera")]),
              (True, top + LEADING, [(X[0], "me"), (X[3], "verificación"), (X[4], "ción")])]
    rows = _table(_read(header + _data(top + 2 * LEADING)))
    assert rows[0] == ["Nu me", "Función", "Resultado", "Medio de verificación", "Pondera ción"]
    assert len(rows) == 3


def test_a_short_title_in_bold_under_the_header_is_a_row_of_its_own() -> None:
    top, x = 100.0, (57.0, 212.0, 323.0, 405.0)
    # The title would have fitted on the header's line: it is no wrap of the first column's name.
    lines = [(True, top, [(x[0], "Actividad principal"), (x[1], "Resultado"), (x[2], "Medio"), (x[3], "Peso")]),
             (True, top + LEADING, [(x[0], "Resultados específicos")]),
             (False, top + 2 * LEADING, [(x[0], "Elaborar el plan anual"), (x[1], "Plan aprobado"),
                                         (x[2], "Informe"), (x[3], "20")]),
             (False, top + 3 * LEADING, [(x[0], "de la unidad")]),
             (False, top + 4 * LEADING, [(x[0], "Atender la correspondencia recibida"), (x[1], "Notas atendidas"),
                                         (x[2], "Hojas de ruta"), (x[3], "10")])]
    rows = _table(_read(lines))
    assert rows[0] == ["Actividad principal", "Resultado", "Medio", "Peso"]
    assert rows[1][0] == "Resultados específicos"
    assert rows[2] == ["Elaborar el plan anual de la unidad", "Plan aprobado", "Informe", "20"]
    assert len(rows) == 4


def test_a_wrap_space_in_a_narrow_gutter_does_not_join_two_columns() -> None:
    # LibreOffice prints a space after the last word of a wrapped line ("INDICADORES " / "DE
    # RESULTADO"); the gutter to the next column, 1.4 em, is still mostly bare.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    top, x = 100.0, [57.0, 97.0, 421.0]
    x.append(x[2] + stringWidth("INDICADORES", "Helvetica-Bold", SIZE) + 1.4 * SIZE)
    lines = [(True, top, [(x[0], "ÍTEM"), (x[1], "TAREA"), (x[2], "INDICADORES "), (x[3], "PESO")]),
             (True, top + LEADING, [(x[2], "DE RESULTADO")]),
             (False, top + 2 * LEADING, [(x[0], "1"), (x[1], "Elaborar el plan anual"), (x[2], "Plan aprobado"),
                                         (x[3], "20 %")]),
             (False, top + 3 * LEADING, [(x[0], "2"), (x[1], "Atender la correspondencia"), (x[2], "Notas"),
                                         (x[3], "10 %")])]
    rows = _table(_read(lines))
    assert rows[0] == ["ÍTEM", "TAREA", "INDICADORES DE RESULTADO", "PESO"]
    assert rows[1] == ["1", "Elaborar el plan anual", "Plan aprobado", "20 %"]


def test_a_two_row_header_printed_again_on_the_next_page_is_read_as_on_the_first() -> None:
    top = 100.0
    # "Pondera" / "ción": a cell beside the merged parent wraps over both header lines.
    header = [(True, top, [(X[0], "N°"), (X[1], "Función"), (X[2], "Evaluación"), (X[4], "Pondera")]),
              (True, top + LEADING, [(X[2], "Resultado"), (X[3], "Medio de"), (X[4], "ción")]),
              (True, top + 2 * LEADING, [(X[3], "verificación")])]
    first = header + _data(top + 3 * LEADING)
    # The next page opens with the header again (Word's "repeat header rows"), then the rows.
    second = header + [(False, top + 3 * LEADING, [(X[0] + 5, "3"), (X[1], "Archivar la documentación"),
                                                   (X[2], "Archivo al día"), (X[3], "Inventario"), (X[4] + 8, "5")]),
                       (False, top + 4 * LEADING, [(X[0] + 5, "4"), (X[1], "Atender consultas"),
                                                   (X[2], "Consultas atendidas"), (X[3], "Registro"), (X[4] + 8, "5")])]
    tables = [b for b in _read(first, second).blocks if isinstance(b, Table)]
    rows = [[[c.text for c in row.cells] for row in table.rows] for table in tables]
    assert rows[0][:2] == [["N°", "Función", "Evaluación", "", "Pondera ción"],
                           ["", "", "Resultado", "Medio de verificación", ""]]
    assert rows[1][:2] == rows[0][:2]
    assert rows[1][2] == ["3", "Archivar la documentación", "Archivo al día", "Inventario", "5"]


def test_a_row_printed_high_in_the_top_margin_goes_on_with_the_table() -> None:
    # Narrow page margins: the next page's first row sits where running headers live.
    top = 100.0
    header = [(True, top, [(X[0], "N°"), (X[1], "Función"), (X[2], "Resultado"), (X[3], "Medio"), (X[4], "Peso")])]
    first = header + _data(top + LEADING)
    second = [(False, 30.0, [(X[0] + 5, "3"), (X[1], "Archivar la documentación"), (X[2], "Archivo al día"),
                             (X[3], "Inventario"), (X[4] + 8, "5")]),
              (False, 30.0 + LEADING, [(X[1], "de la unidad")]),
              *[(False, 30.0 + (2 + k) * LEADING, [(X[0] + 5, str(4 + k)), (X[1], "Atender consultas"),
                                                        (X[2], "Consultas atendidas"), (X[3], "Registro"),
                                                        (X[4] + 8, "5")]) for k in range(4)]]
    blocks = _read(first, second).blocks
    assert not [b for b in blocks if not isinstance(b, Table)]
    rows = [[c.text for c in row.cells] for row in blocks[1].rows]
    assert rows[:2] == [["3", "Archivar la documentación de la unidad", "Archivo al día", "Inventario", "5"],
                        ["4", "Atender consultas", "Consultas atendidas", "Registro", "5"]]
    assert len(rows) == 5


def test_a_title_across_the_columns_atop_the_next_page_is_no_piece_of_a_cut_row() -> None:
    top = 100.0
    header = [(True, top, [(X[0], "N°"), (X[1], "Función"), (X[2], "Evaluación"), (X[4], "Peso")]),
              (True, top + LEADING, [(X[2], "Resultado"), (X[3], "Medio de")])]
    second = [(True, 40.0, [(X[0], "FUNCIONES CONTINUAS")]), *[(b, t - 60.0 + LEADING, p) for b, t, p in header],
              (False, 40.0 + 3 * LEADING, [(X[0] + 5, "1"), (X[1], "Archivar"), (X[2], "Archivo al día"),
                                           (X[3], "Inventario"), (X[4] + 8, "5")])]
    blocks = _read(header + _data(top + 2 * LEADING), second).blocks
    assert [b.text for b in blocks if not isinstance(b, Table)] == ["FUNCIONES CONTINUAS"]
    rows = [[c.text for c in row.cells] for row in blocks[-1].rows]
    assert rows[:2] == [["N°", "Función", "Evaluación", "", "Peso"], ["", "", "Resultado", "Medio de", ""]]


def test_a_line_in_plain_type_under_the_header_is_data_even_alone_in_a_column() -> None:
    # The rest of a cut row under the header printed again: no item of the header's cell.
    top = 100.0
    lines = [(True, top, [(X[0], "N°"), (X[1], "Función"), (X[2], "Resultado"), (X[3], "Medio"), (X[4], "Peso")]),
             (False, top + LEADING, [(X[1], "de la unidad")]),
             *_data(top + 2 * LEADING)]
    rows = _table(_read(lines))
    assert rows[0] == ["N°", "Función", "Resultado", "Medio", "Peso"]
    assert rows[1] == ["", "de la unidad", "", "", ""]


def _pairs(labels: list[str], values: list[str], x: tuple[float, float]) -> list[tuple[bool, float, Line]]:
    """Label and value rows set as tight as a cell's wrapped lines (no space between rows)."""
    return [(False, 100.0 + k * LEADING, [(x[0], label), (x[1], value)])
            for k, (label, value) in enumerate(zip(labels, values))]


def test_label_rows_packed_tight_are_rows_where_the_next_label_fits_its_column() -> None:
    # "Inmediato" would have fitted after "Unidad Funcional" in a column 160 pt wide: no wrap.
    labels = ["Puesto", "Unidad Funcional", "Inmediato Superior", "Servidor Público"]
    values = ["TÉCNICO EN ENFERMERÍA", "SECRETARÍA MUNICIPAL DE SALUD", "COORDINADOR GENERAL", "DIEGO CHOQUE"]
    rows = _table(_read(_pairs(labels, values, (57.0, 216.0))))
    assert rows == [[label, value] for label, value in zip(labels, values)]


def test_a_wrapped_name_beside_a_centred_mark_stays_one_row() -> None:
    # The mark's start is no column edge: "Agronómica" wraps "Ingeniería" in a narrow cell.
    lines = [(False, 100.0, [(57.0, "Ingeniería"), (328.0, "x"), (508.0, "deseable")]),
             (False, 100.0 + LEADING, [(57.0, "Agronómica")]),
             (False, 100.0 + 2 * LEADING, [(57.0, "Contaduría Pública"), (328.0, "x"), (508.0, "excluyente")])]
    rows = _table(_read(lines))
    assert rows == [["Ingeniería Agronómica", "x", "deseable"], ["Contaduría Pública", "x", "excluyente"]]


def test_a_title_in_lower_case_under_a_one_line_header_is_a_row_of_its_own() -> None:
    # Rows set tight; the title begins in lower case, as a sentence's next line would.
    top, x = 100.0, (57.0, 440.0, 670.0)
    lines = [(True, top, [(x[0], "tareas/funciones"), (x[1], "medios de verificación"), (x[2], "peso")]),
             (True, top + LEADING, [(x[0], "resultados específicos")]),
             (False, top + 2 * LEADING, [(x[0], "Formular el seguimiento a las metas"), (x[1], "Listas de asistencia"),
                                         (x[2], "0,10")]),
             (False, top + 3 * LEADING, [(x[0], "Gestionar el diagnóstico institucional"), (x[1], "Informes"),
                                         (x[2], "0,05")])]
    rows = _table(_read(lines))
    assert rows[:2] == [["tareas/funciones", "medios de verificación", "peso"], ["resultados específicos", "", ""]]
    assert len(rows) == 4


def test_a_heading_printed_high_in_the_top_margin_is_still_a_heading() -> None:
    from reportlab.pdfgen import canvas

    from extractor.model.document import Paragraph

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=PAGE)
    for number in range(2):
        if number:
            page.showPage()
        top = 30.0 if number else 100.0
        page.setFont("Helvetica", 12.0)
        page.drawString(57.0, PAGE[1] - top - 12.0, f"Sección {number + 1}")
        page.setFont("Helvetica", SIZE)
        for k in range(6):
            page.drawString(57.0, PAGE[1] - top - 16.0 - (k + 1) * LEADING, f"Texto {k} de la página.")
    page.save()
    headings = [b.text for b in read_pdf(buffer.getvalue()).blocks if isinstance(b, Paragraph) and b.heading]
    assert headings == ["Sección 1", "Sección 2"]


def test_a_line_to_sign_on_is_an_item_of_its_own() -> None:
    # Signature boxes without rules: the line, the name and the caption centred under each other.
    lines = [(False, 100.0, [(121.0, "______________________"), (370.0, "______________________")]),
             (False, 100.0 + LEADING, [(126.0, "OMAR CALLE GUTIERREZ"), (372.0, "WILDER PEÑARANDA")])]
    rows = _table(_read(lines))
    assert rows == [["______________________", "______________________"], ["OMAR CALLE GUTIERREZ", "WILDER PEÑARANDA"]]


def test_a_group_title_over_a_row_whose_first_column_is_blank() -> None:
    top, x = 100.0, (57.0, 212.0, 405.0, 505.0)
    lines = [(True, top, [(x[0], "Medio de verificación"), (x[1], "Función"), (x[2], "Resultado"), (x[3], "Peso")]),
             (True, top + LEADING, [(x[0], "RESULTADOS ESPECÍFICOS DEL PUESTO DE TRABAJO")]),
             (False, top + 2 * LEADING, [(x[1], "Participar en procesos de conciliación"), (x[2], "Conflictos"),
                                         (x[3], "0,15")]),
             (False, top + 3 * LEADING, [(x[0], "Correo institucional"), (x[1], "Supervisar la evaluación"),
                                         (x[2], "Inventario"), (x[3], "0,30")])]
    rows = _table(_read(lines))
    assert [r[0] for r in rows] == ["Medio de verificación", "RESULTADOS ESPECÍFICOS DEL PUESTO DE TRABAJO", "",
                                    "Correo institucional"]
    assert rows[2][1] == "Participar en procesos de conciliación"


def test_a_group_title_ending_the_page_leaves_the_columns_to_the_next() -> None:
    top = 700.0
    header = [(True, top, [(X[0], "N°"), (X[1], "Función"), (X[2], "Resultado"), (X[3], "Medio"), (X[4], "Peso")])]
    first = header + [(True, top + LEADING, [(X[0], "RESULTADOS ESPECÍFICOS")])]
    # The next page's rows: a centred number and a right-aligned weight start at no header cell.
    second = [(False, 100.0 + k * LEADING, [(X[0] + 6, str(k + 1)), (X[1], f"Función {k + 1}"), (X[2], "Hecho"),
                                            (X[3], "Informe"), (X[4] + 12, "0,15")]) for k in range(3)]
    tables = [b for b in _read(first, second).blocks if isinstance(b, Table)]
    assert tables[0].col_edges is not None and tables[1].col_edges is not None
    assert tables[1].col_edges[:-1] == tables[0].col_edges[:-1]
