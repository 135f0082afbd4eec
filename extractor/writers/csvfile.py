"""The sheets as CSV files (UTF-8 with BOM, so that Excel shows accents), streamed in chunks.

Two dialects: the usual one (comma between fields, decimal point), for programs; and the one an
Excel set to Spanish opens straight into columns (``excel_es``: semicolon, decimal comma).
"""

from __future__ import annotations

import contextlib
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
    "Auditoría": "auditoria.csv", "Correcciones": "correcciones.csv", "Errores": "errores.csv",
    "Cobertura POA": "cobertura_poa.csv",
}


class CsvWriter:
    """One CSV per sheet in ``folder``; each written to a temporary name, renamed on close.

    The temporary files are made by the first write (a run that never gets to write leaves
    nothing behind), and every one of them is removed on failure, whatever removing meets.

    ``excel_es``: fields separated by ";" and numbers with a decimal comma, as Excel in Spanish
    (and LibreOffice in a Spanish locale) reads a CSV it opens with a double click.
    """

    def __init__(self, folder: Path, with_coverage: bool = False, excel_es: bool = False) -> None:
        self.folder = folder
        self.excel_es = excel_es
        self.files: dict[str, tuple[AtomicFile, TextIO, Any]] = {}
        self.layout = sheet_columns(with_coverage)
        self.atomics = {name: AtomicFile(folder / FILE_NAMES[name]) for name in self.layout}

    def _writer(self, name: str) -> Any:
        if name not in self.files:
            atomic = self.atomics[name]
            stream = open(atomic.create(), "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed in close()
            writer = csv.writer(stream, delimiter=";" if self.excel_es else ",")
            self.files[name] = (atomic, stream, writer)
            writer.writerow([c.name for c in self.layout[name]])
        return self.files[name][2]

    def add(self, rows: Rows) -> None:
        """Append a chunk's rows (built once for every writer)."""
        for name, sheet_rows in rows.items():
            self._rows(name, sheet_rows)

    def add_coverage(self, rows: list[dict[str, Any]]) -> None:
        """Fill cobertura_poa.csv."""
        if "Cobertura POA" in self.layout:
            self._rows("Cobertura POA", rows)

    def _rows(self, name: str, rows: list[dict[str, Any]]) -> None:
        if name not in self.layout:
            return
        writer = self._writer(name)
        columns = self.layout[name]
        comma = self.excel_es
        for row in rows:
            writer.writerow([_value(row.get(c.name), c.kind, comma) for c in columns])

    def close(self) -> None:
        """Finish every file, then move them all into place; a failure (a full disk) leaves no temporary file."""
        try:
            for name in self.layout:
                self._writer(name)  # a sheet without rows still gets its header
            for _atomic, stream, _writer in self.files.values():
                stream.close()  # flushes: a full disk shows here
            for atomic, _stream, _writer in self.files.values():
                atomic.commit()
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Drop the temporary files (an interrupted run), whatever closing each one meets."""
        for _atomic, stream, _writer in self.files.values():
            with contextlib.suppress(OSError, ValueError):
                stream.close()
        for atomic in self.atomics.values():
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
