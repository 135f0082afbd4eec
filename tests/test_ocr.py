"""Scans read by OCR with the real Tesseract: the scanned samples against their sources' records."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from golden import ROOT, load
from PIL import Image
from scanned import SCANS, external_accuracy, field_accuracy, manifest

import extractor
from extractor.checks.doubtful import doubtful_values
from extractor.model.record import Record
from extractor.readers.detect import detect_format
from extractor.readers.ocr import engine

ENTRIES = manifest()
# The share of fields read exactly, as measured on each scan (BENCHMARKS.md), less a small margin:
# a scan that reads worse than this has regressed.
FLOORS = {
    "escaneo_a01_200dpi.pdf": 0.98,
    "escaneo_b01_200dpi_torcido.pdf": 0.95,
    "escaneo_c02_150dpi.pdf": 0.93,
    "escaneo_a03_200dpi.tif": 0.96,
    "escaneo_b03_200dpi_invertido.pdf": 0.98,
    "escaneo_a02_mixto.pdf": 0.98,
    "escaneo_c01_telefono.jpg": 0.95,
    "escaneo_b02_pagina1.png": 0.95,
}

# Scans of POAIs made outside the project, made here from the external corpus (samples/scans.py,
# EXTERNAL_SCANS): the share of their expected values read, as measured (BENCHMARKS.md), less a margin.
EXTERNAL_FLOORS = {
    "externo_uap_200dpi.pdf": 0.95,
    "externo_cns_200dpi_torcido.pdf": 0.90,
}

pytestmark = pytest.mark.skipif(engine.missing() is not None, reason="Tesseract con el modelo spa no está instalado")


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, object]]:
    return {entry["escaneo"]: extractor.extract(SCANS / entry["escaneo"]) for entry in ENTRIES}


def test_every_scan_has_a_floor() -> None:
    assert sorted(FLOORS) == sorted(entry["escaneo"] for entry in ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["escaneo"] for e in ENTRIES])
def test_scan_reads_its_source(entry: dict[str, object], records: dict[str, dict[str, object]]) -> None:
    record = records[str(entry["escaneo"])]
    expected = load(SCANS / str(entry["esperado"]))
    accuracy, missed = field_accuracy(record, expected, list(entry["campos"]))  # type: ignore[call-overload]
    assert accuracy >= FLOORS[str(entry["escaneo"])], f"{accuracy:.3f}: " + ", ".join(missed[:20])


def test_ocr_field(records: dict[str, dict[str, object]]) -> None:
    tiff = records["escaneo_a03_200dpi.tif"]
    assert tiff["formato"] == "imagen" and tiff["paginas"] == 3
    ocr = tiff["ocr"]
    assert isinstance(ocr, dict) and ocr["paginas"] == [1, 2, 3] and str(ocr["motor"]).startswith("tesseract ")
    assert 0 < float(ocr["confianza"]) <= 100
    mixed = records["escaneo_a02_mixto.pdf"]
    assert mixed["formato"] == "pdf" and mixed["ocr"] == {**mixed["ocr"], "paginas": [2]}  # type: ignore[dict-item]
    assert records["escaneo_c01_telefono.jpg"]["formato"] == "imagen"
    assert extractor.extract(ROOT / "samples" / "poai" / "poai_a01_directo.pdf")["ocr"] is None


def test_image_formats_are_detected() -> None:
    for name in ("escaneo_a03_200dpi.tif", "escaneo_c01_telefono.jpg", "escaneo_b02_pagina1.png"):
        assert detect_format((SCANS / name).read_bytes()) == "imagen"


def test_turned_page_is_read_upright(tmp_path: Path) -> None:
    page = Image.open(SCANS / "escaneo_b02_pagina1.png").rotate(90, expand=True)
    path = tmp_path / "girada.png"
    page.save(path, dpi=(200, 200))
    record = extractor.extract(path)
    assert record["puesto"]["denominacion"] == "PROFESIONAL EN LIMITES Y ORGANIZACION TERRITORIAL"  # type: ignore[index]


def test_skew_is_measured() -> None:
    from extractor.readers.ocr.prepare import skew_angle

    grey = np.asarray(Image.open(SCANS / "escaneo_b02_pagina1.png").convert("L"))
    assert abs(skew_angle(grey) + 0.7) < 0.15  # the generator turned it 0.7° counter-clockwise


def test_ocr_off_leaves_scans_unread(tmp_path: Path) -> None:
    record = extractor.extract(SCANS / "escaneo_c01_telefono.jpg", ocr="nunca")
    assert record["error"]["codigo"] == "sin_texto"  # type: ignore[index]
    text_only = extractor.extract(SCANS / "escaneo_a02_mixto.pdf", ocr="nunca")
    assert text_only["ocr"] is None and text_only["estado"] != "error"


def test_without_tesseract_a_scan_says_how_to_install_it() -> None:
    """Tesseract really absent: a PATH that does not reach it."""
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    code = ("import extractor, json, sys; r = extractor.extract(sys.argv[1]); "
            "print(json.dumps(r['error'], ensure_ascii=False))")
    for name in ("escaneo_b02_pagina1.png", "escaneo_b03_200dpi_invertido.pdf"):
        out = subprocess.run([sys.executable, "-c", code, str(SCANS / name)], env=env, capture_output=True,
                             text=True, check=True).stdout
        assert '"sin_texto"' in out and "apt-get install tesseract-ocr tesseract-ocr-spa" in out


def test_low_confidence_words_make_a_value_doubtful() -> None:
    record = Record(archivo="x", sha256="", formato="imagen")
    record.puesto.ocupante = "ROSA ELENA QU1SPE"
    found = list(doubtful_values(record, ["QU1SPE"]))
    assert found and found[0][0] == "puesto.ocupante" and "poca confianza" in found[0][2]


def test_cli_ocr_option(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(SCANS / "escaneo_c01_telefono.jpg"),
                    "--ocr", "nunca", "--json", str(out), "--no-cache"], capture_output=True, check=False)
    assert '"sin_texto"' in out.read_text(encoding="utf-8")


class _Pages:
    """A progress that also listens to pages, as the CLI's bar does."""

    def __init__(self) -> None:
        self.events: list[tuple[str, object, object]] = []

    def __call__(self, done: int, total: int, path: str) -> None:
        self.events.append(("archivo", Path(path).name, done))

    def page(self, path: str, number: int, pages: int) -> None:
        self.events.append(("pagina", Path(path).name, (number, pages)))


@pytest.mark.parametrize("timeout", [None, 600.0], ids=["en_proceso", "en_worker"])
def test_progress_advances_with_pages(timeout: float | None) -> None:
    """Each page a worker reads by OCR is told while the document is still being read."""
    from extractor.batch import process

    progress = _Pages()
    records = list(process([str(SCANS / "escaneo_a03_200dpi.tif")], workers=1, timeout=timeout, progress=progress))
    assert records[0][0].ocr is not None
    name = "escaneo_a03_200dpi.tif"
    # A worker's pages travel on a queue of their own: in order among themselves, not with the file's end.
    assert [e for e in progress.events if e[0] == "pagina"] == [("pagina", name, (n, 3)) for n in (1, 2, 3)]
    assert ("archivo", name, 1) in progress.events
    if timeout is None:
        assert progress.events[-1] == ("archivo", name, 1)


def test_progress_bar_names_the_page() -> None:
    from extractor.cli import _Bar

    bar = _Bar()
    try:
        bar.page("/x/escaneo.tif", 2, 3)
        assert bar.bar.postfix == "escaneo.tif: página 2 de 3 (OCR)"
        bar(1, 4, "/x/escaneo.tif")
        assert bar.bar.total == 4
    finally:
        bar.close()


@pytest.mark.skipif(not (ROOT.parent / "shared" / "corpus" / "external").is_dir(),
                    reason="the shared external corpus is not beside the repository")
@pytest.mark.parametrize("name", sorted(EXTERNAL_FLOORS))
def test_scan_of_an_external_poai(name: str, tmp_path: Path) -> None:
    """A POAI made outside the project, scanned here (never beside the corpus), reads as its expected record."""
    import json

    sys.path.insert(0, str(ROOT / "samples"))
    import scans

    scan = next(s for s in scans.EXTERNAL_SCANS if s.name == name)
    path = scans.make(scan, scans.EXTERNAL, tmp_path)
    index = json.loads((scans.EXTERNAL / "expected" / "index.json").read_text(encoding="utf-8"))
    expected = json.loads((scans.EXTERNAL / "expected" / f"{index[scan.source]}.json").read_text(encoding="utf-8"))
    accuracy, missed = external_accuracy(extractor.extract(path), expected)
    assert accuracy >= EXTERNAL_FLOORS[name], f"{accuracy:.3f}: " + ", ".join(missed[:20])
