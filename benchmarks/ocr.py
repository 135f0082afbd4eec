"""OCR benchmark: time per page with 1 and 2 workers at 200 dpi, and field accuracy on the scans.

    python benchmarks/ocr.py                # writes the "OCR" section of BENCHMARKS.md
    python benchmarks/ocr.py --out /tmp/ocr.md --docs 4

Pages: the sample PDFs of ``samples/poai/`` rasterised at 200 dpi (grey, as a scanner gives them)
and stored as multi-page TIFF files, read through poai's batch (the same workers, time limit and
memory cap as any run). Accuracy: each scan of ``samples/escaneos/`` against its source's record,
and scans of POAIs made outside the project (``samples/scans.py`` ``EXTERNAL_SCANS``, made into a
temporary folder from ``../shared/corpus/external``) against their expected records.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "samples"))

import scans  # noqa: E402
from scanned import SCANS, external_accuracy, field_accuracy, manifest  # noqa: E402

from extractor.batch import process  # noqa: E402
from extractor.pipeline import extract  # noqa: E402
from extractor.readers.ocr import engine  # noqa: E402

MARK = "## OCR"
# Said when other processes kept the machine busier than its cores while it was measured.
LOADED = ("La máquina estaba ocupada por otros procesos (más procesos listos que núcleos): los tiempos de "
          "reloj miden sobre todo la espera y no se comparan con el objetivo; el tiempo de CPU por página sí.")
# Measured once by hand (tesserocr is not a dependency, so this script does not rerun it).
ENGINE_CHOICE = [
    "### Elección del enlace con Tesseract", "",
    "Medido a mano el 2026-11-25 sobre la página 1 de `poai_a01_directo.pdf` a 200 dpi, un hilo "
    "(`OMP_THREAD_LIMIT=1`), modelo spa:", "",
    "| Enlace | Tesseract | Segundos por página | Palabras | Confianza media |", "| --- | --- | --- | --- | --- |",
    "| pytesseract 0.3.13 | 5.3.0 de Debian (proceso aparte) | 0,88 s | 187 | 94,8 |",
    "| tesserocr 2.13.0 | 5.5.4 incluido en su wheel (en el mismo proceso) | 0,61–0,69 s | 187 | 95,6 |", "",
    "Se eligió **pytesseract**: lee las mismas 187 palabras con la misma fidelidad, usa el Tesseract "
    "y el modelo `spa` que instala Debian (`tesseract-ocr tesseract-ocr-spa`, lo que pide el issue y lo "
    "que instala `.ci/run`), es Python puro (sin binarios propios que dependan de la versión de Python) "
    "y el proceso de Tesseract hereda el límite de memoria del worker que lo lanza. "
    "tesserocr es un 25 % más rápido por página, pero trae su propio Tesseract 5.5 y necesita que se le "
    "indique dónde está el modelo; la diferencia (0,2–0,3 s) es pequeña frente al objetivo de 3 s "
    "por página. ocrmypdf no se midió: produce un PDF con capa de texto, no palabras con cajas y "
    "confianzas, y exige Ghostscript.", "",
]


def make_tiffs(folder: Path, docs: int) -> tuple[list[str], int]:
    """``docs`` sample PDFs as 200-dpi multi-page TIFF files; their paths and page count."""
    files, pages = [], 0
    for source in sorted((ROOT / "samples" / "poai").glob("*_directo.pdf"))[:docs]:
        pdf = pdfium.PdfDocument(source)
        frames = [pdf[i].render(scale=200 / 72, grayscale=True).to_pil().convert("L") for i in range(len(pdf))]
        target = folder / (source.stem + ".tif")
        frames[0].save(target, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate",
                       dpi=(200, 200))
        files.append(str(target))
        pages += len(frames)
    return files, pages


def _cpu() -> float:
    """CPU seconds of this process and of every process it has waited for (workers, their Tesseract)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(files: list[str], workers: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds to read ``files`` with ``workers`` (the CPU time does not grow
    when other work shares the machine)."""
    start, cpu = time.perf_counter(), _cpu()
    for record, _facts in process(files, workers=workers, timeout=600):
        assert record.ocr is not None, record.error
    return time.perf_counter() - start, _cpu() - cpu


def accuracy() -> list[tuple[str, bool, float]]:
    rows = []
    for entry in manifest():
        record = extract(SCANS / entry["escaneo"])
        share, _missed = field_accuracy(record, _load(SCANS / entry["esperado"]), entry["campos"])
        rows.append((entry["escaneo"], bool(entry["degradado"]), share))
    return rows


def external(folder: Path) -> list[tuple[str, str, int, float]]:
    """Each external scan: its name, source, pages and share of expected values read."""
    if not scans.EXTERNAL.is_dir():
        return []
    index = _load(scans.EXTERNAL / "expected" / "index.json")
    rows = []
    for scan in scans.EXTERNAL_SCANS:
        path = scans.make(scan, scans.EXTERNAL, folder)
        record = extract(path)
        share, _missed = external_accuracy(record, _load(scans.EXTERNAL / "expected" / f"{index[scan.source]}.json"))
        rows.append((scan.name, scan.source, int(record["paginas"] or 0), share))
    return rows


def _describe(scan: scans.Scan) -> str:
    parts = [f"{scan.dpi} dpi"]
    if scan.name.endswith(".tif"):
        parts.append("blanco y negro (TIFF G4)")
    if scan.skew:
        parts.append(f"torcido {abs(scan.skew):g}°".replace(".", ","))
    if scan.grey < 255 or scan.noise:
        parts.append("papel gris con ruido")
    if scan.blur:
        parts.append("desenfocado")
    return ", ".join(parts)


def _load(path: Path) -> dict[str, object]:
    import json

    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _pct(value: float) -> str:
    return f"{100 * value:.1f}".replace(".", ",") + " %"


def _n(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _s(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + " s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=8)
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files, pages = make_tiffs(Path(folder), args.docs)
        (one, one_cpu), (two, _two_cpu) = timed(files, 1), timed(files, 2)
        outside = external(Path(folder))
    rows = accuracy()
    described = {s.name: _describe(s) for s in scans.EXTERNAL_SCANS}
    lines = [
        MARK, "",
        f"Medido el {dt.date.today().isoformat()} con `python benchmarks/ocr.py --docs {args.docs}` "
        f"({engine.motor()}, modelo spa; Python {platform.python_version()}; {os.cpu_count()} núcleos; "
        f"carga media de la máquina al terminar {_n(os.getloadavg()[0])}: otros procesos la compartían, "
        "por eso se da también el tiempo de CPU).", "",
        f"Tiempo por página: {pages} páginas de {len(files)} POAI de ejemplo rasterizados a 200 dpi (TIFF en gris), "
        "leídos con el lote de poai (mismos procesos, límite de tiempo y de memoria).", "",
        "| Medida | Valor | Objetivo |", "| --- | --- | --- |",
        f"| 1 worker: segundos por página | {_s(one / pages)} | ≤ 3 s por página y núcleo |",
        f"| 1 worker: segundos de CPU por página (lectura y Tesseract) | {_s(one_cpu / pages)} | ≤ 3 s |",
        f"| 2 workers: segundos por página (reloj) | {_s(two / pages)} | |",
        f"| 2 workers: segundos por página y núcleo | {_s(2 * two / pages)} | ≤ 3 s |",
        f"| 2 workers / 1 worker | {one / two:.2f}× |  |".replace(".", ","), "",
        *([LOADED, ""] if os.getloadavg()[0] > (os.cpu_count() or 1) else []),
        "Campos exactos de cada escaneo de `samples/escaneos/` frente al registro de su documento de origen "
        "(`python samples/scans.py` los genera; la prueba `tests/test_ocr.py` exige estos valores, con un margen):", "",
        "| Escaneo | Degradado | Campos exactos |", "| --- | --- | --- |",
        *[f"| {name} | {'sí' if bad else 'no'} | {_pct(share)} |" for name, bad, share in rows], "",
        "Escaneos de POAI hechos fuera del proyecto (`../shared/corpus/external`, sin modificarlos): "
        "`samples/scans.py` los rasteriza y degrada en una carpeta temporal, y se comparan con su registro "
        "esperado (valores `\"*\"` no comparados, textos con espacios normalizados). Sus PDF de origen "
        "se leen exactos (`tests/test_external.py`):", "",
        "| Escaneo | Documento de origen | Escaneo simulado | Páginas | Valores exactos |",
        "| --- | --- | --- | --- | --- |",
        *[f"| {name} | {source} | {described[name]} | {pages} | {_pct(share)} |"
          for name, source, pages, share in outside], "",
        *ENGINE_CHOICE,
    ]
    text = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    head = text.split(MARK)[0].rstrip() if MARK in text else text.rstrip()
    tail = ""
    if MARK in text:
        rest = text.split(MARK, 1)[1]
        tail = rest[rest.find("\n## "):] if "\n## " in rest else ""
    args.out.write_text((head + "\n\n" if head else "") + "\n".join(lines) + tail, encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
