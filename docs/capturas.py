"""Screenshots of each page of ``poai web`` for the README and docs/ (docs/capturas/*.png).

Runs a real ``poai web`` over a few committed samples and the sample unit POA, in a scratch
folder, and photographs its pages in Debian's Chromium with the same setup as the browser tests:

    python docs/capturas.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from browser import WebServer, launch, submit, wait_read  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

OUT = ROOT / "docs" / "capturas"
SAMPLES = ROOT / "samples" / "poai"
POA = ROOT / "samples" / "poa" / "poa_unidad_2023.xlsx"
VIEW = {"width": 1440, "height": 900}


def _folder(scratch: Path) -> Path:
    folder = scratch / "POAI 2023"
    folder.mkdir()
    for name in ("poai_a01_directo.pdf", "poai_a03_directo.pdf", "poai_b01_directo.pdf", "poai_c02_directo.pdf"):
        shutil.copy(SAMPLES / name, folder)
    # A value read as dots, as a poor copy gives: the page marks it as a doubtful reading.
    text = (SAMPLES / "poai_a04_texto.txt").read_text(encoding="utf-8")
    (folder / "poai_a04_copia.txt").write_text(text.replace("JORGE ENRIQUE SALINAS ORTIZ", "••••••••"),
                                               encoding="utf-8")
    return folder


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="poai-capturas-") as scratch:
        folder = _folder(Path(scratch))
        server = WebServer("--carpeta", str(folder), "--poa", str(POA))
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                page = browser.new_page(viewport=VIEW, locale="es-BO")
                page.goto(server.url)
                wait_read(page)
                page.set_input_files("#archivos", str(SAMPLES / "poai_b02_word.docx"))
                submit(page, "text=Subir y leer")
                if page.locator('#lectura[data-leyendo="1"]').count():
                    page.screenshot(path=OUT / "lectura.png")
                wait_read(page)
                page.screenshot(path=OUT / "lista.png", full_page=True)
                page.click("text=poai_a03_directo.pdf")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=OUT / "documento.png")
                page.click('#hallazgos a[href="#c-funciones-1-fuente_verificacion"]')
                page.screenshot(path=OUT / "hallazgo.png")
                page.fill("#i-c-funciones-1-fuente_verificacion", "Informe técnico de avance")
                page.locator("#c-funciones-1").locator("text=Guardar cambios").click()
                page.wait_for_selector("text=Corrección guardada")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=OUT / "correccion.png")
                page.click("text=POA de la unidad")
                page.screenshot(path=OUT / "poa.png", full_page=True)
                browser.close()
        finally:
            server.stop()
    for path in sorted(OUT.glob("*.png")):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
