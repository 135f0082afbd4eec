"""PDFs with a damaged structure: read as pdfium rebuilds them, or reported damaged — never a scan.

Each case damages a committed sample the way files are found damaged (the table's offsets
shifted, the table blanked, ``startxref`` lost or wrong, a stream's length wrong) and the file
must read exactly as its golden; a file no parser can open is ``archivo_danado`` with a
message that says so, never ``sin_texto`` and the OCR advice.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

import extractor
from extractor.errors import DamagedFileError, NoTextError
from extractor.readers.pdf import read_pdf, repair

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "poai"
SOURCES = ["poai_a03_directo.pdf", "poai_c04_libreoffice.pdf", "poai_b01_libreoffice.pdf"]


def _table(data: bytes) -> tuple[int, int]:
    start = data.rfind(b"\nxref") + 1
    return start, data.find(b"trailer", start)


def shifted(data: bytes, by: int) -> bytes:
    start, end = _table(data)
    table = re.sub(rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (int(m.group(1)) + by, m.group(2)),
                   data[start:end])
    return data[:start] + table + data[end:]


def blanked(data: bytes) -> bytes:
    start, end = _table(data)
    return data[:start] + b"\0" * (end - start) + data[end:]


def no_startxref(data: bytes) -> bytes:
    return data[: data.rfind(b"startxref")]


def wrong_startxref(data: bytes) -> bytes:
    return re.sub(rb"startxref\s+\d+", b"startxref\n17", data)


DAMAGES = {"desplazada -7": lambda d: shifted(d, -7), "desplazada +3": lambda d: shifted(d, 3),
           "desplazada +1000": lambda d: shifted(d, 1000), "en blanco": blanked,
           "sin startxref": no_startxref, "startxref equivocado": wrong_startxref}


def _expected(name: str) -> dict[str, object]:
    record = json.loads((SAMPLES / name.replace(".pdf", ".expected.json")).read_text(encoding="utf-8"))
    return {k: v for k, v in record.items() if k not in ("archivo", "sha256")}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_damaged_cross_reference_table_reads_as_the_sound_file(tmp_path: Path, source: str, damage: str) -> None:
    path = tmp_path / source
    path.write_bytes(DAMAGES[damage]((SAMPLES / source).read_bytes()))
    record = extractor.extract(path)
    assert {k: v for k, v in record.items() if k not in ("archivo", "sha256")} == _expected(source)


def test_a_sound_file_is_not_taken_for_damaged() -> None:
    import pdfplumber

    for path in sorted(SAMPLES.glob("*.pdf")):
        data = path.read_bytes()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert repair.structure_damage(pdf.doc, data) is None, path.name


def test_shifted_offsets_are_told_as_damage() -> None:
    import pdfplumber

    data = shifted((SAMPLES / SOURCES[0]).read_bytes(), 3)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert repair.structure_damage(pdf.doc, data) == repair.XREF


def test_a_file_no_parser_can_open_is_damaged_not_a_scan() -> None:
    data = (SAMPLES / SOURCES[1]).read_bytes()
    # Every object header gone: no table, no objects to rebuild it from.
    broken = re.sub(rb"\d+ 0 obj", lambda m: b"x" * len(m.group(0)), blanked(data))
    with pytest.raises(DamagedFileError) as caught:
        read_pdf(broken)
    assert not isinstance(caught.value, NoTextError)
    assert "dañado" in caught.value.mensaje and "OCR" not in caught.value.mensaje


def test_a_page_that_cannot_be_read_is_named() -> None:
    data = (SAMPLES / SOURCES[0]).read_bytes()  # reportlab: ASCII85 and Flate streams
    # The content stream of the second page cut short: its ASCII85 data ends without "~>".
    streams = [m for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S) if b"~>" in m.group(1)]
    target = streams[1]
    cut = data[: target.start(1) + len(target.group(1)) // 2] + b"\x00\x00 " + data[target.end(1):]
    with pytest.raises(DamagedFileError) as caught:
        read_pdf(cut)
    assert re.search(r"la página \d", caught.value.mensaje)


def test_the_mutated_damage_of_a_page_is_said_where_it_is() -> None:
    import zlib

    assert repair.page_damage(zlib.error("Error -3 while decompressing data"), 3) == \
        "el flujo comprimido de la página 3 está dañado"
    assert repair.page_damage(ValueError("Non-Ascii85 digit found: ~"), 2) == \
        "el flujo codificado de la página 2 está dañado"
    assert repair.page_damage(KeyError("Resources"), 1) == "el contenido de la página 1 está dañado o incompleto"
