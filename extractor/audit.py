"""The fixed audit rules of SCHEMA.md and the completeness score."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .record import Record

if TYPE_CHECKING:
    from .parser import Parsed

_PUESTO_NAMES = {
    "denominacion": "la denominación del puesto",
    "item": "el número de ítem",
    "dependencia": "la dependencia",
    "inmediato_superior": "el inmediato superior",
    "ocupante": "el nombre del ocupante",
}
_SECTION_NAMES = {
    "relaciones": "Relaciones",
    "funciones": "Funciones",
    "formacion": "Formación",
    "experiencia": "Experiencia",
    "conocimientos": "Conocimientos",
    "cualidades": "Cualidades personales",
    "normas": "Normas a cumplir",
}
_COLUMN_NAMES = {
    "resultado": "el resultado",
    "fuente_verificacion": "la fuente de verificación",
    "indicador": "el indicador",
}
_TIPO_NAMES = {"especifica": "Función específica", "rutinaria": "Función rutinaria"}


def _finding(regla: str, severidad: str, campo: str, mensaje: str) -> dict[str, Any]:
    return {"regla": regla, "severidad": severidad, "campo": campo, "mensaje": mensaje}


def audit_record(record: Record, parsed: Parsed) -> None:
    """Fill ``auditoria``, ``completitud`` and ``estado`` of a freshly parsed record."""
    findings: list[dict[str, Any]] = []
    expected = 0
    filled = 0
    puesto = record["puesto"]
    labels = set(parsed.labels_found)
    for key, name in _PUESTO_NAMES.items():
        printed = key in labels or key in parsed.family.labels
        if not printed:
            continue
        expected += 1
        if puesto[key]:
            filled += 1
        elif key in labels or key == "denominacion":
            findings.append(_finding("campo_vacio", "error" if key == "denominacion" else "advertencia",
                                     f"puesto.{key}", f"Identificación del puesto: falta {name}."))
    for key, value, name in (("objetivo", record["objetivo"], "el objetivo del puesto"),
                             ("gestion", record["gestion"], "la gestión")):
        expected += 1
        if value:
            filled += 1
        else:
            findings.append(_finding("campo_vacio", "error", key, f"No se encontró {name}."))
    for section in parsed.family.sections:
        expected += 1
        if section in parsed.sections_found:
            filled += 1
        else:
            findings.append(_finding("seccion_faltante", "advertencia", section,
                                     f"Falta la sección {_SECTION_NAMES[section]}."))
    functions = record["funciones"]
    if not functions:
        findings.append(_finding("sin_funciones", "error", "funciones", "El documento no tiene funciones."))
    for index, function in enumerate(functions):
        columns = parsed.function_columns[index] if index < len(parsed.function_columns) else set()
        where = f"{_TIPO_NAMES[function['tipo']]} {function['n']}"
        checked = [k for k in ("resultado", "fuente_verificacion", "indicador") if k in columns]
        if "actividades" in columns and "fuente_verificacion" not in columns:
            checked.append("fuente_verificacion")
        for key in checked + ["ponderacion"]:
            expected += 1
            if function[key] is not None:
                filled += 1
                continue
            what = _COLUMN_NAMES.get(key, "la ponderación")
            findings.append(_finding("funcion_incompleta", "advertencia", f"funciones.{key}",
                                     f"{where}: falta {what}."))
    weights = [f["ponderacion"] for f in functions if f["ponderacion"] is not None]
    if functions:
        total = round(sum(weights), 2)
        if abs(total - 100) > 0.01:
            shown = f"{total:g}".replace(".", ",")
            findings.append(_finding("ponderacion_total", "error", "funciones",
                                     f"Las ponderaciones suman {shown}, no 100."))
    approval = record["aprobacion"]
    expected += 1
    if approval["elaborado_por"] or approval["aprobado_por"] or approval["ciudadania_digital"]:
        filled += 1
    else:
        findings.append(_finding("sin_aprobacion", "advertencia", "aprobacion",
                                 "No consta quién elaboró ni quién aprobó el POAI."))
    record["auditoria"] = findings
    record["completitud"] = round(100.0 * filled / expected, 1) if expected else 0.0
    serious = any(f["regla"] in {"sin_funciones", "seccion_faltante"} or
                  (f["regla"] == "campo_vacio" and f["campo"] in {"denominacion", "objetivo"}) for f in findings)
    record["estado"] = "parcial" if serious else "ok"
