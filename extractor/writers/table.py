"""One table sheet of the workbook, streamed row by row: typed cells, wrapped text in rows tall
enough to show it, highlights, a link from each row to its source file, print settings.

Speed matters (tens of thousands of rows): a cell that needs no style is appended as a plain
value, which openpyxl writes much faster; styled cells copy a finished style template.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.dimensions import RowDimension

from extractor.writers.cellsafe import xml_safe
from extractor.writers.editable import KEY_COLUMN, key
from extractor.writers.rows import Column
from extractor.writers.sheets import (
    fit_width,
    ignore_number_as_text,
    row_height,
    setup_print,
    text_columns_writer,
    text_lines,
)

# Fonts name Calibri, the workbook's font: a font without a name is drawn in another one.
HEADER_FONT = Font(name="Calibri", size=11, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="305496")
_LINK_FONT = Font(name="Calibri", size=11, color="0563C1", underline="single")
_BOLD = Font(name="Calibri", size=11, bold=True)
# A value a person corrected (Correcciones sheet).
CORRECTED_FILL = PatternFill("solid", fgColor="C6EFCE")
_TEXT_KINDS = {"text", "long", "code", "key"}
_STYLED_KINDS = {"float", "date", "code"}  # kinds whose number format needs a style on every cell
# Characters a relative link must not hold as they are (a space, "#" would start a location …).
_ESCAPES = {ch: f"%{ord(ch):02X}" for ch in ' %#?"<>\\^`{|}[]'}

_MAX_TEXT = 32767  # the most characters an Excel cell holds
_DATA_TYPES = {str: "s", int: "n", float: "n", dt.date: "d", dt.datetime: "d"}

Highlight = Callable[[dict[str, Any]], PatternFill | None]


class Links:
    """The link target of each source file: its path relative to the workbook's folder where
    there is one (the folder can be moved or shared as a whole), else a file:// URI."""

    def __init__(self, workbook: Path) -> None:
        self.base = workbook.resolve().parent
        self.targets: dict[str, str] = {}

    def __call__(self, archivo: str) -> str:
        """The target of ``archivo`` (a path as given on the command line)."""
        target = self.targets.get(archivo)
        if target is None:
            path = Path(os.path.realpath(archivo))  # never raises, even for a link in a loop
            try:
                relative = Path(os.path.relpath(path, self.base)).as_posix()
                target = "".join(_ESCAPES.get(ch, ch) for ch in relative)
            except ValueError:  # another drive (Windows): no relative path
                target = path.as_uri()
            self.targets[archivo] = target
        return target


class Table:
    """A write-only sheet laid out by ``columns``; :meth:`append` rows (dicts by column name),
    then :meth:`close` before the workbook is saved."""

    def __init__(self, sheet: Any, columns: list[Column], *, highlight: Highlight | None = None,
                 highlighted: frozenset[str] = frozenset(), links: Links | None = None,
                 autofilter: bool = True, editable: frozenset[str] = frozenset()) -> None:
        # A heading's longest word is never cut: its column is made wide enough for it.
        columns = [replace(c, width=max(c.width, *(fit_width(w, bold=True) for w in c.name.split())))
                   for c in columns]
        self.sheet, self.columns = sheet, columns
        self.highlight, self.highlighted, self.autofilter = highlight, highlighted, autofilter
        names = [c.name for c in columns]
        self.link_column = names.index("Archivo") if links is not None and "Archivo" in names else None
        self.link_letter = get_column_letter((self.link_column or 0) + 1)
        self.links = links
        # The hidden key ties a row to its record and digests its editable cells (writers/editable.py).
        self.key_index = names.index(KEY_COLUMN) if KEY_COLUMN in names else None
        self.keyed = [i for i, c in enumerate(columns) if c.name in editable]
        for index, column in enumerate(columns, 1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
            if column.kind == "key":
                sheet.column_dimensions[get_column_letter(index)].hidden = True
        sheet.freeze_panes = "A2"
        setup_print(sheet)
        self.writer = text_columns_writer(sheet)  # after widths, panes and fit to page: it writes them
        self.styles = _Styles(sheet)
        self.cells = [WriteOnlyCell(sheet) for _ in columns]
        self.heights: dict[int, RowDimension] = {}
        self.rows = 0
        self.header(names)

    def header(self, names: list[str]) -> None:
        """A header row (the first, or one heading a second block of the sheet)."""
        lines = max((text_lines(n, c.width, bold=True) for n, c in zip(names, self.columns)), default=1)
        self._tall(lines)
        cells = []
        for name in names:
            cell = WriteOnlyCell(self.sheet, name)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cells.append(cell)
        self._write(cells, lines)

    def append(self, row: dict[str, Any], bold: bool = False) -> None:
        """Append one row."""
        fill = self.highlight(row) if self.highlight is not None else None
        values = [_value(column, row.get(column.name)) for column in self.columns]
        if self.key_index is not None and "_registro" in row:
            values[self.key_index] = key(row["_registro"], row.get("_item", ""), [values[i] for i in self.keyed])
        corrected = row.get("_corregidas") or ()
        lines = [1 if c.kind == "key" else text_lines(v, c.width) if type(v) is str else 1
                 for v, c in zip(values, self.columns)]
        tall = max(lines, default=1)
        self._tall(tall)
        top = tall > 1  # in a tall row every value sits at the top, beside the wrapped text
        cells: list[Any] = []
        for index, column in enumerate(self.columns):
            value = values[index]
            if value is None:
                cells.append(None)
                continue
            wrap, link = lines[index] > 1, index == self.link_column
            shade = (CORRECTED_FILL if column.name in corrected
                     else fill if fill is not None and column.name in self.highlighted else None)
            text = type(value) is str
            if not (top or wrap or link or bold or shade is not None or column.kind in _STYLED_KINDS
                    or (text and value.startswith("="))):  # openpyxl would read a leading "=" as a formula
                cells.append(value)  # a plain value: openpyxl's fast path
                continue
            if link and self.links is not None:
                self.writer.links.append((f"{self.link_letter}{self.rows + 1}", self.links(value)))
            # The row is written before the next one is built: each column reuses one cell.
            cell = self.cells[index]
            data_type = _DATA_TYPES.get(type(value))
            if data_type is None:
                cell.value = value  # another type: openpyxl decides how to store it
            else:
                cell._value = value[:_MAX_TEXT] if text else value
                cell.data_type = data_type  # text is "s": never a formula, whatever it starts with
            cell._style = self.styles.get(column.kind, shade, wrap, top, link, bold)
            cells.append(cell)
        self._write(cells, tall)

    def _tall(self, lines: int) -> None:
        """Give the next row the height of ``lines`` lines: set just before the row is written,
        dropped just after (memory stays flat); one dimension object per height, shared."""
        if lines > 1:
            height = self.heights.get(lines)
            if height is None:
                height = self.heights[lines] = RowDimension(self.sheet, ht=row_height(lines))
            self.sheet.row_dimensions[self.rows + 1] = height

    def _write(self, cells: list[Any], lines: int) -> None:
        self.sheet.append(cells)
        self.rows += 1
        if lines > 1:
            del self.sheet.row_dimensions[self.rows]

    def close(self, filter_rows: int | None = None) -> None:
        """Finish the layout: filter buttons on the header (over ``filter_rows`` data rows, by
        default all), and the code columns marked as text on purpose."""
        last = get_column_letter(len(self.columns))
        if self.autofilter:
            self.sheet.auto_filter.ref = f"A1:{last}{(self.rows if filter_rows is None else filter_rows + 1)}"
        codes = [index for index, column in enumerate(self.columns, 1) if column.kind == "code"]
        ignore_number_as_text(self.writer, codes, self.rows)


class _Styles:
    """Style templates per look (kind, highlight, wrap, top, link, bold): a finished style is
    shared by every cell that looks the same, instead of being set on each."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.cache: dict[tuple[Any, ...], Any] = {}

    def get(self, kind: str, fill: PatternFill | None, wrap: bool, top: bool, link: bool, bold: bool) -> Any:
        """The style (openpyxl's style array) of a cell that looks so."""
        key = (kind, id(fill), wrap, top, link, bold)
        style = self.cache.get(key)
        if style is None:
            template = WriteOnlyCell(self.sheet, None)
            if wrap or top:
                template.alignment = Alignment(wrap_text=wrap or None, vertical="top")
            if kind == "float":
                template.number_format = "0.00"
            elif kind == "date":
                template.number_format = "DD/MM/YYYY"
            elif kind == "code":
                template.number_format = "@"  # text: Excel keeps "0123" as typed
            if fill is not None:
                template.fill = fill
            if link:
                template.font = _LINK_FONT
            elif bold:
                template.font = _BOLD
            style = self.cache[key] = template._style
        return style


def _value(column: Column, value: Any) -> Any:
    """The value as the cell should store it (text stays text, numbers and dates typed)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if column.kind in _TEXT_KINDS:
        return xml_safe(str(value))
    if column.kind == "int":
        return int(value)
    if column.kind == "float":
        return float(value)
    if column.kind == "bool":
        return "Sí" if value else "No"
    return value
