"""Damaged Word and Excel packages: a project error that names the damaged part, never a traceback.

python-docx and openpyxl raise zlib errors, XML syntax errors, AttributeErrors and KeyErrors
on damaged packages; each case here damages a committed sample the way the mutated-file run
does (benchmarks/mutate.py) and the reader must say which part is damaged and how.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import pytest

import extractor
from extractor.errors import DamagedFileError
from extractor.readers.detect import detect_format
from extractor.readers.docx import read_docx
from extractor.readers.xlsx import read_xlsx

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "poai"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from mutate import rezip  # noqa: E402 - the package rewritten part by part, as the mutated-file run does

WORD = (SAMPLES / "poai_a03_word.docx").read_bytes()
EXCEL = (SAMPLES / "poai_a03_excel.xlsx").read_bytes()


def flipped(data: bytes, part: str, at: float = 0.5) -> bytes:
    """The compressed data of ``part`` with one byte changed (a zlib error or a bad CRC)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(part)
    header = info.header_offset
    start = header + 30 + int.from_bytes(data[header + 26: header + 28], "little") \
        + int.from_bytes(data[header + 28: header + 30], "little")
    position = start + int(info.compress_size * at)
    out = bytearray(data)
    out[position] ^= 0x5A
    return bytes(out)


def read(data: bytes) -> str:
    formato = detect_format(data)
    with pytest.raises(DamagedFileError) as caught:
        (read_docx if formato == "docx" else read_xlsx)(data)
    return caught.value.mensaje


def message(data: bytes) -> str:
    try:
        formato = detect_format(data)
    except DamagedFileError as exc:
        return exc.mensaje
    return read(data) if formato in ("docx", "xlsx") else ""


@pytest.mark.parametrize(("data", "expected"), [
    (flipped(WORD, "word/document.xml", 0.3), r"la parte «word/document\.xml» \(el texto del documento\) "
                                               r"(no se puede descomprimir|está alterada)"),
    (flipped(WORD, "word/styles.xml", 0.6), r"la parte «word/styles\.xml» \(los estilos\)"),
    (flipped(EXCEL, "xl/worksheets/sheet2.xml", 0.4), r"la parte «xl/worksheets/sheet2\.xml» \(una de las hojas\)"),
], ids=["docx-documento", "docx-estilos", "xlsx-hoja"])
def test_a_damaged_compressed_part_is_named(data: bytes, expected: str) -> None:
    assert re.search(expected, read(data))


def test_broken_xml_is_named_with_its_line() -> None:
    cut = rezip(EXCEL, lambda name, c: c[: len(c) // 2] if name == "xl/workbook.xml" else c)
    assert re.search(r"la parte «xl/workbook\.xml» \(la lista de hojas del libro\) tiene el XML dañado o "
                     r"incompleto, línea \d+", read(cut))
    rels = rezip(WORD, lambda name, c: c[:-20] if name == "word/_rels/document.xml.rels" else c)
    assert "«word/_rels/document.xml.rels» (las relaciones entre sus partes) tiene el XML dañado" in read(rels)


@pytest.mark.parametrize(("data", "part"), [
    (WORD, "word/styles.xml"), (WORD, "[Content_Types].xml"), (WORD, "word/document.xml"),
    (EXCEL, "xl/workbook.xml"), (EXCEL, "xl/styles.xml"),
])
def test_a_missing_part_is_named(data: bytes, part: str) -> None:
    without = rezip(data, lambda name, c: None if name == part else c)
    assert f"falta la parte «{part}»" in message(without)


def test_a_relationship_without_its_attributes_is_damage_not_a_traceback() -> None:
    # The document's relationships lose their root element: python-docx raises AttributeError.
    bare = rezip(WORD, lambda name, c: re.sub(rb"<Relationships[^>]*>", b"<R>", c).replace(b"</Relationships>", b"</R>")
                 if name == "_rels/.rels" else c)
    text = message(bare)
    assert text.startswith("El archivo Word está dañado:") and "ábralo en Word" in text


def test_a_styles_part_python_docx_cannot_use_costs_the_styles_not_the_text() -> None:
    # The styles part is no longer typed as styles: python-docx gives a generic part.
    retyped = rezip(WORD, lambda name, c: c.replace(b"/relationships/styles", b"/relationships/estilos")
                    if name == "word/_rels/document.xml.rels" else c)
    with zipfile.ZipFile(io.BytesIO(retyped)) as archive:
        assert b"/relationships/estilos" in archive.read("word/_rels/document.xml.rels")
    assert _texts(read_docx(retyped)) == _texts(read_docx(WORD))


def _texts(document: object) -> list[str]:
    from extractor.model.document import Paragraph, Table

    out: list[str] = []
    for block in getattr(document, "blocks", []):
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Table):
            out += [cell.text for row in block.rows for cell in row.cells]
    return out


def test_a_damaged_directory_is_not_a_zip_bomb() -> None:
    with zipfile.ZipFile(io.BytesIO(WORD)) as archive:
        info = archive.getinfo("word/document.xml")
    at = WORD.find(b"word/document.xml", WORD.find(b"PK\x01\x02"))  # the name in the central directory
    entry = at - 46
    assert WORD[entry: entry + 4] == b"PK\x01\x02"
    huge = (3_000_000_000).to_bytes(4, "little")
    damaged = WORD[: entry + 24] + huge + WORD[entry + 28:]  # uncompressed size in the directory
    with pytest.raises(DamagedFileError) as caught:
        detect_format(damaged)
    assert "los tamaños de la parte «word/document.xml» no coinciden" in caught.value.mensaje
    assert info.file_size < 3_000_000_000


def test_a_cut_package_says_it_is_incomplete(tmp_path: Path) -> None:
    path = tmp_path / "cortado.xlsx"
    path.write_bytes(EXCEL[: len(EXCEL) // 2])
    record = extractor.extract(path)
    assert record["error"]["codigo"] == "archivo_danado"
    assert record["error"]["mensaje"].startswith("El libro Excel está incompleto (cortado")
