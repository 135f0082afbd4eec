"""Text normalisation: white space, accent and case folding, heading numbering."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"\s+")
# "1.-", "1 -", "1.", "3.2", "A.", "I.", "IV)" and similar prefixes of section headings ("4,4": a
# scan's point read as a comma).
_NUMBERING = re.compile(
    r"^\s*\d+(?:\s*[.,]\s*\d+)+\s*[.\-–—:)]*\s*(?=\S)"
    r"|^\s*(?:\d+|[A-Z]|[IVX]{1,5})\s*(?:[.\-–—:)]\s*)+(?=\S)"
)
_PUNCT = re.compile(r"[^\w\s%]", re.UNICODE)
# One number as a cell prints it: "12,5 %", "0.25", "3".
_FIGURE = re.compile(r"^\d+(?:[.,]\d+)?\s*%?$")


def clean_ws(text: str | None) -> str:
    """Collapse runs of white space into one space and strip (SCHEMA.md text rule)."""
    if not text:
        return ""
    return _WS.sub(" ", text.replace("\u00a0", " ")).strip()


def strip_accents(text: str) -> str:
    """Remove diacritics, keeping ñ as n (accent-insensitive matching)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str | None) -> str:
    """Lower-case, accent-free, punctuation-free, single-spaced form for matching."""
    if not text:
        return ""
    return _fold(text)


@lru_cache(maxsize=65536)  # the same labels and headings are folded again and again
def _fold(text: str) -> str:
    folded = strip_accents(text).lower().replace("º", "o").replace("°", "o")
    folded = _PUNCT.sub(" ", folded)
    return _WS.sub(" ", folded).strip()


def compact(text: str | None) -> str:
    """Folded text without any space: tolerant of words a narrow column broke in two."""
    return fold(text).replace(" ", "")


def strip_numbering(text: str) -> str:
    """Drop a leading section number such as "1.-", "3.2", "A." or "IV."."""
    return _NUMBERING.sub("", text, count=1).strip()


def strip_parenthetical(text: str) -> str:
    """Remove parenthesised remarks: "Objetivo del Puesto (razón de ser)" → "Objetivo del Puesto"."""
    return clean_ws(re.sub(r"\([^)]*\)?", " ", text))


def is_figure(text: str | None) -> bool:
    """Is ``text`` one number (a weight, a count, an item number)?"""
    return text is not None and bool(_FIGURE.match(text.strip()))
