"""Which workbook cells an officer may correct, and the hidden key that ties each row to its record.

Puestos, Funciones and Requisitos carry a hidden "Clave" column: the record (its file's
``sha256`` and part), the row's item in the record ("funciones[3]", "formacion[0]",
"experiencia.general"; nothing for a post) and a short digest of each editable cell as
written. A cell whose value no longer matches its digest was edited; its field path comes
from :data:`EDITABLE`. The digests make an edit visible without the source files or a re-read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from extractor.textnorm import clean_ws

KEY_COLUMN = "Clave"
# Sheet → column → the field it shows, by the kind of item the row is ("" for a post row,
# "funciones", "formacion", "conocimientos", "experiencia"), relative to that item.
EDITABLE: dict[str, dict[str, dict[str, str]]] = {
    "Puestos": {
        "Gestión": {"": "gestion"}, "Denominación del puesto": {"": "puesto.denominacion"},
        "Ítem": {"": "puesto.item"}, "Dependencia": {"": "puesto.dependencia"},
        "Inmediato superior": {"": "puesto.inmediato_superior"}, "Ocupante": {"": "puesto.ocupante"},
        "Cargos supervisados": {"": "puesto.cargos_supervisados"}, "Objetivo": {"": "objetivo"},
        "Elaborado por": {"": "aprobacion.elaborado_por"}, "Aprobado por": {"": "aprobacion.aprobado_por"},
        "Ciudadanía digital": {"": "aprobacion.ciudadania_digital"},
        "Fecha de elaboración": {"": "aprobacion.fecha_elaboracion"},
        "Fecha de aprobación": {"": "aprobacion.fecha_aprobacion"},
    },
    "Funciones": {
        "Función": {"funciones": "funcion"}, "Resultado": {"funciones": "resultado"},
        "Fuente de verificación": {"funciones": "fuente_verificacion"}, "Ponderación": {"funciones": "ponderacion"},
        "Indicador": {"funciones": "indicador"}, "Código POA": {"funciones": "poa"},
    },
    "Requisitos": {
        "Detalle": {"formacion": "area", "conocimientos": "conocimiento"},
        "Grado mínimo": {"formacion": "grado_minimo"},
        "Prioridad o carácter": {"formacion": "prioridad", "conocimientos": "caracter"},
        "Años": {"experiencia": ""},
    },
}


def item_kind(item: str) -> str:
    """The kind of a row's item: "funciones" for "funciones[3]", "" for a post."""
    return item.split("[", 1)[0].split(".", 1)[0]


def field_path(sheet: str, column: str, item: str) -> str | None:
    """The field a cell shows (None: not a field one corrects in this sheet)."""
    relative = EDITABLE.get(sheet, {}).get(column, {}).get(item_kind(item))
    if relative is None:
        return None
    return ".".join(p for p in (item, relative) if p)


def cell_text(value: Any) -> str:
    """A cell's value as compared: written by poai or read back by openpyxl (a whole float comes
    back as an int, a date as a datetime), blank and None alike."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if isinstance(value, int | float):
        return format(float(value), ".10g")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean_ws(str(value))


def digest(value: Any) -> str:
    """Six hex digits of a cell's compared text."""
    return hashlib.blake2s(cell_text(value).encode("utf-8"), digest_size=3).hexdigest()


def editable_columns(sheet: str, names: list[str]) -> list[str]:
    """The editable columns of a sheet laid out with ``names``, in sheet order."""
    return [n for n in names if n in EDITABLE.get(sheet, {})]


def key(record_key: str, item: str, values: list[Any]) -> str:
    """The hidden key of a row: its record, its item and the digests of its editable cells."""
    return f"{record_key}|{item}|{'.'.join(digest(v) for v in values)}"


def parse_key(text: Any) -> tuple[str, int, str, list[str]] | None:
    """(sha256, part, item, digests) of a key cell, or None when it is no key of poai's."""
    if not isinstance(text, str):
        return None
    parts = text.split("|")
    if len(parts) != 3 or ":" not in parts[0]:
        return None
    sha256, _, parte = parts[0].partition(":")
    if len(sha256) != 64 or not parte.isdigit():
        return None
    return sha256, int(parte), parts[1], parts[2].split(".") if parts[2] else []
