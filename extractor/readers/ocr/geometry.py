"""OCR words into the geometry the PDF reader consumes: characters in points, ruling edges.

Each word Tesseract reads becomes characters as pdfplumber gives a PDF's (its box shared out
evenly among its letters), on a line box as a font's: every word of a Tesseract line gets the
line's top and bottom and a font size measured from the line's letters. Ruling lines seen in
the image become pdfplumber edges, and the cells they draw are found as in a PDF. From there
the PDF reader's own code builds lines, ruled and unruled tables, and paragraphs.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extractor.readers.ocr.engine import OcrWord
from extractor.readers.pdf import ruled
from extractor.readers.pdf.lines import PdfChar

if TYPE_CHECKING:
    from PIL.Image import Image

    from extractor.readers.ocr.prepare import Prepared  # OpenCV: only where a page is read by OCR

# How the words of boxes of a page image are read alone: (image, boxes in pixels, dpi) → words.
Reread = Callable[["Image", list[tuple[int, int, int, int]], int], list[OcrWord]]

# A word's box is as tall as its letters; a font's size is this much taller than a line of
# mixed letters (ascenders and descenders) stands.
SIZE_PER_HEIGHT = 1.1
# Rule ends and crossings this far apart (points) meet: rules seen in an image are a little ragged.
RULE_TOLERANCE = 2.0
# Parallel rules closer than this (points) are one rule: less than the 3 points a nested table
# is inset inside its cell, which would otherwise be welded onto the cell's borders.
RULE_SNAP = 1.5
# A word read with less confidence than this (0–100) is doubtful.
DOUBTFUL_CONFIDENCE = 60.0
# What a bullet is misread as before the word it is stuck to.
_NOT_LETTERS = "+*»«·•©®°¢-–—=~^'\"“”‘’,.:;"
# A word read alone in a cell with less confidence than this is left out.
LONE_MARK_CONFIDENCE = 40.0
# A cell whose words have this many letters at most is read again alone.
LONE_MARK_CHARS = 3


@dataclass
class OcrPage:
    """One page read by OCR, in points: its characters, the cells of its ruled tables, its size,
    the confidence of each word, and the words read with little confidence."""

    chars: list[PdfChar]
    cells: list[list[ruled.Box]]
    width: float
    height: float
    confidences: list[float] = field(default_factory=list)
    doubtful: list[str] = field(default_factory=list)


def page_geometry(prepared: Prepared, words: list[OcrWord], reread: Reread | None = None) -> OcrPage:
    """The page of ``words`` read from ``prepared``, in the PDF reader's terms. ``reread`` reads
    again, alone, the ink of the ruled cells where the page's read found no word."""
    scale = 72.0 / prepared.dpi
    edges = [_edge(segment, scale) for segment in prepared.segments]
    cells = ruled.edge_cells(edges, RULE_TOLERANCE, RULE_SNAP) if edges else []
    if reread is not None and cells:
        words = _lone_marks(prepared, words, cells, scale, reread)
    chars: list[PdfChar] = []
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    for line_words in lines.values():
        chars.extend(_line_chars(_bulleted(prepared, line_words), scale))
    page = OcrPage(chars, cells, prepared.width * scale, prepared.height * scale)
    page.confidences = [word.conf for word in words]
    page.doubtful = [word.text for word in words if word.conf < DOUBTFUL_CONFIDENCE]
    return page


def _lone_marks(prepared: Prepared, words: list[OcrWord], cells: list[list[ruled.Box]], scale: float,
                reread: Reread) -> list[OcrWord]:
    """The page's words, with the ruled cells that hold ink but no word, or only a mark or two,
    read again alone: an "X" marking a choice, a number by itself, which the page's read drops
    as a speck or misreads ("Xx"). The read alone is kept where it is surer than the page's; what
    it reads with little confidence is left out (a stamp's or a signature's strokes crossing a
    cell are no text)."""
    from extractor.readers.ocr.prepare import inked

    boxes: dict[tuple[int, int, int, int], list[OcrWord]] = {}
    for group in cells:
        for x0, top, x1, bottom in group:
            box = (round(x0 / scale), round(top / scale), round(x1 / scale), round(bottom / scale))
            inside = [w for w in words if _within(w, box)]
            if sum(len(w.text) for w in inside) <= LONE_MARK_CHARS:
                boxes[box] = inside
    marks = inked(prepared, sorted(boxes, key=lambda b: (b[1], b[0])))
    if not marks:
        return words
    read = [w for w in reread(prepared.image, [ink for _box, ink in marks], prepared.dpi)
            if w.conf >= LONE_MARK_CONFIDENCE and any(ch.isalnum() for ch in w.text)]
    dropped: set[OcrWord] = set()
    for box, ink in marks:
        again = [w for w in read if _within(w, ink)]
        if not again:
            continue
        if boxes[box] and _mean(boxes[box]) >= _mean(again):
            dropped.update(again)
        else:
            dropped.update(boxes[box])
    return [w for w in words if w not in dropped] + [w for w in read if w not in dropped]


def _within(word: OcrWord, box: tuple[int, int, int, int]) -> bool:
    cx, cy = word.left + word.width / 2, word.top + word.height / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _mean(words: list[OcrWord]) -> float:
    return statistics.fmean(w.conf for w in words)


def _bulleted(prepared: Prepared, words: list[OcrWord]) -> list[OcrWord]:
    """A line's words with the list bullet it starts with, misread as a mark ("+", "»", "«Iniciativa"),
    given back as "•" (by its ink: :func:`~.prepare.bullet`)."""
    from extractor.readers.ocr.prepare import bullet

    first = min(words, key=lambda w: w.left)
    lead = len(first.text) - len(first.text.lstrip(_NOT_LETTERS))
    if not lead and (len(first.text) > 2 or any(ch.isdigit() for ch in first.text)):
        return words
    letters = statistics.median(w.height for w in words)
    found = bullet(prepared, (first.left, first.top, first.right, first.bottom), letters)
    if found is None:
        return words
    (x0, y0, x1, y1), after = found
    dot = OcrWord("•", x0, y0, x1 - x0, y1 - y0, first.conf, first.line)
    rest = first.text[lead:] if lead else ""
    others = [w for w in words if w is not first]
    if not rest:
        return [dot, *others]  # the word was the bullet alone ("+", "»", "e")
    return [dot, OcrWord(rest, after, first.top, max(1, first.right - after), first.height, first.conf, first.line),
            *others]


def _line_chars(words: list[OcrWord], scale: float) -> list[PdfChar]:
    """The characters of one Tesseract line: one line box for all, each word's box shared out among its letters."""
    heights = [w.height for w in words if any(ch.isalnum() for ch in w.text)] or [w.height for w in words]
    size = max(statistics.median(heights) * SIZE_PER_HEIGHT * scale, 4.0)
    centre = statistics.median((w.top + w.bottom) / 2 for w in words) * scale
    top = centre - size / 2
    chars: list[PdfChar] = []
    for word in words:
        step = word.width * scale / len(word.text)
        x = word.left * scale
        for ch in word.text:
            chars.append(PdfChar(text=ch, fontname="OCR", size=size, x0=x, x1=x + step, top=top,
                                 bottom=top + size, upright=True))
            x += step
    return chars


def _edge(segment: tuple[int, int, int, int], scale: float) -> dict[str, float | str]:
    x0, y0, x1, y1 = (v * scale for v in segment)
    horizontal = y0 == y1
    return {"x0": x0, "x1": x1, "top": y0, "bottom": y1, "width": x1 - x0, "height": y1 - y0,
            "orientation": "h" if horizontal else "v", "object_type": "line"}
