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
        grey = _ungrain(grey, dpi)
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


def _ungrain(grey: Grey, dpi: int) -> Grey:
    """A bilevel page's dithering averaged back into grey: a scanner that dithers a faint rule
    or a letter's soft edge leaves a dotted line, which no rule detection follows and Tesseract
    reads as broken strokes."""
    sigma = 0.7 * dpi / 200
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
    segments: list[Segment] = []
    mask = np.zeros_like(ink)
    # A line broken by noise or a faint scan is welded across small gaps first.
    for kernel, horizontal in (((length, 1), True), ((1, length), False)):
        gap = max(1, dpi // 100)  # small enough that letters of a word are not welded into a rule
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1) if horizontal else (1, gap))
        lines = cv2.morphologyEx(cv2.morphologyEx(ink, cv2.MORPH_CLOSE, bridge), cv2.MORPH_OPEN,
                                 cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for index in range(1, count):
            x, y, w, h = (int(v) for v in stats[index][:4])
            across = h if horizontal else w
            if across > thick * 3:
                continue  # a filled block (a logo, a shaded band), not a line
            if horizontal:
                segments.append((x, y + h // 2, x + w - 1, y + h // 2))
            else:
                segments.append((x + w // 2, y, x + w // 2, y + h - 1))
        mask |= np.asarray(cv2.dilate(lines, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))), dtype=np.uint8)
    return segments, mask
