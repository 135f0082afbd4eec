"""The consolidated workbook read back as an office opens and prints it: page settings, wrapped
cells and row heights, the "Por unidad" and "Diccionario" sheets, links to the source files,
the item as text without Excel's warning, the workbook's title and author."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from extractor.checks.rules import RULES
from extractor.model.record import Finding, Record
from extractor.writers.rows import collect_rows
from extractor.writers.sheets import LINE_HEIGHT, text_lines
from extractor.writers.xlsx import RECORD_SHEETS, WorkbookWriter

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "poai"


def _records() -> list[Record]:
    """The samples' expected records (what poai reads from them), under their real paths."""
    records = []
    for path in sorted(SAMPLES.glob("*.expected.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["archivo"] = str(ROOT / data["archivo"])
        records.append(Record.from_dict(data))
    return records


def _write(target: Path, records: list[Record], with_poa: bool = False) -> None:
    book = WorkbookWriter(target, with_coverage=with_poa)
    for start in range(0, len(records), 20):
        chunk = records[start:start + 20]
        book.add(chunk, collect_rows(chunk))
    if with_poa:
        book.add_coverage([{"Código": "0101", "Acción de corto plazo": "Acción", "Operación": "Operación",
                            "N° funciones": 0, "N° POAI": 0, "Puestos": None, "Atendida": False}])
    book.close()


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("libro") / "consolidado.xlsx"
    records = _records()
    # With a unit POA: two specific functions of the first record serve no operation.
    records[0].auditoria += [Finding("funcion_sin_poa", "advertencia", f"funciones[{i}]", "sin operación")
                             for i in range(2)]
    _write(target, records, with_poa=True)
    return target


def test_title_author_and_sheets(workbook: Path) -> None:
    book = load_workbook(workbook)
    assert book.properties.title == "Consolidado de POAI"
    assert book.properties.creator == "poai"
    assert book.sheetnames == ["Resumen", "Por unidad", "Puestos", "Funciones", "Requisitos", "Relaciones",
                               "Cualidades", "Normas", "Auditoría", "Correcciones", "Errores", "Cobertura POA",
                               "Diccionario"]


def test_every_table_prints_landscape_one_page_wide_with_its_header_repeated(workbook: Path) -> None:
    book = load_workbook(workbook)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert setup.fitToWidth == 1, sheet.title
        if sheet.title == "Resumen":
            assert setup.fitToHeight == 1  # labels and values, chart and all, on one page
            assert sheet.print_title_rows is None
        else:
            assert setup.fitToHeight == 0, sheet.title  # as many pages tall as it takes
            assert sheet.print_title_rows == "$1:$1", sheet.title
        assert "&P" in sheet.oddFooter.right.text


def test_text_that_does_not_fit_wraps_in_a_row_tall_enough(workbook: Path) -> None:
    book = load_workbook(workbook)
    checked = 0
    for name in ["Puestos", "Funciones", "Requisitos", "Auditoría", "Por unidad", "Diccionario"]:
        sheet = book[name]
        widths = {letter: dim.width for letter, dim in sheet.column_dimensions.items()}
        hidden = {letter for letter, dim in sheet.column_dimensions.items() if dim.hidden}  # poai's row keys
        for row in sheet.iter_rows():
            height = sheet.row_dimensions[row[0].row].height
            for cell in row:
                if not isinstance(cell.value, str) or cell.column_letter in hidden:
                    continue
                width = widths[cell.column_letter]
                assert width <= 75, (name, cell.coordinate)  # widths stay sensible
                # Longer than 1.25 characters per unit of width: certainly more than one line.
                if len(cell.value) > 1.25 * width:
                    checked += 1
                    assert cell.alignment.wrap_text, (name, cell.coordinate, cell.value)
                    lines = max(2, int(len(cell.value) / (1.25 * width)))
                    assert height is not None and height >= lines * LINE_HEIGHT, (name, cell.coordinate)
            if height is not None and height > LINE_HEIGHT:  # a tall row: every value at its top
                assert all(c.alignment.vertical == "top" for c in row if c.value is not None), (name, row[0].row)
    assert checked > 200
    # The long values of the issue: the unit and the superior, in every row of Puestos.
    puestos = book["Puestos"]
    header = [c.value for c in puestos[1]]
    for column in ("Dependencia", "Inmediato superior", "Denominación del puesto"):
        index = header.index(column)
        for row in puestos.iter_rows(min_row=2):
            cell = row[index]
            if cell.value and len(cell.value) * 0.87 > puestos.column_dimensions[cell.column_letter].width:
                assert cell.alignment.wrap_text and puestos.row_dimensions[cell.row].height >= 2 * LINE_HEIGHT


def test_headers_show_whole_words_and_wrap_in_a_tall_enough_row(workbook: Path) -> None:
    book = load_workbook(workbook)
    for sheet in book.worksheets[1:]:
        header = list(sheet[1])
        lines = 1
        for cell in header:
            width = sheet.column_dimensions[cell.column_letter].width
            longest = max(cell.value.split(), key=len)
            assert width >= 0.9 * len(longest), (sheet.title, cell.value)  # a bold small letter: 0.92
            lines = max(lines, text_lines(cell.value, width, bold=True))
            assert cell.alignment.wrap_text and cell.font.bold
        if lines > 1:
            assert sheet.row_dimensions[1].height >= lines * LINE_HEIGHT, sheet.title


def test_every_record_row_links_to_its_source_file(workbook: Path) -> None:
    book = load_workbook(workbook)
    linked = 0
    for name in RECORD_SHEETS:
        sheet = book[name]
        header = [c.value for c in sheet[1]]
        index = header.index("Archivo")
        for row in sheet.iter_rows(min_row=2):
            cell = row[index]
            assert cell.hyperlink is not None, (name, cell.coordinate)
            target = cell.hyperlink.target
            assert not os.path.isabs(target)  # relative to the workbook: the folder can move
            source = (workbook.parent / target.replace("%20", " ")).resolve()
            assert source == Path(cell.value).resolve() and source.is_file(), (name, target)
            assert cell.font.underline == "single"
            linked += 1
    assert linked > 1000


def _sheet_xml(path: Path, title: str) -> str:
    """The XML of the sheet named ``title`` (openpyxl does not read ``<ignoredErrors>`` back)."""
    with zipfile.ZipFile(path) as archive:
        sheets = dict(re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"',
                                 archive.read("xl/workbook.xml").decode()))
        targets = {}
        for rel in re.findall(r"<Relationship [^>]*/>", archive.read("xl/_rels/workbook.xml.rels").decode()):
            ident, target = re.search(r'Id="([^"]+)"', rel), re.search(r'Target="([^"]+)"', rel)
            assert ident and target
            targets[ident.group(1)] = target.group(1)
        return archive.read("xl/" + targets[sheets[title]].removeprefix("/xl/")).decode()


def test_item_is_text_and_excel_does_not_flag_it(workbook: Path) -> None:
    book = load_workbook(workbook)
    for name in ["Puestos", "Funciones", "Auditoría"]:
        sheet = book[name]
        header = [c.value for c in sheet[1]]
        column = header.index("Ítem") + 1
        items = [sheet.cell(row, column) for row in range(2, sheet.max_row + 1)]
        assert any(c.value and c.value.isdigit() for c in items)
        for cell in items:
            if cell.value is not None:
                assert cell.data_type == "s" and cell.number_format == "@", (name, cell.coordinate)
        xml = _sheet_xml(workbook, name)
        letter = items[0].column_letter
        ignored = re.search(r'<ignoredErrors><ignoredError sqref="([^"]+)" numberStoredAsText="1"/></ignoredErrors>',
                            xml)
        assert ignored, name
        assert f"{letter}2:{letter}{sheet.max_row}" in ignored.group(1).split()
        # Where the schema puts it: after the page setup and footer, before any drawing.
        assert xml.index("<headerFooter") < xml.index("<ignoredErrors")
    coverage = book["Cobertura POA"]
    assert coverage["A2"].value == "0101" and coverage["A2"].number_format == "@"


def test_por_unidad_counts_posts_completeness_and_findings_by_unit(workbook: Path) -> None:
    records = _records()
    sheet = load_workbook(workbook)["Por unidad"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in row])) for row in sheet.iter_rows(min_row=2)]
    total = rows[-1]
    assert total["Dependencia"] == "Total" and sheet.cell(sheet.max_row, 1).font.bold
    assert total["Puestos"] == len(records) == sum(r["Puestos"] for r in rows[:-1])
    assert total["N° funciones"] == sum(len(r.funciones) for r in records)
    # "DIRECCIÓN …" and "DIRECCION …" are one unit.
    units = {r["Dependencia"].replace("Ó", "O") for r in rows[:-1]}
    assert len(units) == len(rows) - 1
    mean = sum(r.completitud or 0 for r in records) / len(records)
    assert total["Completitud media (%)"] == pytest.approx(mean, abs=0.05)
    # A column per rule with findings, named and coded; funcion_sin_poa in its own column.
    assert total["Funciones sin operación del POA (funcion_sin_poa)"] == 2
    present = {f.regla for r in records for f in r.auditoria}
    for code in present:
        column = next(h for h in header if h.endswith(f"({code})"))
        assert total[column] == sum(1 for r in records for f in r.auditoria if f.regla == code)
    assert not any(h.endswith("(funcion_sin_poa)") and h.startswith("Función sin") for h in header)
    assert total["N° observaciones"] == sum(len(r.auditoria) for r in records) + 2


def test_diccionario_describes_every_column_and_every_rule_in_spanish(workbook: Path) -> None:
    book = load_workbook(workbook)
    sheet = book["Diccionario"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Hoja", "Columna", "Tipo de dato", "Descripción"]
    described = {(r[0], r[1]): r[3] for r in values[1:] if r[1] is not None}
    for other in book.worksheets:
        if other.title == "Resumen":
            continue
        assert other.title in {r[0] for r in values}, other.title
        for cell in other[1]:
            if other.title == "Diccionario" and cell.column > 4:
                continue
            assert described.get((other.title, cell.value)), (other.title, cell.value)
    rules_at = next(i for i, r in enumerate(values) if r[0] == "Regla")
    assert values[rules_at] == ["Regla", "Nombre", "Severidad por defecto", "Qué revisa"]
    rules = {r[0]: r for r in values[rules_at + 1:]}
    assert sheet.column_dimensions["A"].width >= 0.9 * max(len(code) for code in rules)  # codes shown whole
    for code in [*RULES, "documento_repetido"]:
        assert code in rules, code
        _code, name, severity, meaning = rules[code]
        assert name and name != code and severity in {"error", "advertencia", "info"} and len(meaning) > 20


def test_formula_like_text_stays_text_and_rows_leave_no_dimensions(tmp_path: Path) -> None:
    records = _records()[:3]
    records[0].puesto.denominacion = "=HYPERLINK(\"http://x\")"
    records[0].objetivo = "+" + "palabra " * 80
    target = tmp_path / "libro.xlsx"
    book = WorkbookWriter(target)
    book.add(records, collect_rows(records))
    # Row heights are set only while their row is written: memory stays flat.
    assert all(len(t.sheet.row_dimensions) == 0 for t in book.tables.values())
    book.close()
    loaded = load_workbook(target)
    for sheet in loaded.worksheets:
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row), sheet.title
    puestos = loaded["Puestos"]
    header = [c.value for c in puestos[1]]
    assert puestos.cell(2, header.index("Denominación del puesto") + 1).value.startswith("=HYPERLINK")


def test_resumen_points_to_the_dictionary_and_counts_the_bins(workbook: Path) -> None:
    sheet = load_workbook(workbook)["Resumen"]
    cells: dict[Any, Any] = {row[0].value: row[1].value if len(row) > 1 else None for row in sheet.iter_rows()}
    assert cells["Documentos procesados"] == len(_records())
    bins = ["menos de 50 %", "50 a 74 %", "75 a 89 %", "90 a 99 %", "100 %"]
    assert sum(cells[b] for b in bins) == len(_records())
    assert any(isinstance(k, str) and "Diccionario" in k for k in cells)


@given(st.text(alphabet=st.sampled_from("abcdeFGHIJ ñÓ\n"), max_size=300),
       st.floats(min_value=4, max_value=90), st.floats(min_value=0, max_value=40))
def test_text_lines_grow_as_the_column_narrows(text: str, width: float, wider: float) -> None:
    lines = text_lines(text, width)
    assert lines >= 1 and lines >= text.count("\n") + 1
    assert text_lines(text, width + wider) <= lines
    assert text_lines(text + " " + text, width) >= lines


def test_text_lines_match_what_libreoffice_draws() -> None:
    # Measured in the PDF LibreOffice prints (Carlito, Calibri's metrics): 2 lines at width 32.
    assert text_lines("DIRECCIÓN GENERAL DE SISTEMAS DE INFORMACIÓN TERRITORIAL", 32) == 2
    assert text_lines("ROSA ELENA QUISPE MAMANI", 30) == 1
    objective = ("Contribuir al cumplimiento de los objetivos de la Dirección General De Sistemas De "
                 "Información Territorial mediante la gestión técnica de las tareas propias del puesto de "
                 "profesional en sistemas de información geográfica, con calidad, oportunidad y en el marco "
                 "de la normativa vigente.")
    assert text_lines(objective, 50) in (5, 6)  # drawn in 5; the estimate may take one more, never fewer


def test_workbook_benchmark_runs_on_a_few_records(tmp_path: Path) -> None:
    records = tmp_path / "r.jsonl"
    records.write_text("\n".join(json.dumps(r.to_dict()) for r in _records()[:5]), encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "workbook.py"), str(records), "--n", "8",
                             "--repeats", "1"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "8 documentos: libro" in result.stdout and "CSV para Excel en español" in result.stdout


def test_abort_after_rows_leaves_nothing(tmp_path: Path) -> None:
    records = _records()[:4]
    target = tmp_path / "libro.xlsx"
    book = WorkbookWriter(target)
    book.add(records, collect_rows(records))
    streams = [t.writer.out for t in book.tables.values()]
    assert all(Path(s).exists() for s in streams)
    book.abort()
    assert not target.exists() and not any(Path(s).exists() for s in streams)
    assert list(tmp_path.iterdir()) == []
