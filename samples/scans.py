"""Scanned renderings of sample POAIs, for the OCR golden test: ``python samples/scans.py``.

Each scan is a sample PDF of ``samples/poai/`` rasterised with pypdfium2 and degraded as
offices' scanners and phones degrade paper: lower resolution, skew, grey paper, noise, blur,
JPEG compression. Its expected record is the source's own (``samples/poai/<source>.expected.json``),
named in ``samples/escaneos/manifest.json`` with the fields a scan of some pages can hold.
Deterministic: the same seeds give the same files.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "poai"
OUT = HERE / "escaneos"


@dataclass(frozen=True)
class Scan:
    """One scan: its file name, source PDF, resolution, how it is degraded, which pages it holds."""

    name: str
    source: str
    dpi: int
    skew: float = 0.0          # degrees, counter-clockwise
    grey: int = 255            # paper tone (255 white)
    noise: float = 0.0         # standard deviation of Gaussian noise
    blur: float = 0.0          # Gaussian blur sigma (pixels)
    quality: int = 60          # JPEG quality of the stored page images
    turn: int = 0              # the page stored turned this many degrees (90, 180)
    pages: tuple[int, ...] = ()  # 1-based; () is every page
    text_pages: tuple[int, ...] = ()  # pages kept with their text layer (a PDF scanned in part)
    shading: bool = False      # uneven light, as a phone photo has
    signed: bool = False       # a rubber stamp and a handwritten signature over the signature block
    campos: tuple[str, ...] = ()  # the record's fields compared; () is every field


SCANS = [
    Scan("escaneo_a01_200dpi.pdf", "poai_a01_directo.pdf", 200),
    Scan("escaneo_b01_200dpi_torcido.pdf", "poai_b01_libreoffice.pdf", 200, skew=-2.0, grey=225, noise=5.0,
         signed=True),
    Scan("escaneo_c02_150dpi.pdf", "poai_c02_directo.pdf", 150, skew=1.2, grey=230, noise=6.0, blur=0.6, quality=60,
         signed=True),
    Scan("escaneo_a03_200dpi.tif", "poai_a03_directo.pdf", 200, skew=2.5, blur=0.8),
    Scan("escaneo_b03_200dpi_invertido.pdf", "poai_b03_directo.pdf", 200, turn=180, grey=235, quality=60),
    Scan("escaneo_a02_mixto.pdf", "poai_a02_libreoffice.pdf", 200, skew=-1.0, text_pages=(1, 3)),
    Scan("escaneo_c01_telefono.jpg", "poai_c01_libreoffice.pdf", 150, skew=-3.0, grey=215, noise=10.0, blur=0.9,
         quality=60, pages=(1,), shading=True, campos=("gestion", "puesto")),
    Scan("escaneo_b02_pagina1.png", "poai_b02_directo.pdf", 200, skew=0.7, grey=240, pages=(1,),
         campos=("gestion", "puesto")),
]


def _signatories(scan: Scan) -> list[str]:
    """The names that sign the source POAI (its expected record's approval block)."""
    expected = json.loads((SOURCES / (scan.source.rsplit(".", 1)[0] + ".expected.json")).read_text(encoding="utf-8"))
    approval = expected.get("aprobacion") or {}
    return [name for name in (approval.get("elaborado_por"), approval.get("aprobado_por")) if name]


def _name_box(page: pdfium.PdfPage, name: str, dpi: int) -> tuple[int, int, int, int] | None:
    """Where ``name`` is printed on ``page``, in pixels at ``dpi`` (left, top, right, bottom)."""
    text = page.get_textpage()
    found = text.search(name, match_case=False).get_next()
    if found is None:
        return None
    first, count = found
    boxes = [text.get_charbox(i) for i in range(first, first + count)]
    height, scale = page.get_size()[1], dpi / 72
    left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return round(left * scale), round((height - top) * scale), round(right * scale), round((height - bottom) * scale)


def _sign(ink: np.ndarray, scan: Scan, page: pdfium.PdfPage, rng: np.random.Generator) -> None:
    """Over the signature block, as offices sign a printed POAI: a rubber stamp (rings and words in
    a lighter ink) above the first signatory's name and touching it, and a handwritten signature
    (a dark looping stroke) across the second's name."""
    names = [box for box in (_name_box(page, n, scan.dpi) for n in _signatories(scan)) if box is not None]
    unit = scan.dpi / 100
    if names:
        left, top, right, _bottom = names[0]
        centre = ((left + right) // 2, top - round(28 * unit))
        stamp = np.zeros(ink.shape, dtype=np.uint8)
        radius = round(34 * unit)
        cv2.circle(stamp, centre, radius, 255, max(2, round(2.5 * unit)), cv2.LINE_AA)
        cv2.circle(stamp, centre, radius - round(9 * unit), 255, max(1, round(1.2 * unit)), cv2.LINE_AA)
        for word, dy in (("RECIBIDO", -4), ("RR.HH.", 12)):
            size = cv2.getTextSize(word, cv2.FONT_HERSHEY_DUPLEX, 0.3 * unit, 1)[0]
            cv2.putText(stamp, word, (centre[0] - size[0] // 2, centre[1] + round(dy * unit)), cv2.FONT_HERSHEY_DUPLEX,
                        0.3 * unit, 255, max(1, round(unit)), cv2.LINE_AA)
        ink[:] = np.maximum(ink, stamp * (150.0 / 255))  # violet stamp ink scans lighter than print
    if len(names) > 1:
        left, top, right, bottom = names[1]
        xs = np.linspace(left - 10 * unit, left + 0.7 * (right - left), 60)
        ys = (top + bottom) / 2 - 12 * unit + 16 * unit * np.sin(np.linspace(0, 5 * np.pi, 60)) * \
            np.linspace(1.0, 0.4, 60) + rng.normal(0, unit, 60)
        points = np.stack([xs, ys], axis=1).round().astype(np.int32)
        pen = np.zeros(ink.shape, dtype=np.uint8)
        cv2.polylines(pen, [points], False, 255, max(2, round(1.6 * unit)), cv2.LINE_AA)
        ink[:] = np.maximum(ink, pen * (230.0 / 255))


# Scans of POAIs made outside the project (``../shared/corpus/external``), made on the fly by the OCR
# test and benchmark into a temporary folder: clean at 200 dpi, and degraded at 150 dpi.
EXTERNAL = HERE.parent.parent / "shared" / "corpus" / "external"
EXTERNAL_SCANS = [
    Scan("externo_uap_200dpi.pdf", "uap_form001.pdf", 200),
    Scan("externo_ddhh_150dpi.pdf", "ddhh_ruled.pdf", 150, skew=1.0, grey=230, noise=6.0, blur=0.6),
    Scan("externo_cns_200dpi_torcido.pdf", "cns_abogado_word.pdf", 200, skew=-1.5, grey=225, noise=5.0),
    Scan("externo_seed_150dpi.tif", "seed_ruled.pdf", 150, skew=0.8, blur=0.5),
]


def render(scan: Scan, number: int, page: pdfium.PdfPage, last: bool = False) -> Image.Image:
    """One page of ``scan``: rasterised, then degraded as its settings say (``last``: the document's last page)."""
    grey = np.asarray(page.render(scale=scan.dpi / 72, grayscale=True).to_pil().convert("L"), dtype=np.float32)
    rng = np.random.default_rng(number * 1000 + scan.dpi)
    ink = 255.0 - grey
    if scan.signed and last:
        _sign(ink, scan, page, rng)
    paper = np.full_like(grey, float(scan.grey))
    if scan.shading:
        height, width = grey.shape
        ys, xs = np.mgrid[0:height, 0:width]
        paper -= 40.0 * (xs / width) * (ys / height)
    page_img = np.clip(paper - ink * (paper / 255.0), 0, 255)
    if scan.skew:
        height, width = page_img.shape
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), scan.skew, 1.0)
        page_img = cv2.warpAffine(page_img, matrix, (width, height), flags=cv2.INTER_LINEAR,
                                  borderValue=float(scan.grey))
    if scan.blur:
        page_img = cv2.GaussianBlur(page_img, (0, 0), scan.blur)
    if scan.noise:
        page_img = page_img + rng.normal(0.0, scan.noise, page_img.shape)
    image = Image.fromarray(np.clip(page_img, 0, 255).astype(np.uint8), "L")
    if scan.turn:
        image = image.rotate(scan.turn, expand=True)
    return image


def _jpeg(image: Image.Image, quality: int, dpi: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, dpi=(dpi, dpi))
    return buffer.getvalue()


def _image_page(pdf: pdfium.PdfDocument, index: int, image: Image.Image, scan: Scan, size: tuple[float, float]) -> None:
    """Insert at ``index`` a page that is only the JPEG of ``image``, ``size`` points large."""
    width, height = size
    page = pdf.new_page(width, height, index=index)
    picture = pdfium.PdfImage.new(pdf)
    picture.load_jpeg(io.BytesIO(_jpeg(image, scan.quality, scan.dpi)), inline=True)
    picture.set_matrix(pdfium.PdfMatrix().scale(width, height))
    page.insert_obj(picture)
    page.gen_content()


def make(scan: Scan, sources: Path = SOURCES, out: Path = OUT) -> Path:
    """Write one scan of ``sources / scan.source`` into ``out`` (``samples/escaneos``); returns its path.

    Sources from elsewhere (the external corpus, for the OCR test and benchmark) are scanned
    the same way; their scans are never written beside them."""
    source = pdfium.PdfDocument(sources / scan.source)
    numbers = scan.pages or tuple(range(1, len(source) + 1))
    images = {n: render(scan, n, source[n - 1], last=n == len(source)) for n in numbers if n not in scan.text_pages}
    target = out / scan.name
    suffix = target.suffix
    if suffix == ".pdf":
        pdf = pdfium.PdfDocument.new()
        for index, number in enumerate(numbers):
            if number in scan.text_pages:
                pdf.import_pages(source, [number - 1], index=index)
            else:
                _image_page(pdf, index, images[number], scan, source[number - 1].get_size())
        pdf.save(target)
    elif suffix == ".tif":
        frames = [images[n].convert("1") for n in numbers]  # a bilevel fax-like scan, CCITT G4
        frames[0].save(target, "TIFF", save_all=True, append_images=frames[1:], compression="group4",
                       dpi=(scan.dpi, scan.dpi))
    elif suffix == ".jpg":
        target.write_bytes(_jpeg(images[numbers[0]], scan.quality, 72))  # a phone says 72 dpi
    else:
        images[numbers[0]].save(target, "PNG", optimize=True, dpi=(scan.dpi, scan.dpi))
    return target


def main() -> None:
    """Write every scan and the manifest naming each one's expected record."""
    OUT.mkdir(exist_ok=True)
    manifest = []
    for scan in SCANS:
        path = make(scan)
        expected = scan.source.rsplit(".", 1)[0] + ".expected.json"
        manifest.append({"escaneo": scan.name, "esperado": f"../poai/{expected}", "campos": list(scan.campos),
                         "dpi": scan.dpi, "degradado": scan.noise > 0 or scan.blur > 0 or bool(scan.skew)})
        print(f"{path.relative_to(HERE.parent)}: {path.stat().st_size // 1024} KB")
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
