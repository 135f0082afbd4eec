"""Compare a read record with the expected one, field by field, and aggregate per field kind and feature."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

FUNCTION_FIELDS = ["tipo", "n", "funcion", "resultado", "fuente_verificacion", "ponderacion", "indicador"]
PUESTO_FIELDS = ["denominacion", "item", "dependencia", "inmediato_superior", "ocupante", "cargos_supervisados"]
APPROVAL_FIELDS = ["elaborado_por", "aprobado_por", "ciudadania_digital", "fecha_elaboracion", "fecha_aprobacion"]


@dataclass
class FieldResult:
    """One compared field: its kind ("funciones.ponderacion"), its path in the record, and both values."""

    kind: str
    path: str
    ok: bool
    expected: Any
    actual: Any


@dataclass
class DocResult:
    """The score of one generated document."""

    seed: int
    index: int
    formato: str
    path: str
    features: dict[str, Any]
    words: dict[str, str]  # "labels.item" → synonym, "headers.funciones.n" → synonym …
    fields: list[FieldResult] = field(default_factory=list)
    error: str | None = None
    layout: str = ""

    @property
    def exact(self) -> int:
        """Fields read exactly."""
        return sum(f.ok for f in self.fields)

    @property
    def accuracy(self) -> float:
        """Share of fields read exactly (0–1)."""
        return self.exact / len(self.fields) if self.fields else 0.0

    def failures(self) -> list[FieldResult]:
        """The differing fields, in record order."""
        return [f for f in self.fields if not f.ok]


def norm(value: Any) -> Any:
    """A value as compared: text with white space collapsed ("" is null), numbers as floats, lists item-wise."""
    if isinstance(value, str):
        text = " ".join(value.split())
        return text or None
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return round(float(value), 4)
    if isinstance(value, list):
        return [norm(v) for v in value]
    if isinstance(value, dict):
        return {k: norm(v) for k, v in value.items()}
    return value


def _get(record: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(record, dict):
            return None
        record = record.get(key)
    return record


def _align(expected: list[dict[str, Any]], actual: list[dict[str, Any]], key: Any) -> list[tuple[int, int | None]]:
    """Pairs (expected index, actual index or None): by position when counts agree, else by matching keys."""
    if len(expected) == len(actual):
        return [(i, i) for i in range(len(expected))]
    matcher = difflib.SequenceMatcher(a=[key(e) for e in expected], b=[key(a) for a in actual], autojunk=False)
    pairs: list[tuple[int, int | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for offset in range(i2 - i1):
            j = j1 + offset if tag in {"equal", "replace"} and j1 + offset < j2 else None
            pairs.append((i1 + offset, j))
    return pairs


def _entries(
    out: list[FieldResult], name: str, expected: list[dict[str, Any]], actual: Any, names: list[str], key: str
) -> None:
    actual = actual if isinstance(actual, list) else []
    out.append(
        FieldResult(f"{name}.cantidad", f"{name}.length", len(expected) == len(actual), len(expected), len(actual))
    )
    for i, j in _align(expected, actual, lambda e: norm(e.get(key)) if isinstance(e, dict) else None):
        got = actual[j] if j is not None and isinstance(actual[j], dict) else {}
        for sub in names:
            e, a = norm(expected[i].get(sub)), norm(got.get(sub))
            out.append(FieldResult(f"{name}.{sub}", f"{name}[{i}].{sub}", e == a, expected[i].get(sub), got.get(sub)))


def compare(expected: dict[str, Any], actual: dict[str, Any]) -> list[FieldResult]:
    """Every content field of ``expected`` against ``actual`` (see the module docstring)."""
    out: list[FieldResult] = []

    def one(kind: str, *keys: str) -> None:
        e, a = _get(expected, *keys), _get(actual, *keys)
        out.append(FieldResult(kind, ".".join(keys), norm(e) == norm(a), e, a))

    one("gestion", "gestion")
    for key in PUESTO_FIELDS:
        one(f"puesto.{key}", "puesto", key)
    for key in ("intrainstitucionales", "interinstitucionales"):
        one(f"relaciones.{key}", "relaciones", key)
    one("objetivo", "objetivo")
    functions = expected["funciones"]
    _entries(out, "funciones", functions, actual.get("funciones"), FUNCTION_FIELDS, "funcion")
    one("normas", "normas")
    _entries(
        out, "formacion", expected["formacion"], actual.get("formacion"), ["area", "grado_minimo", "prioridad"], "area"
    )
    for key in ("general", "profesional", "sector_publico"):
        one(f"experiencia.{key}", "experiencia", key)
    _entries(
        out,
        "conocimientos",
        expected["conocimientos"],
        actual.get("conocimientos"),
        ["conocimiento", "caracter"],
        "conocimiento",
    )
    one("cualidades", "cualidades")
    for key in APPROVAL_FIELDS:
        one(f"aprobacion.{key}", "aprobacion", key)
    return out


def group_of(kind: str) -> str:
    """The section a field kind belongs to ("funciones.n" → "funciones")."""
    return kind.split(".")[0]


# Which field group a drawn synonym can spoil, to report accuracy per synonym.
_SECTION_GROUPS = {
    "identificacion": "puesto",
    "descripcion": "objetivo",
    "especificas": "funciones",
    "rutinarias": "funciones",
    "requisitos": "formacion",
}
_LABEL_KINDS = {
    "intrainstitucionales": "relaciones.intrainstitucionales",
    "interinstitucionales": "relaciones.interinstitucionales",
}


def word_kinds(word_key: str) -> tuple[str, ...]:
    """Field kinds (or groups, ending in "*") whose accuracy a synonym choice is judged by."""
    table, _, key = word_key.partition(".")
    if table == "headings":
        return (_SECTION_GROUPS.get(key, key) + ".*",)
    if table == "labels":
        if key in PUESTO_FIELDS:
            return (f"puesto.{key}",)
        if key in _LABEL_KINDS:
            return (_LABEL_KINDS[key],)
        if key.startswith("exp_"):
            return (f"experiencia.{key[4:]}",)
        if key in APPROVAL_FIELDS:
            return (f"aprobacion.{key}",)
        return ("puesto.*",)
    group, _, column = key.partition(".")
    return (f"{group}.*",)


def doc_words(layout: Any, used: set[str]) -> dict[str, str]:
    """The synonyms a document printed, keyed "labels.item", "headings.normas", "headers.funciones.n"."""
    words = {f"labels.{k}": v for k, v in layout.labels.items()}
    words.update({f"headings.{k}": v for k, v in layout.headings.items()})
    words.update({f"headers.{k}": v for k, v in layout.headers.items()})
    return {k: v for k, v in words.items() if v in used}
