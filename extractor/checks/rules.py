"""The audit rules' settings: defaults, names, and an entity's rules file (TOML).

An entity may switch a rule off, change its severity or its tolerance in a TOML file (see
:func:`load_rules`); every command applies the same rules through the one audit pass.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import PoaiError, RulesError
from extractor.inputs import read_input

SEVERITIES = ("error", "advertencia", "info")
RULES = ("campo_vacio", "seccion_faltante", "sin_funciones", "funcion_incompleta", "ponderacion_total",
         "sin_aprobacion", "funcion_sin_poa", "lectura_dudosa", "item_duplicado", "ocupante_duplicado",
         "superior_desconocido", "documento_repetido")
DEFAULT_SEVERITY = {
    "campo_vacio": "advertencia", "seccion_faltante": "advertencia", "sin_funciones": "error",
    "funcion_incompleta": "advertencia", "ponderacion_total": "error", "sin_aprobacion": "advertencia",
    "funcion_sin_poa": "advertencia", "lectura_dudosa": "advertencia", "item_duplicado": "error",
    "ocupante_duplicado": "advertencia",
    "superior_desconocido": "info", "documento_repetido": "info",
}
# How an office reads each rule's name.
RULE_NAMES = {
    "campo_vacio": "Campo vacío", "seccion_faltante": "Sección faltante", "sin_funciones": "Sin funciones",
    "funcion_incompleta": "Función incompleta", "ponderacion_total": "Ponderaciones que no suman 100",
    "sin_aprobacion": "Sin aprobación", "funcion_sin_poa": "Función sin operación del POA",
    "lectura_dudosa": "Lectura dudosa",
    "item_duplicado": "Ítem duplicado", "ocupante_duplicado": "Misma persona en dos puestos",
    "superior_desconocido": "Superior sin POAI en el lote",
    "documento_repetido": "El mismo POAI en otro archivo",
}
# Fields whose absence is always a finding (SCHEMA.md), and their severity by default.
ALWAYS_REQUIRED = ("denominacion", "objetivo", "gestion")
FIELD_NAMES = {
    "denominacion": "la denominación del puesto",
    "item": "el número de ítem",
    "dependencia": "la dependencia",
    "inmediato_superior": "el inmediato superior",
    "ocupante": "el nombre del ocupante",
    "cargos_supervisados": "los cargos supervisados",
    "objetivo": "el objetivo del puesto",
    "gestion": "la gestión",
}
PUESTO_FIELDS = ("denominacion", "item", "dependencia", "inmediato_superior", "ocupante")
SECTION_NAMES = {
    "relaciones": "Relaciones",
    "funciones": "Funciones",
    "formacion": "Formación",
    "experiencia": "Experiencia",
    "conocimientos": "Conocimientos",
    "cualidades": "Cualidades personales",
    "normas": "Normas a cumplir",
}
COLUMN_NAMES = {
    "resultado": "el resultado",
    "fuente_verificacion": "la fuente de verificación",
    "indicador": "el indicador",
    "ponderacion": "la ponderación",
}
TIPO_NAMES = {"especifica": "Función específica", "rutinaria": "Función rutinaria"}


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
        data = tomllib.loads(read_input(str(path)).decode("utf-8"))  # a regular file only (never a FIFO)
    except PoaiError as exc:
        raise RulesError(f"No se puede leer el archivo de reglas {path}: {exc.mensaje}") from exc
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
        if not isinstance(value, list) or any(v not in FIELD_NAMES for v in value):
            raise bad(f"una lista con campos de {', '.join(FIELD_NAMES)}")
        rules.requeridos = tuple(value)


