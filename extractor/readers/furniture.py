"""Page furniture readers drop: lines that only number the page, or that end numbering it."""

from __future__ import annotations

import re

# "3", "- 3 -", "Página 2", "Pág. 2 de 4", "2/4", "Page 2 of 4": a page number and nothing else.
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:p[aá]g(?:ina)?|page)\.?\s*)?\d{1,4}(?:\s*(?:de|/|of)\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE)
# The same, said in words or as "N de M": in running text a bare "3" may be a value.
_NAMED_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:p[aá]g(?:ina)?|page)\.?\s*\d{1,4}(?:\s*(?:de|/|of)\s*\d{1,4})?|\d{1,4}\s*(?:de|of)\s*\d{1,4})\s*$",
    re.IGNORECASE)

# A running footer that ends numbering the page: "Formulario RRHH-01 (v.3) - Página 2 de 3".
_PAGE_SUFFIX = re.compile(
    r"\s[-–—|·]\s*(?:p[aá]g(?:ina)?|page)\.?\s*\d{1,4}(?:\s*(?:de|/|of)\s*\d{1,4})?\s*$", re.IGNORECASE)


def is_page_number(text: str, bare: bool = True) -> bool:
    """Whether a line is only a page number, or a running footer ending with one; ``bare=False``
    (body text) asks for a page word or "N de M", since a lone number there may be a value."""
    text = text.strip()
    return bool((_PAGE_NUMBER if bare else _NAMED_PAGE_NUMBER).match(text) or _PAGE_SUFFIX.search(text))
