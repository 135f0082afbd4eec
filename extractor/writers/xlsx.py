"""The consolidated Excel workbook, written as records stream in (memory stays flat).

Records arrive in chunks with their rows (built once, :mod:`extractor.writers.rows`); the rows
are appended to write-only sheets (:mod:`extractor.writers.table`). "Resumen", "Por unidad" and
"Diccionario" are written at the end, from what was counted on the way. The file is written to
a temporary name and renamed at the end, so an interrupted run leaves the previous workbook.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font, PatternFill

from extractor.checks.rules import RULE_NAMES
from extractor.model.record import Record
from extractor.writers import dictionary
from extractor.writers.atomic import atomic_path
from extractor.writers.editable import EDITABLE, KEY_COLUMN
from extractor.writers.rows import Column, Rows, sheet_columns
from extractor.writers.sheets import fit_width, setup_print
from extractor.writers.table import Links, Table
from extractor.writers.units import UnitSummary

TITLE = "Consolidado de POAI"
_FILLS = {
    "error": PatternFill("solid", fgColor="F8CBAD"),
    "advertencia": PatternFill("solid", fgColor="FFE699"),
    "info": PatternFill("solid", fgColor="DDEBF7"),
    "parcial": PatternFill("solid", fgColor="FFE699"),
    "sin_poa": PatternFill("solid", fgColor="F8CBAD"),
}
_TOTAL_FILL = PatternFill("solid", fgColor="D9E1F2")
# The cells of a row that carry its highlight (a finding's severity, an unserved operation …).
_HIGHLIGHTED = frozenset({"Severidad", "Estado", "Código", "Mensaje", "Operación", "Atendida", "Regla"})
# The sheets with a row per record's item: each row links to its source file.
RECORD_SHEETS = ("Puestos", "Funciones", "Requisitos", "Relaciones", "Cualidades", "Normas", "Auditoría",
                 "Correcciones", "Errores")
_MAX_PATH_WIDTH = 60.0
_BINS = [(0, 50, "menos de 50 %"), (50, 75, "50 a 74 %"), (75, 90, "75 a 89 %"), (90, 100, "90 a 99 %"),
         (100, 101, "100 %")]


class WorkbookWriter:
    """Streams records into the workbook; call :meth:`close` to write it, :meth:`abort` to drop it."""

    def __init__(self, target: Path, with_coverage: bool = False) -> None:
        self.target = target
        self.book = Workbook(write_only=True)
        self.book.properties.title = TITLE
        self.book.properties.creator = "poai"
        self.summary_sheet = self.book.create_sheet("Resumen")
        self.units_sheet = self.book.create_sheet("Por unidad")
        self.units = UnitSummary(with_coverage)
        self.layout = {name: [*columns, Column(KEY_COLUMN, "key", 10)] if name in EDITABLE else columns
                       for name, columns in sheet_columns(with_coverage).items()}
        self.table_sheets = {name: self.book.create_sheet(name) for name in self.layout}
        self.tables: dict[str, Table] = {}
        self.dictionary_sheet = self.book.create_sheet("Diccionario")
        self.documents = 0
        self.states: Counter[str] = Counter()
        self.with_findings = 0
        self.completeness: list[float] = []
        self.findings: Counter[str] = Counter()

    def _open(self, rows: Rows | None) -> None:
        """Lay the table sheets out, once: a path has no place to wrap, so "Archivo" is made wide
        enough for the paths of the first chunk (within limits)."""
        if self.tables:
            return
        paths = {row.get("Archivo") or "" for sheet_rows in (rows or {}).values() for row in sheet_rows}
        wide = min(_MAX_PATH_WIDTH, max((fit_width(p) for p in paths), default=0.0))
        links = Links(self.target)
        for name, columns in self.layout.items():
            columns = [replace(c, width=max(c.width, wide)) if c.name == "Archivo" else c for c in columns]
            self.tables[name] = Table(self.table_sheets[name], columns, highlight=partial(_row_fill, name),
                                      highlighted=_HIGHLIGHTED, links=links if name in RECORD_SHEETS else None,
                                      editable=frozenset(EDITABLE.get(name, {})))

    def add(self, records: list[Record], rows: Rows) -> None:
        """Append a chunk of records, given with their rows."""
        self._open(rows)
        for record in records:
            self.documents += 1
            self.states[record.estado] += 1
            self.units.add(record)
            if record.readable:
                # As the command's summary counts them: a finding to act on, not an informative note.
                if any(f.severidad in {"error", "advertencia"} for f in record.auditoria):
                    self.with_findings += 1
                if record.completitud is not None:
                    self.completeness.append(record.completitud)
                for finding in record.auditoria:
                    self.findings[finding.regla] += 1
        for name, sheet_rows in rows.items():
            table = self.tables.get(name)
            if table is not None:
                for row in sheet_rows:
                    table.append(row)

    def add_coverage(self, rows: list[dict[str, Any]]) -> None:
        """Fill the "Cobertura POA" sheet."""
        self._open(None)
        table = self.tables.get("Cobertura POA")
        if table is not None:
            for row in rows:
                table.append(row)

    def _write_summary(self) -> None:
        sheet = self.summary_sheet
        sheet.column_dimensions["A"].width = 48
        sheet.column_dimensions["B"].width = 18
        setup_print(sheet, one_page=True, title_rows=None)
        bold = Font(name="Calibri", size=12, bold=True)
        written = 0

        def line(*values: Any, strong: bool = False) -> int:
            nonlocal written
            cells = []
            for value in values:
                cell = WriteOnlyCell(sheet, value)
                if strong:
                    cell.font = bold
                if isinstance(value, dt.datetime):
                    cell.number_format = "DD/MM/YYYY HH:MM"
                elif isinstance(value, float):
                    cell.number_format = "0.0"
                cells.append(cell)
            sheet.append(cells)
            written += 1
            return written

        line(TITLE, strong=True)
        line("Generado", dt.datetime.now().replace(microsecond=0))
        line("Documentos procesados", self.documents)
        line("Leídos", self.documents - self.states["error"])
        line("Leídos con observaciones", self.with_findings)
        line("Leídos parcialmente", self.states["parcial"])
        line("Ilegibles", self.states["error"])
        if self.completeness:
            line("Completitud media (%)", round(sum(self.completeness) / len(self.completeness), 1))
        line()
        first_bin_row = line("Completitud", "Documentos", strong=True)
        for low, high, label in _BINS:
            line(label, sum(1 for c in self.completeness if low <= c < high))
        line()
        line("Observaciones más frecuentes", "Veces", strong=True)
        for rule, count in self.findings.most_common(10):
            line(f"{RULE_NAMES.get(rule, rule)} ({rule})", count)
        line()
        line("Qué contiene cada hoja y cada columna, y qué revisa cada regla: hoja Diccionario.")
        chart = BarChart()
        chart.title = "Distribución de la completitud"
        chart.y_axis.title = "Documentos"
        chart.legend = None
        data = Reference(sheet, min_col=2, min_row=first_bin_row, max_row=first_bin_row + len(_BINS))
        labels = Reference(sheet, min_col=1, min_row=first_bin_row + 1, max_row=first_bin_row + len(_BINS))
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(labels)
        sheet.add_chart(chart, "D2")

    def _write_units(self) -> list[Column]:
        columns = self.units.columns()
        table = Table(self.units_sheet, columns, autofilter=False)
        rows = self.units.rows()
        for row in rows[:-1]:
            table.append(row)
        if rows:
            table.highlight = lambda row: _TOTAL_FILL
            table.highlighted = frozenset(c.name for c in columns)
            table.append(rows[-1], bold=True)
        table.close()
        return columns

    def _write_dictionary(self, units: list[Column]) -> None:
        layout: dict[str, list[Column]] = {"Resumen": [], "Por unidad": units, **self.layout,
                                           "Diccionario": dictionary.COLUMNS}
        table = Table(self.dictionary_sheet, dictionary.COLUMNS)
        names = [c.name for c in dictionary.COLUMNS]
        column_rows = dictionary.column_rows(layout)
        for values in column_rows:
            table.append(dict(zip(names, values)), bold=values[1] is None)
        table.append({})
        table.header(dictionary.RULES_HEADER)
        for values in dictionary.rule_rows(set(self.findings)):
            table.append(dict(zip(names, values)))
        table.close(filter_rows=len(column_rows))

    def close(self) -> None:
        """Write the workbook (atomically: a temporary file renamed over the target)."""
        self._open(None)
        self._write_summary()
        self._write_dictionary(self._write_units())
        for table in self.tables.values():
            table.close()
        with atomic_path(self.target) as temporary:
            self.book.save(temporary)

    def abort(self) -> None:
        """Drop the sheets streamed so far (an interrupted run); the target is left untouched."""
        for sheet in self.book.worksheets:
            # Whatever one sheet meets (a save that failed half-way on a full disk), every
            # other is still dropped, and no half-written XML stream is left to the collector.
            if not getattr(sheet, "closed", False):
                with contextlib.suppress(Exception):
                    sheet.close()  # finishes the sheet's temporary XML stream
            writer = getattr(sheet, "_writer", None)
            for stream in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
                if stream is not None:
                    with contextlib.suppress(Exception):
                        stream.close()
            if writer is not None:
                with contextlib.suppress(Exception):
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
