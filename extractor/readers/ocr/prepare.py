"""Page images made ready for OCR: upright, straight, on white paper, ruling lines found.

A scan may come turned a quarter or half turn (the reader asks Tesseract's orientation
detection when a page reads badly, and prepares it again turned), skewed a degree or so
(the angle whose rows of ink are sharpest, searched within ±3°), on grey or unevenly lit
paper (divided by its own blurred background), at 150–300 dpi (pages below
:data:`MIN_DPI` are enlarged). Ruling lines are found by morphology: long thin runs
of ink, horizontal or vertical; they are given to the table code as a PDF's lines are, and
erased from the image Tesseract reads, where they would pass for letters.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

# Pages at less than MIN_DPI are enlarged to TARGET_DPI: Tesseract misreads small print at 150 dpi.
MIN_DPI = 190
TARGET_DPI = 300
MAX_SKEW = 3.0
# Resolutions outside these are not believed from an image's own header (a phone writes 72).
_PLAUSIBLE_DPI = (100, 700)
# A page is about this wide (inches: A4 8.27, letter 8.5) when its header tells no resolution.
_PAGE_WIDTH_IN = 8.4
# A ruling line is at least this long (inches) and at most this thick.
_MIN_RULE_IN = 0.3
_MAX_RULE_THICK_IN = 0.04
# A bilevel page's shading: specks of ink at most this many pixels, more than this share of a
# square this wide (inches) around them.
_SPECK_PIXELS = 2
_SHADE_WINDOW_IN = 0.16
_SHADE_DENSITY = 0.06
# A run of ink left on either side along more than this share of its length runs through text.
_TEXT_CROSSING = 0.25
# A mark alone in a cell (an "X", a digit) stands at least this tall (inches).
_MIN_MARK_IN = 0.04
# A list bullet's ink fills this share of its box at least, and stands at most this share of its line's letters.
_BULLET_FILL = 0.65
_BULLET_HEIGHT = 0.55
_BULLET_MIN_IN = 0.03
# A rule that closes a cell (both ends on rules across it) may be as short as this (inches).
_MIN_CELL_RULE_IN = 0.08
_CELL_RULE_MEET_IN = 0.012

Grey = NDArray[np.uint8]
# A ruling line in pixels: (x0, y0, x1, y1), horizontal (y0 == y1) or vertical (x0 == x1).
Segment = tuple[int, int, int, int]


@dataclass
class Prepared:
    """A page image ready for Tesseract, its resolution, and the ruling lines seen in it."""

    image: Image.Image
    dpi: int
    segments: list[Segment]
    width: int
    height: int


def resolution(image: Image.Image, hint: int | None = None) -> int:
    """The image's resolution: ``hint`` (a PDF page rendered at a known one), its header's when
    plausible, else what a page as wide as a sheet of paper gives."""
    if hint:
        return hint
    dpi = image.info.get("dpi")
    if isinstance(dpi, tuple) and dpi and _PLAUSIBLE_DPI[0] <= float(dpi[0]) <= _PLAUSIBLE_DPI[1]:
        guess = image.width / _PAGE_WIDTH_IN
        # A header that makes the page far wider or narrower than paper is not believed.
        if 0.6 <= float(dpi[0]) / guess <= 1.6:
            return round(float(dpi[0]))
    return max(72, round(image.width / _PAGE_WIDTH_IN))


def prepare(image: Image.Image, dpi_hint: int | None = None, turn: int = 0) -> Prepared:
    """The page turned ``turn`` degrees clockwise, enlarged to the minimum resolution, flattened,
    deskewed, its rules found and erased."""
    dpi = resolution(image, dpi_hint)
    grey = np.asarray(image.convert("L"), dtype=np.uint8)
    if _bilevel(grey):
        grey = _ungrain(_unshade(grey, dpi), dpi)
    if turn:
        grey = np.ascontiguousarray(np.rot90(grey, k=-(turn // 90)))
    if dpi < MIN_DPI:
        factor = TARGET_DPI / dpi
        grey = np.asarray(cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC), dtype=np.uint8)
        dpi = TARGET_DPI
    flat = _flatten(grey, dpi)
    # The median filter that quiets the paper's noise for Tesseract would also erase a rule one
    # pixel thick (a thin rule at 200 dpi, a dotted one in a dithered bilevel scan): the rules
    # are looked for in the page before it.
    clean = np.asarray(cv2.medianBlur(flat, 3), dtype=np.uint8)
    angle = skew_angle(clean)
    flat, clean = _turned(flat, angle), _turned(clean, angle)
    segments, mask = _rulings(_ink(flat), dpi)
    grey = _whiten(clean)
    if segments:
        grey[mask > 0] = 255
    height, width = grey.shape
    return Prepared(Image.fromarray(grey), dpi, segments, width, height)


def _bilevel(grey: Grey) -> bool:
    """Is the page black and white only (a fax-like scan, a TIFF in CCITT G4)?"""
    sample = grey[:: max(1, grey.shape[0] // 200), :: max(1, grey.shape[1] // 200)]
    return bool(np.isin(sample, (0, 255)).all())


def _unshade(grey: Grey, dpi: int) -> Grey:
    """A bilevel page's shading (a grey band dithered into a field of lone dots) made white.

    The dots would pass for ink: rules are seen through a shaded header's letters, and its
    words are read as texture. A dot is a speck of ink of a pixel or two; shading is where such
    specks are dense all around. Specks along a dotted rule or a letter's dithered edge are
    too sparse in a square around them to count, and stay.
    """
    ink = np.asarray(grey < 128, dtype=np.uint8)
    count, labels, stats, _centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 1:
        return grey
    speck = stats[:, cv2.CC_STAT_AREA] <= _SPECK_PIXELS
    speck[0] = False
    specks = speck[labels]
    window = max(3, round(_SHADE_WINDOW_IN * dpi) | 1)
    density = cv2.boxFilter(specks.astype(np.float32), -1, (window, window))
    clean = grey.copy()
    clean[specks & (density > _SHADE_DENSITY)] = 255
    return clean


def _ungrain(grey: Grey, dpi: int) -> Grey:
    """A bilevel page's dithering averaged back into grey: a scanner that dithers a faint rule
    or a letter's soft edge leaves a dotted line, which no rule detection follows and Tesseract
    reads as broken strokes."""
    # The dither is as fine as the page's pixels whatever its resolution: never less than 0.7 pixel.
    sigma = max(0.7, 0.7 * dpi / 200)
    return np.asarray(cv2.GaussianBlur(grey, (0, 0), sigma), dtype=np.uint8)


def _flatten(grey: Grey, dpi: int) -> Grey:
    """Grey or unevenly lit paper made white: each pixel divided by its neighbourhood's paper tone."""
    size = max(15, (dpi // 10) | 1)
    background = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size)))
    return np.asarray(cv2.divide(grey, background, scale=255), dtype=np.uint8)


def _whiten(grey: Grey) -> Grey:
    """The paper's grain (noise, JPEG blocks) made plain white, the ink stretched to full contrast.

    Paper left speckled reads as texture: Tesseract's layout analysis then drops short words
    standing alone in a cell (a row number, a percentage), and erased rules leave white bands
    on grey. The paper's tone is the median of what Otsu's threshold calls paper; whatever is
    within two of its spreads of it becomes white.
    """
    level, _ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    paper = grey[grey > level]
    if paper.size == 0:
        return grey
    tone = float(np.median(paper))
    white = max(float(level) + 1.0, tone - 2.0 * float(paper.std()))
    stretched = np.clip(grey.astype(np.float32) * (255.0 / white), 0, 255)
    return np.asarray(stretched, dtype=np.uint8)


def _ink(grey: Grey) -> Grey:
    """Ink as 255 on 0 (Otsu's threshold)."""
    _level, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return np.asarray(ink, dtype=np.uint8)


def _sharpness(small: Grey, angle: float) -> float:
    height, width = small.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    turned = cv2.warpAffine(small, matrix, (width, height), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = turned.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def skew_angle(grey: Grey) -> float:
    """The angle (degrees, within ±3) that makes the page's rows of ink sharpest."""
    ink = _ink(grey)
    scale = min(1.0, 1000 / max(ink.shape))
    small = np.asarray(cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else ink,
                       dtype=np.uint8)
    best = 0.0
    for step, span in ((0.5, MAX_SKEW), (0.1, 0.5), (0.02, 0.1)):
        centre = best
        candidates = np.arange(centre - span, centre + span + step / 2, step)
        best = max((float(a) for a in candidates if abs(a) <= MAX_SKEW + 1e-9),
                   key=lambda a: _sharpness(small, a))
    return best


def _turned(grey: Grey, angle: float) -> Grey:
    if abs(angle) < 0.05:
        return grey
    height, width = grey.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return np.asarray(cv2.warpAffine(grey, matrix, (width, height), flags=cv2.INTER_CUBIC,
                                     borderMode=cv2.BORDER_CONSTANT, borderValue=255), dtype=np.uint8)


def _rulings(ink: Grey, dpi: int) -> tuple[list[Segment], Grey]:
    """The ruling lines of a page (long thin runs of ink) and the mask of their pixels, found at
    half size on pages of 250 dpi or more (four times faster, as sure)."""
    if dpi < 250:
        return _rulings_at(ink, dpi)
    height, width = ink.shape
    small = np.asarray(cv2.resize(ink, (width // 2, height // 2), interpolation=cv2.INTER_AREA), dtype=np.uint8)
    _level, binary = cv2.threshold(small, 96, 255, cv2.THRESH_BINARY)
    segments, mask = _rulings_at(np.asarray(binary, dtype=np.uint8), dpi // 2)
    full = np.asarray(cv2.resize(mask, (width, height), interpolation=cv2.INTER_NEAREST), dtype=np.uint8)
    doubled = [(x0 * 2, y0 * 2, x1 * 2 + 1, y1 * 2) if y0 == y1 else (x0 * 2, y0 * 2, x1 * 2, y1 * 2 + 1)
               for x0, y0, x1, y1 in segments]
    return doubled, full


def _rulings_at(ink: Grey, dpi: int) -> tuple[list[Segment], Grey]:
    length = max(10, round(_MIN_RULE_IN * dpi))
    thick = max(2, round(_MAX_RULE_THICK_IN * dpi))
    mask = np.zeros_like(ink)
    found: dict[bool, list[Segment]] = {True: [], False: []}
    # A rule shorter than a long one is believed when it closes a cell: both its ends on rules
    # across it (the column rules of a header row alone at the foot of a page, the row rules of
    # a narrow column). A letter's stroke never reaches from one rule to the next.
    short = max(6, round(_MIN_CELL_RULE_IN * dpi))
    # Its ends run into those rules: a letter's stem in a cell stops short of them by the cell's padding.
    meet = max(2, round(_CELL_RULE_MEET_IN * dpi))
    for least, closing in ((length, False), (short, True)):
        for horizontal in (True, False):
            lines = _runs(ink, dpi, least, horizontal)
            keep = np.zeros_like(lines)
            for segment, (x, y, w, h) in _lines(lines, ink, horizontal, thick):
                if closing and ((w if horizontal else h) >= length
                                or not _closes(segment, found[not horizontal], meet)):
                    continue
                found[horizontal].append(segment)
                keep[y:y + h, x:x + w] = lines[y:y + h, x:x + w]
            mask |= _grown(keep)
    return found[True] + found[False], mask


def _runs(ink: Grey, dpi: int, length: int, horizontal: bool) -> Grey:
    """The runs of ink at least ``length`` long in one direction, welded across small gaps first
    (a line broken by noise or a faint scan)."""
    gap = max(1, dpi // 100)  # small enough that letters of a word are not welded into a rule
    bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1) if horizontal else (1, gap))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    return np.asarray(cv2.morphologyEx(cv2.morphologyEx(ink, cv2.MORPH_CLOSE, bridge), cv2.MORPH_OPEN, kernel),
                      dtype=np.uint8)


def _lines(lines: Grey, ink: Grey, horizontal: bool, thick: int) -> list[tuple[Segment, tuple[int, int, int, int]]]:
    """Each run that is a ruling line, as a segment along its middle, with its bounding box.

    Not a line: a filled block (a logo, a shaded band), nor a run through a line of text (bold
    letters set close, welded along their feet or tops), told by the ink that leaves it on both
    sides all along its length.
    """
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(lines, connectivity=8)
    out: list[tuple[Segment, tuple[int, int, int, int]]] = []
    for index in range(1, count):
        x, y, w, h = (int(v) for v in stats[index][:4])
        if (h if horizontal else w) > thick * 3 or _through_text(ink, (x, y, w, h), horizontal):
            continue
        segment = (x, y + h // 2, x + w - 1, y + h // 2) if horizontal else (x + w // 2, y, x + w // 2, y + h - 1)
        out.append((segment, (x, y, w, h)))
    return out


def _through_text(ink: Grey, box: tuple[int, int, int, int], horizontal: bool) -> bool:
    """Does ink leave the run at ``box`` on either side along much of its length (the strokes of
    the letters it runs through)? A rule is left only where another rule crosses it or a letter
    touches it."""
    x, y, w, h = box
    if not horizontal:
        return _through_text(ink.T, (y, x, h, w), True)
    above, below = y - 2, y + h + 1
    if above < 0 or below >= ink.shape[0]:
        return False
    leaving = (ink[above, x:x + w] > 0) | (ink[below, x:x + w] > 0)
    return float(leaving.mean()) > _TEXT_CROSSING


def _closes(segment: Segment, across: list[Segment], reach: int) -> bool:
    """Do both ends of ``segment`` lie on rules of ``across`` (the other direction), ``reach`` pixels at most away?"""
    x0, y0, x1, y1 = segment
    horizontal = y0 == y1

    def on_rule(x: int, y: int) -> bool:
        if horizontal:
            return any(abs(ax - x) <= reach and ay0 - reach <= y <= ay1 + reach for ax, ay0, _ax1, ay1 in across)
        return any(abs(ay - y) <= reach and ax0 - reach <= x <= ax1 + reach for ax0, ay, ax1, _ay1 in across)

    return on_rule(x0, y0) and on_rule(x1, y1)


def _grown(lines: Grey) -> Grey:
    """The pixels of ``lines`` and their neighbours: what is erased from the page Tesseract reads."""
    return np.asarray(cv2.dilate(lines, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))), dtype=np.uint8)


def inked(prepared: Prepared, boxes: list[Segment]) -> list[tuple[Segment, Segment]]:
    """Of ``boxes`` (pixels: left, top, right, bottom; a table's cells), those that hold some ink
    (a mark or a number as tall as small print at least), each with the tight box of its ink.
    Ink within a few pixels of a box's edge is its rule's, not its content."""
    page = np.asarray(prepared.image, dtype=np.uint8)
    margin = max(3, prepared.dpi // 60)
    tall = max(4, round(_MIN_MARK_IN * prepared.dpi))
    found: list[tuple[Segment, Segment]] = []
    for box in boxes:
        left, top, right, bottom = box
        x0, y0, x1, y1 = left + margin, top + margin, right - margin, bottom - margin
        if x1 - x0 < tall or y1 - y0 < tall:
            continue
        ys, xs = np.nonzero(page[y0:y1, x0:x1] < 128)
        if ys.size < tall * 2 or int(ys.max() - ys.min()) + 1 < tall:
            continue
        found.append((box, (x0 + int(xs.min()), y0 + int(ys.min()), x0 + int(xs.max()) + 1, y0 + int(ys.max()) + 1)))
    return found


def bullet(prepared: Prepared, box: Segment, letters: float) -> tuple[Segment, int] | None:
    """The list bullet a line's first word at ``box`` (pixels) starts with, if it does: its box,
    and where the ink after it begins. ``letters``: how tall the line's words stand.

    Tesseract reads a bullet as whatever mark it resembles ("+", "»", "e"), alone or stuck to
    the word after it; by its ink it is plain: a solid dot or square, much smaller than the
    letters, with paper after it."""
    page = np.asarray(prepared.image, dtype=np.uint8)
    left, top, right, bottom = box
    ink = np.asarray(page[top:bottom, left:right] < 128, dtype=np.uint8)
    if ink.size == 0:
        return None
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = sorted((tuple(int(v) for v in stats[i][:5]) for i in range(1, count)), key=lambda s: s[0])
    if not blobs:
        return None
    x, y, w, h, area = blobs[0]
    solid = area >= _BULLET_FILL * w * h and 0.6 <= w / h <= 1.6
    small = max(3, round(_BULLET_MIN_IN * prepared.dpi)) <= h <= _BULLET_HEIGHT * letters
    if not (solid and small):
        return None
    after = [b[0] for b in blobs[1:] if b[0] > x + w]
    return (left + x, top + y, left + x + w, top + y + h), left + (min(after) if after else right - left)
