"""poai web through Flask's test client: CSRF, upload limits, the access token, 404s, corrections,
moving a function, the workbook as ``poai run`` writes it, and the command's own errors."""

from __future__ import annotations

import io
import re
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("flask", reason="poai web needs the web extra (pip install '.[web]')")

from flask.testing import FlaskClient  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from extractor.catalog import Catalog  # noqa: E402
from extractor.cli import main  # noqa: E402
from extractor.web.app import create_app  # noqa: E402
from extractor.web.settings import Settings  # noqa: E402
from extractor.web.workspace import Workspace  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "poai" / "poai_a03_texto.txt"  # its 2nd function has no verification source
OTHER = ROOT / "samples" / "poai" / "poai_b01_texto.txt"
POA = ROOT / "samples" / "poa" / "poa_unidad_2023.xlsx"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Server:
    """A test client with the workspace it serves."""

    def __init__(self, settings: Settings) -> None:
        self.space = Workspace(settings)
        self.app = create_app(settings, self.space)
        self.client: FlaskClient = self.app.test_client()

    def csrf(self, path: str = "/") -> str:
        found = TOKEN.search(self.client.get(path).get_data(as_text=True))
        assert found is not None
        return found.group(1)

    def wait(self) -> None:
        deadline = time.monotonic() + 60
        while self.space.reading.running and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not self.space.reading.running

    def page(self, path: str) -> str:
        response = self.client.get(path)
        assert response.status_code == 200, response.status_code
        return response.get_data(as_text=True)


def _settings(folder: Path | None, tmp: Path, **extra: Any) -> Settings:
    return Settings(carpeta=folder, catalogo=tmp / "catalogo.sqlite", workers=1, timeout=None, **extra)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    carpeta = tmp_path / "carpeta"
    carpeta.mkdir()
    shutil.copy(SAMPLE, carpeta)
    return carpeta


@pytest.fixture()
def server(folder: Path, tmp_path: Path) -> Iterator[Server]:
    made = Server(_settings(folder, tmp_path))
    made.space.read()
    yield made
    made.space.close()


def _doc(server: Server) -> str:
    [record] = server.space.snapshot.records
    return f"/documento/{record.sha256}/0"


def test_the_list_shows_each_document_with_its_estado_completitud_and_findings(server: Server) -> None:
    html = server.page("/")
    assert "poai_a03_texto.txt" in html and "95,2 %" in html and "Función incompleta" in html
    assert "JEFE DE UNIDAD DE GEOMÁTICA" in html
    assert "poai_a03_texto.txt" in server.page("/?regla=funcion_incompleta&estado=ok")
    assert "Ningún documento cumple el filtro" in server.page("/?regla=sin_funciones")
    assert "Ningún documento cumple el filtro" in server.page("/?unidad=OTRA")


def test_a_form_without_its_csrf_token_is_refused(server: Server) -> None:
    response = server.client.post(f"{_doc(server)}/corregir", data={"c:puesto.ocupante": "OTRA PERSONA"})
    assert response.status_code == 400
    assert "marca de seguridad" in response.get_data(as_text=True)
    with Catalog(server.space.catalog_path) as catalog:
        assert len(catalog.corrections) == 0
    stolen = server.client.post(f"{_doc(server)}/corregir", data={"c:puesto.ocupante": "X", "csrf_token": "falso"})
    assert stolen.status_code == 400


def test_correcting_a_field_keeps_it_in_the_catalog_and_shows_it_audited(server: Server) -> None:
    doc = _doc(server)
    token = server.csrf(doc)
    unchanged = server.space.snapshot.records[0].funciones[1].funcion  # sent as it is: no correction
    response = server.client.post(f"{doc}/corregir", data={
        "csrf_token": token, "c:funciones[1].fuente_verificacion": "Informe  técnico",
        "c:funciones[1].funcion": unchanged})
    assert response.status_code == 303 and response.location.endswith("#c-funciones-1-fuente_verificacion")
    html = server.page(doc)
    assert "Corrección guardada (funciones[1].fuente_verificacion)" in html
    assert ">Informe técnico</textarea>" in html
    assert "Función específica 2: falta la fuente de verificación" not in html  # audited again, corrected
    assert "Corregido (web" in html
    with Catalog(server.space.catalog_path) as catalog:
        [kept] = catalog.corrections.all()
    assert (kept.campo, kept.antes, kept.despues, kept.origen) == (
        "funciones[1].fuente_verificacion", None, "Informe técnico", "web")
    # Undone: the value read comes back, and its finding with it.
    server.client.post(f"{doc}/deshacer", data={"csrf_token": token, "campo": kept.campo})
    assert "Función específica 2: falta la fuente de verificación" in server.page(doc)


def test_a_value_that_does_not_fit_its_field_is_refused_and_nothing_is_kept(server: Server) -> None:
    doc = _doc(server)
    response = server.client.post(f"{doc}/corregir", data={
        "csrf_token": server.csrf(doc), "c:funciones[0].ponderacion": "diez", "c:puesto.item": "999"},
        follow_redirects=True)
    assert "No se guardó" in response.get_data(as_text=True)
    with Catalog(server.space.catalog_path) as catalog:
        assert len(catalog.corrections) == 0


def test_typing_back_the_value_read_forgets_the_correction(server: Server) -> None:
    doc = _doc(server)
    token = server.csrf(doc)
    server.client.post(f"{doc}/corregir", data={"csrf_token": token, "c:puesto.item": "0142"})
    server.client.post(f"{doc}/corregir", data={"csrf_token": token, "c:puesto.item": "142"})
    with Catalog(server.space.catalog_path) as catalog:
        assert len(catalog.corrections) == 0


def test_uploads_are_limited_in_size_and_type_and_their_names_are_never_paths(folder: Path, tmp_path: Path) -> None:
    made = Server(_settings(None, tmp_path, limite=SAMPLE.stat().st_size + 4096))
    token = made.csrf()
    big = made.client.post("/documentos", data={"csrf_token": token, "archivos": (
        io.BytesIO(b"x" * (SAMPLE.stat().st_size + 8192)), "grande.txt")}, content_type="multipart/form-data")
    assert big.status_code == 413 and "demasiado grande" in big.get_data(as_text=True)
    refused = made.client.post("/documentos", data={"csrf_token": token, "archivos": [
        (io.BytesIO(b"MZ\x90\x00binario"), "programa.exe"), (io.BytesIO(b"\x00\x01\x02basura"), "roto.pdf")]},
        content_type="multipart/form-data", follow_redirects=True)
    html = refused.get_data(as_text=True)
    assert "poai no lee archivos .exe" in html and "«roto.pdf»" in html
    assert made.space.uploads.names() == []
    outside = tmp_path / "fuera"
    sneaky = f"../../{outside.name}/poai.txt"
    made.client.post("/documentos", data={"csrf_token": token, "archivos": (io.BytesIO(SAMPLE.read_bytes()), sneaky)},
                     content_type="multipart/form-data")
    made.wait()
    assert made.space.uploads.names() == ["poai.txt"]
    assert not outside.exists() and not (Path.cwd() / "poai.txt").exists()
    [record] = made.space.snapshot.records
    assert record.archivo == "poai.txt" and record.puesto.denominacion == "JEFE DE UNIDAD DE GEOMÁTICA"
    again = made.client.post("/documentos", data={"csrf_token": token, "archivos": (
        io.BytesIO(SAMPLE.read_bytes()), "copia.txt")}, content_type="multipart/form-data", follow_redirects=True)
    assert "ya estaba" in again.get_data(as_text=True)
    made.space.close()
    # The catalog is the store: a new server on it has the upload, and shows its text.
    later = Server(_settings(None, tmp_path))
    later.space.read()
    assert [r.archivo for r in later.space.snapshot.records] == ["poai.txt"]
    assert "PLAN OPERATIVO ANUAL INDIVIDUAL" in later.page(_doc(later))
    later.space.close()


def test_opened_to_the_network_every_request_needs_the_access_token(folder: Path, tmp_path: Path) -> None:
    made = Server(_settings(folder, tmp_path, host="0.0.0.0", token="clave-de-prueba"))
    for path in ("/", "/poa", "/libro.xlsx", "/estado.json", "/static/poai.css", "/?token=otra"):
        response = made.client.get(path)
        assert response.status_code == 403, path
        assert "clave de acceso" in response.get_data(as_text=True)
    entry = made.client.get("/poa?token=clave-de-prueba")
    assert entry.status_code == 303 and entry.location.endswith("/poa")  # the token leaves the address
    assert made.client.get("/poa").status_code == 200  # kept in a cookie
    made.space.close()


def test_on_this_computer_only_requests_addressed_to_it_are_answered(server: Server) -> None:
    assert server.client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200
    assert server.client.get("/", headers={"Host": "atacante.example"}).status_code == 400


def test_unknown_pages_documents_and_pages_of_a_document_are_404(server: Server) -> None:
    doc = _doc(server)
    for path in ("/nada", "/documento/xyz/0", f"/documento/{'0' * 64}/0", f"{doc[:-1]}3",
                 f"{doc}/pagina/1.png"):  # a text dump has no page images
        response = server.client.get(path)
        assert response.status_code == 404, path
        assert "No encontrado" in response.get_data(as_text=True)
    assert server.client.get(f"{doc}/corregir").status_code == 405


def test_a_pdf_page_is_an_image(tmp_path: Path) -> None:
    carpeta = tmp_path / "pdf"
    carpeta.mkdir()
    shutil.copy(ROOT / "samples" / "poai" / "poai_a01_directo.pdf", carpeta)
    made = Server(_settings(carpeta, tmp_path))
    made.space.read()
    doc = _doc(made)
    assert "Página 1 de" in made.page(doc)
    image = made.client.get(f"{doc}/pagina/1.png")
    assert image.status_code == 200 and image.data.startswith(b"\x89PNG")
    assert made.client.get(f"{doc}/pagina/99.png").status_code == 404
    made.space.close()


def test_moving_a_function_to_another_operation_of_the_poa(folder: Path, tmp_path: Path) -> None:
    made = Server(_settings(folder, tmp_path, poa=POA))
    made.space.read()
    html = made.page("/poa")
    assert "operaciones atendidas" in html and "Funciones sin operación (1)" in html
    [record] = made.space.snapshot.records
    [index] = [i for i, f in enumerate(record.funciones) if f.linked and f.poa is None and f.tipo == "especifica"]
    target = made.space.snapshot.operations[-1]
    response = made.client.post(f"/documento/{record.sha256}/0/mover", data={
        "csrf_token": made.csrf("/poa"), "indice": str(index), "codigo": target.codigo, "volver": "poa"})
    assert response.status_code == 303 and response.location.endswith("/poa")
    assert "Funciones sin operación (0)" in made.page("/poa")
    [moved] = made.space.snapshot.records
    assert moved.funciones[index].poa is not None and moved.funciones[index].poa.codigo == target.codigo
    assert not any(f.regla == "funcion_sin_poa" for f in moved.auditoria)
    bad = made.client.post(f"/documento/{record.sha256}/0/mover", data={
        "csrf_token": made.csrf("/poa"), "indice": str(index), "codigo": "no-existe"})
    assert bad.status_code == 400
    made.space.close()


def _values(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = load_workbook(path, read_only=True)
    try:
        return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True) if row[:1] != ("Generado",)]
                for sheet in book.worksheets}
    finally:
        book.close()


def test_the_workbook_is_the_one_poai_run_writes_with_the_corrections(folder: Path, tmp_path: Path) -> None:
    shutil.copy(OTHER, folder)
    made = Server(_settings(folder, tmp_path, poa=POA))
    made.space.read()
    record = made.space.snapshot.records[0]
    made.client.post(f"/documento/{record.sha256}/0/corregir", data={
        "csrf_token": made.csrf(), "c:puesto.ocupante": "MARÍA CORREGIDA"})
    response = made.client.get("/libro.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="poai-consolidado.xlsx"'
    downloaded = tmp_path / "descargado.xlsx"
    downloaded.write_bytes(response.data)
    made.space.close()
    ran = tmp_path / "run.xlsx"
    assert main(["run", str(folder), "-o", str(ran), "--cache", str(tmp_path / "catalogo.sqlite"),
                 "--poa", str(POA), "--workers", "1"]) == 0
    web, cli = _values(downloaded), _values(ran)
    assert web == cli
    assert "MARÍA CORREGIDA" in {value for row in web["Puestos"] for value in row}


def test_an_empty_workspace_says_how_to_start_and_the_workbook_needs_documents(tmp_path: Path) -> None:
    made = Server(_settings(None, tmp_path))
    made.space.read()
    assert "Todavía no hay documentos" in made.page("/")
    response = made.client.get("/libro.xlsx", follow_redirects=True)
    assert "No se pudo escribir el libro" in response.get_data(as_text=True)
    assert made.client.get("/estado.json").get_json() == {"leyendo": False, "total": 0, "hechos": 0, "actual": "",
                                                          "error": None}
    made.space.close()


def test_the_command_reports_a_missing_folder_and_a_missing_web_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["web", "--carpeta", str(tmp_path / "no-existe"), "--no-navegador"]) == 2
    assert "No existe la carpeta" in capsys.readouterr().err
    for name in [m for m in sys.modules if m.startswith("extractor.web.") and m != "extractor.web.cli"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "flask", None)
    assert main(["web", "--no-navegador"]) == 2
    assert "pip install 'poai[web]'" in capsys.readouterr().err


def test_a_doubtful_value_is_marked_on_its_field_and_its_finding_links_there(tmp_path: Path) -> None:
    carpeta = tmp_path / "dudoso"
    carpeta.mkdir()
    text = SAMPLE.read_text(encoding="utf-8").replace("ANA LUCÍA MENACHO SORUCO", "•••••••••")
    (carpeta / "dudoso.txt").write_text(text, encoding="utf-8")
    made = Server(_settings(carpeta, tmp_path))
    made.space.read()
    html = made.page(_doc(made))
    assert re.search(r'<div class="campo obs obs-advertencia dudoso" id="c-puesto-ocupante">', html)
    assert '<a href="#c-puesto-ocupante">Lectura dudosa</a>' in html
    # A finding naming a column without its row marks that column where it is empty.
    assert re.search(r'<div class="campo obs obs-advertencia" id="c-funciones-1-fuente_verificacion">', html)
    assert '<a href="#c-funciones-1-fuente_verificacion">Función incompleta</a>' in html
    made.space.close()


def test_an_uploaded_document_can_be_taken_out_again(tmp_path: Path) -> None:
    made = Server(_settings(None, tmp_path))
    made.client.post("/documentos", data={"csrf_token": made.csrf(), "archivos": (
        io.BytesIO(SAMPLE.read_bytes()), "subido.txt")}, content_type="multipart/form-data")
    made.wait()
    doc = _doc(made)
    assert "Quitar este documento" in made.page(doc)
    made.client.post("/documentos/quitar", data={"csrf_token": made.csrf(), "nombre": "subido.txt"})
    made.wait()
    assert made.space.snapshot.records == [] and made.space.uploads.names() == []
    assert made.client.get(doc).status_code == 404
    made.space.close()


def test_a_poa_uploaded_on_its_page_is_kept_in_the_catalog_and_links_the_functions(folder: Path,
                                                                                   tmp_path: Path) -> None:
    made = Server(_settings(folder, tmp_path))
    made.space.read()
    assert "Todavía no hay POA" in made.page("/poa")
    token = made.csrf("/poa")
    refused = made.client.post("/poa", data={"csrf_token": token, "poa": (io.BytesIO(b"hola"), "poa.docx")},
                               content_type="multipart/form-data", follow_redirects=True)
    assert "el POA debe ser una planilla Excel" in refused.get_data(as_text=True)
    made.client.post("/poa", data={"csrf_token": token, "poa": (io.BytesIO(POA.read_bytes()), "mi poa.xlsx")},
                     content_type="multipart/form-data")
    made.wait()
    html = made.page("/poa")
    assert "POA en uso: <strong>mi poa.xlsx</strong>" in html and "operaciones atendidas" in html
    assert all(f.linked for f in made.space.snapshot.records[0].funciones)
    made.space.close()
    # The next server on the same catalog links to it too, unless it is started with another POA.
    later = Server(_settings(folder, tmp_path))
    later.space.read()
    assert "mi poa.xlsx" in later.page("/poa")
    later.space.close()


def test_previews_of_scans_and_of_word_files_without_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor.web import preview

    scan = (ROOT / "samples" / "escaneos" / "escaneo_b02_pagina1.png").read_bytes()
    assert preview.preview(scan, "escaneo").paginas == 1
    image = preview.page_png(scan, "escaneo", 1)
    assert image is not None and image.startswith(b"\x89PNG")
    assert preview.page_png(scan, "escaneo", 2) is None
    monkeypatch.setattr(preview.shutil, "which", lambda _name: None)
    word = (ROOT / "samples" / "poai" / "poai_a01_word.docx").read_bytes()
    shown = preview.preview(word, "sin-libreoffice")
    assert shown.paginas == 0 and shown.nota == preview.NO_LIBREOFFICE
    assert "necesita LibreOffice" in shown.nota


def test_the_addresses_printed_at_start_carry_the_token_only_when_open_to_the_network() -> None:
    from extractor.web.server import addresses

    assert addresses(Settings(token="t"), 8765) == ("http://127.0.0.1:8765/", None)
    local, network = addresses(Settings(host="192.168.1.20", token="t0k"), 9000)
    assert local == "http://127.0.0.1:9000/?token=t0k" and network == "http://192.168.1.20:9000/?token=t0k"


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="the Word preview needs LibreOffice (apt-get install libreoffice-writer)")
def test_a_word_file_is_shown_as_the_pdf_libreoffice_makes_of_it() -> None:
    from extractor.web import preview

    word = (ROOT / "samples" / "poai" / "poai_a01_word.docx").read_bytes()
    shown = preview.preview(word, "word-a01")
    assert shown.paginas >= 1
    image = preview.page_png(word, "word-a01", 1)  # converted once: the second call takes it from memory
    assert image is not None and image.startswith(b"\x89PNG")


def test_a_list_is_typed_one_item_per_line_and_saving_it_unchanged_corrects_nothing(server: Server) -> None:
    doc = _doc(server)
    token = server.csrf(doc)
    server.client.post(f"{doc}/corregir", data={"csrf_token": token,
                                                "c:normas": "Ley 1178; Ley 2027\r\nDS 23318-A\r\n"})
    [record] = server.space.snapshot.records
    assert record.normas == ["Ley 1178; Ley 2027", "DS 23318-A"]
    shown = re.search(r'name="c:normas"[^>]*>([^<]*)</textarea>', server.page(doc))
    assert shown is not None
    response = server.client.post(f"{doc}/corregir", data={"csrf_token": token, "c:normas": shown.group(1)},
                                  follow_redirects=True)
    assert "No había cambios que guardar" in response.get_data(as_text=True)


def test_an_unexpected_error_is_a_spanish_page_and_one_line_on_the_console(
        server: Server, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from extractor.web.views import documents

    def broken(_record: object) -> None:
        raise RuntimeError("fallo de prueba")

    monkeypatch.setattr(documents, "_row", broken)
    response = server.client.get("/")
    assert response.status_code == 500 and "Error inesperado" in response.get_data(as_text=True)
    err = capsys.readouterr().err
    assert "poai web: error inesperado en / (RuntimeError): fallo de prueba" in err and "Traceback" not in err


def test_ctrl_c_stops_the_server_while_it_reads_and_leaves_the_catalog_whole(tmp_path: Path) -> None:
    import sqlite3

    from browser import WebServer

    carpeta = tmp_path / "muchos"
    carpeta.mkdir()
    for path in sorted((ROOT / "samples" / "poai").glob("*.pdf"))[:12]:
        shutil.copy(path, carpeta)
    server = WebServer("--carpeta", str(carpeta))
    time.sleep(1.5)  # reading the folder
    started = time.monotonic()
    assert server.stop() == 0
    assert time.monotonic() - started < 20
    assert "poai web detenido." in server.output
    connection = sqlite3.connect(carpeta / "poai-catalogo.sqlite")
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        connection.close()
