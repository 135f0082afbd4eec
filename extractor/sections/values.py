"""Normalisers for the typed values of a record: weights, years, dates, codes, marks.

The words values are written with come from the layout spec (``[values]``, ``[grades]`` and
``[priorities]`` of ``layouts.toml``): each normaliser takes the spec to use, the built-in one
by default.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence

from extractor.layout.spec import ValueWords, Vocabulary, vocabulary
from extractor.textnorm import clean_ws, compact, fold

_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s*(%?)")


def _words(spec: Vocabulary | None) -> ValueWords:
    return (spec or vocabulary()).values


def parse_number(text: str | None) -> float | None:
    """The first number in ``text``; a decimal comma or point both read as decimal.

    >>> parse_number("10,00")
    10.0
    """
    if not text:
        return None
    match = _NUMBER.search(text.replace(" ", " "))
    if not match:
        return None
    return float(match.group(1).replace(",", "."))


def parse_weight(text: str | None, spec: Vocabulary | None = None) -> float | None:
    """A weight as printed ("10,00", "10 %", "10.00", "0,10") as a number, or None."""
    cleaned = clean_ws(text)
    if not cleaned:
        return None
    # Only a cell that is essentially a number is a weight: "10 %" yes, "Informe 2" no.
    if not _words(spec).weight.fullmatch(cleaned):
        return None
    return parse_number(cleaned)


def scale_fractions(weights: Sequence[float | None]) -> list[float | None]:
    """Turn fractional weights (0,10 …) into percentages when all weights of a table are fractions."""
    present = [w for w in weights if w is not None]
    if present and all(w <= 1.0 for w in present) and abs(sum(present) - 1.0) <= 0.02 + 1e-9:
        return [None if w is None else round(w * 100, 6) for w in weights]
    return list(weights)


def parse_years(text: str | None, spec: Vocabulary | None = None) -> float | None:
    """Years of experience from "3", "3 años", "Tres (3) años", "dos años", "6 meses"."""
    cleaned = clean_ws(text)
    if not cleaned:
        return None
    words = _words(spec)
    folded = fold(cleaned)
    if folded in words.no_experience:
        return 0
    number = parse_number(cleaned)
    if number is None:
        for word in folded.split():
            if word in words.numbers:
                number = float(words.numbers[word])
                break
    if number is None:
        return None
    if words.month_unit.search(folded) and not words.year_unit.search(folded):
        number = number / 12
    return int(number) if float(number).is_integer() else round(number, 2)


def is_mark(text: str | None, spec: Vocabulary | None = None) -> bool:
    """Whether a cell holds a check mark ("X", "x", "✓", "•" …)."""
    folded = clean_ws(text).lower()
    marks = _words(spec).marks
    return bool(folded) and (folded in marks or fold(folded) in marks)


def priority_code(text: str | None, spec: Vocabulary | None = None) -> str | None:
    """``excluyente`` / ``deseable`` where the cell says so (any case, accents, broken words)."""
    cleaned = clean_ws(text)
    if not cleaned:
        return None
    squeezed = compact(cleaned)
    for priority in _words(spec).priorities:
        if squeezed.startswith(priority.prefixes) or squeezed in priority.exact:
            return priority.code
    return cleaned


def split_priority(text: str, spec: Vocabulary | None = None) -> tuple[str, str | None]:
    """A requirement and the priority noted in it: "Ley 1178 (excluyente)" → ("Ley 1178", "excluyente")."""
    match = _words(spec).priority_note.search(text)
    if not match:
        return clean_ws(text), None
    stripped = clean_ws(text[: match.start()] + " " + text[match.end():]).strip(" ,;:-")
    return stripped, priority_code(match.group(1), spec)


def grade_code(text: str | None, spec: Vocabulary | None = None) -> str | None:
    """The ``grado_minimo`` code that a header or a free-text requirement names."""
    folded = fold(text)
    if not folded:
        return None
    squeezed = folded.replace(" ", "")
    for code, named, long_words in _words(spec).grades:
        # A long single word is also found broken in two by a narrow column ("Licencia tura").
        if named.search(folded) or any(word in squeezed for word in long_words):
            return code
    return None


def parse_date(text: str | None, spec: Vocabulary | None = None) -> str | None:
    """An ISO date from "15/01/2023", "15-01-2023", "2023-01-15" or "15 de enero de 2023"."""
    cleaned = clean_ws(text)
    if not cleaned:
        return None
    words = _words(spec)
    folded = fold(cleaned)
    candidates: list[tuple[int, int, int]] = []
    for d, m, y in re.findall(r"\b(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4}|\d{2})\b", cleaned):
        candidates.append((int(y) + (2000 if len(y) == 2 else 0), int(m), int(d)))
    for y, m, d in re.findall(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", cleaned):
        candidates.insert(0, (int(y), int(m), int(d)))
    match = words.written_date.search(folded)
    if match and match.group(2) in words.months:
        candidates.append((int(match.group(3)), words.months[match.group(2)], int(match.group(1))))
    for y, m, d in candidates:
        try:
            return _dt.date(y, m, d).isoformat()
        except ValueError:
            continue
    if not candidates and re.search(r"\d", cleaned):
        return _parse_date_fallback(cleaned)
    return None


def _parse_date_fallback(text: str) -> str | None:
    # dateparser is slow to import; only the odd written forms reach it.
    import dateparser

    parsed = dateparser.parse(
        text, languages=["es"], settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                                          "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date().isoformat() if parsed else None


def clean_item(text: str | None, spec: Vocabulary | None = None) -> str | None:
    """An item number as text, without a leading "N°", "Nro." or "No."."""
    cleaned = clean_ws(text)
    if not cleaned:
        return None
    stripped = _words(spec).item_prefix.sub("", cleaned, count=1).strip()
    return stripped or None


def parse_year(text: str | None, spec: Vocabulary | None = None) -> int | None:
    """The fiscal year ("GESTIÓN 2023", "gestión: 2024") in ``text``."""
    folded = fold(text)
    match = _words(spec).gestion_year.search(folded)
    return int(match.group(1)) if match else None
