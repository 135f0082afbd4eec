"""The completeness audit: the fixed rules of SCHEMA.md, configurable per entity.

Each finding is ``{"regla", "severidad", "campo", "mensaje"}`` with a Spanish message that
says what is missing and where. ``completitud`` is the share (0-100) of the elements the
recognised layout expects that the document fills. An entity may switch a rule off, change
its severity or its tolerance in a TOML file (see :func:`load_rules`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import PoaiError, os_reason
from extractor.model.record import Record

SEVERITIES = ("error", "advertencia", "info")
RULES = ("campo_vacio", "seccion_faltante", "sin_funciones", "funcion_incompleta", "ponderacion_total",
         "sin_aprobacion", "funcion_sin_poa", "item_duplicado", "ocupante_duplicado", "superior_desconocido")
DEFAULT_SEVERITY = {
    "campo_vacio": "advertencia", "seccion_faltante": "advertencia", "sin_funciones": "error",
    "funcion_incompleta": "advertencia", "ponderacion_total": "error", "sin_aprobacion": "advertencia",
    "funcion_sin_poa": "advertencia", "item_duplicado": "error", "ocupante_duplicado": "advertencia",
    "superior_desconocido": "info",
}
# How an office reads each rule's name.
RULE_NAMES = {
    "campo_vacio": "Campo vacío", "seccion_faltante": "Sección faltante", "sin_funciones": "Sin funciones",
    "funcion_incompleta": "Función incompleta", "ponderacion_total": "Ponderaciones que no suman 100",
    "sin_aprobacion": "Sin aprobación", "funcion_sin_poa": "Función sin operación del POA",
    "item_duplicado": "Ítem duplicado", "ocupante_duplicado": "Misma persona en dos puestos",
    "superior_desconocido": "Superior sin POAI en el lote",
}
# Fields whose absence is always a finding (SCHEMA.md), and their severity by default.
ALWAYS_REQUIRED = ("denominacion", "objetivo", "gestion")
_FIELD_NAMES = {
    "denominacion": "la denominación del puesto",
    "item": "el número de ítem",
    "dependencia": "la dependencia",
    "inmediato_superior": "el inmediato superior",
    "ocupante": "el nombre del ocupante",
    "cargos_supervisados": "los cargos supervisados",
    "objetivo": "el objetivo del puesto",
    "gestion": "la gestión",
}
_PUESTO_FIELDS = ("denominacion", "item", "dependencia", "inmediato_superior", "ocupante")
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
    "ponderacion": "la ponderación",
}
TIPO_NAMES = {"especifica": "Función específica", "rutinaria": "Función rutinaria"}


class RulesError(PoaiError):
    """A rules file that cannot be used; ``clave`` names the offending key."""

    codigo = "reglas_invalidas"

    def __init__(self, mensaje: str, clave: str | None = None) -> None:
        super().__init__(mensaje)
        self.clave = clave


@dataclass
class Rule:
    """One rule's settings."""

    activa: bool = True
    severidad: str | None = None  # None: the rule's own default (campo_vacio varies by field)


@dataclass
class Rules:
    """The audit configuration of an entity (built-in defaults unless a TOML file says otherwise)."""

    rules: dict[str, Rule] = field(default_factory=lambda: {name: Rule() for name in RULES})
    total: float = 100.0  # ponderacion_total: what the weights must add up to
    tolerancia: float = 0.01  # ponderacion_total: allowed difference
    minimo_funciones: int = 1  # sin_funciones: fewer functions than this is a finding
    requeridos: tuple[str, ...] = ALWAYS_REQUIRED  # campo_vacio: fields that must always be filled

    def active(self, name: str) -> bool:
        """Whether a rule is switched on."""
        return self.rules[name].activa

    def severity(self, name: str, default: str | None = None) -> str:
        """The severity a rule's findings carry."""
        return self.rules[name].severidad or default or DEFAULT_SEVERITY[name]


DEFAULT_RULES = Rules()

_RULE_KEYS = {"activa", "severidad"}
_EXTRA_KEYS = {
    "ponderacion_total": {"total", "tolerancia"},
    "sin_funciones": {"minimo"},
    "campo_vacio": {"requeridos"},
}


def load_rules(path: str | Path) -> Rules:
    """Read an entity's rules file (TOML). Every problem names the key concerned.

    Example::

        [ponderacion_total]
        severidad = "advertencia"
        tolerancia = 0.5

        [sin_funciones]
        minimo = 5

        [campo_vacio]
        requeridos = ["denominacion", "objetivo", "gestion", "item", "ocupante"]

        [superior_desconocido]
        activa = false
    """
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulesError(f"No se puede leer el archivo de reglas {path}: {os_reason(exc)}.") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        position = re.search(r"line (\d+), column (\d+)", str(exc))
        place = f" (línea {position.group(1)}, columna {position.group(2)})" if position else ""
        raise RulesError(f"El archivo de reglas {path} no es TOML válido{place}: revise su sintaxis.") from exc
    rules = Rules()
    for name, settings in data.items():
        if name not in RULES:
            raise RulesError(f"Regla desconocida en {path}: '{name}'. Reglas posibles: {', '.join(RULES)}.", name)
        if not isinstance(settings, dict):
            raise RulesError(f"En {path}, '{name}' debe ser una tabla [{name}].", name)
        allowed = _RULE_KEYS | _EXTRA_KEYS.get(name, set())
        for key, value in settings.items():
            where = f"{name}.{key}"
            if key not in allowed:
                raise RulesError(f"Clave desconocida en {path}: '{where}'. Claves posibles: "
                                 f"{', '.join(sorted(allowed))}.", where)
            _apply(rules, name, key, value, where, path)
    return rules


def _apply(rules: Rules, name: str, key: str, value: Any, where: str, path: str | Path) -> None:
    def bad(expected: str) -> RulesError:
        return RulesError(f"En {path}, '{where}' debe ser {expected} (se encontró {value!r}).", where)

    if key == "activa":
        if not isinstance(value, bool):
            raise bad("true o false")
        rules.rules[name].activa = value
    elif key == "severidad":
        if value not in SEVERITIES:
            raise bad('"error", "advertencia" o "info"')
        rules.rules[name].severidad = value
    elif key in {"total", "tolerancia"}:
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise bad("un número positivo")
        setattr(rules, key, float(value))
    elif key == "minimo":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise bad("un número entero positivo")
        rules.minimo_funciones = value
    elif key == "requeridos":
        if not isinstance(value, list) or any(v not in _FIELD_NAMES for v in value):
            raise bad(f"una lista con campos de {', '.join(_FIELD_NAMES)}")
        rules.requeridos = tuple(value)


@dataclass
class AuditFacts:
    """What the parser learnt about the layout, which the record itself does not say."""

    family_labels: list[str] = field(default_factory=list)  # puesto labels the layout prints
    family_sections: list[str] = field(default_factory=list)  # sections the layout has
    labels_found: list[str] = field(default_factory=list)  # puesto labels this document prints
    sections_found: list[str] = field(default_factory=list)
    function_columns: list[list[str]] = field(default_factory=list)  # per function, its table's columns

    def as_dict(self) -> dict[str, Any]:
        """JSON-serialisable form (kept in the catalog beside the record)."""
        return {k: list(v) for k, v in self.__dict__.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AuditFacts:
        """Inverse of :meth:`as_dict`."""
        return cls(**{k: list(v) for k, v in data.items() if k in cls.__dataclass_fields__})


def finding(regla: str, severidad: str, campo: str, mensaje: str) -> dict[str, Any]:
    """One entry of ``auditoria``."""
    return {"regla": regla, "severidad": severidad, "campo": campo, "mensaje": mensaje}


def audit_record(record: Record, facts: AuditFacts, rules: Rules = DEFAULT_RULES) -> None:
    """Fill ``auditoria``, ``completitud`` and ``estado`` of a record (document rules only)."""
    findings: list[dict[str, Any]] = []
    expected = filled = 0

    def count(ok: bool) -> None:
        nonlocal expected, filled
        expected += 1
        filled += ok

    puesto = record["puesto"]
    labels = set(facts.labels_found)
    for key in _PUESTO_FIELDS:
        printed = key in labels or key in facts.family_labels
        value = puesto[key]
        if printed:
            count(bool(value))
        required = key in rules.requeridos
        if not value and (key in labels or required) and rules.active("campo_vacio"):
            severity = rules.severity("campo_vacio", "error" if key in ALWAYS_REQUIRED else None)
            findings.append(finding("campo_vacio", severity, f"puesto.{key}",
                                    f"Identificación del puesto: falta {_FIELD_NAMES[key]}."))
    for key in ("objetivo", "gestion"):
        value = record[key]
        count(bool(value))
        if not value and key in rules.requeridos and rules.active("campo_vacio"):
            severity = rules.severity("campo_vacio", "error" if key in ALWAYS_REQUIRED else None)
            findings.append(finding("campo_vacio", severity, key, f"No se encontró {_FIELD_NAMES[key]}."))
    for section in facts.family_sections:
        present = section in facts.sections_found
        count(present)
        if not present and rules.active("seccion_faltante"):
            findings.append(finding("seccion_faltante", rules.severity("seccion_faltante"), section,
                                    f"Falta la sección {_SECTION_NAMES.get(section, section)}."))
    functions = record["funciones"]
    if len(functions) < rules.minimo_funciones and rules.active("sin_funciones"):
        message = ("El documento no tiene funciones." if not functions else
                   f"El documento tiene {len(functions)} funciones; se esperan al menos {rules.minimo_funciones}.")
        findings.append(finding("sin_funciones", rules.severity("sin_funciones"), "funciones", message))
    for index, function in enumerate(functions):
        columns = set(facts.function_columns[index]) if index < len(facts.function_columns) else set()
        checked = [k for k in ("resultado", "fuente_verificacion", "indicador") if k in columns]
        if "actividades" in columns and "fuente_verificacion" not in columns:
            checked.append("fuente_verificacion")  # the activities' media are the verification source
        where = f"{TIPO_NAMES.get(function['tipo'], 'Función')} {function['n']}"
        for key in [*checked, "ponderacion"]:
            present = function[key] is not None
            count(present)
            if not present and rules.active("funcion_incompleta"):
                findings.append(finding("funcion_incompleta", rules.severity("funcion_incompleta"),
                                        f"funciones.{key}", f"{where}: falta {_COLUMN_NAMES[key]}."))
    if functions and rules.active("ponderacion_total"):
        total = round(sum(f["ponderacion"] for f in functions if f["ponderacion"] is not None), 2)
        if abs(total - rules.total) > rules.tolerancia + 1e-9:
            findings.append(finding("ponderacion_total", rules.severity("ponderacion_total"), "funciones",
                                    f"Las ponderaciones suman {_number(total)}, no {_number(rules.total)}."))
    approval = record["aprobacion"]
    approved = bool(approval["elaborado_por"] or approval["aprobado_por"] or approval["ciudadania_digital"])
    count(approved)
    if not approved and rules.active("sin_aprobacion"):
        findings.append(finding("sin_aprobacion", rules.severity("sin_aprobacion"), "aprobacion",
                                "No consta quién elaboró ni quién aprobó el POAI, ni aprobación con Ciudadanía "
                                "Digital."))
    record["auditoria"] = findings
    record["completitud"] = round(100.0 * filled / expected, 1) if expected else 0.0
    record["estado"] = "parcial" if _partial(record, facts) else "ok"


def _partial(record: Record, facts: AuditFacts) -> bool:
    """Read, but some of what the layout has could not be found (independent of the rules file)."""
    missing_section = any(s not in facts.sections_found for s in facts.family_sections)
    return missing_section or not record["funciones"] or not record["puesto"]["denominacion"] or \
        not record["objetivo"]


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")
