"""Field paths of a record ("puesto.ocupante", "funciones[2].ponderacion"): read and write them.

A path names one value of the record's JSON object (SCHEMA.md): keys separated by dots, list
items by their 0-based index in brackets. Corrections address values this way, so they
survive anything but a change of what the path means.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from extractor.textnorm import clean_ws

Json = dict[str, Any]
Step = str | int

_STEP = re.compile(r"([a-z_]+)((?:\[\d+\])*)")
_INDEX = re.compile(r"\[(\d+)\]")
# What the reader (or the run) sets: never corrected by hand.
FIXED = frozenset({"archivo", "sha256", "formato", "paginas", "plantilla", "estado", "error", "parte", "ocr",
                   "auditoria", "correcciones", "completitud"})
# Leaves that hold numbers, and lists of plain strings (one item per line).
NUMBERS = frozenset({"gestion", "ponderacion", "porcentaje", "general", "profesional", "sector_publico", "n",
                     "puntaje"})
STRING_LISTS = frozenset({"cargos_supervisados", "intrainstitucionales", "interinstitucionales", "normas",
                          "cualidades"})
# Numbers printed whole (an order, a year, years of experience) stay integers when they are whole.
_WHOLE = frozenset({"n", "gestion", "general", "profesional", "sector_publico"})
BOOLEANS = frozenset({"ciudadania_digital"})
_YES = frozenset({"si", "sí", "x", "true", "verdadero", "1"})
_NO = frozenset({"no", "false", "falso", "0", ""})


class FieldPathError(ValueError):
    """A path that names no value of the record (it may have existed when the correction was made)."""


def parse(path: str) -> list[Step]:
    """The steps of ``path``: keys and list indexes."""
    steps: list[Step] = []
    for part in path.split("."):
        match = _STEP.fullmatch(part)
        if match is None:
            raise FieldPathError(f"La ruta de campo «{path}» no es válida.")
        steps.append(match.group(1))
        steps.extend(int(i) for i in _INDEX.findall(match.group(2)))
    if not steps or steps[0] in FIXED:
        raise FieldPathError(f"El campo «{path}» no se corrige: lo fija la lectura del documento.")
    return steps


def _child(node: Any, step: Step, path: str) -> Any:
    if isinstance(step, int):
        if not isinstance(node, list) or step >= len(node):
            raise FieldPathError(f"El campo «{path}» ya no existe en lo leído.")
        return node[step]
    if not isinstance(node, dict) or step not in node:
        raise FieldPathError(f"El campo «{path}» ya no existe en lo leído.")
    return node[step]


def get(data: Json, path: str) -> Any:
    """The value at ``path`` in a record's JSON object."""
    node: Any = data
    for step in parse(path):
        node = _child(node, step, path)
    return node


def put(data: Json, path: str, value: Any) -> None:
    """Set the value at ``path`` (which must exist) in a record's JSON object."""
    steps = parse(path)
    node: Any = data
    for step in steps[:-1]:
        node = _child(node, step, path)
    _child(node, steps[-1], path)  # the value itself must exist too
    node[steps[-1]] = value


def leaf(path: str) -> str:
    """The last key of ``path`` ("ponderacion" for "funciones[2].ponderacion")."""
    keys = [s for s in parse(path) if isinstance(s, str)]
    return keys[-1]


def coerce(path: str, value: Any) -> Any:
    """A value as typed by a person (text from a form or a cell) turned into the field's JSON type:
    numbers with a decimal comma, lists one item per line (or "; "), yes/no, blank as null."""
    key = leaf(path)
    if isinstance(value, str):
        value = value.strip()
    if key in STRING_LISTS:
        return _string_list(value)
    if value is None or value == "":
        return None
    if key in NUMBERS:
        return _number(path, value)
    if key in BOOLEANS:
        return _boolean(path, value)
    if key.startswith("fecha_"):
        return _date(path, value)
    return clean_ws(str(value)) if isinstance(value, str) else value


def _string_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [clean_ws(str(v)) for v in value if clean_ws(str(v))]
    parts = re.split(r"\s*(?:\n|;\s)\s*", str(value))
    return [clean_ws(p) for p in parts if clean_ws(p)]


def _number(path: str, value: Any) -> float | int:
    if isinstance(value, bool):
        raise FieldPathError(f"El campo «{path}» lleva un número.")
    if isinstance(value, int | float):
        return value
    text = str(value).replace("%", "").strip()
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        number = float(text)
    except ValueError as exc:
        raise FieldPathError(f"El campo «{path}» lleva un número, no «{value}».") from exc
    return int(number) if leaf(path) in _WHOLE and number.is_integer() else number


def _date(path: str, value: Any) -> str:
    """An ISO date from a date cell, an ISO date or a date written day first (15/03/2023)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    for form in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    raise FieldPathError(f"El campo «{path}» lleva una fecha (día/mes/año), no «{value}».")


def _boolean(path: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise FieldPathError(f"El campo «{path}» lleva sí o no, no «{value}».")
