"""The consolidated Excel workbook, written as records stream in (memory stays flat).

Built on :func:`extractor.writers.rows.to_frames`: records arrive in chunks, each chunk becomes
DataFrames, their rows are appended to write-only sheets. The file is written to a
temporary name and renamed at the end, so an interrupted run leaves the previous workbook.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from extractor.checks.rules import RULE_NAMES
from extractor.model.record import Record
from extractor.writers.atomic import atomic_path
from extractor.writers.cellsafe import xml_safe
from extractor.writers.rows import Column, Rows, sheet_columns

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="305496")
_WRAP = Alignment(wrap_text=True, vertical="top")
_FILLS = {
    "error": PatternFill("solid", fgColor="F8CBAD"),
    "advertencia": PatternFill("solid", fgColor="FFE699"),
    "info": PatternFill("solid", fgColor="DDEBF7"),
    "parcial": PatternFill("solid", fgColor="FFE699"),
    "sin_poa": PatternFill("solid", fgColor="F8CBAD"),
}
# The cells of a row that carry its highlight (a finding's severity, an unserved operation …).
_HIGHLIGHTED = {"Severidad", "Estado", "Código", "Mensaje", "Operación", "Atendida", "Regla"}
_BINS = [(0, 50, "menos de 50 %"), (50, 75, "50 a 74 %"), (75, 90, "75 a 89 %"), (90, 100, "90 a 99 %"),
         (100, 101, "100 %")]


class WorkbookWriter:
    """Streams records into the workbook; call :meth:`close` to write it, :meth:`abort` to drop it."""

    def __init__(self, target: Path, with_coverage: bool = False) -> None:
        self.target = target
        self.book = Workbook(write_only=True)
        self.summary_sheet = self.book.create_sheet("Resumen")
        self.sheets: dict[str, Any] = {}
        self.styles: dict[str, _Styles] = {}
        self.rows: Counter[str] = Counter()
        self.layout = sheet_columns(with_coverage)
        for name, columns in self.layout.items():
            sheet = self.book.create_sheet(name)
            for index, column in enumerate(columns, 1):
                sheet.column_dimensions[get_column_letter(index)].width = column.width
            sheet.freeze_panes = "A2"
            sheet.append([self._header(sheet, c.name) for c in columns])
            self.sheets[name] = sheet
            self.styles[name] = _Styles(sheet)
        self.documents = 0
        self.states: Counter[str] = Counter()
        self.with_findings = 0
        self.completeness: list[float] = []
        self.findings: Counter[str] = Counter()

    @staticmethod
    def _header(sheet: Any, text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, text)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        return cell

    def add(self, records: list[Record], rows: Rows) -> None:
        """Append a chunk of records, given with their rows."""
        for record in records:
            self.documents += 1
            self.states[record.estado] += 1
            if record.readable:
                # As the command's summary counts them: a finding to act on, not an informative note.
                if any(f.severidad in {"error", "advertencia"} for f in record.auditoria):
                    self.with_findings += 1
                if record.completitud is not None:
                    self.completeness.append(record.completitud)
                for finding in record.auditoria:
                    self.findings[finding.regla] += 1
        for name, sheet_rows in rows.items():
            if name in self.sheets:
                self._append(name, sheet_rows)

    def add_coverage(self, rows: list[dict[str, Any]]) -> None:
        """Fill the "Cobertura POA" sheet."""
        if "Cobertura POA" in self.sheets:
            self._append("Cobertura POA", rows)

    def _append(self, name: str, rows: list[dict[str, Any]]) -> None:
        sheet = self.sheets[name]
        styles = self.styles[name]
        columns = self.layout[name]
        for row in rows:
            fill = _row_fill(name, row)
            sheet.append([_cell(sheet, styles, column, row.get(column.name),
                                fill if column.name in _HIGHLIGHTED else None) for column in columns])
            self.rows[name] += 1

    def _write_summary(self) -> None:
        sheet = self.summary_sheet
        sheet.column_dimensions["A"].width = 55
        sheet.column_dimensions["B"].width = 18
        sheet.column_dimensions["C"].width = 60
        bold = Font(bold=True)

        def line(*values: Any, strong: bool = False) -> None:
            cells = []
            for value in values:
                cell = WriteOnlyCell(sheet, value)
                if strong:
                    cell.font = bold
                if isinstance(value, dt.datetime):
                    cell.number_format = "DD/MM/YYYY HH:MM"
                cells.append(cell)
            sheet.append(cells)

        line("Consolidado de POAI", strong=True)
        line("Generado", dt.datetime.now().replace(microsecond=0))
        line("Documentos procesados", self.documents)
        line("Leídos", self.documents - self.states["error"])
        line("Leídos con observaciones", self.with_findings)
        line("Leídos parcialmente", self.states["parcial"])
        line("Ilegibles", self.states["error"])
        if self.completeness:
            line("Completitud media (%)", round(sum(self.completeness) / len(self.completeness), 1))
        line()
        first_bin_row = 11
        line("Completitud", "Documentos", strong=True)
        for low, high, label in _BINS:
            line(label, sum(1 for c in self.completeness if low <= c < high))
        line()
        line("Observaciones más frecuentes", "Veces", strong=True)
        for rule, count in self.findings.most_common(10):
            line(f"{RULE_NAMES.get(rule, rule)} ({rule})", count)
        chart = BarChart()
        chart.title = "Distribución de la completitud"
        chart.y_axis.title = "Documentos"
        chart.legend = None
        data = Reference(sheet, min_col=2, min_row=first_bin_row, max_row=first_bin_row + len(_BINS))
        labels = Reference(sheet, min_col=1, min_row=first_bin_row + 1, max_row=first_bin_row + len(_BINS))
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(labels)
        sheet.add_chart(chart, "E2")

    def close(self) -> None:
        """Write the workbook (atomically: a temporary file renamed over the target)."""
        self._write_summary()
        for name, sheet in self.sheets.items():
            last = get_column_letter(len(self.layout[name]))
            sheet.auto_filter.ref = f"A1:{last}{self.rows[name] + 1}"
        with atomic_path(self.target) as temporary:
            self.book.save(temporary)


    def abort(self) -> None:
        """Drop the sheets streamed so far (an interrupted run); the target is left untouched."""
        for sheet in [self.summary_sheet, *self.sheets.values()]:
            sheet.close()  # finishes the sheet's temporary XML stream
            writer = getattr(sheet, "_writer", None)
            if writer is not None:
                writer.cleanup()  # and removes it


def _row_fill(sheet: str, row: dict[str, Any]) -> PatternFill | None:
    if sheet == "Auditoría":
        return _FILLS.get(row.get("Severidad") or "")
    if sheet == "Puestos" and row.get("Estado") == "parcial":
        return _FILLS["parcial"]
    if sheet == "Errores":
        return _FILLS["error"]
    if sheet == "Cobertura POA" and not row.get("Atendida"):
        return _FILLS["sin_poa"]
    return None


class _Styles:
    """Style templates per (kind, fill): copying a finished style is much cheaper than setting one."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.cache: dict[tuple[str, str | None], Any] = {}

    def apply(self, cell: WriteOnlyCell, kind: str, fill: PatternFill | None) -> None:
        """Give ``cell`` the style of its column kind and highlight."""
        key = (kind, fill.fgColor.rgb if fill is not None else None)
        style = self.cache.get(key)
        if style is None:
            template = WriteOnlyCell(self.sheet, None)
            if kind == "long":
                template.alignment = _WRAP
            elif kind == "float":
                template.number_format = "0.00"
            elif kind == "date":
                template.number_format = "DD/MM/YYYY"
            if fill is not None:
                template.fill = fill
            style = self.cache[key] = template._style
        cell._style = copy(style)


def _value(column: Column, value: Any) -> Any:
    """The value as the cell should store it (text stays text, numbers and dates typed)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if column.kind in {"text", "long"}:
        return xml_safe(str(value))
    if column.kind == "int":
        return int(value)
    if column.kind == "float":
        return float(value)
    if column.kind == "bool":
        return "Sí" if value else "No"
    return value


_STYLED_KINDS = {"long", "float", "date"}


def _cell(sheet: Any, styles: _Styles, column: Column, value: Any, fill: PatternFill | None) -> Any:
    """What to append for one value: the plain value when it needs no style (openpyxl writes
    those much faster), else a styled cell."""
    stored = _value(column, value)
    if stored is None:
        return None
    text = isinstance(stored, str)
    if fill is None and column.kind not in _STYLED_KINDS and not (text and stored.startswith("=")):
        return stored  # openpyxl only reads a leading "=" as a formula
    cell = WriteOnlyCell(sheet, stored)
    if text:
        cell.data_type = "s"  # document text is never a formula, whatever it starts with
    styles.apply(cell, column.kind, fill)
    return cell
