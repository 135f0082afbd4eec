"""poai web end to end in a real headless browser (Debian's Chromium, driven by Playwright): add
documents from the folder and by upload, open one, see its finding highlighted, correct a field,
download the workbook and read the corrected value back; the correction survives a restart of
the server and a ``poai run``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("flask", reason="poai web needs the web extra (pip install '.[web]')")
sync_api = pytest.importorskip("playwright.sync_api", reason="the browser tests need playwright (the test extra)")

from browser import CHROMIUM, WebServer, launch, submit, wait_read  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from extractor.cli import main  # noqa: E402

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} "
                                "(Debian: apt-get install chromium; .ci/run installs it)")
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "poai"
NAME = "ANA LUCÍA MENACHO SORUCO"
FIXED = "ANA LUCÍA MENACHO SORUCO DE PRUEBA"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


def _occupants(path: Path) -> set[Any]:
    book = load_workbook(path, read_only=True)
    try:
        sheet = book["Puestos"]
        rows = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    column = rows[0].index("Ocupante")
    return {row[column] for row in rows[1:]}


def test_review_correct_download_restart_and_run(browser: Any, tmp_path: Path) -> None:
    folder = tmp_path / "carpeta"
    folder.mkdir()
    shutil.copy(SAMPLES / "poai_a01_directo.pdf", folder)
    # The occupant's name printed as dots: a doubtful value (and its function 2 lacks a verification source).
    text = (SAMPLES / "poai_a03_texto.txt").read_text(encoding="utf-8").replace(NAME, "•••••••••")
    (folder / "poai_dudoso.txt").write_text(text, encoding="utf-8")
    server = WebServer("--carpeta", str(folder))
    page = browser.new_page()
    try:
        page.goto(server.url)
        wait_read(page)
        rows = page.locator("table.documentos tbody tr").count()
        assert rows == 2, page.inner_text("main") + "\n--- poai web:\n" + server.output
        # Add a document by upload: the page follows its reading and lists it.
        page.set_input_files("#archivos", str(SAMPLES / "poai_b01_texto.txt"))
        submit(page, "text=Subir y leer")
        wait_read(page)
        rows = page.locator("table.documentos tbody tr").count()
        assert rows == 3, page.inner_text("main") + "\n--- poai web:\n" + server.output
        assert page.locator("text=poai_b01_texto.txt").count() == 1

        page.click("text=poai_dudoso.txt")
        # The findings are highlighted on their fields, and each links to its field.
        missing = page.locator("#c-funciones-1-fuente_verificacion")
        assert "obs" in (missing.get_attribute("class") or "")
        assert "dudoso" in (page.locator("#c-puesto-ocupante").get_attribute("class") or "")
        page.click('#hallazgos a[href="#c-funciones-1-fuente_verificacion"]')
        assert page.evaluate("document.querySelector(':target').id") == "c-funciones-1-fuente_verificacion"
        assert page.eval_on_selector(":target", "e => getComputedStyle(e).outlineStyle") == "solid"

        # Correct the doubtful occupant: the page shows the value saved and its correction's mark.
        page.fill("#i-c-puesto-ocupante", FIXED)
        page.locator("#c-puesto").locator("text=Guardar cambios").click()
        page.wait_for_selector("text=Corrección guardada (puesto.ocupante)")
        assert page.input_value("#i-c-puesto-ocupante") == FIXED
        assert "corregido" in (page.locator("#c-puesto-ocupante").get_attribute("class") or "")
        assert "dudoso" not in (page.locator("#c-puesto-ocupante").get_attribute("class") or "")

        with page.expect_download() as download:
            page.click("#descargar")
        downloaded = tmp_path / "descargado.xlsx"
        download.value.save_as(downloaded)
        assert FIXED in _occupants(downloaded)
    finally:
        page.close()
        code = server.stop()
    assert code == 0 and "poai web detenido." in server.output

    # Restarted, the server shows the correction (kept in the folder's catalog) and the upload.
    again = WebServer("--carpeta", str(folder))
    page = browser.new_page()
    try:
        page.goto(again.url)
        wait_read(page)
        assert page.locator("text=poai_b01_texto.txt").count() == 1, page.content() + again.output
        page.click("text=poai_dudoso.txt")
        assert page.input_value("#i-c-puesto-ocupante") == FIXED
    finally:
        page.close()
        assert again.stop() == 0

    # poai run over the folder, with the same catalog, writes the corrected value.
    output = tmp_path / "consolidado.xlsx"
    assert main(["run", str(folder), "-o", str(output), "--cache", str(folder / "poai-catalogo.sqlite")]) == 0
    assert FIXED in _occupants(output)
