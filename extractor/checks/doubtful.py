"""``lectura_dudosa``: values the reader is unsure of, found from the value alone.

A value made only of symbols or of one glyph repeated ("•••••", "____"), a heading or label
of the layout taken as a value ("Normas a Cumplir", "NormasaCumplir"), or words run together
(a long run of letters without spaces, "MARIAFERNANDACHOQUE") is almost always a reading
fault: a damaged content stream, a label read into the wrong cell, a PDF whose spaces were
lost. A value holding a word that OCR read with little confidence is doubtful too. Each such
value is a finding naming its field; the record is then ``parcial``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from extractor.layout.spec import vocabulary
from extractor.model.record import Record
from extractor.textnorm import compact, fold

# A run of letters this long is several words run together: Spanish words stop well before it
# ("interinstitucionalización" has 25 letters and is rare in a POAI value).
_RUN_TOGETHER = 26
# Inside one run of letters, this many lower → upper case steps ("NombreApellidoMaterno").
_CAMEL_STEPS = 2
_LETTERS = re.compile(r"[^\W\d_]+")
_CAMEL = re.compile(r"[a-záéíóúñü][A-ZÁÉÍÓÚÑÜ]")


def doubtful_values(record: Record, unsure: list[str] | None = None) -> Iterator[tuple[str, str, str]]:
    """``(campo, value, why)`` for every doubtful text value of a readable record; ``unsure``:
    the words OCR read with little confidence."""
    unsure_words = frozenset(unsure or ())
    for campo, value in _texts(record):
        why = doubt(value)
        if why is None and unsure_words:
            hits = [word for word in value.split() if word in unsure_words]
            if hits:
                why = f"tiene palabras leídas por OCR con poca confianza («{hits[0]}»)"
        if why is not None:
            yield campo, value, why


def doubt(value: str) -> str | None:
    """Why ``value`` is doubtful (a Spanish phrase), or None when it reads as a value."""
    squeezed = value.replace(" ", "")
    if not squeezed:
        return None
    letters_digits = sum(ch.isalnum() for ch in squeezed)
    if letters_digits == 0 or (len(squeezed) >= 4 and len(set(squeezed)) == 1):
        return "está hecho solo de símbolos o de un mismo carácter repetido"
    if _is_layout_text(value):
        return "es un título o un rótulo del formulario, no un dato"
    for run in _LETTERS.findall(value):
        if len(run) >= _RUN_TOGETHER or len(_CAMEL.findall(run)) >= _CAMEL_STEPS:
            return "tiene palabras pegadas, sin espacios"
    return None


def _is_layout_text(value: str) -> bool:
    folded = fold(value)
    if len(folded) < 6 or len(folded.split()) > 8:
        return False
    return folded in _layout_words() or compact(value) in _layout_compact()


@lru_cache(maxsize=1)
def _layout_words() -> frozenset[str]:
    """Every heading and label of the layout data, folded (multi-word ones only: a one-word
    label such as "Área" can also be a value)."""
    spec = vocabulary()
    tables = [spec.sections, spec.puesto, spec.aprobacion, *spec.columns.values()]
    words = {fold(s) for table in tables for synonyms in table.values() for s in synonyms}
    return frozenset(w for w in words if len(w.split()) >= 2)


@lru_cache(maxsize=1)
def _layout_compact() -> frozenset[str]:
    return frozenset(w.replace(" ", "") for w in _layout_words())


def _texts(record: Record) -> Iterator[tuple[str, str]]:
    """Every text value of a record with its SCHEMA.md field path."""
    puesto = record.puesto
    for key in ("denominacion", "item", "dependencia", "inmediato_superior", "ocupante"):
        value = getattr(puesto, key)
        if value:
            yield f"puesto.{key}", value
    yield from _listed("puesto.cargos_supervisados", puesto.cargos_supervisados)
    yield from _listed("relaciones.intrainstitucionales", record.relaciones.intrainstitucionales)
    yield from _listed("relaciones.interinstitucionales", record.relaciones.interinstitucionales)
    if record.objetivo:
        yield "objetivo", record.objetivo
    for index, function in enumerate(record.funciones):
        for key in ("funcion", "resultado", "fuente_verificacion", "indicador"):
            value = getattr(function, key)
            if value:
                yield f"funciones[{index}].{key}", value
    yield from _listed("normas", record.normas)
    yield from _listed("cualidades", record.cualidades)
    yield from _listed("formacion", [e.area or "" for e in record.formacion], ".area")
    yield from _listed("conocimientos", [k.conocimiento or "" for k in record.conocimientos], ".conocimiento")
    for key in ("elaborado_por", "aprobado_por"):
        value = getattr(record.aprobacion, key)
        if value:
            yield f"aprobacion.{key}", value


def _listed(path: str, values: list[str], key: str = "") -> Iterator[tuple[str, str]]:
    for index, value in enumerate(values):
        if value:
            yield f"{path}[{index}]{key}", value
