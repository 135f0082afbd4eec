"""An Excel POAI: one sample's content filled in a workbook, as some entities keep the POAI.

    python samples/excel_poai.py          # writes samples/poai/poai_a03_excel.xlsx and its expected record

The form of sample a03 (family A) laid on a sheet of eight columns: label cells beside merged
value cells, bordered tables, section bars merged across the sheet, X marks in cells, the Item
typed as a number, weights as numbers formatted "0.00", years as numbers, the approval with
date cells; a hidden row holding an old value; and a first sheet of instructions (prose and
an unruled list of steps) that is not part of the form. ``samples/generate.py`` calls it too.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from copy import deepcopy
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from forms import Form, Grid, build_form  # noqa: E402

SAMPLE = "a03"
COLUMNS = 8
_WIDTHS = [16, 12, 12, 14, 12, 12, 14, 12]
_DATES = ("2023-01-16", "2023-01-20")  # the approval dates the workbook prints (the other formats print none)


def excel_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The content the workbook prints: the sample's, weights written as plain numbers, approval dates added."""
    spec = deepcopy(spec)
    spec["hard"] = set(spec["hard"]) - {"weights_fraction", "weights_mixed"}
    spec["aprobacion"]["fecha_elaboracion"], spec["aprobacion"]["fecha_aprobacion"] = _DATES
    return spec


def excel_form(spec: dict[str, Any]) -> Form:
    """The sample's form with its signatures as a table of labels beside values (names and dates)."""
    form = [e for e in build_form(spec) if not (e[0] == "para" and e[1].startswith(("ELABORADO POR", "APROBADO POR")))]
    a = spec["aprobacion"]
    form.append(("table", Grid(rows=[
        ["Elaborado por", a["elaborado_por"]],
        ["Fecha de elaboración", dt.date.fromisoformat(a["fecha_elaboracion"])],
        ["Aprobado por", a["aprobado_por"]],
        ["Fecha de aprobación", dt.date.fromisoformat(a["fecha_aprobacion"])],
    ], widths=[0.4, 0.6], header_rows=0, label_column=True)))
    return form


def _typed(value: Any) -> tuple[Any, str | None]:
    """A cell's value as an office types it: whole numbers as numbers, "10,00" as 10.0 formatted "0.00"."""
    if isinstance(value, str):
        if re.fullmatch(r"\d+", value):
            return int(value), None
        if re.fullmatch(r"\d+,\d\d", value):
            return float(value.replace(",", ".")), "0.00"
    if isinstance(value, dt.date):
        return value, "dd/mm/yyyy"
    if isinstance(value, list):
        return "\n".join(value), None
    return value, None


def _bounds(widths: list[float]) -> list[int]:
    """The first sheet column (0-based) of each grid column, and the end: at least one column each."""
    total = sum(widths)
    bounds = [0]
    for index in range(1, len(widths)):
        at = round(sum(widths[:index]) / total * COLUMNS)
        at = max(at, bounds[-1] + 1)
        at = min(at, COLUMNS - (len(widths) - index))
        bounds.append(at)
    return [*bounds, COLUMNS]


class _Writer:
    def __init__(self, sheet: Any) -> None:
        from openpyxl.styles import Border, Side

        self.sheet = sheet
        self.row = 1
        thin = Side(style="thin")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)

    def bar(self, text: str, *, bold: bool = False, size: float = 10, bordered: bool = False,
            fill: bool = False, italic: bool = False, merge: bool = True) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        cell = self.sheet.cell(self.row, 1, text)
        cell.font = Font(name="Arial", bold=bold, italic=italic, size=size)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if fill:
            cell.fill = PatternFill("solid", fgColor="FFD9D9D9")
        if merge:
            self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=COLUMNS)
            if bordered:
                for column in range(1, COLUMNS + 1):
                    self.sheet.cell(self.row, column).border = self.border
            self.sheet.row_dimensions[self.row].height = 13 * max(1, len(text) // 110 + 1)
        self.row += 1

    def grid(self, grid: Grid) -> None:
        from openpyxl.styles import Alignment, Font

        bounds = _bounds(grid.widths)
        first = self.row
        for r, cells in enumerate(grid.rows):
            for c, value in enumerate(cells):
                if value is None or value == "^":
                    continue
                right = c + 1
                while right < len(cells) and cells[right] is None:
                    right += 1
                down = r + 1
                while down < len(grid.rows) and grid.rows[down][c] == "^":
                    down += 1
                typed, number_format = _typed(value)
                cell = self.sheet.cell(first + r, bounds[c] + 1, typed if typed != "" else None)
                if number_format:
                    cell.number_format = number_format
                header = r < grid.header_rows or (grid.label_column and c == 0)
                cell.font = Font(name="Arial", size=10, bold=header)
                cell.alignment = Alignment(wrap_text=True, vertical="top",
                                           horizontal="center" if header and not grid.label_column else None)
                top, left, bottom, end = first + r, bounds[c] + 1, first + down - 1, bounds[right]
                if (top, left) != (bottom, end):
                    self.sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=end)
                if grid.ruled:
                    for row in range(top, bottom + 1):
                        for column in range(left, end + 1):
                            self.sheet.cell(row, column).border = self.border
        self.row = first + len(grid.rows) + 1  # a blank row after each table


def _instructions(sheet: Any) -> None:
    """A sheet of instructions: a title, prose and an unruled list of numbered steps."""
    writer = _Writer(sheet)
    writer.bar("INSTRUCTIVO DE LLENADO", bold=True, size=12)
    writer.row += 1
    writer.bar("Esta planilla contiene el formulario del Plan Operativo Anual Individual. Llene la hoja «POAI» "
               "con los datos del puesto y no modifique los títulos de las secciones.")
    writer.row += 1
    steps = ["Escriba la denominación del puesto y el número de ítem tal como figuran en la planilla de personal.",
             "Anote las funciones en orden de importancia, con su resultado y su fuente de verificación.",
             "La suma de las ponderaciones debe ser 100.",
             "Marque con una X el grado mínimo de formación y la prioridad de cada conocimiento.",
             "Imprima el formulario y hágalo firmar por el servidor y su inmediato superior."]
    for number, step in enumerate(steps, 1):
        sheet.cell(writer.row, 1, f"{number}.")
        sheet.cell(writer.row, 2, step)
        sheet.merge_cells(start_row=writer.row, start_column=2, end_row=writer.row, end_column=COLUMNS)
        writer.row += 1


def write_excel_poai(spec: dict[str, Any], path: Path) -> None:
    """The workbook of ``spec`` (already :func:`excel_spec`): an instructions sheet, then the form."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.properties.created = book.properties.modified = dt.datetime(2023, 1, 1)
    _instructions(book.active)
    book.active.title = "Instrucciones"
    sheet = book.create_sheet("POAI")
    for index, width in enumerate(_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        book["Instrucciones"].column_dimensions[get_column_letter(index)].width = width
    fill_sheet(sheet, spec)
    book.save(path)
    _fix_modified(path)


def fill_sheet(sheet: Any, spec: dict[str, Any]) -> None:
    """Lay the form of ``spec`` (already :func:`excel_spec`) on ``sheet``, from its first row."""
    writer = _Writer(sheet)
    for element in excel_form(spec):
        kind = element[0]
        if kind == "title":
            writer.bar(element[1], bold=True, size=12)
        elif kind == "heading":
            writer.bar(element[1], bold=True, bordered=element[2] == 1, fill=element[2] == 1,
                       merge=element[2] == 1)
        elif kind == "label":
            writer.bar(element[1], italic=True, merge=False)
        elif kind == "para":
            writer.bar(element[1])
        elif kind == "table":
            if element[1].label_column and writer.row < 12:
                # An old Item kept in a hidden row above the identification: never read.
                sheet.cell(writer.row, 1, "Item anterior")
                sheet.cell(writer.row, 3, 999)
                sheet.row_dimensions[writer.row].hidden = True
                writer.row += 1
            writer.grid(element[1])


def _fix_modified(path: Path) -> None:
    """openpyxl stamps the time of saving in docProps/core.xml: a fixed one keeps the bytes reproducible."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2023-01-01T00:00:00Z", data)
            target.writestr(info, data)


def main() -> int:
    """Write the Excel sample and its expected record into samples/poai/."""
    from generate import expected_record, freeze_zip, prepared_specs

    spec = excel_spec(next(s for s in prepared_specs() if s["id"] == SAMPLE))
    path = HERE / "poai" / f"poai_{SAMPLE}_excel.xlsx"
    write(spec, path, expected_record, freeze_zip)
    print(f"escrito {path}")
    return 0


def write(spec: dict[str, Any], path: Path, expected_record: Any, freeze_zip: Any) -> None:
    """The workbook and its ``.expected.json`` (the record of the content it prints)."""
    import json

    write_excel_poai(spec, path)
    freeze_zip(path)
    record = expected_record(spec, path, "xlsx", None)
    record["paginas"] = 1  # the form's sheet (the instructions sheet is not read)
    for function in record["funciones"]:
        function["pagina"] = 2  # the form is the workbook's second sheet
    path.with_name(path.stem + ".expected.json").write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n",
                                                            encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
