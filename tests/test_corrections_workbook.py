"""Corrections typed into the workbook: read back by its hidden keys, kept, and shown on the next run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from extractor.api import run
from extractor.catalog import Catalog
from extractor.corrections.workbook import read_corrections, take_corrections
from extractor.writers.editable import KEY_COLUMN

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "poai"
NAMES = ["poai_a03_texto.txt", "poai_b03_texto.txt"]


@pytest.fixture()
def book(tmp_path: Path) -> Path:
    folder = tmp_path / "poai"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(SAMPLES / name, folder / name)
    output = tmp_path / "consolidado.xlsx"
    run([str(folder)], output, workers=1)
    return output


def _columns(sheet: object) -> dict[str, int]:
    header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True))  # type: ignore[attr-defined]
    return {name: index + 1 for index, name in enumerate(header)}


def _edit(book: Path, sheet: str, row: int, column: str, value: object) -> None:
    workbook = load_workbook(book)
    ws = workbook[sheet]
    ws.cell(row=row, column=_columns(ws)[column], value=value)
    workbook.save(book)


def _catalog(book: Path) -> Catalog:
    return Catalog(book.parent / "poai-catalogo.sqlite")


def test_key_column_is_hidden_and_unedited_book_gives_nothing(book: Path) -> None:
    workbook = load_workbook(book)
    for name in ("Puestos", "Funciones", "Requisitos"):
        ws = workbook[name]
        letter = ws.cell(row=1, column=_columns(ws)[KEY_COLUMN]).column_letter
        assert ws.column_dimensions[letter].hidden
    with _catalog(book) as catalog:
        outcome = read_corrections(book, catalog)
    assert outcome.tomadas == [] and outcome.desconocidas == [] and outcome.conflictos == []
    assert outcome.filas > 20


def test_edits_become_corrections_and_the_next_run_shows_them(book: Path) -> None:
    _edit(book, "Puestos", 2, "Ocupante", "MARÍA  TERESA QUISPE")
    _edit(book, "Funciones", 3, "Fuente de verificación", "Informe técnico")
    _edit(book, "Funciones", 2, "Ponderación", "12,5")
    _edit(book, "Requisitos", 2, "Grado mínimo", "Postgrado")
    with _catalog(book) as catalog:
        outcome = take_corrections(book, catalog)
        assert {c.campo for c in outcome.tomadas} == {"puesto.ocupante", "funciones[1].fuente_verificacion",
                                                      "funciones[0].ponderacion", "formacion[0].grado_minimo"}
        assert not outcome.desconocidas and not outcome.conflictos
        assert len(catalog.corrections) == 4
    folder = book.parent / "poai"
    again = book.parent / "otra_vez.xlsx"
    run([str(folder)], again, workers=1, cache=book.parent / "poai-catalogo.sqlite")
    workbook = load_workbook(again)
    posts = workbook["Puestos"]
    cols = _columns(posts)
    cell = posts.cell(row=2, column=cols["Ocupante"])
    assert cell.value == "MARÍA TERESA QUISPE"
    assert cell.fill.fgColor.rgb.endswith("C6EFCE")  # marked as corrected
    functions = workbook["Funciones"]
    assert functions.cell(row=2, column=_columns(functions)["Ponderación"]).value == 12.5
    listed = list(workbook["Correcciones"].iter_rows(min_row=2, values_only=True))
    assert len(listed) == 4
    # Reading the new workbook back gives nothing new: its keys digest the corrected values.
    with _catalog(book) as catalog:
        assert read_corrections(again, catalog).tomadas == []


def test_unknown_rows_and_conflicts_are_reported_never_guessed(book: Path) -> None:
    workbook = load_workbook(book)
    ws = workbook["Puestos"]
    cols = _columns(ws)
    ws.cell(row=10, column=cols["Ocupante"], value="ALGUIEN AGREGADO")  # a row with no key
    ws.cell(row=2, column=cols["Ítem"], value="900")
    ws.cell(row=3, column=cols["Gestión"], value="dos mil")  # not a number
    funcs = workbook["Funciones"]
    fcols = _columns(funcs)
    # The same row pasted twice with two different weights: one field, two values.
    key = funcs.cell(row=2, column=fcols[KEY_COLUMN]).value
    funcs.cell(row=2, column=fcols["Ponderación"], value=30)
    last = funcs.max_row + 1
    for index in fcols.values():
        funcs.cell(row=last, column=index, value=funcs.cell(row=2, column=index).value)
    funcs.cell(row=last, column=fcols[KEY_COLUMN], value=key)
    funcs.cell(row=last, column=fcols["Ponderación"], value=40)
    workbook.save(book)
    with _catalog(book) as catalog:
        outcome = read_corrections(book, catalog)
    assert [c.campo for c in outcome.tomadas] == ["puesto.item"]
    assert [(p.hoja, p.fila) for p in outcome.desconocidas] == [("Puestos", 10)]
    reasons = " ".join(p.motivo for p in outcome.conflictos)
    assert "valores distintos" in reasons and "número" in reasons


def test_a_workbook_of_someone_else_is_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from extractor.errors import UsageError

    other = tmp_path / "otro.xlsx"
    Workbook().save(other)
    with Catalog(tmp_path / "c.sqlite") as catalog, pytest.raises(UsageError, match="no es un libro de poai"):
        read_corrections(other, catalog)


def test_the_command_takes_the_edits_and_reports_the_rest(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from extractor.cli import main

    _edit(book, "Puestos", 2, "Dependencia", "UNIDAD CORREGIDA")
    _edit(book, "Puestos", 12, "Ocupante", "FILA AGREGADA")
    assert main(["corregir", str(book)]) == 1  # a row was reported
    err = capsys.readouterr().err
    assert "Puestos, fila 12: fila sin clave de poai" in err
    assert "1 corrección tomada de" in err and "1 fila desconocida y 0 valores no tomados" in err
    assert main(["corregir", str(book.parent / "no_existe.xlsx")]) == 2
    assert "No existe el libro" in capsys.readouterr().err
    assert main(["corregir", str(book), "--cache", str(book.parent / "otro.sqlite")]) == 2
    assert "No se encontró el catálogo" in capsys.readouterr().err
