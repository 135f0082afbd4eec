"""The unit POA (Programa de Operaciones Anual): loading its operations from .xlsx, .csv or PDF.

A POA sheet has title rows, then one or two header rows (often merged cells), then a tree:
Acción de Corto Plazo → Operación → Actividad/Tarea, each level in its own columns or on its
own rows, a parent cell merged or left blank below its first row. Columns are found by the
fuzzy match of their names (``[columns.poa]`` in ``layouts.toml``). Codes are kept as text:
"1.10" is not "1.1".
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import PoaError, PoaiError, os_reason
from extractor.layout.spec import vocabulary
from extractor.readers.detect import detect_format
from extractor.textnorm import clean_ws

_CODE = re.compile(r"^\s*\d+(?:\s*\.\s*\d+)*\s*\.?\s*$")
_HEADER_CELL = 60  # a header cell is short: a longer text is data


@dataclass
class Operation:
    """An operation of the unit POA, with what describes it."""

    codigo: str
    operacion: str
    acp_codigo: str | None = None
    acp: str | None = None
    producto: str | None = None
    indicador: str | None = None
    actividades: list[str] = field(default_factory=list)

    def matching_text(self) -> str:
        """The words a function is compared with: the operation, its product, its ACP, its tasks."""
        return " ".join(t for t in [self.operacion, self.producto, self.acp, *self.actividades] if t)


@dataclass
class Poa:
    """A loaded unit POA."""

    archivo: str
    operaciones: list[Operation]

    def by_code(self) -> dict[str, Operation]:
        """Operations by code."""
        return {o.codigo: o for o in self.operaciones}


def load_poa(path: str | Path) -> Poa:
    """Load a unit POA from .xlsx, .csv or PDF (format detected from the content)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PoaError(f"No se puede abrir el POA {path}: {os_reason(exc)}.") from exc
    try:
        kind = detect_format(data)
        if kind == "xlsx" or path.suffix.lower() in {".xlsx", ".xlsm"}:  # named as a workbook: read as one
            grids = _xlsx_grids(data, path)
        elif kind == "pdf":
            grids = _pdf_grids(data)
        elif kind == "txt":
            grids = [_csv_grid(data)]
        else:
            raise PoaError(f"El POA {path} debe ser una planilla Excel (.xlsx), un CSV o un PDF.")
    except PoaError:
        raise
    except PoaiError as exc:
        raise PoaError(f"El POA {path} no se puede leer: {exc.mensaje}") from exc
    best: list[Operation] = []
    seen_headers: list[str] = []
    for grid in grids:
        operations, headers = _operations(grid)
        seen_headers.extend(h for h in headers if h not in seen_headers)
        if len(operations) > len(best):
            best = operations
    if not best:
        found = ", ".join(seen_headers[:20]) or "ninguna"
        raise PoaError(f"{path} no parece un POA de la unidad: no tiene columnas de operaciones reconocibles "
                       f"(Código, Acción de Corto Plazo, Operación, Producto…). Columnas encontradas: {found}.")
    return Poa(archivo=str(path), operaciones=best)


# -- sources ----------------------------------------------------------------------------------


def _cell_text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, float):
        decimals = re.search(r"\.(0+)", cell.number_format or "")
        if decimals:
            return f"{value:.{len(decimals.group(1))}f}"
        return f"{value:g}"
    if isinstance(value, int):
        return str(value)
    return clean_ws(str(value))


def _xlsx_grids(data: bytes, path: Path) -> list[list[list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a bad file
        raise PoaError(f"El POA {path} no es una planilla Excel legible ({type(exc).__name__}).") from exc
    grids = []
    for sheet in book.worksheets:
        grid = [[_cell_text(c) for c in row] for row in sheet.iter_rows()]
        # A merged cell holds its value in its first position only: a merged header spreads
        # over its columns; a merged parent (ACP) fills the rows it spans.
        for merged in sheet.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row - 1 < len(grid) else ""
            for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
                for c in range(merged.min_col - 1, merged.max_col):
                    if c < len(grid[r]) and not grid[r][c]:
                        grid[r][c] = value
        grids.append(grid)
    return grids


def _csv_grid(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return [[clean_ws(c) for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def _pdf_grids(data: bytes) -> list[list[list[str]]]:
    from extractor.layout.stitching import stitch
    from extractor.readers import read_document

    document = stitch(read_document(data, "pdf"))
    grids = []
    for block in document.blocks:
        rows = getattr(block, "rows", None)
        if rows:
            grids.append([[c.text for c in row.cells] for row in rows])
    return grids


# -- structure ----------------------------------------------------------------------------------


def _header(grid: list[list[str]]) -> tuple[int, dict[int, str], int] | None:
    """(first header row, column → key, number of header rows) of the first plausible header."""
    for index, row in enumerate(grid[:40]):
        mapped = _map_row(row)
        if "operacion" in mapped.values() or ("descripcion" in mapped.values() and "codigo" in mapped.values()):
            # A second header row (sub-columns under a merged title) refines the mapping.
            if index + 1 < len(grid):
                below = _map_row(grid[index + 1])
                if below and not any(_CODE.match(c) for c in grid[index + 1] if c):
                    merged = dict(mapped)
                    for column, key in below.items():
                        if column not in merged or key != merged[column]:
                            merged[column] = key
                    return index, merged, 2
            return index, mapped, 1
    return None


def _map_row(row: list[str]) -> dict[int, str]:
    """The POA column each header cell names (cells longer than a header are not names)."""
    named = vocabulary().name_columns([text if len(text) <= _HEADER_CELL else "" for text in row], "poa")
    return {column: key for column, key in named.items() if key}


def _columns(mapped: dict[int, str]) -> tuple[dict[str, int], dict[str, int]]:
    """Which column holds each key, and which column holds each level's code."""
    # A code column belongs to the level column at its right.
    level_of: dict[int, str] = {}
    for column, key in sorted(mapped.items()):
        if key == "codigo":
            right = next((mapped[c] for c in sorted(mapped) if c > column and mapped[c] != "codigo"), None)
            level_of[column] = right or "operacion"
    columns: dict[str, int] = {}
    for column, key in sorted(mapped.items()):
        if key != "codigo" and key not in columns:
            columns[key] = column
    code_for = {level: column for column, level in sorted(level_of.items(), reverse=True)}
    return columns, code_for


def _operations(grid: list[list[str]]) -> tuple[list[Operation], list[str]]:
    headers = [c for row in grid[:15] for c in row if c and len(c) <= 60]
    found = _header(grid)
    if found is None:
        return [], headers
    start, mapped, height = found
    columns, code_for = _columns(mapped)
    operations: list[Operation] = []
    acp_code = acp_name = None
    current: Operation | None = None
    for row in grid[start + height:]:
        def get(key: str, row: list[str] = row) -> str:
            column = columns.get(key)
            return row[column] if column is not None and column < len(row) else ""

        def code(level: str, row: list[str] = row) -> str:
            column = code_for.get(level)
            value = row[column] if column is not None and column < len(row) else ""
            return value.strip().rstrip(".") if _CODE.match(value or "") else ""

        if not any(row):
            continue
        if "operacion" not in columns:
            current, acp_code, acp_name = _row_by_depth(row, columns, code_for, operations, current,
                                                        acp_code, acp_name)
            continue
        if get("acp") or code("acp"):
            acp_code, acp_name = code("acp") or acp_code, get("acp") or acp_name
        operation_name = get("operacion")
        operation_code = code("operacion")
        if operation_name and (current is None or operation_name != current.operacion
                               or (operation_code and operation_code != current.codigo)):
            current = Operation(codigo=operation_code or f"{len(operations) + 1}", operacion=operation_name,
                                acp_codigo=acp_code, acp=acp_name, producto=get("producto") or None,
                                indicador=get("indicador") or None)
            operations.append(current)
        if current is not None and get("actividad") and get("actividad") not in current.actividades:
            current.actividades.append(get("actividad"))
    return operations, headers


def _row_by_depth(row: list[str], columns: dict[str, int], code_for: dict[str, int], operations: list[Operation],
                  current: Operation | None, acp_code: str | None, acp_name: str | None
                  ) -> tuple[Operation | None, str | None, str | None]:
    """A tree with one description column: the depth of the code tells the level."""
    code_column = next(iter(code_for.values()), None)
    text_column = columns.get("descripcion", columns.get("actividad", columns.get("acp")))
    if code_column is None or text_column is None:
        return current, acp_code, acp_name
    code = row[code_column].strip().rstrip(".") if code_column < len(row) else ""
    text = row[text_column] if text_column < len(row) else ""
    if not _CODE.match(code or "") or not text:
        return current, acp_code, acp_name
    depth = code.count(".") + 1
    if depth <= 2:
        return current, code, text
    product_column = columns.get("producto")
    if depth == 3:
        product = row[product_column] if product_column is not None and product_column < len(row) else None
        current = Operation(codigo=code, operacion=text, acp_codigo=acp_code, acp=acp_name, producto=product or None)
        operations.append(current)
    elif current is not None:
        current.actividades.append(text)
    return current, acp_code, acp_name
