"""Formats are detected from the bytes, not the name; bad bytes give the project's errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import extractor
from extractor.errors import DamagedFileError
from extractor.readers.detect import detect_format

ROOT = Path(__file__).resolve().parent.parent


def test_pdf_docx_txt_by_content() -> None:
    assert detect_format(b"%PDF-1.4\n...") == "pdf"
    assert detect_format("GESTIÓN 2023\tX\n".encode()) == "txt"
    assert detect_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100) == "doc"


@pytest.mark.parametrize("data", [b"", b"   \n", bytes(range(256)) * 4])
def test_damaged(data: bytes) -> None:
    with pytest.raises(DamagedFileError):
        detect_format(data)


@pytest.mark.parametrize(("source", "false_name", "formato"), [
    ("tests/fixtures/000_bb97881b95efc531.txt", "poai.docx", "txt"),
    ("samples/poai/poai_a01_word.docx", "poai.pdf", "docx"),
    ("samples/poai/poai_b01_directo.pdf", "poai.txt", "pdf"),
])
def test_a_file_whose_name_lies_is_read_by_its_content(tmp_path: Path, source: str, false_name: str,
                                                        formato: str) -> None:
    liar = tmp_path / false_name
    liar.write_bytes((ROOT / source).read_bytes())
    record = extractor.extract(liar)
    assert record["formato"] == formato
    assert record["estado"] == "ok"
    assert record["puesto"] == extractor.extract(ROOT / source)["puesto"]


def test_not_a_poai(tmp_path: Path) -> None:
    letter = tmp_path / "carta.txt"
    letter.write_text("Señor Director:\nPor medio de la presente solicito vacaciones.\nAtentamente,\nJuan", "utf-8")
    record = extractor.extract(letter)
    assert record["estado"] == "error"
    assert record["error"]["codigo"] == "no_es_poai"
