"""Text drawn behind or across a page that is no part of its content: watermarks.

A "BORRADOR", "COPIA" or "NO VÁLIDO" stamp is set in letters far larger than the page's text,
turned on a slant, and usually in a light grey: its letters would otherwise fall among the
lines they cross and mix into their values ("DISDEÑADOR"). Text whose baseline is not level is
never a form's content (vertical text is dropped as well: no form field is read from it);
very large text is a watermark when it is light, or when it dwarfs everything else on the page.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from extractor.readers.pdf.lines import PdfChar

# A glyph this many times the page's usual size, in a light colour, is a watermark's.
LIGHT_SCALE = 2.5
# ... and this many times, in any colour (a dark stamp drawn half transparent).
ANY_SCALE = 4.0
# A colour whose every component is at least this is light (0 black, 1 white).
LIGHT = 0.55
# A glyph whose baseline climbs more than this per unit of advance is on a slant.
SLANT = 0.02


def content_chars(chars: Sequence[PdfChar]) -> list[PdfChar]:
    """``chars`` without the glyphs of watermarks and text on a slant or turned."""
    horizontal = [c for c in chars if c.get("upright", True) and _level(c)]
    sizes = [c["size"] for c in horizontal if c["text"].strip()]
    if not sizes:
        return horizontal
    usual = statistics.median(sizes)
    return [c for c in horizontal if not _stamp(c, usual)]


def _level(char: PdfChar) -> bool:
    """Is the glyph set on a horizontal baseline? (Its matrix's second term is the sine of its
    turn; the third may shear it, as a synthetic italic does, and is left alone.)"""
    matrix = char.get("matrix")
    if not matrix or len(matrix) < 4:
        return True
    return bool(abs(matrix[1]) <= SLANT * max(abs(matrix[0]), 1e-9))


def _stamp(char: PdfChar, usual: float) -> bool:
    """Is the glyph a horizontal watermark's: huge beside the page's text, and light or vast?"""
    if char["size"] >= ANY_SCALE * usual:
        return True
    return char["size"] >= LIGHT_SCALE * usual and _light(char.get("non_stroking_color"))


def _light(colour: Any) -> bool:
    """Is a fill colour (grey, RGB or CMYK as pdfplumber gives it) light?"""
    if isinstance(colour, int | float):
        return float(colour) >= LIGHT
    if not isinstance(colour, tuple | list) or not colour or not all(isinstance(v, int | float) for v in colour):
        return False
    values = [float(v) for v in colour]
    if len(values) == 4:  # CMYK: light when little ink of every kind
        return all(v <= 1 - LIGHT for v in values)
    return all(v >= LIGHT for v in values)
