"""Corrections typed into a poai workbook, read back: each edited cell of Puestos, Funciones and
Requisitos becomes a correction of its record's field.

Every row carries a hidden key (:mod:`extractor.writers.editable`): its record, its item and a
digest of each editable cell as poai wrote it. A cell that no longer matches its digest was
edited. Rows without a key, rows of records the catalog does not hold, values that do not fit
their field, and one field given two different values are reported, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.catalog import Catalog
from extractor.corrections import Correction, FieldPathError, correction, now, paths
from extractor.errors import UsageError
from extractor.model.record import Record
from extractor.textnorm import fold
from extractor.writers.editable import EDITABLE, KEY_COLUMN, digest, editable_columns, field_path, parse_key

# Display names of the degree codes, as the Requisitos sheet shows them.
_GRADES = {"bachiller": "bachiller", "tecnico": "tecnico", "licenciatura": "licenciatura", "postgrado": "postgrado",
           "doctorado": "doctorado"}


@dataclass
class Problem:
    """A row or cell that could not be taken: where it is and why."""

    hoja: str
    fila: int
    motivo: str


@dataclass
class Outcome:
    """What a workbook gave: the corrections taken, and what was reported instead."""

    tomadas: list[Correction] = field(default_factory=list)
    desconocidas: list[Problem] = field(default_factory=list)
    conflictos: list[Problem] = field(default_factory=list)
    filas: int = 0


@dataclass
class _Edit:
    sheet: str
    row: int
    correction: Correction


def read_corrections(workbook: Path, catalog: Catalog) -> Outcome:
    """The corrections an officer typed into ``workbook`` (a poai workbook), checked against the
    records ``catalog`` holds; nothing is stored (see :func:`take_corrections`)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(workbook, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is no workbook of ours
        raise UsageError(f"No se puede abrir el libro {workbook}: no es un libro Excel (.xlsx) legible.") from exc
    outcome = Outcome()
    edits: list[_Edit] = []
    try:
        sheets = [name for name in EDITABLE if name in book.sheetnames]
        if not sheets:
            raise UsageError(f"El libro {workbook} no es un libro de poai: no tiene las hojas "
                             f"{', '.join(EDITABLE)}.")
        records = _Records(catalog)
        for name in sheets:
            edits += _sheet_edits(name, book[name].iter_rows(values_only=True), records, outcome)
    finally:
        book.close()
    outcome.tomadas = _without_conflicts(edits, outcome)
    return outcome


def take_corrections(workbook: Path, catalog: Catalog) -> Outcome:
    """Read the corrections of ``workbook`` and keep those taken in ``catalog`` (one transaction)."""
    outcome = read_corrections(workbook, catalog)
    if outcome.tomadas:
        catalog.corrections.add(outcome.tomadas)
    return outcome


class _Records:
    """The catalog's records by (sha256, part), read once each, with the corrections already kept."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.cache: dict[tuple[str, int], Record | None] = {}

    def get(self, sha256: str, parte: int) -> Record | None:
        if (sha256, parte) not in self.cache:
            found = self.catalog.get(sha256, "")
            parts = [p.record for p in found.parts()] if found is not None else []
            chosen = [r for r in parts if (int(r.parte["n"]) if r.parte else 0) == parte]
            self.cache[(sha256, parte)] = chosen[0] if chosen else None
        return self.cache[(sha256, parte)]


def _sheet_edits(sheet: str, rows: Iterator[tuple[Any, ...]], records: _Records, outcome: Outcome) -> list[_Edit]:
    header = next(rows, None)
    names = [str(v) if v is not None else "" for v in (header or ())]
    if KEY_COLUMN not in names:
        outcome.desconocidas.append(Problem(sheet, 1, "la hoja no tiene la columna oculta «Clave»: el libro no lo "
                                                      "escribió esta versión de poai"))
        return []
    position = {name: index for index, name in enumerate(names)}
    editable = editable_columns(sheet, names)
    edits = []
    for number, values in enumerate(rows, 2):
        cells = dict(zip(names, values))
        if all(v is None or str(v).strip() == "" for v in values) or list(values[:len(names)]) == names:
            continue  # a blank row, or the header printed again
        outcome.filas += 1
        edits += _row_edits(sheet, number, cells, editable, position, records, outcome)
    return edits


def _row_edits(sheet: str, number: int, cells: dict[str, Any], editable: list[str], position: dict[str, int],
               records: _Records, outcome: Outcome) -> list[_Edit]:
    parsed = parse_key(cells.get(KEY_COLUMN))
    if parsed is None:
        outcome.desconocidas.append(Problem(sheet, number, "fila sin clave de poai (¿agregada o copiada a mano?)"))
        return []
    sha256, parte, item, digests = parsed
    if len(digests) != len(editable):
        outcome.desconocidas.append(Problem(sheet, number, "las columnas de la hoja cambiaron desde que poai la "
                                                           "escribió (se agregaron o quitaron columnas)"))
        return []
    changed = [name for name, old in zip(editable, digests) if digest(cells.get(name)) != old]
    if not changed:
        return []
    record = records.get(sha256, parte)
    if record is None:
        outcome.desconocidas.append(Problem(sheet, number, "su documento no está en el catálogo: léalo de nuevo con "
                                                           "el mismo catálogo y vuelva a corregir"))
        return []
    edits = []
    for name in changed:
        campo = field_path(sheet, name, item)
        if campo is None:
            continue
        try:
            edits.append(_Edit(sheet, number, _correction(record, campo, name, cells.get(name))))
        except FieldPathError as exc:
            outcome.conflictos.append(Problem(sheet, number, f"columna «{name}»: {exc}"))
    return edits


def _correction(record: Record, campo: str, column: str, value: Any) -> Correction:
    if campo.endswith(".poa") and campo.startswith("funciones["):
        paths.get(record.to_dict(), campo.rsplit(".", 1)[0])  # the function must still be there
        target = {"codigo": str(value).strip(), "operacion": None} if value not in (None, "") else None
        return Correction(record.sha256, int(record.parte["n"]) if record.parte else 0, campo, None, target,
                          "libro", now())
    if column == "Grado mínimo" and isinstance(value, str) and value.strip():
        code = _GRADES.get(fold(value).strip())
        if code is None:
            raise FieldPathError(f"«{value}» no es un grado: Bachiller, Técnico, Licenciatura, Postgrado o Doctorado.")
        value = code
    return correction(record, campo, value, "libro")


def _without_conflicts(edits: list[_Edit], outcome: Outcome) -> list[Correction]:
    """The edits, but none of a field given two different values (both are reported)."""
    by_field: dict[tuple[str, int, str], list[_Edit]] = {}
    for edit in edits:
        c = edit.correction
        by_field.setdefault((c.sha256, c.parte, c.campo), []).append(edit)
    taken = []
    for (_sha, _parte, campo), group in by_field.items():
        values = {repr(e.correction.despues) for e in group}
        if len(values) > 1:
            where = ", ".join(f"{e.sheet} fila {e.row}" for e in group)
            outcome.conflictos.append(Problem(group[0].sheet, group[0].row,
                                              f"el campo {campo} recibe valores distintos en {where}"))
            continue
        taken.append(group[0].correction)
    return taken

