"""Tesseract with its Spanish model, through pytesseract: words with their boxes and confidences.

Tesseract runs as a child process of the reading worker, with one thread
(``OMP_THREAD_LIMIT=1``): a batch with N workers keeps N cores busy, no more. Whether it is
installed is asked once per process (:func:`missing`).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL.Image import Image

LANGUAGE = "spa"
# Page segmentation 3 (automatic, no orientation detection: pages are turned upright before),
# engine 1 (the LSTM recogniser).
_CONFIG = "--psm 3 --oem 1"
# Boxes read alone are enlarged to about this resolution.
BOX_DPI = 600
# A page's OCR may not take longer than this (seconds); the document's own time limit is shorter.
PAGE_TIMEOUT = 300

INSTALL = ("Instale Tesseract con su modelo en español (en Debian o Ubuntu: sudo apt-get install "
           "tesseract-ocr tesseract-ocr-spa) y el complemento de OCR de poai (pip install 'poai[ocr]')")


# A box on a page image in pixels: left, top, right, bottom.
PixelBox = tuple[int, int, int, int]


@dataclass(frozen=True)
class OcrWord:
    """A word Tesseract read: its text, box in pixels, confidence (0–100) and the line it is on."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int]  # (block, paragraph, line) numbers

    @property
    def right(self) -> int:
        """Right edge in pixels."""
        return self.left + self.width

    @property
    def bottom(self) -> int:
        """Bottom edge in pixels."""
        return self.top + self.height


def _one_thread() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"


@lru_cache(maxsize=1)
def missing() -> str | None:
    """Why OCR cannot run here (a Spanish sentence saying what to install), or None when it can."""
    try:
        import cv2  # noqa: F401
        import pytesseract
    except ImportError:
        return INSTALL
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return INSTALL
    try:
        languages = pytesseract.get_languages(config="")
    except (OSError, RuntimeError, pytesseract.TesseractError):
        return INSTALL
    if LANGUAGE not in languages:
        return INSTALL.replace("Instale Tesseract con", "Instale para Tesseract")
    return None


@lru_cache(maxsize=1)
def motor() -> str:
    """The engine's name and version, as the record's ``ocr.motor`` says it ("tesseract 5.3.0")."""
    import pytesseract

    return f"tesseract {pytesseract.get_tesseract_version()}"


def recognise(image: Image, dpi: int) -> list[OcrWord]:
    """The words of an upright page image (grey, ``dpi`` dots per inch), in Tesseract's reading order."""
    return _words(image, f"{_CONFIG} --dpi {dpi}")


def recognise_boxes(image: Image, boxes: list[PixelBox], dpi: int) -> list[OcrWord]:
    """The words in each of ``boxes`` (pixels: left, top, right, bottom) of a page image, read
    alone: a mark or a number standing alone in a table's cell, which the page's layout
    analysis drops as a speck. The boxes are enlarged (a lone letter is read surely only when
    large), set one under the other on a strip of white paper and read in one pass; each word
    is given back where it stands on the page."""
    from PIL import Image as PilImage

    zoom = max(1, round(BOX_DPI / dpi))
    pad = max(8, dpi // 20) * zoom
    width = max(right - left for left, _t, right, _b in boxes) * zoom + 2 * pad
    height = sum((b - t) * zoom + 2 * pad for _l, t, _r, b in boxes)
    strip = PilImage.new("L", (width, height), 255)
    placed: list[tuple[int, int, PixelBox]] = []  # (top on the strip, bottom on the strip, box on the page)
    y = 0
    for box in boxes:
        left, top, right, bottom = box
        crop = image.crop(box).resize(((right - left) * zoom, (bottom - top) * zoom), PilImage.Resampling.BICUBIC)
        strip.paste(crop, (pad, y + pad))
        placed.append((y, y + crop.height + 2 * pad, box))
        y += crop.height + 2 * pad
    words: list[OcrWord] = []
    for word in _words(strip, f"--psm 6 --oem 1 --dpi {dpi * zoom}"):
        middle = word.top + word.height // 2
        slot = next((index for index, (start, end, _box) in enumerate(placed) if start <= middle < end), None)
        if slot is None:
            continue
        start, _end, (left, top, _right, _bottom) = placed[slot]
        # Each box's lines are lines of their own on the page: never joined to a neighbour's.
        words.append(OcrWord(word.text, left + (word.left - pad) // zoom, top + (word.top - start - pad) // zoom,
                             max(1, word.width // zoom), max(1, word.height // zoom), word.conf,
                             (-1 - slot, word.line[1], word.line[2])))
    return words


def _words(image: Image, config: str) -> list[OcrWord]:
    import pytesseract

    _one_thread()
    data: dict[str, list[Any]] = pytesseract.image_to_data(
        image, lang=LANGUAGE, config=config, output_type=pytesseract.Output.DICT, timeout=PAGE_TIMEOUT)
    words: list[OcrWord] = []
    for index, text in enumerate(data["text"]):
        conf = float(data["conf"][index])
        # A ruling line left in the image reads as "|": never a letter of the text.
        text = str(text).strip().strip("|")
        if not text or conf < 0:
            continue
        words.append(OcrWord(text, int(data["left"][index]), int(data["top"][index]), int(data["width"][index]),
                             int(data["height"][index]), conf,
                             (int(data["block_num"][index]), int(data["par_num"][index]),
                              int(data["line_num"][index]))))
    return words


def orientation(image: Image) -> int:
    """How many degrees the page must turn clockwise to stand upright (0, 90, 180 or 270), by
    Tesseract's orientation detection; 0 when it cannot tell."""
    import pytesseract

    _one_thread()
    try:
        found = pytesseract.image_to_osd(image, config="--psm 0 -c min_characters_to_try=50",
                                         output_type=pytesseract.Output.DICT, timeout=PAGE_TIMEOUT)
    except (pytesseract.TesseractError, RuntimeError, OSError):
        return 0
    if float(found.get("orientation_conf", 0.0)) < 1.0:
        return 0
    return int(found.get("rotate", 0)) % 360
