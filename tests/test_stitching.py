"""Tables split by a page break are rejoined, whatever the format."""

from __future__ import annotations

from extractor.layout.stitching import stitch
from extractor.model.document import Cell, Document, Paragraph, Row, Table


def row(*texts: str, page: int = 1) -> Row:
    return Row(cells=[Cell(items=[t] if t else []) for t in texts], page=page)


HEADER = ("Función", "Resultado", "Ponderación")


def test_repeated_header_dropped_and_rows_appended() -> None:
    first = Table(rows=[row(*HEADER), row("Uno", "R1", "50")], page=1)
    second = Table(rows=[row(*HEADER, page=2), row("Dos", "R2", "50", page=2)], page=2)
    doc = stitch(Document("pdf", [first, second]))
    assert len(doc.blocks) == 1
    assert [r.texts for r in doc.blocks[0].rows] == [list(HEADER), ["Uno", "R1", "50"], ["Dos", "R2", "50"]]


def test_cut_row_rejoined() -> None:
    first = Table(rows=[row(*HEADER), row("Elaborar informes", "Informes de", "50")], page=1)
    second = Table(rows=[row("", "avance mensual", "", page=2), row("Dos", "R2", "50", page=2)], page=2)
    doc = stitch(Document("pdf", [first, second]))
    rows = doc.blocks[0].rows
    assert rows[1].texts == ["Elaborar informes", "Informes de avance mensual", "50"]
    assert len(rows) == 3


def test_lowercase_start_continues_the_row() -> None:
    first = Table(rows=[row(*HEADER), row("Coordinar con las", "R1", "50")], page=1)
    second = Table(rows=[row("unidades del ministerio", "", "", page=2)], page=2)
    rows = stitch(Document("pdf", [first, second])).blocks[0].rows
    assert rows[1].texts[0] == "Coordinar con las unidades del ministerio"


def test_wrapped_cell_by_geometry() -> None:
    cut = Cell(items=["Funciones Específicas (de acuerdo a los procesos"], room=3.0, char_width=4.5)
    first = Table(rows=[Row(cells=[cut, Cell(items=["Resultados"]), Cell(items=["Pond."])], page=1)], page=1)
    second = Table(rows=[row("Unidad o Dependencia)", "", "", page=2)], page=2)
    rows = stitch(Document("pdf", [first, second])).blocks[0].rows
    assert rows[0].texts[0] == "Funciones Específicas (de acuerdo a los procesos Unidad o Dependencia)"


def test_new_row_is_not_joined() -> None:
    first = Table(rows=[row(*HEADER), row("Uno", "R1", "50")], page=1)
    second = Table(rows=[row("Dos", "R2", "50", page=2)], page=2)
    assert len(stitch(Document("pdf", [first, second])).blocks[0].rows) == 3


def test_tables_on_one_page_stay_apart() -> None:
    first = Table(rows=[row(*HEADER)], page=1)
    second = Table(rows=[row("Otra", "tabla", "aquí")], page=1)
    assert len(stitch(Document("pdf", [first, second])).blocks) == 2


def test_different_columns_stay_apart() -> None:
    first = Table(rows=[row("a", "b")], page=1)
    second = Table(rows=[row("a", "b", "c", page=2)], page=2)
    assert len(stitch(Document("pdf", [first, second])).blocks) == 2


EDGES = [60.0, 100.0, 300.0, 500.0]


def test_piece_drawn_aside_continues_its_ruled_table() -> None:
    first = Table(rows=[row(*HEADER), row("Uno", "R1", "50")], page=1, col_edges=EDGES)
    aside = [x - 6.0 for x in EDGES]
    second = Table(rows=[row("Dos", "R2", "50", page=2)], page=2, col_edges=aside)
    assert len(stitch(Document("pdf", [first, second])).blocks) == 1


def test_unruled_rows_under_a_ruled_table_are_its_cut_rows() -> None:
    first = Table(rows=[row(*HEADER), row("Uno", "R1", "50")], page=1, col_edges=EDGES)
    # Text positions: the first column's number is centred, so its left edge moved.
    loose = Table(rows=[row("Dos", "R2", "50")], page=1, col_edges=[75.0, 100.0, 300.0, 480.0], ruled=False)
    doc = stitch(Document("pdf", [first, loose]))
    assert len(doc.blocks) == 1 and doc.blocks[0].rows[-1].texts == ["Dos", "R2", "50"]


def test_other_tables_on_the_page_stay_apart() -> None:
    first = Table(rows=[row("Fecha", "Fecha", "Fecha"), row("1", "2", "3")], page=1, col_edges=EDGES)
    signatures = Table(rows=[row("Aprobado", "Servidor")], page=1, col_edges=[150.0, 302.0, 480.0], ruled=False)
    assert len(stitch(Document("pdf", [first, signatures])).blocks) == 2


def test_sub_heading_cut_off_by_a_page_break_joins_the_table() -> None:
    first = Table(rows=[row(*HEADER), row("Uno", "R1", "50")], page=1, col_edges=EDGES, ruled=False)
    heading = Paragraph(text="FUNCIONES RUTINARIAS", page=1, bold=True)
    second = Table(rows=[row("Dos", "R2", "50", page=2)], page=2, col_edges=EDGES, ruled=False)
    doc = stitch(Document("pdf", [first, heading, second]))
    assert len(doc.blocks) == 1
    rows = doc.blocks[0].rows
    assert rows[2].cells[0].text == "FUNCIONES RUTINARIAS" and rows[2].cells[0].span == 3
    assert rows[3].texts == ["Dos", "R2", "50"]


def test_plain_paragraph_between_tables_keeps_them_apart() -> None:
    first = Table(rows=[row(*HEADER), row("Uno", "R1", "50")], page=1, col_edges=EDGES, ruled=False)
    text = Paragraph(text="Texto corrido entre dos tablas", page=1)
    second = Table(rows=[row("Dos", "R2", "50", page=2)], page=2, col_edges=EDGES, ruled=False)
    assert len(stitch(Document("pdf", [first, text, second])).blocks) == 3


def test_a_mark_in_a_column_the_cut_row_left_empty_starts_a_row() -> None:
    header = ("Área", "Bachiller", "Licenciatura", "Carácter")
    narrow = Cell(items=["Contaduría Pública"], room=2.0, char_width=5.0)
    cut = Row(cells=[narrow, Cell(), Cell(items=["X"]), Cell(items=["DESEABLE"], room=1.0, char_width=5.0)], page=1)
    first = Table(rows=[row(*header), cut], page=1)
    second = Table(rows=[row("Trabajo Social", "X", "", "EXCLUYENTE", page=2)], page=2)
    rows = stitch(Document("pdf", [first, second])).blocks[0].rows
    assert [r.texts[0] for r in rows[1:]] == ["Contaduría Pública", "Trabajo Social"]


def test_unruled_piece_drawn_aside_continues_its_table() -> None:
    edges = [68.7, 202.0, 265.8, 451.4, 551.9]
    first = Table(rows=[row("Resultado", "Pond.", "Función", "Fuente"), row("A", "10%", "F", "V")], page=1,
                  col_edges=edges, ruled=False)
    aside = [x - 6.0 for x in edges]
    second = Table(rows=[row("B", "5%", "G", "W", page=2)], page=2, col_edges=aside, ruled=False)
    doc = stitch(Document("pdf", [first, second]))
    assert len(doc.blocks) == 1 and doc.blocks[0].rows[-1].texts == ["B", "5%", "G", "W"]


def test_a_number_printed_again_below_the_break_starts_a_row() -> None:
    full = Cell(items=["Construir el módulo de monitoreo de proyectos"], room=2.0, char_width=5.0)
    first = Table(rows=[row(*HEADER), Row(cells=[full, Cell(items=["Módulo en producción"], room=1.0,
                                                                char_width=5.0), Cell(items=["0,05"])], page=1)],
                  page=1)
    second = Table(rows=[row("Actualizar las auditorías", "", "0,05", page=2)], page=2)
    rows = stitch(Document("pdf", [first, second])).blocks[0].rows
    assert len(rows) == 3
