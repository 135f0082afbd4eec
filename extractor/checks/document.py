"""Document rules: the fixed checks of SCHEMA.md on one record, and its completeness.

Each finding has a Spanish message that says what is missing and where. ``completitud`` is
the share (0-100) of the elements the recognised layout expects that the document fills.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.checks.doubtful import doubtful_values
from extractor.checks.rules import (
    ALWAYS_REQUIRED,
    COLUMN_NAMES,
    DEFAULT_RULES,
    FIELD_NAMES,
    PUESTO_FIELDS,
    SECTION_NAMES,
    TIPO_NAMES,
    Rules,
)
from extractor.model.facts import AuditFacts
from extractor.model.record import Finding, Funcion, Record


@dataclass
class _Tally:
    """Findings and the count of expected and filled elements."""

    rules: Rules
    findings: list[Finding] = field(default_factory=list)
    expected: int = 0
    filled: int = 0

    def count(self, ok: bool) -> None:
        self.expected += 1
        self.filled += ok

    def add(self, regla: str, campo: str, mensaje: str, severidad: str | None = None) -> None:
        if self.rules.active(regla):
            self.findings.append(Finding(regla, self.rules.severity(regla, severidad), campo, mensaje))


def audit_document(record: Record, facts: AuditFacts, rules: Rules = DEFAULT_RULES) -> None:
    """Set ``auditoria`` (document rules only), ``completitud`` and ``estado`` of a readable record."""
    tally = _Tally(rules)
    _identification(record, facts, tally)
    _sections(facts, tally)
    _functions(record.funciones, facts, tally)
    approval = record.aprobacion
    approved = bool(approval.elaborado_por or approval.aprobado_por or approval.ciudadania_digital)
    tally.count(approved)
    if not approved:
        tally.add("sin_aprobacion", "aprobacion",
                  "No consta quién elaboró ni quién aprobó el POAI, ni aprobación con Ciudadanía Digital.")
    doubtful = list(doubtful_values(record, facts.ocr_doubtful))
    for campo, value, why in doubtful:
        shown = value if len(value) <= 60 else value[:57] + "…"
        tally.add("lectura_dudosa", campo, f"Lectura dudosa en {campo}: «{shown}» {why}; revíselo en el documento.")
    record.auditoria = tally.findings
    record.completitud = round(100.0 * tally.filled / tally.expected, 1) if tally.expected else 0.0
    # A doubtful value makes the record partial whatever the rules file says: it was not read well.
    record.estado = "parcial" if doubtful or _partial(record, facts) else "ok"


def _required_severity(key: str) -> str | None:
    return "error" if key in ALWAYS_REQUIRED else None


def _identification(record: Record, facts: AuditFacts, tally: _Tally) -> None:
    labels = set(facts.labels_found)
    for key in PUESTO_FIELDS:
        value = getattr(record.puesto, key)
        if key in labels or key in facts.family_labels:
            tally.count(bool(value))
        if not value and (key in labels or key in tally.rules.requeridos):
            tally.add("campo_vacio", f"puesto.{key}", f"Identificación del puesto: falta {FIELD_NAMES[key]}.",
                      _required_severity(key))
    for key, present in (("objetivo", record.objetivo), ("gestion", record.gestion)):
        tally.count(bool(present))
        if not present and key in tally.rules.requeridos:
            tally.add("campo_vacio", key, f"No se encontró {FIELD_NAMES[key]}.", _required_severity(key))


def _sections(facts: AuditFacts, tally: _Tally) -> None:
    for section in facts.family_sections:
        present = section in facts.sections_found
        tally.count(present)
        if not present:
            tally.add("seccion_faltante", section, f"Falta la sección {SECTION_NAMES.get(section, section)}.")


def _functions(functions: list[Funcion], facts: AuditFacts, tally: _Tally) -> None:
    rules = tally.rules
    if len(functions) < rules.minimo_funciones:
        message = ("El documento no tiene funciones." if not functions else
                   f"El documento tiene {len(functions)} funciones; se esperan al menos {rules.minimo_funciones}.")
        tally.add("sin_funciones", "funciones", message)
    for index, function in enumerate(functions):
        columns = set(facts.function_columns[index]) if index < len(facts.function_columns) else set()
        checked = [k for k in ("resultado", "fuente_verificacion", "indicador") if k in columns]
        if "actividades" in columns and "fuente_verificacion" not in columns:
            checked.append("fuente_verificacion")  # the activities' media are the verification source
        where = f"{TIPO_NAMES.get(function.tipo, 'Función')} {function.n}"
        for key in [*checked, "ponderacion"]:
            present = getattr(function, key) is not None
            tally.count(present)
            if not present:
                tally.add("funcion_incompleta", f"funciones[{index}].{key}", f"{where}: falta {COLUMN_NAMES[key]}.")
    if functions:
        total = round(sum(f.ponderacion for f in functions if f.ponderacion is not None), 2)
        if abs(total - rules.total) > rules.tolerancia + 1e-9:
            tally.add("ponderacion_total", "funciones",
                      f"Las ponderaciones suman {number(total)}, no {number(rules.total)}.")


def _partial(record: Record, facts: AuditFacts) -> bool:
    """Read, but some of what the layout has could not be found (independent of the rules file)."""
    missing_section = any(s not in facts.sections_found for s in facts.family_sections)
    return missing_section or not record.funciones or not record.puesto.denominacion or not record.objetivo


def number(value: float) -> str:
    """A number as an office writes it: no trailing zeros, decimal comma."""
    return f"{value:g}".replace(".", ",")
