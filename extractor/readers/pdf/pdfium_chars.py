"""A page's characters from pdfium's text page, as pdfminer and pdfplumber make them.

pdfium's text page is read glyph by glyph (origin, box, matrix) and each glyph becomes a
:class:`~.lines.PdfChar` boxed as pdfminer boxes it: from the origin, the glyph's advance
wide, the font size high from the font's descent below the baseline. Where pdfium's view
of the text differs from the glyphs printed, it is undone:

- characters pdfium makes up (the spaces and line ends of its text extraction) are left out;
- a ligature pdfium splits ("ﬁ" as "f" and "i" at one origin) is one glyph again, as printed;
- a run of spaces pdfium reads as one space is as many space glyphs as the text object
  prints, each one advance on from the one before;
- a hyphen pdfium marks as a line-end hyphen (U+0002) is the hyphen printed;
- pdfium's loose box takes in the outline of a glyph that overhangs its advance (an
  italic "j", a bold "a"): the advance is then the font's width, as pdfminer reads it;
- pdfium computes in single precision and cuts fractional widths to whole units: coordinates
  are snapped back to the decimals single precision resolves (:func:`snap`), and the glyphs
  of fonts whose widths are known exactly are placed along their text object in double
  precision (:func:`_undrift`).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium_c

from extractor.readers.pdf.lines import PdfChar
from extractor.readers.pdf.pdfium_fonts import FontFacts, FontTable

__all__ = ["Matrix", "Placement", "multiply", "page_chars", "snap"]

# An affine matrix (a, b, c, d, e, f) as PDF writes them.
Matrix = tuple[float, float, float, float, float, float]
# Codes pdfium gives where no glyph's text is: nothing, an unknown glyph, line ends.
_NO_TEXT = frozenset((0, 0xFFFE, 0xFFFF, 0x0D, 0x0A))
# pdfium's mark for a hyphen that ends a line.
_LINE_HYPHEN = 0x02
# Closer than this (points) is one position.
_SAME = 1e-3


def snap(value: float) -> float:
    """A single-precision coordinate of pdfium as the decimal the PDF most likely wrote: rounded
    to as many decimals as single precision resolves at its size (5 below 128 points, 4 below
    1024...). pdfminer computes in double precision from the written decimals; rounding both
    engines' values to a grid (a cell's box to 0.01, geometry to 0.1) then lands them alike."""
    size = abs(value)
    return round(value, 5 if size < 128 else 4 if size < 1024 else 3 if size < 8192 else 2)


@dataclass(frozen=True)
class Placement:
    """How a page's user space maps to pdfplumber's: pdfminer's device matrix (MediaBox origin
    and page rotation) and the shift pdfplumber adds to reach its top-left coordinates."""

    ctm: Matrix
    height: float
    width: float
    x_shift: float
    top_shift: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A user-space point as pdfplumber places it: (x, distance from the page's top)."""
        a, b, c, d, e, f = self.ctm
        return a * x + c * y + e + self.x_shift, self.height - (b * x + d * y + f) + self.top_shift


@dataclass
class _Object:
    """What the glyphs of one text object share: font, size, matrix, fill colour."""

    font: FontFacts
    size: float
    matrix: tuple[float, float, float, float]
    colour: tuple[float, ...]
    handle: Any


@dataclass(slots=True)
class _Glyph:
    """One glyph as pdfium reads it (user space): its text, origin and loose box's right edge,
    whether its outline overhangs the advance, and its index in the text page."""

    text: str
    x: float
    y: float
    right: float
    overhangs: bool
    owner: _Object
    index: int = -1


class _Page:
    """A text page being read: reusable ctypes buffers, and the text objects and fonts met."""

    def __init__(self, textpage: Any, table: FontTable) -> None:
        self.textpage = textpage
        self.table = table
        self.rect = pdfium_c.FS_RECTF()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.edges = [ctypes.c_double() for _ in range(4)]
        self.objects: dict[int, _Object] = {}
        self.fonts: dict[int, FontFacts] = {}
        self.buffer = ctypes.create_string_buffer(4096)


def page_chars(textpage: Any, place: Placement, table: FontTable) -> list[PdfChar]:
    """The characters of a pdfium text page, in pdfplumber's terms (``table``: the document's
    fonts as pdfminer reads them)."""
    page = _Page(textpage, table)
    glyphs: list[_Glyph] = []
    for index in range(pdfium_c.FPDFText_CountChars(textpage)):
        glyph = _glyph(page, index)
        if glyph is None:
            continue
        last = glyphs[-1] if glyphs else None
        if last is not None and last.owner is glyph.owner and abs(last.x - glyph.x) <= _SAME \
                and abs(last.y - glyph.y) <= _SAME and glyph.text != " ":
            last.text += glyph.text  # a ligature's second letter, at the first one's origin
            continue
        glyphs.append(glyph)
    _overhangs(glyphs, page)
    if any(owner.font.fractional or owner.font.widths is not None for owner in page.objects.values()):
        _undrift(glyphs, page.table)
    return [_char(glyph, place, page.table) for glyph in _respaced(glyphs, page)]


def _overhangs(glyphs: list[_Glyph], page: _Page) -> None:
    """Mark the glyphs whose outline overhangs their advance (pdfium's loose box then reaches
    their outline's edge, not the advance's). A glyph whose loose box ends right at the next
    glyph's origin ends at its advance; any other (spacing after it may hide an overhang, or it
    ends its text object) is asked its outline's box."""
    left, right, bottom, top = page.edges
    for place, glyph in enumerate(glyphs):
        if glyph.owner.font.widths is not None:
            continue  # a standard font: Adobe's widths give the advance
        after = glyphs[place + 1] if place + 1 < len(glyphs) else None
        if after is not None and after.owner is glyph.owner and abs(after.y - glyph.y) <= _SAME \
                and abs(glyph.right - after.x) <= _SAME:
            continue
        pdfium_c.FPDFText_GetCharBox(page.textpage, glyph.index, left, right, bottom, top)
        glyph.overhangs = right.value >= glyph.right - _SAME and top.value > bottom.value


def _undrift(glyphs: list[_Glyph], table: FontTable) -> None:
    """Place the glyphs of a font with known widths (a standard font's, or widths with fractions)
    along their text object as pdfminer does, in double precision: each one the previous one's
    advance on, plus what pdfium puts between them beyond its own advance (character and word
    spacing, kerning), to the thousandth of a point. pdfium's positions are single precision,
    and it cuts fractional widths to whole units (its glyphs would drift along a line)."""
    last: dict[int, tuple[_Glyph, float, float]] = {}  # text object → its last glyph, pdfium's x, advance
    for glyph in glyphs:
        owner = glyph.owner
        a, b, c, _d = owner.matrix
        if not (owner.font.fractional or owner.font.widths is not None) or b or c or a <= 0:
            continue
        widths = owner.font.widths if owner.font.widths is not None else table.widths(owner.font) or {}
        width = widths.get(glyph.text)
        raw_x = glyph.x
        before = last.get(id(owner))
        if before is not None and abs(before[0].y - glyph.y) <= _SAME and width is not None:
            previous, previous_raw, previous_width = before
            cut = int(previous_width) if owner.font.fractional else previous_width
            gap = round(raw_x - previous_raw - cut * owner.size * a / 1000.0, 3)
            glyph.x = previous.x + previous_width * owner.size * a / 1000.0 + gap
            glyph.right += glyph.x - raw_x
        if width is None:
            last.pop(id(owner), None)  # a glyph of unknown width: the next one keeps pdfium's place
        else:
            last[id(owner)] = (glyph, raw_x, width)


def _glyph(page: _Page, index: int) -> _Glyph | None:
    textpage = page.textpage
    handle = pdfium_c.FPDFText_GetTextObject(textpage, index)
    if not handle:
        return None  # a space or line end of pdfium's text extraction (no text object): no glyph
    code = pdfium_c.FPDFText_GetUnicode(textpage, index)
    if code in _NO_TEXT:
        return None
    # The handle's address keys its object (addressof is the cheapest way to read it).
    owner = page.objects.get(ctypes.addressof(handle.contents)) or _object(page, handle, index)
    pdfium_c.FPDFText_GetCharOrigin(textpage, index, page.x, page.y)
    pdfium_c.FPDFText_GetLooseCharBox(textpage, index, page.rect)
    if code == _LINE_HYPHEN:
        text = "-"
    elif pdfium_c.FPDFText_HasUnicodeMapError(textpage, index) == 1:
        text = f"(cid:{code})"
    else:
        text = chr(code)
    return _Glyph(text, snap(page.x.value), snap(page.y.value), snap(page.rect.right), False, owner, index)


def _object(page: _Page, handle: Any, index: int) -> _Object:
    """The text object ``handle``, read once."""
    size = ctypes.c_float()
    pdfium_c.FPDFTextObj_GetFontSize(handle, size)
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(page.textpage, index, matrix)
    channels = [ctypes.c_uint() for _ in range(4)]
    colour: tuple[float, ...] = (0.0,)
    if pdfium_c.FPDFPageObj_GetFillColor(handle, *channels):
        colour = tuple(channel.value / 255 for channel in channels[:3])
    owner = _Object(font=_font(page, handle), size=float(size.value),
                    matrix=(matrix.a, matrix.b, matrix.c, matrix.d), colour=colour, handle=handle)
    page.objects[ctypes.addressof(handle.contents)] = owner
    return owner


def _font(page: _Page, handle: Any) -> FontFacts:
    font = pdfium_c.FPDFTextObj_GetFont(handle)
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    known = page.fonts.get(key)
    if known is None:
        length = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(max(length, 1))
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, length)
        name = buffer.value.decode("utf-8", "replace")
        known = page.table.facts(name)
        if known is None:
            descent = ctypes.c_float()
            found = pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), descent)
            known = FontFacts(name, -abs(float(descent.value)) / 1000.0 if found else 0.0)
        page.fonts[key] = known
    return known


def _object_text(page: _Page, owner: _Object) -> str:
    length = pdfium_c.FPDFTextObj_GetText(owner.handle, page.textpage, None, 0)
    if length <= 0:
        return ""
    if len(page.buffer) < length * 2:
        page.buffer = ctypes.create_string_buffer(length * 2)
    pdfium_c.FPDFTextObj_GetText(owner.handle, page.textpage,
                                 ctypes.cast(page.buffer, ctypes.POINTER(ctypes.c_ushort)), length * 2)
    return page.buffer.raw[:length * 2].decode("utf-16-le", "replace").rstrip("\x00")


def _respaced(glyphs: list[_Glyph], page: _Page) -> list[_Glyph]:
    """``glyphs`` with the runs of spaces pdfium read as one space printed again in full: as
    many as the text object's text holds, evenly spaced up to the glyph after them."""
    runs: dict[int, list[int]] = {}  # text object → its single spaces' places in ``glyphs``
    suspects: set[int] = set()  # text objects where a space may stand for several
    for place, glyph in enumerate(glyphs):
        if glyph.text == " ":
            runs.setdefault(id(glyph.owner), []).append(place)
            if _may_run(glyphs, place):
                suspects.add(id(glyph.owner))
    extra: dict[int, list[_Glyph]] = {}
    for key in suspects:
        places = runs[key]
        owner = glyphs[places[0]].owner
        counts = _space_runs(_object_text(page, owner))
        if counts is None or len(counts) != len(places):
            continue  # the object's text and its glyphs do not line up: nothing is added
        for place, count in zip(places, counts):
            if count > 1:
                extra[place] = _run(glyphs, place, count)
    if not extra:
        return glyphs
    result: list[_Glyph] = []
    for place, glyph in enumerate(glyphs):
        result.append(glyph)
        result.extend(extra.get(place, []))
    return result


def _may_run(glyphs: list[_Glyph], place: int) -> bool:
    """May the space at ``place`` stand for a run of spaces: the last glyph of its text object,
    or one the next glyph of its object follows further than two advances on?"""
    space = glyphs[place]
    after = glyphs[place + 1] if place + 1 < len(glyphs) else None
    if after is None or after.owner is not space.owner:
        return True
    return after.x - space.x > 1.9 * (space.right - space.x)


def _space_runs(text: str) -> list[int] | None:
    """The length of each run of spaces in a text object's text, in order."""
    counts: list[int] = []
    previous = ""
    for letter in text:
        if letter == " ":
            if previous == " ":
                counts[-1] += 1
            else:
                counts.append(1)
        previous = letter
    return counts


def _run(glyphs: list[_Glyph], place: int, count: int) -> list[_Glyph]:
    """The ``count - 1`` spaces after the one at ``place``: one step apart, the step reaching
    the next glyph of the same object on the same baseline (else one advance)."""
    space = glyphs[place]
    advance = space.right - space.x
    after = glyphs[place + 1] if place + 1 < len(glyphs) else None
    step = advance
    if after is not None and after.owner is space.owner and abs(after.y - space.y) <= _SAME and after.x > space.x:
        step = (after.x - space.x) / count
    return [_Glyph(" ", space.x + step * k, space.y, space.x + step * k + advance, False, space.owner)
            for k in range(1, count)]


def _char(glyph: _Glyph, place: Placement, table: FontTable) -> PdfChar:
    """The glyph as pdfminer boxes it, in pdfplumber's coordinates."""
    owner = glyph.owner
    ua, ub, uc, ud = owner.matrix
    a, b, c, d, e, f = multiply((ua, ub, uc, ud, glyph.x, glyph.y), place.ctm)
    size = owner.size
    advance = _advance(glyph, table)
    low = owner.font.descent * size
    if b == 0.0 and c == 0.0 and a > 0.0 and d > 0.0:  # level, upright text: two corners do
        x0, x1, y0, y1 = e, e + a * advance, f + d * low, f + d * (low + size)
    else:
        xs = [a * px + c * py + e for px in (0.0, advance) for py in (low, low + size)]
        ys = [b * px + d * py + f for px in (0.0, advance) for py in (low, low + size)]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    # A dict literal: calling the TypedDict class costs many times as much, per character.
    char: PdfChar = {"text": glyph.text, "fontname": owner.font.name, "size": y1 - y0,
                     "x0": x0 + place.x_shift, "x1": x1 + place.x_shift,
                     "top": place.height - y1 + place.top_shift, "bottom": place.height - y0 + place.top_shift,
                     "upright": a * d > 0 and b * c <= 0, "matrix": (a, b, c, d, e, f),
                     "non_stroking_color": owner.colour}
    return char


def _advance(glyph: _Glyph, table: FontTable) -> float:
    """The glyph's advance in text space: the font's width where pdfminer takes it from the font
    (a standard font, or a glyph overhanging pdfium's box), else from pdfium's loose box."""
    owner = glyph.owner
    widths = owner.font.widths
    if widths is None and (glyph.overhangs or owner.font.fractional):
        widths = table.widths(owner.font)
    if widths is not None and glyph.text in widths:
        return widths[glyph.text] * owner.size / 1000.0
    # pdfium's own advance: a symbol font's glyph pdfium names by its symbol ("■", where pdfminer
    # reads the code's letter "n") is not in Adobe's table by that name; pdfium draws it so wide.
    a, b, _c, _d = owner.matrix
    if abs(b) <= 1e-9 and abs(a) > 1e-9:
        return abs(glyph.right - glyph.x) / abs(a)
    return owner.size * 0.5  # turned text: dropped with the watermarks, its width matters not


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (pdfminer's ``mult_matrix``)."""
    a1, b1, c1, d1, e1, f1 = m
    a0, b0, c0, d0, e0, f0 = n
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)
