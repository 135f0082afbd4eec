"""``lectura_dudosa``: values the reader is unsure of, found from the value (and its field) alone.

Each class below is almost always a reading fault — a damaged content stream, a font that lost
its character map, a label read into the wrong cell, a PDF whose spaces were lost, a text file
decoded with the wrong encoding:

- illegible characters: control characters (NUL …), private-use glyphs, the replacement
  character "\ufffd";
- letters decoded with the wrong encoding: UTF-8 bytes read as Windows-1252 ("InformaciÃ³n");
- symbols: a value made only of symbols or of one glyph repeated ("•••••", "____"), or mostly of
  symbols with a few letters left ("3••••#••"), which a font without its character map gives;
- layout text taken as a value: a heading or label of the layout ("Normas a Cumplir",
  "NormasaCumplir"), a one-word section heading ("CONOCIMIENTOS"), or a label of the value's own
  field or column, whole or its first words ("ACTIVIDAD" as an activity, "MEDIO DE" as a means
  of verification) — the words come from the layout data (layouts.toml), never from here;
- words run together: a long run of letters without spaces ("MARIAFERNANDACHOQUELIMACHI"),
  lower → upper case steps inside a word ("DireccionGeneralDe"), or in a person's name a word
  longer than any name ("ROSAELENAQUISPE");
- a word that OCR read with little confidence.

Each such value is a finding naming its field; the record is then ``parcial``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from extractor.layout.spec import Vocabulary, vocabulary
from extractor.model.record import Record
from extractor.textnorm import compact, fold

# A run of letters this long is several words run together: Spanish words stop well before it
# ("interinstitucionalización" has 25 letters and is rare in a POAI value).
_RUN_TOGETHER = 26
# Inside one run of letters, this many lower → upper case steps ("NombreApellidoMaterno").
_CAMEL_STEPS = 2
# In a person's name no word is this long ("VILLAVICENCIO" has 13 letters): longer is names run together.
_NAME_RUN = 14
# The fields that hold a person's name (record keys, not layout words).
_PERSON_FIELDS = ("puesto.ocupante", "aprobacion.elaborado_por", "aprobacion.aprobado_por")
# A value with at least this many glyphs, less than half of them letters or digits, is symbols.
_SYMBOL_GLYPHS = 6
_SYMBOL_SHARE = 0.5
_LETTERS = re.compile(r"[^\W\d_]+")
_CAMEL = re.compile(r"[a-záéíóúñü][A-ZÁÉÍÓÚÑÜ]")
# Unicode categories no value holds: control, private use, unassigned, surrogate.
_ILLEGIBLE = frozenset({"Cc", "Co", "Cn", "Cs"})

SYMBOLS = "está hecho solo de símbolos o de un mismo carácter repetido"
MOSTLY_SYMBOLS = "está hecho casi todo de símbolos, como un texto cuya fuente no se pudo leer"
ILLEGIBLE = "tiene caracteres ilegibles o de control"
LAYOUT = "es un título o un rótulo del formulario, no un dato"
RUN_TOGETHER = "tiene palabras pegadas, sin espacios"


def doubtful_values(record: Record, unsure: list[str] | None = None) -> Iterator[tuple[str, str, str]]:
    """``(campo, value, why)`` for every doubtful text value of a readable record; ``unsure``:
    the words OCR read with little confidence."""
    unsure_words = frozenset(unsure or ())
    for campo, value in _texts(record):
        why = doubt(value, campo)
        if why is None and unsure_words:
            hits = [word for word in value.split() if word in unsure_words]
            if hits:
                why = f"tiene palabras leídas por OCR con poca confianza («{hits[0]}»)"
        if why is not None:
            yield campo, value, why


def doubt(value: str, campo: str | None = None) -> str | None:
    """Why ``value`` is doubtful (a Spanish phrase), or None when it reads as a value. ``campo``:
    its SCHEMA.md field path ("funciones[2].indicador"), which tells its own labels."""
    squeezed = "".join(value.split())
    if not squeezed:
        return None
    if any(unicodedata.category(ch) in _ILLEGIBLE for ch in squeezed) or "\ufffd" in squeezed:
        return ILLEGIBLE
    wrong = _mojibake(value)
    if wrong is not None:
        return f"tiene letras mal decodificadas («{wrong[0]}» en lugar de «{wrong[1]}»)"
    letters_digits = sum(ch.isalnum() for ch in squeezed)
    if letters_digits == 0 or (len(squeezed) >= 4 and len(set(squeezed)) == 1):
        return SYMBOLS
    if len(squeezed) >= _SYMBOL_GLYPHS and letters_digits < _SYMBOL_SHARE * len(squeezed):
        return MOSTLY_SYMBOLS
    if _is_layout_text(value) or (campo is not None and _is_own_label(value, campo)):
        return LAYOUT
    longest = _NAME_RUN if campo in _PERSON_FIELDS else _RUN_TOGETHER
    for run in _LETTERS.findall(value):
        if len(run) >= longest or len(_CAMEL.findall(run)) >= _CAMEL_STEPS:
            return RUN_TOGETHER
    return None


# A character of UTF-8 read as Windows-1252 (or Latin-1): the lead byte of a sequence, then its
# continuation bytes (0x80-0xBF, which Windows-1252 shows as "³", "‰", "“", "•" …).
_LEADS = "".join(chr(b) for b in range(0xC2, 0xF5))
_CONTINUATIONS = "".join(sorted({bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xC0)}
                                | {chr(b) for b in range(0x80, 0xC0)}))
_MOJIBAKE = re.compile(f"[{re.escape(_LEADS)}][{re.escape(_CONTINUATIONS)}]{{1,3}}")


def _mojibake(value: str) -> tuple[str, str] | None:
    """A piece of ``value`` that is UTF-8 decoded as Windows-1252, with what it should read;
    None when there is none (a Spanish letter next to a symbol never decodes to a Latin letter)."""
    for match in _MOJIBAKE.finditer(value):
        piece = match.group(0)
        try:
            raw = bytes(ord(ch) if ord(ch) < 0x100 else ch.encode("cp1252")[0] for ch in piece)
            fixed = raw.decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        # What it decodes to must be what Spanish text holds: a Latin letter, a sign or punctuation.
        if all(0x80 <= ord(ch) <= 0x24F or 0x2000 <= ord(ch) <= 0x20AC for ch in fixed):
            return piece, fixed
    return None


def _is_layout_text(value: str) -> bool:
    folded = fold(value)
    if len(folded) < 6 or len(folded.split()) > 8:
        return False
    return folded in _layout_words() or compact(value) in _layout_compact() or folded in _one_word_headings()


@lru_cache(maxsize=1)
def _layout_words() -> frozenset[str]:
    """Every heading and label of the layout data, folded (multi-word ones only: a one-word
    label such as "Área" can also be a value — unless it is its own field's, see _own_labels)."""
    spec = vocabulary()
    tables = [spec.sections, spec.puesto, spec.aprobacion, *spec.columns.values()]
    words = {fold(s) for table in tables for synonyms in table.values() for s in synonyms}
    return frozenset(w for w in words if len(w.split()) >= 2)


@lru_cache(maxsize=1)
def _layout_compact() -> frozenset[str]:
    return frozenset(w.replace(" ", "") for w in _layout_words())


@lru_cache(maxsize=1)
def _one_word_headings() -> frozenset[str]:
    """The one-word headings the layout data lets open a section alone ("CONOCIMIENTOS"), but not
    those it says are also data ([headings] not_alone)."""
    spec = vocabulary()
    words = {fold(s) for key in spec.one_word_sections for s in spec.sections[key] if " " not in fold(s)}
    return frozenset(words - spec.not_alone_headings)


# A field path's own labels: (pattern, which table of the layout data, the key group).
_OWN_FIELDS = (
    (re.compile(r"funciones\[\d+\]\.actividades\[\d+\]\.(\w+)"), "columns", "actividades"),
    (re.compile(r"funciones\[\d+\]\.(\w+)"), "columns", "funciones"),
    (re.compile(r"(formacion|conocimientos)\[\d+\]\.(\w+)"), "columns", ""),
    (re.compile(r"(?:puesto|relaciones)\.(\w+)(?:\[\d+\])?"), "puesto", ""),
    (re.compile(r"aprobacion\.(\w+)"), "aprobacion", ""),
    (re.compile(r"(normas|cualidades|objetivo)(?:\[\d+\])?"), "sections", ""),
)


def _is_own_label(value: str, campo: str) -> bool:
    """Whether ``value`` is a label of its own field or column, or its section's heading — whole,
    or its first two words or more ("MEDIO DE" of "medio de verificacion")."""
    folded = fold(value)
    if not folded:
        return False
    labels = _own_labels(campo)
    words = folded.split()
    return folded in labels or (len(words) >= 2 and any(label.startswith(folded + " ") for label in labels))


@lru_cache(maxsize=256)
def _own_labels(campo: str) -> frozenset[str]:
    spec = vocabulary()
    for pattern, table, group in _OWN_FIELDS:
        match = pattern.fullmatch(campo)
        if match is None:
            continue
        keys = match.groups()
        synonyms = _synonyms(spec, table, group, keys)
        section = keys[0] if table == "columns" and not group else None
        if table == "sections" or section:
            synonyms += spec.sections.get(keys[0], [])
        return frozenset(fold(s) for s in synonyms)
    return frozenset()


def _synonyms(spec: Vocabulary, table: str, group: str, keys: tuple[str, ...]) -> list[str]:
    if table == "columns":
        name, key = (group, keys[0]) if group else keys
        return list(spec.columns.get(name, {}).get(key, []))
    if table == "puesto":
        return list(spec.puesto.get(keys[0], []))
    if table == "aprobacion":
        return list(spec.aprobacion.get(keys[0], []))
    return []


def _texts(record: Record) -> Iterator[tuple[str, str]]:
    """Every text value of a record with its SCHEMA.md field path."""
    puesto = record.puesto
    yield from _fields("puesto", puesto, ("denominacion", "item", "dependencia", "inmediato_superior", "ocupante"))
    yield from _listed("puesto.cargos_supervisados", puesto.cargos_supervisados)
    yield from _listed("relaciones.intrainstitucionales", record.relaciones.intrainstitucionales)
    yield from _listed("relaciones.interinstitucionales", record.relaciones.interinstitucionales)
    if record.objetivo:
        yield "objetivo", record.objetivo
    for index, function in enumerate(record.funciones):
        where = f"funciones[{index}]"
        yield from _fields(where, function, ("funcion", "resultado", "fuente_verificacion", "indicador"))
        for number, activity in enumerate(function.actividades):
            yield from _fields(f"{where}.actividades[{number}]", activity, ("actividad", "medio_verificacion"))
    yield from _listed("normas", record.normas)
    yield from _listed("cualidades", record.cualidades)
    for index, education in enumerate(record.formacion):
        yield from _fields(f"formacion[{index}]", education, ("area", "grado_minimo", "prioridad"))
    for index, knowledge in enumerate(record.conocimientos):
        yield from _fields(f"conocimientos[{index}]", knowledge, ("conocimiento", "caracter"))
    yield from _fields("aprobacion", record.aprobacion, ("elaborado_por", "aprobado_por"))


def _fields(path: str, item: object, keys: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    for key in keys:
        value = getattr(item, key)
        if value:
            yield f"{path}.{key}", value


def _listed(path: str, values: list[str]) -> Iterator[tuple[str, str]]:
    for index, value in enumerate(values):
        if value:
            yield f"{path}[{index}]", value
