"""Corrections: what a person fixed in a record, kept as data and applied on every later read.

A correction names a record (its file's ``sha256`` and, for a file of several POAIs, its
part), a field path (:mod:`.paths`), the value before and after, where it came from and when.
It is stored in the catalog (:mod:`.store`) and applied after extraction, before the audit,
by every command and API call (:func:`apply`), so the audit runs on the corrected record and
the record lists what was corrected in ``correcciones``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from extractor.corrections import paths
from extractor.corrections.paths import FieldPathError
from extractor.model.record import Finding, Funcion, PoaLink, Record

__all__ = ["Correction", "CorrectionSource", "FieldPathError", "apply", "apply_links", "correction", "part_of",
           "paths"]

# Where a correction came from.
ORIGINS = ("web", "libro", "api")
NOT_APPLIED = "correccion_no_aplicada"


@dataclass(frozen=True)
class Correction:
    """One corrected value of one record."""

    sha256: str
    parte: int  # the part's number in a file of several POAIs; 0 for a file of one
    campo: str
    antes: Any
    despues: Any
    origen: str = "api"
    fecha: str = ""

    def entry(self) -> dict[str, Any]:
        """The object listed in the record's ``correcciones`` (SCHEMA.md)."""
        return {"campo": self.campo, "antes": self.antes, "despues": self.despues, "origen": self.origen,
                "fecha": self.fecha}


CorrectionSource = Callable[[str, int], list[Correction]]


def now() -> str:
    """The local time with its offset, to the second (as the record shows it)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def part_of(record: Record) -> int:
    """The part number a correction of ``record`` is filed under."""
    return int(record.parte["n"]) if record.parte else 0


def correction(record: Record, campo: str, value: Any, origen: str = "api") -> Correction:
    """A correction of ``record``'s ``campo`` to ``value`` (typed text is turned into the field's type).

    Raises :class:`FieldPathError` when the record has no such field or the value does not fit it."""
    if origen not in ORIGINS:
        raise ValueError(f"origen desconocido: {origen}")
    if not record.readable:
        raise FieldPathError("Un documento que no se pudo leer no tiene campos que corregir.")
    despues = paths.coerce(campo, value)
    antes = paths.get(record.to_dict(), campo)
    return Correction(record.sha256, part_of(record), campo, antes, despues, origen, now())


LINK = ".poa"


def is_link(item: Correction) -> bool:
    """Whether ``item`` moves a function to another operation of the POA (applied once linked)."""
    return item.campo.startswith("funciones[") and item.campo.endswith(LINK)


def apply(record: Record, corrections: Iterable[Correction]) -> tuple[Record, list[Finding]]:
    """``record`` with the value ``corrections`` applied (links excepted: :func:`apply_links`),
    and a ``correccion_no_aplicada`` finding for each whose field no longer exists (the layout
    data changed since it was made): such a correction is reported, never dropped."""
    values = [c for c in corrections if not is_link(c)]
    if not values or not record.readable:
        return record, []
    data = record.to_dict()
    findings = []
    for item in values:
        try:
            paths.put(data, item.campo, copy.deepcopy(item.despues))
        except FieldPathError as exc:
            findings.append(_not_applied(item, str(exc)))
    fixed = Record.from_dict(data)
    fixed.correcciones = [*record.correcciones, *(c.entry() for c in values)]
    return fixed, findings


def apply_links(record: Record, corrections: Iterable[Correction],
                operations: Mapping[str, str] | None = None) -> list[Finding]:
    """Move functions to the operations ``corrections`` name (in place, once the record is linked
    to the POA); ``despues`` is the operation ({"codigo", "operacion"}) or None for no operation;
    ``operations`` names the POA's operations by code. A function moved to an operation loses
    its ``funcion_sin_poa`` finding."""
    links = [c for c in corrections if is_link(c)]
    findings = []
    for item in links:
        index = _function_index(item.campo)
        if index is None or index >= len(record.funciones) or not record.funciones[index].linked:
            findings.append(_not_applied(item, f"El campo «{item.campo}» ya no existe en lo leído."))
            continue
        function = record.funciones[index]
        target = item.despues
        function.poa = _link(function, target, operations or {})
        if function.poa is not None:
            record.auditoria = [f for f in record.auditoria
                                if not (f.regla == "funcion_sin_poa" and f.campo == item.campo)]
        record.correcciones.append(item.entry())
    return findings


def _link(function: Funcion, target: Any, operations: Mapping[str, str]) -> PoaLink | None:
    """The link to the operation a person chose, with the matcher's score for it where it scored it."""
    if not isinstance(target, dict) or not target.get("codigo"):
        return None
    codigo = str(target["codigo"])
    known = [c for c in [function.poa, *function.poa_candidatos] if c is not None and c.codigo == codigo]
    if known:
        return PoaLink(codigo, known[0].operacion, known[0].puntaje, None)
    return PoaLink(codigo, operations.get(codigo) or str(target.get("operacion") or ""), 0.0, None)


def _function_index(campo: str) -> int | None:
    steps = paths.parse(campo)
    return steps[1] if len(steps) == 3 and steps[0] == "funciones" and isinstance(steps[1], int) else None


def _not_applied(item: Correction, why: str) -> Finding:
    return Finding(NOT_APPLIED, "advertencia", item.campo,
                   f"{why} La corrección guardada ({item.origen}, {item.fecha}) no se aplicó: revise el campo y "
                   "corríjalo de nuevo.")
