"""The layout spec (``layouts.toml``): loaded, validated and compiled, with fuzzy matching of
headings, labels and columns.

The built-in file is loaded once (:func:`vocabulary`); an entity may supply its own with
:func:`load_spec`. Every table and key is checked when a file is loaded: a mistake raises
:class:`~extractor.errors.LayoutSpecError`, whose Spanish message names the key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from extractor.errors import LayoutSpecError, os_reason
from extractor.layout.schema import check_spec
from extractor.textnorm import compact, fold, strip_numbering, strip_parenthetical

# A heading or label must be this close (rapidfuzz ratio, 0-100) to one of its synonyms.
THRESHOLD = 86.0
# Words this short must match exactly: "item" must not take "iten" for "ítem" of a value.
_SHORT = 5
BUILTIN = "layouts.toml"


@dataclass(frozen=True)
class Family:
    """A known layout family: how to recognise it and what it prints."""

    key: str
    nombre: str
    signature: tuple[str, ...]
    sections: tuple[str, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Priority:
    """How a requirement's priority code is written: whole words, beginnings, abbreviations (compacted)."""

    code: str
    prefixes: tuple[str, ...]
    exact: frozenset[str]


@dataclass(frozen=True)
class ValueWords:
    """The ``[values]``, ``[grades]``, ``[grade_area]`` and ``[priorities]`` tables, compiled.

    Folded word sets are compared with folded text; the patterns are built once here because
    the value normalisers run for every cell of every document.
    """

    marks: frozenset[str]
    nobody: frozenset[str]
    no_experience: frozenset[str]
    total_rows: frozenset[str]
    numbers: dict[str, float]
    months: dict[str, int]
    month_unit: re.Pattern[str]
    year_unit: re.Pattern[str]
    written_date: re.Pattern[str]
    gestion_year: re.Pattern[str]
    plan_year: re.Pattern[str]
    item_prefix: re.Pattern[str]
    weight: re.Pattern[str]
    grades: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]
    degree_prefix: re.Pattern[str]
    priorities: tuple[Priority, ...]
    priority_note: re.Pattern[str]


class Vocabulary:
    """A validated layout spec: synonym tables, word lists and the known layouts, with matching helpers."""

    def __init__(self, data: dict[str, Any], source: str = BUILTIN) -> None:
        check_spec(data, source)
        self.data = data
        self.source = source
        self.sections: dict[str, list[str]] = data["sections"]
        self.instruction_starts: list[str] = data["instructions"]["starts"]
        self._instruction_prefixes = tuple(fold(start) for start in self.instruction_starts)
        self.one_word_sections = frozenset(data["headings"]["one_word"])
        self.grouping_sections = frozenset(data["headings"].get("grouping", ()))
        self.not_alone_headings = frozenset(data["headings"].get("not_alone", ()))
        fields = data["fields"]
        self.puesto: dict[str, list[str]] = {k: fields["puesto"][k] for k in fields["puesto_order"]["order"]}
        self.list_fields = frozenset(fields["puesto_lists"]["fields"])
        self.puesto_fallback = {k: tuple(v) for k, v in fields.get("puesto_fallback", {}).items()}
        self.aprobacion: dict[str, list[str]] = fields["aprobacion"]
        self.digital_signature = tuple(fold(s) for s in self.aprobacion["ciudadania_digital"])
        self.experiencia: dict[str, list[str]] = fields["experiencia"]
        self.columns: dict[str, dict[str, list[str]]] = data["columns"]
        # Header cells that begin with these words name the column whatever follows ("Código POA (5)").
        self.column_prefixes: dict[str, dict[str, tuple[str, ...]]] = {
            name: {key: tuple(fold(w) for w in words) for key, words in table.items()}
            for name, table in data.get("column_prefixes", {}).items()}
        # Folded here: the functions reader looks for them as whole words of a folded header.
        self.tipos: dict[str, list[str]] = {k: [fold(w) for w in v] for k, v in data["tipos"].items()}
        self.values = _value_words(data)
        parts = data.get("parts", {"opens": [], "opening_fields": [], "closing": [], "min_closing": 0})
        self.part_opens = frozenset(parts["opens"])
        self.part_opening_fields: dict[str, list[str]] = {k: self.puesto[k] for k in parts["opening_fields"]}
        self.part_closing = frozenset(parts["closing"])
        self.part_min_closing = int(parts["min_closing"])
        self.families = [
            Family(key, v["nombre"], tuple(v["signature"]), tuple(v["sections"]), tuple(v["labels"]))
            for key, v in data["layouts"].items()
        ]

    # -- matching --------------------------------------------------------------------------
    def match(self, text: str, table: dict[str, list[str]], threshold: float = THRESHOLD) -> str | None:
        """The key of ``table`` whose synonym best fits ``text`` (a heading, label or header)."""
        key, _score = best_key(text, table, threshold)
        return key

    def name_columns(self, texts: Sequence[str], table: str, max_len: int | None = None,
                     unique: bool = False) -> dict[int, str | None]:
        """The column key of ``[columns.<table>]`` each non-empty text of a header row names
        (None where it names none); a synonym that begins a cell names it too when
        ``[column_prefixes.<table>]`` lists it. With ``max_len``, a row with a longer text is no
        header at all ({}); with ``unique``, a key named twice keeps its first column only."""
        synonyms = self.columns[table]
        prefixes = self.column_prefixes.get(table, {})
        mapped: dict[int, str | None] = {}
        for index, text in enumerate(texts):
            if not text:
                continue
            if max_len is not None and len(text) > max_len:
                return {}
            key, _score = best_key(text, synonyms)
            if key is None and prefixes:
                words = fold(text)
                key = next((k for k, starts in prefixes.items()
                            if any(words == s or words.startswith(s + " ") for s in starts)), None)
            if unique and key is not None and key in mapped.values():
                key = None
            mapped[index] = key
        return mapped

    def section_of(self, text: str) -> str | None:
        """The section a heading line names, or None."""
        if len(text) > 110:
            return None
        return self.match(text, self.sections)

    def is_instruction(self, text: str) -> bool:
        """Whether a line is the form's own instruction (never data)."""
        return fold(strip_numbering(text)).startswith(self._instruction_prefixes)


# -- word lists compiled --------------------------------------------------------------------


def _folded(words: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _words_pattern(words: Iterable[str]) -> str:
    """Folded words as one alternation, longest first ("tecnico superior" before "tecnico")."""
    unique = sorted(dict.fromkeys(fold(w) for w in words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in unique) + ")"


def _printed_pattern(forms: Iterable[str]) -> str:
    """Printed forms in their listed order: every "." optional, a space any white space or none."""
    def one(form: str) -> str:
        return "".join(r"\.?" if ch == "." else r"\s*" if ch == " " else re.escape(ch) for ch in form)

    return "(?:" + "|".join(one(f) for f in forms) + ")"


def _value_words(data: dict[str, Any]) -> ValueWords:
    values, area = data["values"], data["grade_area"]
    months = {fold(s): number for number, spellings in enumerate(values["months"], 1) for s in spellings}
    priorities = tuple(
        Priority(code, tuple(compact(p) for p in rule.get("prefixes", [])),
                 frozenset(compact(w) for w in rule["words"] + rule.get("abbreviations", [])))
        for code, rule in data["priorities"].items()
    )
    priority_words = [w for rule in data["priorities"].values() for w in rule["words"]]
    return ValueWords(
        marks=frozenset(values["marks"]), nobody=_folded(values["nobody"]),
        no_experience=_folded(values["no_experience"]), total_rows=_folded(values["total_rows"]),
        numbers={fold(k): v for k, v in values["numbers"].items()}, months=months,
        month_unit=re.compile(rf"\b{_words_pattern(values['month_units'])}\b"),
        year_unit=re.compile(rf"\b{_words_pattern(values['year_units'])}\b"),
        written_date=re.compile(rf"\b(\d{{1,2}})\s+(?:{_words_pattern(values['date_before_month'])}\s+)?([a-z]+)\s+"
                                rf"(?:{_words_pattern(values['date_before_year'])}\s+)?(\d{{4}})\b"),
        gestion_year=re.compile(rf"\b{_words_pattern(values['gestion_words'])}\s*"
                                rf"(?:{_words_pattern(values['gestion_qualifiers'])}\s*)?(20\d\d|19\d\d)\b"),
        plan_year=re.compile(rf"\b{_printed_pattern(values['plan_acronyms'])}\s*[-–]?\s*(20\d\d)\b", re.IGNORECASE),
        # A prefix is a word of its own: "N° 147", "Numero 161", never the "No" of "Nogales".
        item_prefix=re.compile(rf"^(?:{_printed_pattern(values['item_prefixes'])})(?![^\W\d_])\s*", re.IGNORECASE),
        weight=re.compile(rf"[\d\s.,%]+{_printed_pattern(values['weight_units'])}?", re.IGNORECASE),
        # Long single words are also looked for with the spaces removed ("Licencia tura").
        grades=tuple(
            (code, re.compile(rf"\b{_words_pattern(words)}\b"),
             tuple(w for w in (fold(x) for x in words) if " " not in w and len(w) > 7))
            for code, words in data["grades"].items()
        ),
        degree_prefix=re.compile(rf"^.*?\b{_words_pattern(area['words'])}\b(?:\s+\w+){{0,{area['max_words_between']}}}?"
                                 rf"\s+{_words_pattern(area['links'])}\s+"),
        priorities=priorities,
        priority_note=re.compile(rf"[\(\[\-–—,;:]?\s*\b({_words_pattern(priority_words)})\b\s*[\)\]]?",
                                 re.IGNORECASE),
    )


# -- fuzzy matching of labels -----------------------------------------------------------------


def label_forms(text: str) -> list[str]:
    """The folded forms a label may be compared in: with and without parenthetical remarks."""
    base = strip_numbering(text.strip()).rstrip(":").strip()
    forms = [fold(strip_parenthetical(base)), fold(base)]
    return [f for i, f in enumerate(forms) if f and f not in forms[:i]]


Frozen = tuple[tuple[str, tuple[str, ...]], ...]
_FROZEN: dict[int, tuple[dict[str, list[str]], Frozen]] = {}


def _freeze(table: dict[str, list[str]]) -> Frozen:
    """A hashable copy of a synonym table (memoised: the vocabulary's tables live for the process)."""
    entry = _FROZEN.get(id(table))
    if entry is None or entry[0] is not table:
        entry = (table, tuple((k, tuple(v)) for k, v in table.items()))
        _FROZEN[id(table)] = entry
    return entry[1]


def best_key(text: str, table: dict[str, list[str]], threshold: float = THRESHOLD) -> tuple[str | None, float]:
    """Best-scoring key of ``table`` for ``text`` and its score (0 when below ``threshold``)."""
    return _best_key(text.strip(), _freeze(table), threshold)


@lru_cache(maxsize=32768)  # forms repeat their labels on every page and every document
def _best_key(raw: str, table: Frozen, threshold: float) -> tuple[str | None, float]:
    forms = label_forms(raw) or [raw]
    best: tuple[str | None, float] = (None, 0.0)
    for key, synonyms in table:
        for synonym in synonyms:
            score = _score(forms, synonym, raw)
            if score > best[1]:
                best = (key, score)
    if best[1] < threshold:
        return None, 0.0
    return best


@lru_cache(maxsize=8192)
def _fold_synonym(synonym: str) -> str:
    return fold(synonym) if fold(synonym) else synonym.strip()


def _score(forms: list[str], synonym: str, raw: str) -> float:
    target = _fold_synonym(synonym)
    if not fold(synonym):  # a symbol such as "#" or "%"
        return 100.0 if raw.strip().rstrip(":") == synonym else 0.0
    best = 0.0
    for form in forms:
        if len(target) < _SHORT or len(form) < _SHORT:
            score = 100.0 if form == target or form.replace(" ", "") == target.replace(" ", "") else 0.0
        else:
            score = fuzz.ratio(form, target)
            if score < THRESHOLD:
                # A narrow column may have broken a word in two ("Licencia tura").
                score = max(score, fuzz.ratio(form.replace(" ", ""), target.replace(" ", "")) - 1)
        best = max(best, score)
    return best


# -- loading ------------------------------------------------------------------------------------


def parse_spec(text: str, source: str = BUILTIN) -> Vocabulary:
    """A layout spec from TOML text; ``source`` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        position = re.search(r"line (\d+), column (\d+)", str(exc))
        place = f" (línea {position.group(1)}, columna {position.group(2)})" if position else ""
        raise LayoutSpecError(f"El archivo de plantillas {source} no es TOML válido{place}: revise su sintaxis.",
                              archivo=source) from exc
    return Vocabulary(data, source)


def load_spec(path: str | Path) -> Vocabulary:
    """An entity's own layout file (a complete copy of ``layouts.toml``, edited), validated.

    Not cached: the caller keeps the result and passes it on (``parse_document(document, spec)``).
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise LayoutSpecError(f"No se puede leer el archivo de plantillas {path}: {os_reason(exc)}.",
                              archivo=str(path)) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LayoutSpecError(f"El archivo de plantillas {path} no está en UTF-8: guárdelo con esa codificación.",
                              archivo=str(path)) from exc
    return parse_spec(text, str(path))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The built-in layout spec, loaded and validated once per process."""
    raw = resources.files("extractor.layout").joinpath(BUILTIN).read_bytes()
    return parse_spec(raw.decode("utf-8"), BUILTIN)
