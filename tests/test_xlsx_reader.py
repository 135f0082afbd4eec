"""The Excel reader: merged cells, printed values, hidden parts, instruction sheets, unit POA workbooks."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.styles import Border, Font, Side

import extractor
from extractor.cli import main
from extractor.errors import UnitPoaGivenError
from extractor.inputs import collect_inputs
from extractor.model.document import Document, Paragraph, Table
from extractor.readers.xlsx import read_xlsx
from extractor.readers.xlsx_values import cell_text, number_text

ROOT = Path(__file__).resolve().parent.parent
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _bytes(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _box(sheet: Any, area: str) -> None:
    for row in sheet[area]:
        for cell in row:
            cell.border = _BOX


def _tables(document: Document) -> list[Table]:
    return [b for b in document.blocks if isinstance(b, Table)]


def _texts(table: Table) -> list[list[str]]:
    return [row.texts for row in table.rows]


def test_merged_cells_become_one_cell_with_span_and_vertical_merges_read_once() -> None:
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"], sheet["F1"] = "Área", "Grado mínimo", "Prioridad"
    sheet.merge_cells("B1:E1")
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("F1:F2")
    for column, grade in zip("BCDE", ["Bachiller", "Técnico", "Licenciatura", "Post Grado"]):
        sheet[f"{column}2"] = grade
    sheet["A3"], sheet["D3"], sheet["F3"] = "Derecho", "X", "EXCLUYENTE"
    sheet["A1"].font = Font(bold=True)
    _box(sheet, "A1:F3")
    table = _tables(read_xlsx(_bytes(book)))[0]
    assert _texts(table) == [["Área", "Grado mínimo", "", "", "", "Prioridad"],
                             ["", "Bachiller", "Técnico", "Licenciatura", "Post Grado", ""],
                             ["Derecho", "", "", "X", "", "EXCLUYENTE"]]
    assert table.rows[0].cells[1].span == 4 and table.rows[0].cells[0].bold
    assert table.ruled


def test_label_beside_a_merged_value_is_a_two_column_row() -> None:
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["C1"] = "Denominación del Puesto", "ABOGADO"
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("C1:H1")
    sheet["A2"], sheet["C2"] = "Nro Item", 214
    sheet.merge_cells("A2:B2")
    sheet.merge_cells("C2:H2")
    _box(sheet, "A1:H2")
    table = _tables(read_xlsx(_bytes(book)))[0]
    assert _texts(table) == [["Denominación del Puesto", "ABOGADO"], ["Nro Item", "214"]]


def test_numbers_dates_and_booleans_print_as_the_sheet_shows_them() -> None:
    assert number_text(10, "0.00") == "10.00"
    assert number_text(214, "General") == "214" and number_text(214.0, "General") == "214"
    assert number_text(0.15, "0%") == "15%" and number_text(0.125, "0.00%") == "12.50%"
    assert number_text(1500.5, "#,##0.00") == "1,500.50"
    assert number_text(-3, "0.00;(0.00)") == "(3.00)"
    assert number_text(214, '"N° "0') == "N° 214"
    assert number_text(0.1 + 0.2, "General") == "0.3"
    assert cell_text(dt.datetime(2024, 1, 15), "dd/mm/yyyy") == "2024-01-15"
    assert cell_text(dt.date(2024, 1, 15), None) == "2024-01-15"
    assert cell_text(True, None) == "VERDADERO" and cell_text(None, "0.00") == ""


def test_typed_values_in_a_workbook() -> None:
    book = Workbook()
    sheet = book.active
    rows = [("Item", 214, "General"), ("Peso", 10, "0.00"), ("Fecha", dt.date(2024, 1, 15), "dd/mm/yyyy"),
            ("Avance", 0.5, "0%")]
    for index, (label, value, number_format) in enumerate(rows, 1):
        sheet.cell(index, 1, label)
        sheet.cell(index, 2, value).number_format = number_format
    _box(sheet, "A1:B4")
    assert _texts(_tables(read_xlsx(_bytes(book)))[0]) == [
        ["Item", "214"], ["Peso", "10.00"], ["Fecha", "2024-01-15"], ["Avance", "50%"]]


def test_hidden_rows_columns_and_sheets_are_not_read() -> None:
    book = Workbook()
    sheet = book.active
    for row in range(1, 4):
        sheet.cell(row, 1, f"Etiqueta {row}")
        sheet.cell(row, 2, f"oculto {row}")
        sheet.cell(row, 3, f"Valor {row}")
    sheet.column_dimensions["B"].hidden = True
    sheet.row_dimensions[2].hidden = True
    _box(sheet, "A1:C3")
    hidden = book.create_sheet("Oculta")
    hidden["A1"], hidden["B1"] = "Secreto", "no"
    _box(hidden, "A1:B1")
    hidden.sheet_state = "hidden"
    document = read_xlsx(_bytes(book))
    assert [_texts(t) for t in _tables(document)] == [[["Etiqueta 1", "Valor 1"], ["Etiqueta 3", "Valor 3"]]]
    assert document.paginas == 1


def test_blank_rows_and_borders_limit_tables_and_lone_cells_are_paragraphs() -> None:
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "TÍTULO DEL FORMULARIO"
    sheet.merge_cells("A1:C1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"], sheet["B2"] = "a", "b"
    _box(sheet, "A2:B2")
    sheet["A3"], sheet["B3"] = "suelto", "sin borde"
    sheet["A5"], sheet["B5"], sheet["C5"] = "x", "y", "z"
    _box(sheet, "A5:C5")
    sheet["A6"] = "Una nota al pie"
    blocks = read_xlsx(_bytes(book)).blocks
    assert isinstance(blocks[0], Paragraph) and blocks[0].bold and blocks[0].heading
    assert [(_texts(b), b.ruled) for b in blocks if isinstance(b, Table)] == [
        ([["a", "b"]], True), ([["suelto", "sin borde"]], False), ([["x", "y", "z"]], True)]
    assert isinstance(blocks[-1], Paragraph) and blocks[-1].text == "Una nota al pie"
    assert {b.page for b in blocks} == {1}


def test_a_sheet_of_instructions_beside_the_form_is_not_read() -> None:
    book = Workbook()
    notes = book.active
    notes.title = "Instrucciones"
    notes["A1"] = "INSTRUCTIVO"
    notes["A3"] = "Llene el formulario con los datos del puesto."
    notes["A4"], notes["B4"] = "1.", "Escriba la denominación."  # an unruled list of steps
    form = book.create_sheet("Formulario")
    form["A1"], form["B1"] = "Cargo", "ABOGADO"
    _box(form, "A1:B1")
    document = read_xlsx(_bytes(book))
    assert document.paginas == 1
    assert [_texts(t) for t in _tables(document)] == [[["Cargo", "ABOGADO"]]]
    assert all(block.page == 2 for block in document.blocks)  # the form is the workbook's second tab


def test_a_workbook_without_bordered_tables_is_read_whole() -> None:
    book = Workbook()
    book.active["A1"] = "Solo texto"
    document = read_xlsx(_bytes(book))
    assert [b.text for b in document.blocks if isinstance(b, Paragraph)] == ["Solo texto"]


def test_a_unit_poa_workbook_is_no_poai_and_the_cli_names_the_option(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    poa = ROOT / "samples" / "poa" / "poa_unidad_2023.xlsx"
    assert UnitPoaGivenError().ajuste == "poa" and "--" not in UnitPoaGivenError().mensaje
    record = extractor.extract(poa)
    assert record["estado"] == "error" and record["error"]["codigo"] == "no_es_poai"
    assert "POA de la unidad" in record["error"]["mensaje"]
    main(["run", str(poa), "-o", str(tmp_path / "c.xlsx"), "--no-cache"])
    err = capsys.readouterr().err
    assert "[no_es_poai]" in err and "--poa" in err


def test_every_unit_poa_of_the_samples_given_as_a_poai_is_no_poai_naming_the_poa() -> None:
    paths = sorted(p for p in (ROOT / "samples" / "poa").rglob("*") if p.suffix in (".xlsx", ".pdf"))
    assert len(paths) >= 9
    for path in paths:
        record = extractor.extract(path)
        assert record["error"]["codigo"] == "no_es_poai", path.name
        assert record["error"]["mensaje"] == UnitPoaGivenError().mensaje, path.name


def test_a_folder_run_reads_workbooks() -> None:
    found = collect_inputs([ROOT / "samples"])
    assert any(path.endswith("poai_a03_excel.xlsx") for path in found)
    assert any(path.endswith("poa_unidad_2023.xlsx") for path in found)


def test_a_damaged_workbook_is_archivo_danado(tmp_path: Path) -> None:
    data = (ROOT / "samples" / "poai" / "poai_a03_excel.xlsx").read_bytes()
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    broken = tmp_path / "roto.xlsx"
    with zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            target.writestr(info, b"<no" if info.filename.endswith("sheet2.xml") else source.read(info))
    record = extractor.extract(broken)
    assert record["estado"] == "error" and record["error"]["codigo"] == "archivo_danado"


def test_every_sample_of_families_a_and_b_filled_in_a_workbook_reads_as_its_record(tmp_path: Path) -> None:
    """Not only the committed sample: a form whose function table has POA-like columns (N°, Resultado
    Esperado, Medio de Verificación) is a POAI, never taken for a unit POA."""
    pytest.importorskip("reportlab")
    import sys

    sys.path.insert(0, str(ROOT / "samples"))
    import excel_poai
    from generate import expected_record, freeze_zip, prepared_specs
    from golden import differences, load

    for spec in prepared_specs():
        if spec["family"] == "C":  # nested activity tables: no workbook rendering
            continue
        path = tmp_path / f"poai_{spec['id']}_excel.xlsx"
        excel_poai.write(excel_poai.excel_spec(spec), path, expected_record, freeze_zip)
        record = extractor.extract(path)
        assert not differences(record, load(path.with_name(path.stem + ".expected.json"))), spec["id"]


def test_a_section_bar_a_column_short_of_the_form_is_a_paragraph_and_a_stray_note_does_not_widen_it() -> None:
    book = Workbook()
    sheet = book.active
    sheet["J1"] = "nota al margen"
    sheet["A2"] = "1. IDENTIFICACIÓN"
    sheet.merge_cells("A2:G2")
    _box(sheet, "A2:G2")
    sheet["A3"], sheet["C3"] = "Cargo", "ABOGADO"
    sheet.merge_cells("C3:H3")
    sheet["A4"], sheet["C4"] = "Dependencia", "ASESORÍA LEGAL"
    sheet.merge_cells("C4:H4")
    _box(sheet, "A3:H4")
    blocks = read_xlsx(_bytes(book)).blocks
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["nota al margen", "1. IDENTIFICACIÓN"]
    assert [_texts(t) for t in _tables(read_xlsx(_bytes(book)))] == [
        [["Cargo", "ABOGADO"], ["Dependencia", "ASESORÍA LEGAL"]]]


def test_a_folder_run_does_not_read_its_own_workbook_nor_the_unit_poa_inside_the_folder(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "carpeta"
    folder.mkdir()
    shutil.copy(ROOT / "samples" / "poai" / "poai_a03_excel.xlsx", folder)
    shutil.copy(ROOT / "samples" / "poa" / "poa_unidad_2023.xlsx", folder / "poa.xlsx")
    out = folder / "consolidado.xlsx"
    for _ in range(2):  # the second run finds the first run's workbook in the folder
        assert main(["run", str(folder), "--poa", str(folder / "poa.xlsx"), "-o", str(out)]) == 0


def test_a_folder_run_never_writes_its_workbook_over_an_excel_poai_of_the_folder(tmp_path: Path) -> None:
    import shutil

    victim = tmp_path / "poai_a03_excel.xlsx"
    shutil.copy(ROOT / "samples" / "poai" / "poai_a03_excel.xlsx", victim)
    before = victim.read_bytes()
    assert main(["run", str(tmp_path), "-o", str(victim)]) == 2
    assert victim.read_bytes() == before
