"""Formats are detected from the bytes, not the name; bad bytes give the project's errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import extractor
from extractor.detect import detect_format
from extractor.errors import DamagedFileError

ROOT = Path(__file__).resolve().parent.parent


def test_pdf_docx_txt_by_content() -> None:
    assert detect_format(b"%PDF-1.4\n...") == "pdf"
    assert detect_format("GESTIÓN 2023\tX\n".encode()) == "txt"
    assert detect_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100) == "doc"


@pytest.mark.parametrize("data", [b"", b"   \n", bytes(range(256)) * 4])
def test_damaged(data: bytes) -> None:
    with pytest.raises(DamagedFileError):
        detect_format(data)


def test_a_text_file_named_docx_is_read_as_text(tmp_path: Path) -> None:
    seed = ROOT / "tests" / "fixtures" / "000_bb97881b95efc531.txt"
    liar = tmp_path / "poai.docx"
    liar.write_bytes(seed.read_bytes())
    record = extractor.extract(liar)
    assert record["formato"] == "txt"
    assert record["puesto"]["item"] == "161"


def test_a_docx_named_pdf_is_read_as_docx(tmp_path: Path) -> None:
    source = ROOT / "samples" / "poai" / "poai_a01_word.docx"
    liar = tmp_path / "poai.pdf"
    liar.write_bytes(source.read_bytes())
    record = extractor.extract(liar)
    assert record["formato"] == "docx"
    assert record["estado"] == "ok"


def test_not_a_poai(tmp_path: Path) -> None:
    letter = tmp_path / "carta.txt"
    letter.write_text("Señor Director:\nPor medio de la presente solicito vacaciones.\nAtentamente,\nJuan", "utf-8")
    record = extractor.extract(letter)
    assert record["estado"] == "error"
    assert record["error"]["codigo"] == "no_es_poai"
