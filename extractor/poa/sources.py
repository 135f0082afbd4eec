"""The sources of a unit POA as grids of cells: each sheet of a workbook, a CSV, a PDF's tables.

A cell keeps its text as printed (a code stays text; a number keeps the decimals its format
shows), its indentation and its fill colour (a level drawn on its own row is often told by
them). Merged cells spread their value over the cells they cover.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import PoaError
from extractor.textnorm import clean_ws


@dataclass
class Cell:
    """One cell: its text, indentation (levels of indent or leading spaces) and fill colour."""

    text: str = ""
    indent: int = 0
    fill: str | None = None
    merged: bool = False  # filled from a merged cell above or at the left


@dataclass
class Grid:
    """A sheet (or a CSV, or a PDF's table): rows of cells and where each row was read."""

    name: str
    rows: list[list[Cell]]
    places: list[str] = field(default_factory=list)  # "fila 7", "página 2"

    def place(self, index: int) -> str:
        """Where row ``index`` is, for a person."""
        return self.places[index] if index < len(self.places) else f"fila {index + 1}"

    def texts(self, index: int) -> list[str]:
        """The texts of a row."""
        return [c.text for c in self.rows[index]]


def _number_text(value: float | int, number_format: str) -> str:
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and "." not in number_format):
        return str(int(value))
    decimals = re.search(r"\.(0+)", number_format or "")
    if decimals:
        return f"{value:.{len(decimals.group(1))}f}"
    return repr(value)


def _cell(cell: Any) -> Cell:
    value = cell.value
    if value is None:
        return Cell()
    if isinstance(value, bool):
        text = "X" if value else ""
    elif isinstance(value, int | float):
        text = _number_text(value, cell.number_format or "")
    else:
        raw = str(value)
        spaces = len(raw) - len(raw.lstrip(" \u00a0"))
        text = clean_ws(raw)
        indent = int(getattr(cell.alignment, "indent", 0) or 0) + spaces // 2
        return Cell(text, indent, _fill(cell))
    return Cell(text, int(getattr(cell.alignment, "indent", 0) or 0), _fill(cell))


def _fill(cell: Any) -> str | None:
    fill = getattr(cell, "fill", None)
    if fill is None or getattr(fill, "fill_type", None) != "solid":
        return None
    colour = getattr(fill.fgColor, "rgb", None)
    return colour if isinstance(colour, str) and colour not in ("00000000", "FFFFFFFF") else None


def xlsx_grids(data: bytes, path: Path) -> tuple[list[Grid], list[str]]:
    """Every sheet of a workbook as a grid, and the workbook's sheet names."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a bad file
        raise PoaError(f"El POA {path} no es una planilla Excel legible ({type(exc).__name__}).") from exc
    return book_grids(book)


def book_grids(book: Any) -> tuple[list[Grid], list[str]]:
    """Every sheet of an open openpyxl workbook as a grid, and the workbook's sheet names."""
    grids = []
    for sheet in book.worksheets:
        rows = [[_cell(c) for c in row] for row in sheet.iter_rows()]
        for merged in sheet.merged_cells.ranges:
            top = merged.min_row - 1
            if top >= len(rows) or merged.min_col - 1 >= len(rows[top]):
                continue
            first = rows[top][merged.min_col - 1]
            for r in range(top, min(merged.max_row, len(rows))):
                for c in range(merged.min_col - 1, min(merged.max_col, len(rows[r]))):
                    if (r, c) != (top, merged.min_col - 1) and not rows[r][c].text:
                        rows[r][c] = Cell(first.text, first.indent, first.fill, merged=True)
        grids.append(Grid(sheet.title, rows, [f"fila {i + 1}" for i in range(len(rows))]))
    return grids, list(book.sheetnames)


def decode_text(data: bytes) -> str:
    """CSV text: UTF-8 (with or without BOM), else Windows-1252 (what Excel writes on Windows)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def csv_grid(data: bytes, name: str) -> Grid:
    """A CSV export: encoding and delimiter detected."""
    text = decode_text(data)
    sample = "\n".join(text.splitlines()[:50])
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        counts = {d: sample.count(d) for d in ",;\t|"}
        delimiter = max(counts, key=lambda d: counts[d])
        dialect = type("Dialect", (csv.excel,), {"delimiter": delimiter})
    rows = []
    for row in csv.reader(io.StringIO(text), dialect):
        cells = []
        for value in row:
            spaces = len(value) - len(value.lstrip(" \u00a0"))
            cells.append(Cell(clean_ws(value), spaces // 2))
        rows.append(cells)
    return Grid(name, rows, [f"fila {i + 1}" for i in range(len(rows))])


def pdf_grids(data: bytes, path: Path) -> list[Grid]:
    """The tables of a PDF, page after page, as one grid (a table cut by a page break continues)."""
    import pdfplumber

    rows: list[list[Cell]] = []
    places: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not any(page.find_tables() for page in pdf.pages):  # printed without borders
                from extractor.poa.pdftext import text_rows

                for number, cells in text_rows(list(pdf.pages)):
                    rows.append(cells)
                    places.append(f"página {number}")
                return [Grid(path.name, rows, places)] if rows else []
            for number, page in enumerate(pdf.pages, 1):
                found = page.find_tables() or page.find_tables({"vertical_strategy": "text",
                                                                "horizontal_strategy": "text"})
                if found and not rows:  # the title lines above the first table
                    above = page.crop((0, 0, page.width, max(found[0].bbox[1], 1))).extract_text() or ""
                    for line in above.splitlines():
                        rows.append([Cell(clean_ws(line))])
                        places.append(f"página {number}")
                for table in (t.extract() for t in found):
                    for raw in table:
                        rows.append(_pdf_row(raw))
                        places.append(f"página {number}")
    except PoaError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a bad file
        raise PoaError(f"El POA {path} no es un PDF legible ({type(exc).__name__}).") from exc
    return [Grid(path.name, rows, places)] if rows else []


def _pdf_row(raw: list[str | None]) -> list[Cell]:
    """A PDF table row: a cell covered by a merged cell (None) is blank and flagged ``merged``
    (the header takes it from its neighbour; below the header a blank parent continues)."""
    return [Cell("", merged=True) if value is None else Cell(clean_ws(value.replace("\n", " "))) for value in raw]
