"""The sheets as CSV files (UTF-8 with BOM, so that Excel shows accents), streamed in chunks.

Two dialects: the usual one (comma between fields, decimal point), for programs; and the one an
Excel set to Spanish opens straight into columns (``excel_es``: semicolon, decimal comma).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path
from typing import Any, TextIO

from extractor.writers.atomic import AtomicFile
from extractor.writers.cellsafe import csv_safe
from extractor.writers.rows import Rows, sheet_columns

FILE_NAMES = {
    "Puestos": "puestos.csv", "Funciones": "funciones.csv", "Requisitos": "requisitos.csv",
    "Relaciones": "relaciones.csv", "Cualidades": "cualidades.csv", "Normas": "normas.csv",
    "Auditoría": "auditoria.csv", "Errores": "errores.csv", "Cobertura POA": "cobertura_poa.csv",
}


class CsvWriter:
    """One CSV per sheet in ``folder``; each written to a temporary name, renamed on close.

    ``excel_es``: fields separated by ";" and numbers with a decimal comma, as Excel in Spanish
    (and LibreOffice in a Spanish locale) reads a CSV it opens with a double click.
    """

    def __init__(self, folder: Path, with_coverage: bool = False, excel_es: bool = False) -> None:
        self.folder = folder
        self.excel_es = excel_es
        self.files: dict[str, tuple[AtomicFile, TextIO, Any]] = {}
        self.layout = sheet_columns(with_coverage)
        for name, columns in self.layout.items():
            atomic = AtomicFile(folder / FILE_NAMES[name])
            stream = open(atomic.path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed in close()
            writer = csv.writer(stream, delimiter=";" if excel_es else ",")
            writer.writerow([c.name for c in columns])
            self.files[name] = (atomic, stream, writer)

    def add(self, rows: Rows) -> None:
        """Append a chunk's rows (built once for every writer)."""
        for name, sheet_rows in rows.items():
            self._rows(name, sheet_rows)

    def add_coverage(self, rows: list[dict[str, Any]]) -> None:
        """Fill cobertura_poa.csv."""
        if "Cobertura POA" in self.files:
            self._rows("Cobertura POA", rows)

    def _rows(self, name: str, rows: list[dict[str, Any]]) -> None:
        if name not in self.files:
            return
        _atomic, _stream, writer = self.files[name]
        columns = self.layout[name]
        comma = self.excel_es
        for row in rows:
            writer.writerow([_value(row.get(c.name), c.kind, comma) for c in columns])

    def close(self) -> None:
        """Finish every file and move it into place."""
        for atomic, stream, _writer in self.files.values():
            stream.close()
            atomic.commit()

    def abort(self) -> None:
        """Drop the temporary files (an interrupted run)."""
        for atomic, stream, _writer in self.files.values():
            stream.close()
            atomic.discard()


def _value(value: Any, kind: str, comma: bool = False) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == "<NA>":
        return ""
    if kind == "bool":
        return "Sí" if value else "No"
    if kind == "float":
        return repr(float(value)).replace(".", ",") if comma else float(value)
    if kind == "int":
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if kind in {"text", "long", "code"}:
        return csv_safe(str(value))
    return value
