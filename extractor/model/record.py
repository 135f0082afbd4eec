"""The record of SCHEMA.md: its shape and key order, and the record of an unreadable file."""

from __future__ import annotations

from typing import Any

from extractor.errors import PoaiError

Record = dict[str, Any]


def empty_puesto() -> dict[str, Any]:
    """A ``puesto`` object with every field unset."""
    return {
        "denominacion": None,
        "item": None,
        "dependencia": None,
        "inmediato_superior": None,
        "ocupante": None,
        "cargos_supervisados": [],
    }


def empty_aprobacion() -> dict[str, Any]:
    """An ``aprobacion`` object with every field unset."""
    return {
        "elaborado_por": None,
        "aprobado_por": None,
        "ciudadania_digital": False,
        "fecha_elaboracion": None,
        "fecha_aprobacion": None,
    }


def new_record(archivo: str, sha256: str, formato: str | None, paginas: int | None) -> Record:
    """A record with every key of SCHEMA.md, in its order, and no content yet."""
    return {
        "archivo": archivo,
        "sha256": sha256,
        "formato": formato,
        "paginas": paginas,
        "plantilla": None,
        "estado": "ok",
        "error": None,
        "gestion": None,
        "puesto": empty_puesto(),
        "relaciones": {"intrainstitucionales": [], "interinstitucionales": []},
        "objetivo": None,
        "funciones": [],
        "normas": [],
        "formacion": [],
        "experiencia": {"general": None, "profesional": None, "sector_publico": None},
        "conocimientos": [],
        "cualidades": [],
        "aprobacion": empty_aprobacion(),
        "auditoria": [],
        "completitud": None,
    }


def error_record(archivo: str, sha256: str, formato: str | None, error: PoaiError) -> Record:
    """The record of a document that could not be read: ``estado`` error and no content."""
    return {
        "archivo": archivo,
        "sha256": sha256,
        "formato": formato,
        "paginas": None,
        "plantilla": None,
        "estado": "error",
        "error": error.as_dict(),
    }
