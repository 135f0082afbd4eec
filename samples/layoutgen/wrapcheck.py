"""Keep list cells recoverable: each break between two items must be visibly deliberate.

A person (and a reader) tells two list items printed as lines from one item that wrapped by
asking whether the next item's first word would have fitted at the end of the previous line.
When an item's last line is so full that the next word could not have fitted, nobody can tell;
real documents have such cells, but a generated document's ground truth must be recoverable,
so the generator reorders such items (or, as a last resort, drops one) before drawing them.

Word files converted by LibreOffice tell more: LibreOffice prints a space glyph at the end of
every line it wraps, so an item whose last line ends without one, though it had room for it,
ended at an Enter (``spaced``): there only the room for a space is asked.
"""

from __future__ import annotations

import random

from reportlab.pdfbase.pdfmetrics import stringWidth

REPORTLAB_FONTS = {"Helvetica": "Helvetica", "Times": "Times-Roman", "Courier": "Courier", "Vera": "Vera"}
BOLD_FONTS = {"Helvetica": "Helvetica-Bold", "Times": "Times-Bold", "Courier": "Courier-Bold", "Vera": "VeraBd"}


def register_vera() -> None:
    """Bitstream Vera (shipped with reportlab): an embedded TrueType font, as Word's PDF exports have."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Vera" in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in (
        ("Vera", "Vera.ttf"),
        ("VeraBd", "VeraBd.ttf"),
        ("VeraIt", "VeraIt.ttf"),
        ("VeraBI", "VeraBI.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, file))
    pdfmetrics.registerFontFamily("Vera", normal="Vera", bold="VeraBd", italic="VeraIt", boldItalic="VeraBI")


def word_width(word: str, font: str, size: float, bold: bool = False) -> float:
    """Printed width of ``word`` in points."""
    register_vera()
    return stringWidth(word, (BOLD_FONTS if bold else REPORTLAB_FONTS)[font], size)


def _last_line_width(text: str, width: float, font: str, size: float) -> float:
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        line = word if stringWidth(candidate, font, size) > width and line else candidate
    return stringWidth(line, font, size)


def _clear(a: str, b: str, widths: list[float], font: str, size: float, spaced: bool = False) -> bool:
    after = " " if spaced else " " + b.split()[0]
    # Generous margin: Word files converted by LibreOffice use metric-compatible but not identical fonts.
    return all(_last_line_width(a, w, font, size) + stringWidth(after, font, size) * 1.2 + 10 < w for w in widths)


def unambiguous(items: list[str], widths: list[float], font: str, size: float, spaced: bool = False) -> list[str]:
    """``items`` in an order whose every break between items is recoverable (see module docstring;
    ``spaced``: the renderer prints wrap spaces)."""
    if len(items) < 2 or not widths:
        return list(items)
    register_vera()
    face = REPORTLAB_FONTS.get(font, font)
    rng = random.Random(len(items))
    candidates = [list(items)]
    for _ in range(200):
        shuffled = list(items)
        rng.shuffle(shuffled)
        candidates.append(shuffled)
    for order in candidates:
        if all(_clear(a, b, widths, face, size, spaced) for a, b in zip(order, order[1:])):
            return order
    worst = max(items, key=lambda i: max(_last_line_width(i, w, face, size) / w for w in widths))
    return unambiguous([i for i in items if i != worst], widths, font, size, spaced)
