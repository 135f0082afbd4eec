"""A record as the document page shows it: sections of fields, each with its findings and correction.

Every value the page shows has the element id of its field path (``puesto.ocupante`` →
``c-puesto-ocupante``, ``funciones[1].poa`` → ``c-funciones-1-poa``), so a finding links to
the field it names. A finding that names a column of a list without its row
(``funciones.fuente_verificacion``) marks that column in every row where it is empty; one that
names a whole section (``funciones``, ``aprobacion``) marks the section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from extractor.checks.rules import RULE_NAMES
from extractor.corrections import NOT_APPLIED, paths
from extractor.model.record import Finding, Record

DOUBTFUL = "lectura_dudosa"
NAMES = {**RULE_NAMES, NOT_APPLIED: "Corrección no aplicada", "documento_repetido": "Documento repetido"}
SEVERITY_ORDER = {"error": 0, "advertencia": 1, "info": 2}
Json = dict[str, Any]


def anchor(campo: str) -> str:
    """The element id of a field path (or of a whole section, for a section's key)."""
    return "c-" + re.sub(r"[^a-z0-9_]+", "-", campo.replace("]", "")).strip("-")


def rule_name(regla: str) -> str:
    """How an office reads a rule's code."""
    return NAMES.get(regla, regla.replace("_", " ").capitalize())


@dataclass
class Field:
    """One value of the record: its path, label, the text an input shows, and what marks it."""

    campo: str
    label: str
    text: str
    kind: str = "text"  # text | area | number | bool
    findings: list[Finding] = field(default_factory=list)
    correction: Json | None = None

    @property
    def id(self) -> str:
        """Its element id."""
        return anchor(self.campo)

    @property
    def doubtful(self) -> bool:
        """Whether the reader was unsure of it."""
        return any(f.regla == DOUBTFUL for f in self.findings)

    @property
    def severity(self) -> str | None:
        """The gravest severity of its findings."""
        ranked = sorted((f.severidad for f in self.findings), key=lambda s: SEVERITY_ORDER.get(s, 3))
        return ranked[0] if ranked else None


@dataclass
class Row:
    """One item of a list section (a function, a formation requirement …) and its fields."""

    campo: str
    title: str
    fields: list[Field]
    extra: Json = field(default_factory=dict)


@dataclass
class Section:
    """A section of the record: plain fields, or rows."""

    key: str
    title: str
    fields: list[Field] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def id(self) -> str:
        """Its element id (a finding naming the whole section links here)."""
        return anchor(self.key)


def text_of(value: Any) -> str:
    """A value as an input shows it: blank for null, one list item per line, numbers with a decimal
    comma as offices write them, sí/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


def _kind(campo: str) -> str:
    key = paths.leaf(campo)
    if key in paths.STRING_LISTS or key in ("objetivo", "funcion", "resultado", "fuente_verificacion"):
        return "area"
    if key in paths.NUMBERS:
        return "number"
    if key in paths.BOOLEANS:
        return "bool"
    return "text"


_PUESTO = [("denominacion", "Denominación del puesto"), ("item", "Ítem"), ("dependencia", "Dependencia"),
           ("inmediato_superior", "Inmediato superior"), ("ocupante", "Ocupante"),
           ("cargos_supervisados", "Cargos supervisados")]
_FUNCTION = [("funcion", "Función"), ("resultado", "Resultado"), ("fuente_verificacion", "Fuente de verificación"),
             ("ponderacion", "Ponderación"), ("indicador", "Indicador")]
_ACTIVITY = [("actividad", "Actividad"), ("medio_verificacion", "Medio de verificación"), ("porcentaje", "%")]
_FORMATION = [("area", "Área"), ("grado_minimo", "Grado mínimo"), ("prioridad", "Prioridad")]
_KNOWLEDGE = [("conocimiento", "Conocimiento"), ("caracter", "Carácter")]
_EXPERIENCE = [("general", "Experiencia general (años)"), ("profesional", "Experiencia profesional (años)"),
               ("sector_publico", "Experiencia en el sector público (años)")]
_APPROVAL = [("elaborado_por", "Elaborado por"), ("aprobado_por", "Aprobado por"),
             ("ciudadania_digital", "Aprobado con Ciudadanía Digital"),
             ("fecha_elaboracion", "Fecha de elaboración"), ("fecha_aprobacion", "Fecha de aprobación")]
TIPOS = {"especifica": "Función específica", "rutinaria": "Función rutinaria"}


class _Builder:
    """Builds the sections of one record with its findings placed on their fields."""

    def __init__(self, record: Record) -> None:
        self.data = record.to_dict()
        self.corrected = {c["campo"]: c for c in record.correcciones}
        self.placed: dict[str, list[Finding]] = {}
        self.sections: dict[str, list[Finding]] = {}
        self.links: dict[int, str] = {}  # finding (by position) → the element id it links to
        for number, finding in enumerate(record.auditoria):
            self._place(number, finding)

    def _place(self, number: int, finding: Finding) -> None:
        targets = targets_of(self.data, finding.campo)
        for target in targets:
            self.placed.setdefault(target, []).append(finding)
        if not targets:
            key = re.split(r"[.\[]", finding.campo, maxsplit=1)[0]
            self.sections.setdefault(key, []).append(finding)
            self.links[number] = anchor(key)
        else:
            self.links[number] = anchor(targets[0])

    def field(self, campo: str, label: str) -> Field:
        return Field(campo, label, text_of(paths.get(self.data, campo)), _kind(campo), self.placed.get(campo, []),
                     self.corrected.get(campo))

    def plain(self, key: str, title: str, names: list[tuple[str, str]], prefix: str) -> Section:
        section = Section(key, title, [self.field(f"{prefix}{name}", label) for name, label in names])
        section.findings = self.sections.get(key, [])
        return section

    def rows(self, key: str, title: str, names: list[tuple[str, str]], heading: str) -> Section:
        section = Section(key, title, findings=self.sections.get(key, []))
        for index, item in enumerate(self.data.get(key) or []):
            campo = f"{key}[{index}]"
            section.rows.append(Row(campo, f"{heading} {index + 1}",
                                    [self.field(f"{campo}.{name}", label) for name, label in names]))
            section.rows[-1].extra = {"item": item}
        return section


def targets_of(data: Json, campo: str) -> list[str]:
    """The field paths a finding's ``campo`` marks: the field itself when the record has it, or a list
    column's empty cells (every row's when none is empty); [] for a section or an unknown path."""
    try:
        paths.get(data, campo)
        if re.search(r"\[\d+\]$", campo) and paths.leaf(campo) in paths.STRING_LISTS:
            return [re.sub(r"\[\d+\]$", "", campo)]  # an item of a list shown as one field
        return [campo] if "." in campo or "[" in campo or campo in ("gestion", "objetivo") else []
    except paths.FieldPathError:
        pass
    head, _dot, rest = campo.partition(".")
    items = data.get(head)
    if not rest or not isinstance(items, list):
        return []
    cells = [f"{head}[{i}].{rest}" for i in range(len(items))]
    try:
        values = [paths.get(data, c) for c in cells]
    except paths.FieldPathError:
        return []
    empty = [c for c, v in zip(cells, values) if v in (None, "", [])]
    return empty or cells


def sections(record: Record) -> tuple[list[Section], dict[int, str]]:
    """The record's sections, and for each finding (by its position in ``auditoria``) the element id
    it links to."""
    build = _Builder(record)
    ident = build.plain("puesto", "Identificación del puesto", _PUESTO, "puesto.")
    ident.fields.insert(0, build.field("gestion", "Gestión"))
    goal = Section("objetivo", "Objetivo del puesto", [build.field("objetivo", "Objetivo")])
    relations = build.plain("relaciones", "Relaciones", [("intrainstitucionales", "Intrainstitucionales"),
                                                        ("interinstitucionales", "Interinstitucionales")],
                            "relaciones.")
    functions = _functions(build)
    result = [ident, goal, relations, functions,
              build.plain("normas", "Normas a cumplir", [], ""),
              build.rows("formacion", "Formación", _FORMATION, "Requisito"),
              build.plain("experiencia", "Experiencia", _EXPERIENCE, "experiencia."),
              build.rows("conocimientos", "Conocimientos", _KNOWLEDGE, "Conocimiento"),
              build.plain("cualidades", "Cualidades personales", [], ""),
              build.plain("aprobacion", "Aprobación", _APPROVAL, "aprobacion.")]
    for section in result:
        if section.key in ("normas", "cualidades"):
            section.fields = [build.field(section.key, section.title)]
    return result, build.links


def _functions(build: _Builder) -> Section:
    section = Section("funciones", "Funciones", findings=build.sections.get("funciones", []))
    for index, item in enumerate(build.data.get("funciones") or []):
        campo = f"funciones[{index}]"
        fields = [build.field(f"{campo}.{name}", label) for name, label in _FUNCTION]
        for number, _activity in enumerate(item.get("actividades") or []):
            fields += [build.field(f"{campo}.actividades[{number}].{name}", f"Actividad {number + 1}: {label}")
                       for name, label in _ACTIVITY]
        row = Row(campo, f"{TIPOS.get(item['tipo'], 'Función')} {item['n']}", fields, {"item": item})
        link = f"{campo}.poa"
        row.extra["poa_campo"] = link
        row.extra["poa_findings"] = build.placed.get(link, [])
        row.extra["poa_correction"] = build.corrected.get(link)
        section.rows.append(row)
    return section
