"""What a layout file must hold: every table, key and type, checked when the file is loaded.

The keys are the record's own field names, which the parsers read, so they are fixed here;
what a layout file changes is the words. A mistake raises LayoutSpecError with a Spanish
message that names the key and what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from extractor.errors import LayoutSpecError
from extractor.textnorm import fold

SECTION_KEYS = ("identificacion", "relaciones", "descripcion", "objetivo", "especificas", "rutinarias", "normas",
                "requisitos", "formacion", "experiencia", "conocimientos", "cualidades", "aprobacion")
# The audit also counts the functions tables as a section of a layout.
AUDIT_SECTIONS = (*SECTION_KEYS, "funciones")
PUESTO_KEYS = ("denominacion", "item", "dependencia", "inmediato_superior", "ocupante", "cargos_supervisados",
               "nivel", "lugar_trabajo", "intrainstitucionales", "interinstitucionales")
APPROVAL_KEYS = ("elaborado_por", "aprobado_por", "fecha_elaboracion", "fecha_aprobacion", "fecha_inicio",
                 "ciudadania_digital")
EXPERIENCE_KEYS = ("general", "profesional", "sector_publico")
COLUMN_KEYS = {
    "funciones": ("n", "funcion", "resultado", "fuente_verificacion", "ponderacion", "indicador", "actividades"),
    "actividades": ("actividad", "medio_verificacion", "porcentaje"),
    "formacion": ("area", "grado", "prioridad"),
    "conocimientos": ("conocimiento", "excluyente", "deseable", "caracter"),
    "experiencia": ("tipo", "anos"),
    "poa": ("codigo", "acp", "operacion", "actividad", "producto", "indicador", "meta", "medio_verificacion",
            "responsable", "ponderacion", "presupuesto", "descripcion"),
}
TIPO_KEYS = ("especifica", "rutinaria")
GRADE_CODES = ("doctorado", "postgrado", "licenciatura", "tecnico", "bachiller")
PRIORITY_CODES = ("excluyente", "deseable")


@dataclass(frozen=True)
class Words:
    """A list of at least ``minimum`` texts; ``folded`` ones are compared folded, so need a letter or digit."""

    folded: bool = False
    minimum: int = 1


@dataclass(frozen=True)
class Refs:
    """A list of names out of ``known``; ``what`` says what one of them is, for messages."""

    known: tuple[str, ...]
    what: str


@dataclass(frozen=True)
class Number:
    """A number, 0 or more."""

    integer: bool = False


@dataclass(frozen=True)
class Text:
    """One non-empty text."""


@dataclass(frozen=True)
class ListOf:
    """Exactly ``length`` lists of words; ``meaning`` says what each is."""

    item: Words
    length: int
    meaning: str


@dataclass(frozen=True)
class Table:
    """A table with the given keys (``fields``), or any keys (``each`` kind, names out of ``keys``)."""

    fields: Mapping[str, Kind] = field(default_factory=dict)
    each: Kind | None = None
    keys: Refs | None = None
    optional: frozenset[str] = frozenset()
    minimum: int = 0


Kind = Words | Refs | Number | Text | ListOf | Table


def _synonyms(keys: Iterable[str], folded: bool = False) -> Table:
    return Table({k: Words(folded) for k in keys})


_SECTION = Refs(SECTION_KEYS, "una sección de [sections]")
_PUESTO = Refs(PUESTO_KEYS, "un campo de [fields.puesto]")
_FOLDED_VALUES = ("nobody", "no_experience", "total_rows", "month_units", "year_units", "date_before_month",
                  "date_before_year", "gestion_words", "gestion_qualifiers")

SCHEMA = Table({
    "sections": _synonyms(SECTION_KEYS),
    "headings": Table({"one_word": _SECTION, "grouping": _SECTION, "not_alone": Words(folded=True)},
                      optional=frozenset({"grouping", "not_alone"})),
    "instructions": Table({"starts": Words(folded=True)}),
    "fields": Table({
        "puesto": _synonyms(PUESTO_KEYS),
        "puesto_order": Table({"order": _PUESTO}),
        "puesto_lists": Table({"fields": _PUESTO}),
        "puesto_fallback": Table(each=_PUESTO, keys=_PUESTO),
        "aprobacion": _synonyms(APPROVAL_KEYS),
        "experiencia": _synonyms(EXPERIENCE_KEYS),
    }, optional=frozenset({"puesto_fallback"})),
    "columns": Table({name: _synonyms(keys) for name, keys in COLUMN_KEYS.items()}),
    "column_prefixes": Table({name: Table(each=Words(folded=True), keys=Refs(keys, f"una columna de [columns.{name}]"))
                              for name, keys in COLUMN_KEYS.items()}, optional=frozenset(COLUMN_KEYS)),
    "tipos": _synonyms(TIPO_KEYS, folded=True),
    "values": Table({
        **{key: Words(folded=True) for key in _FOLDED_VALUES},
        "marks": Words(), "plan_acronyms": Words(), "item_prefixes": Words(), "weight_units": Words(),
        "months": ListOf(Words(folded=True), 12, "los meses en orden"),
        "numbers": Table(each=Number()),
    }),
    "grades": _synonyms(GRADE_CODES, folded=True),
    "grade_area": Table({"words": Words(folded=True), "links": Words(folded=True),
                         "max_words_between": Number(integer=True)}),
    "priorities": Table({code: Table({"words": Words(folded=True), "prefixes": Words(True, 0),
                                      "abbreviations": Words(True, 0)},
                                     optional=frozenset({"prefixes", "abbreviations"}))
                         for code in PRIORITY_CODES}),
    "parts": Table({"opens": _SECTION, "opening_fields": _PUESTO, "closing": _SECTION,
                    "min_closing": Number(integer=True)}),
    "layouts": Table(each=Table({"nombre": Text(), "signature": Words(folded=True),
                                 "sections": Refs(AUDIT_SECTIONS, "una sección de [sections] ni 'funciones'"),
                                 "labels": _PUESTO}), minimum=1),
}, optional=frozenset({"column_prefixes", "parts"}))


def check_spec(data: dict[str, Any], source: str) -> None:
    """Raise LayoutSpecError unless ``data`` (a parsed layout file named ``source``) is a valid spec."""
    checker = _Checker(source)
    checker.check(SCHEMA, data, "")
    fields = data["fields"]
    order = fields["puesto_order"]["order"]
    for key in PUESTO_KEYS:
        if order.count(key) != 1:
            where = "fields.puesto_order.order"
            raise checker.fail(where, f"'{where}' debe nombrar cada campo de [fields.puesto] una vez "
                                      f"('{key}' figura {order.count(key)} veces)")
    for key, sources in fields.get("puesto_fallback", {}).items():
        if key in sources:
            where = f"fields.puesto_fallback.{key}"
            raise checker.fail(where, f"'{where}' no puede nombrar su propio campo '{key}'")


def _show(value: Any) -> str:
    """A found value as a message shows it: short, a table said in words."""
    if isinstance(value, dict):
        return "una tabla" if value else "una tabla vacía"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


class _Checker:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> LayoutSpecError:
        return LayoutSpecError(f"En {self.source}, {message}.", where, self.source)

    def wrong(self, where: str, expected: str, found: Any) -> LayoutSpecError:
        return self.fail(where, f"'{where}' debe ser {expected} (se encontró {_show(found)})")

    def check(self, kind: Kind, value: Any, where: str) -> None:
        """Check ``value`` (found at ``where``) against ``kind``."""
        if isinstance(kind, Table):
            self.table(kind, value, where)
        elif isinstance(kind, Words):
            self.words(kind, value, where)
        elif isinstance(kind, Refs):
            self.refs(kind, value, where)
        elif isinstance(kind, Number):
            integer = kind.integer and not isinstance(value, int)
            if isinstance(value, bool) or not isinstance(value, int | float) or integer or value < 0:
                raise self.wrong(where, "un número entero (0 o más)" if kind.integer else "un número (0 o más)", value)
        elif isinstance(kind, Text):
            if not isinstance(value, str) or not value.strip():
                raise self.wrong(where, "un texto no vacío", value)
        else:
            if not isinstance(value, list) or len(value) != kind.length:
                found = f"una lista de {len(value)}" if isinstance(value, list) else _show(value)
                raise self.fail(where, f"'{where}' debe ser una lista de {kind.length} listas de textos, "
                                       f"{kind.meaning} (se encontró {found})")
            for index, item in enumerate(value, 1):
                self.words(kind.item, item, f"{where}[{index}]")

    def table(self, kind: Table, value: Any, where: str) -> None:
        """A table: its required keys present, no unknown key, every value of its kind."""
        if not isinstance(value, dict):
            raise self.wrong(where, f"una tabla [{where}]", value)
        prefix = f"{where}." if where else ""
        for key, sub in kind.fields.items():
            if key not in value and key not in kind.optional:
                missing = f"la tabla [{prefix}{key}]" if isinstance(sub, Table) else f"'{prefix}{key}'"
                raise LayoutSpecError(f"En {self.source} falta {missing}.", prefix + key, self.source)
        allowed = tuple(kind.fields) if kind.each is None else kind.keys.known if kind.keys else None
        for key, item in value.items():
            if allowed is not None and key not in allowed:
                raise LayoutSpecError(f"Clave desconocida en {self.source}: '{prefix}{key}'. Claves posibles: "
                                      f"{', '.join(allowed)}.", prefix + key, self.source)
            self.check(kind.fields[key] if kind.each is None else kind.each, item, prefix + key)
        if len(value) < kind.minimum:
            raise self.wrong(where, f"una tabla con al menos {kind.minimum} entrada", value)

    def words(self, kind: Words, value: Any, where: str) -> None:
        """A list of non-empty texts, enough of them; folded ones must keep something after folding."""
        if not isinstance(value, list):
            raise self.wrong(where, "una lista de textos", value)
        for item in value:
            if not isinstance(item, str):
                raise self.wrong(where, "una lista de textos", item)
            if not item.strip():
                raise self.wrong(where, "una lista de textos no vacíos", item)
            if kind.folded and not fold(item):
                raise self.fail(where, f"'{where}' tiene {item!r}, que no tiene letras ni números: "
                                       "no coincidiría con ningún texto")
        if len(value) < kind.minimum:
            raise self.wrong(where, "una lista con al menos un texto", value)

    def refs(self, kind: Refs, value: Any, where: str) -> None:
        """A list of names, each one of ``kind.known``."""
        self.words(Words(minimum=0), value, where)
        for name in value:
            if name not in kind.known:
                raise self.fail(where, f"'{where}' nombra {name!r}, que no es {kind.what}. "
                                       f"Posibles: {', '.join(kind.known)}")
