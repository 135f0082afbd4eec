"""Values of fields as documents write them: bullets, blank signature lines.

The words of "nobody" ("ninguno", "N/A") are layout data: ``[values] nobody`` in ``layouts.toml``.
"""

from __future__ import annotations

import re

from extractor.model.document import Cell
from extractor.textnorm import clean_ws

# Bullets as typed, and as Symbol/Wingdings glyphs, which Word stores in the Private Use Area
# ("\uf0a7" is Wingdings' square, "\uf0b7" Symbol's dot).
_BULLET = re.compile(r"^\s*(?:[\uf000-\uf0ff]\s*|(?:[•·▪►■◦●*\-–—]|\(?[a-z]\))\s+)")
SIGNATURE_FILLER = re.compile(r"^[\s_.\-–—]*$")
# A signature line drawn with characters beside a name in the same box ("ANA PÉREZ ______").
_FILLER_RUN = re.compile(r"\s*_{4,}\s*")


def strip_bullet(text: str) -> str:
    """The text without a leading list bullet ("•", "-", "a)")."""
    return clean_ws(_BULLET.sub("", text))


def cell_value(cell: Cell | None) -> str | None:
    """A cell's text, or None when blank or only a signature line ("____")."""
    if cell is None:
        return None
    text = clean_ws(cell.text)
    if not text or SIGNATURE_FILLER.match(text):
        return None
    return clean_ws(_FILLER_RUN.sub(" ", text))
