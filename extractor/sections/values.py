"""Normalisers for the typed values of a record: weights, years, dates, codes, marks."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence

from extractor.textnorm import clean_ws, compact, fold

_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s*(%?)")

_WORD_NUMBERS = {
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "medio": 0.5,
}

MARKS = {"x", "✓", "✔", "•", "●", "si", "v", "*", "■", "☒", "✗", "✘"}


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


def parse_weight(text: str | None) -> float | None:
    """A weight as printed ("10,00", "10 %", "10.00", "0,10") as a number, or None."""
    cleaned = clean_ws(text)
    if not cleaned:
        return None
    # Only a cell that is essentially a number is a weight: "10 %" yes, "Informe 2" no.
    if not re.fullmatch(r"[\d\s.,%]+(?:pts?\.?|puntos)?", cleaned, flags=re.IGNORECASE):
        return None
    return parse_number(cleaned)


def scale_fractions(weights: Sequence[float | None]) -> list[float | None]:
    """Turn fractional weights (0,10 …) into percentages when all weights of a table are fractions."""
    present = [w for w in weights if w is not None]
    if present and all(w <= 1.0 for w in present) and abs(sum(present) - 1.0) <= 0.02 + 1e-9:
        return [None if w is None else round(w * 100, 6) for w in weights]
    return list(weights)


def parse_years(text: str | None) -> float | None:
    """Years of experience from "3", "3 años", "Tres (3) años", "dos años", "6 meses"."""
    cleaned = clean_ws(text)
    if not cleaned:
        return None
    folded = fold(cleaned)
    if folded in {"no", "ninguna", "ninguno", "no requiere", "n a", "na", "-"}:
        return 0
    number = parse_number(cleaned)
    if number is None:
        for word in folded.split():
            if word in _WORD_NUMBERS:
                number = float(_WORD_NUMBERS[word])
                break
    if number is None:
        return None
    if re.search(r"\bmes(es)?\b", folded) and not re.search(r"\ban(o|os)\b", folded):
        number = number / 12
    return int(number) if float(number).is_integer() else round(number, 2)


def is_mark(text: str | None) -> bool:
    """Whether a cell holds a check mark ("X", "x", "✓", "•" …)."""
    folded = clean_ws(text).lower()
    return bool(folded) and (folded in MARKS or fold(folded) in MARKS)


def priority_code(text: str | None) -> str | None:
    """``excluyente`` / ``deseable`` where the cell says so (any case, accents, broken words)."""
    cleaned = clean_ws(text)
    if not cleaned:
        return None
    squeezed = compact(cleaned)
    if squeezed.startswith("excluy") or squeezed in {"excluyente", "exc"}:
        return "excluyente"
    if squeezed.startswith("desea") or squeezed in {"deseable", "des"}:
        return "deseable"
    return cleaned


_GRADES: list[tuple[str, tuple[str, ...]]] = [
    ("doctorado", ("doctorado", "doctor", "phd")),
    ("postgrado", ("postgrado", "post grado", "posgrado", "maestria", "magister", "diplomado",
                   "especialidad", "especializacion", "master")),
    ("licenciatura", ("licenciatura", "licenciado", "licenciada", "ingenieria", "ingeniero",
                      "titulo en provision nacional", "titulo profesional", "profesional",
                      "arquitecto", "abogado", "economista", "contador publico")),
    ("tecnico", ("tecnico", "tecnica", "egresado", "egresada", "tecnico superior",
                 "tecnico medio", "universitario")),
    ("bachiller", ("bachiller", "bachillerato", "secundaria")),
]


def grade_code(text: str | None) -> str | None:
    """The ``grado_minimo`` code that a header or a free-text requirement names."""
    folded = fold(text)
    if not folded:
        return None
    squeezed = folded.replace(" ", "")
    for code, words in _GRADES:
        for word in words:
            if re.search(r"\b" + re.escape(word) + r"\b", folded) or (
                " " not in word and len(word) > 7 and word in squeezed
            ):
                return code
    return None


_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "ene": 1, "feb": 2, "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7,
    "ago": 8, "sep": 9, "set": 9, "oct": 10, "nov": 11, "dic": 12,
}


def parse_date(text: str | None) -> str | None:
    """An ISO date from "15/01/2023", "15-01-2023", "2023-01-15" or "15 de enero de 2023"."""
    cleaned = clean_ws(text)
    if not cleaned:
        return None
    folded = fold(cleaned)
    candidates: list[tuple[int, int, int]] = []
    for d, m, y in re.findall(r"\b(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4}|\d{2})\b", cleaned):
        candidates.append((int(y) + (2000 if len(y) == 2 else 0), int(m), int(d)))
    for y, m, d in re.findall(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", cleaned):
        candidates.insert(0, (int(y), int(m), int(d)))
    match = re.search(r"\b(\d{1,2})\s+(?:de\s+)?([a-z]+)\s+(?:de\s+|del\s+)?(\d{4})\b", folded)
    if match and match.group(2) in _MONTHS:
        candidates.append((int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1))))
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


_ITEM_PREFIX = re.compile(r"^(?:n\s*[°ºo]\.?|nro\.?|no\.|num\.?|numero|#)\s*", re.IGNORECASE)


def clean_item(text: str | None) -> str | None:
    """An item number as text, without a leading "N°", "Nro." or "No."."""
    cleaned = clean_ws(text)
    if not cleaned:
        return None
    stripped = _ITEM_PREFIX.sub("", cleaned).strip()
    return stripped or None


def parse_year(text: str | None) -> int | None:
    """The fiscal year ("GESTIÓN 2023", "gestión: 2024") in ``text``."""
    folded = fold(text)
    match = re.search(r"\bgestion\s*(?:fiscal\s*)?(20\d\d|19\d\d)\b", folded)
    return int(match.group(1)) if match else None
