"""Bad input never crashes poai, hangs it, or loses a record (a corpus built by the tests)."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractor
from extractor.batch import process
from extractor.cli import main
from extractor.readers import limits

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "poai"
SEED = ROOT / "tests" / "fixtures" / "000_bb97881b95efc531.txt"
CODES = {"archivo_danado", "pdf_cifrado", "sin_texto", "formato_no_soportado", "no_es_poai", "demasiado_grande"}


def error_of(path: Path, **kwargs: object) -> tuple[str, str]:
    record = extractor.extract(path, **kwargs)  # type: ignore[arg-type]
    assert record["estado"] == "error", record
    assert set(record) == {"archivo", "sha256", "formato", "paginas", "plantilla", "estado", "error"}
    return record["error"]["codigo"], record["error"]["mensaje"]


def reportlab_pdf(path: Path, paragraphs: list[str], encrypt: str | None = None, image_only: bool = False) -> None:
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    if image_only:
        page = canvas.Canvas(str(path), pagesize=A4)
        for row in range(40):  # lines of "ink" standing for scanned text, no text layer
            page.rect(60, 780 - 18 * row, 300 + (row % 5) * 30, 8, fill=1)
        page.save()
        return
    styles = getSampleStyleSheet()
    SimpleDocTemplate(str(path), pagesize=A4, encrypt=encrypt).build(
        [Paragraph(p, styles["Normal"]) for p in paragraphs])


@pytest.mark.parametrize(("name", "content"), [
    ("vacio.pdf", b""),
    ("espacios.txt", b"   \n\n  "),
    ("aleatorio.docx", bytes(range(256)) * 40),
    ("truncado.pdf", (SAMPLES / "poai_a01_directo.pdf").read_bytes()[:3000]),
    ("truncado.docx", (SAMPLES / "poai_a01_word.docx").read_bytes()[:5000]),
    ("cabecera.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
])
def test_damaged_files(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, message = error_of(path)
    assert code == "archivo_danado"
    assert message


def test_encrypted_pdf_and_its_password(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "protegido.pdf"
    text = SEED.read_text(encoding="utf-8").replace("<b>", "").replace("</b>", "").replace("\t", " : ")
    reportlab_pdf(path, [line for line in text.splitlines() if line.strip()][:80], encrypt="clave123")
    code, message = error_of(path)
    assert code == "pdf_cifrado"
    assert "contraseña" in message  # the command adds how to give it (--password): see test_cli
    out = tmp_path / "registros.jsonl"
    from extractor.cli import main

    assert main(["extract", str(path), "--json", str(out), "--no-cache"]) == 1
    assert "Indique la contraseña con --password CLAVE o en la variable de entorno POAI_PASSWORD." \
        in capsys.readouterr().err
    opened = extractor.extract(path, password="clave123")
    assert opened["estado"] != "error" or opened["error"]["codigo"] != "pdf_cifrado"


def test_scan_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "escaneado.pdf"
    reportlab_pdf(path, [], image_only=True)
    code, message = error_of(path)
    assert code == "sin_texto"
    assert "OCR" in message


def test_letter_is_not_a_poai(tmp_path: Path) -> None:
    pdf = tmp_path / "carta.pdf"
    reportlab_pdf(pdf, ["La Paz, 3 de marzo de 2023", "Señor Director General:", "Por medio de la presente "
                        "solicito se me conceda vacaciones desde el 10 de marzo.", "Atentamente,", "Juan Pérez"])
    assert error_of(pdf)[0] == "no_es_poai"
    import docx

    document = docx.Document()
    for line in ["INFORME TÉCNICO N° 12/2023", "A: Director", "REF: Mantenimiento de servidores",
                 "Se informa que el mantenimiento concluyó sin novedades."]:
        document.add_paragraph(line)
    word = tmp_path / "informe.docx"
    document.save(str(word))
    code, message = error_of(word)
    assert code == "no_es_poai"
    assert "no parece un POAI" in message


def test_legacy_doc_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "antiguo.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    monkeypatch.setattr("extractor.readers.legacy.shutil.which", lambda _name: None)
    code, message = error_of(path)
    assert code == "formato_no_soportado"
    assert "Instale LibreOffice" in message and "apt-get install libreoffice-writer" in message


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_legacy_doc_converted_by_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "poai.docx"
    shutil.copy(SAMPLES / "poai_a01_word.docx", source)
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(source)], check=True,
                   capture_output=True, timeout=180)
    doc = tmp_path / "poai.doc"
    record = extractor.extract(doc)
    expected = extractor.extract(SAMPLES / "poai_a01_word.docx")
    assert record["formato"] == "doc"
    for key in ("puesto", "relaciones", "objetivo", "funciones", "formacion", "experiencia", "conocimientos"):
        assert record[key] == expected[key], key


def zip_bomb(path: Path, size: int) -> None:
    source = zipfile.ZipFile(SAMPLES / "poai_a01_word.docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                bomb.writestr(info.filename, source.read(info))
        with bomb.open("word/document.xml", "w") as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                part.write(chunk)


def test_zip_bomb_is_refused_before_parsing_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomba.docx"
    zip_bomb(path, 64 << 20)
    assert path.stat().st_size < 2 << 20
    tracemalloc.start()
    code, message = error_of(path)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert code == "demasiado_grande"
    assert "bomba zip" in message
    assert peak < 20 << 20  # far below the 64 MB the part would unpack to


def test_oversized_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    code, message = error_of(SAMPLES / "poai_a01_directo.pdf")
    assert code == "demasiado_grande"
    assert "límite" in message


def test_xml_entities_are_never_expanded(tmp_path: Path) -> None:
    source = zipfile.ZipFile(SAMPLES / "poai_a01_word.docx")
    xml = source.read("word/document.xml").decode("utf-8")
    head, body = xml.split("?>", 1)
    xml = head + '?><!DOCTYPE w:document [<!ENTITY secreto "EXPANDIDO">]>' + body.replace(
        "Nro Item", "Nro Item &secreto;", 1)
    path = tmp_path / "entidades.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = xml.encode("utf-8") if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info.filename, data)
    record = extractor.extract(path)
    assert "EXPANDIDO" not in json.dumps(record, ensure_ascii=False)


def test_odd_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "carpeta con espacios y tildes áéíóú ñ"
    folder.mkdir()
    long_name = "poai " + "muy largo " * 20 + "ñandú.txt"
    shutil.copy(SEED, folder / long_name)
    shutil.copy(SAMPLES / "poai_b01_word.docx", folder / "Informe (copia) #2.docx")
    out = tmp_path / "salida con espacios.xlsx"
    assert main(["run", str(folder), "-o", str(out), "--no-cache"]) == 0
    assert out.exists()
    assert main(["run", str(folder), "-o", str(tmp_path / "no existe" / "c.xlsx")]) == 2
    assert "La carpeta de salida no existe" in capsys.readouterr().err


def test_interrupted_batch_keeps_the_catalog_consistent(tmp_path: Path) -> None:
    catalog_path = tmp_path / "catalogo.sqlite"
    files = [str(SAMPLES / f"poai_{s}_word.docx") for s in ("a01", "a02", "b01", "b02", "c01")]
    from extractor.catalog import Catalog

    catalog = Catalog(catalog_path)

    def interrupt(done: int, _total: int, _path: str) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        for _ in process(files, workers=1, catalog=catalog, progress=interrupt):
            pass
    catalog.close()
    rows = sqlite3.connect(catalog_path).execute("SELECT registro FROM registros").fetchall()
    assert 1 <= len(rows) <= 3
    for (text,) in rows:
        assert all(part["estado"] in {"ok", "parcial"} for part in json.loads(text))  # one record per POAI


def _mutations() -> st.SearchStrategy[tuple[str, bytes]]:
    sources = [SAMPLES / "poai_a01_directo.pdf", SAMPLES / "poai_b02_word.docx", SAMPLES / "poai_c01_libreoffice.pdf"]

    @st.composite
    def mutate(draw: st.DrawFn) -> tuple[str, bytes]:
        source = draw(st.sampled_from(sources))
        data = bytearray(source.read_bytes())
        for _ in range(draw(st.integers(1, 8))):
            kind = draw(st.sampled_from(["flip", "cut", "insert", "zero"]))
            at = draw(st.integers(0, len(data) - 1))
            if kind == "flip":
                data[at] ^= draw(st.integers(1, 255))
            elif kind == "cut":
                del data[at: at + draw(st.integers(1, 4096))]
            elif kind == "insert":
                data[at:at] = draw(st.binary(min_size=1, max_size=64))
            else:
                data[at: at + 512] = b"\0" * len(data[at: at + 512])
            if not data:
                data = bytearray(b"x")
        return source.suffix, bytes(data)

    return mutate()


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations())
def test_mutated_files_give_a_record_or_a_known_error(case: tuple[str, bytes]) -> None:
    suffix, data = case
    record = extractor.extract_bytes(data, f"mutado{suffix}")
    assert record["estado"] in {"ok", "parcial", "error"}
    if record["estado"] == "error":
        assert record["error"]["codigo"] in CODES
    else:
        json.dumps(record)  # serialisable as SCHEMA.md says


def test_readers_raise_only_project_errors() -> None:
    from extractor.errors import PoaiError
    from extractor.readers.docx import read_docx
    from extractor.readers.pdf import read_pdf

    for reader, data in ((read_pdf, b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"),
                         (read_docx, b"PK\x03\x04garbage")):
        with pytest.raises(PoaiError):
            reader(data)
    bad_zip = io.BytesIO()
    with zipfile.ZipFile(bad_zip, "w") as archive:
        archive.writestr("word/document.xml", "<not-xml")
    with pytest.raises(PoaiError):
        read_docx(bad_zip.getvalue())


def test_read_only_input_folder_and_unwritable_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "solo lectura"
    folder.mkdir()
    shutil.copy(SEED, folder / "poai.txt")
    folder.chmod(0o555)
    try:
        out = tmp_path / "c.xlsx"
        assert main(["run", str(folder), "-o", str(out), "--no-cache"]) == 0
        assert out.exists()
        real_access = __import__("os").access
        monkeypatch.setattr("extractor.api.os.access",
                            lambda path, mode: False if Path(path) == tmp_path / "cerrada" else real_access(path, mode))
        (tmp_path / "cerrada").mkdir()
        assert main(["run", str(folder), "-o", str(tmp_path / "cerrada" / "c.xlsx")]) == 2
        assert capsys.readouterr().err.endswith(
            f"poai: error: No se puede escribir en la carpeta de salida: {tmp_path / 'cerrada'}\n")
    finally:
        folder.chmod(0o755)
