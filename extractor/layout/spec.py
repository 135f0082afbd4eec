"""The layout vocabulary (``layouts.toml``) and fuzzy matching of headings, labels and columns."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from extractor.textnorm import fold, strip_numbering, strip_parenthetical

# A heading or label must be this close (rapidfuzz ratio, 0-100) to one of its synonyms.
THRESHOLD = 86.0
# Words this short must match exactly: "item" must not take "iten" for "ítem" of a value.
_SHORT = 5


@dataclass(frozen=True)
class Family:
    """A known layout family: how to recognise it and what it prints."""

    key: str
    nombre: str
    signature: tuple[str, ...]
    sections: tuple[str, ...]
    labels: tuple[str, ...]


class Vocabulary:
    """Synonym tables loaded from TOML, with matching helpers."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.sections: dict[str, list[str]] = data["sections"]
        self.instruction_starts: list[str] = data["instructions"]["starts"]
        self.puesto: dict[str, list[str]] = {
            k: data["fields"]["puesto"][k] for k in data["fields"]["puesto_order"]["order"]
        }
        self.aprobacion: dict[str, list[str]] = data["fields"]["aprobacion"]
        self.experiencia: dict[str, list[str]] = data["fields"]["experiencia"]
        self.columns: dict[str, dict[str, list[str]]] = data["columns"]
        self.tipos: dict[str, list[str]] = data["tipos"]
        self.families = [
            Family(key, v["nombre"], tuple(v["signature"]), tuple(v["sections"]), tuple(v["labels"]))
            for key, v in data["layouts"].items()
        ]

    # -- matching --------------------------------------------------------------------------
    def match(self, text: str, table: dict[str, list[str]], threshold: float = THRESHOLD) -> str | None:
        """The key of ``table`` whose synonym best fits ``text`` (a heading, label or header)."""
        key, _score = best_key(text, table, threshold)
        return key

    def section_of(self, text: str) -> str | None:
        """The section a heading line names, or None."""
        if len(text) > 110:
            return None
        return self.match(text, self.sections)

    def is_instruction(self, text: str) -> bool:
        """Whether a line is the form's own instruction (never data)."""
        folded = fold(strip_numbering(text))
        return any(folded.startswith(start.rstrip(":")) for start in self.instruction_starts)


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


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The built-in vocabulary, loaded once."""
    raw = resources.files("extractor.layout").joinpath("layouts.toml").read_bytes()
    return Vocabulary(tomllib.loads(raw.decode("utf-8")))
