"""Tables split by a page break are rejoined, whatever the format."""

from __future__ import annotations

from extractor.layout.stitching import stitch
from extractor.model.document import Cell, Document, Row, Table


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
