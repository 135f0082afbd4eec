"""Reader goldens: each file in tests/readers/ read into its neutral document, compared with
the expected ``<name>.document.json`` beside it.

These pin what the readers produce before any layout or section logic runs, so a change in a
reader shows up here as the first block/row/cell that differs, not as a field of a record.
To rewrite the expectations after a deliberate change::

    python tests/test_readers.py --regenerate
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.errors import UnsupportedFormatError
from extractor.model.document import Document, Paragraph
from extractor.readers import ReadOptions, read_document, reader_for, register, registered_formats, registry
from extractor.readers.detect import detect_format

FOLDER = Path(__file__).resolve().parent / "readers"
SUFFIXES = {".pdf", ".docx", ".txt", ".xlsx"}


def fixtures() -> list[Path]:
    """The documents of tests/readers/."""
    return sorted(p for p in FOLDER.iterdir() if p.suffix.lower() in SUFFIXES)


def expected_path(document: Path) -> Path:
    """Where the expected neutral document of ``document`` lives."""
    return document.with_name(document.stem + ".document.json")


def read(document: Path) -> dict[str, Any]:
    """The neutral document of a fixture, as the data written in its golden."""
    data = document.read_bytes()
    serialised: dict[str, Any] = read_document(data, detect_format(data)).to_dict()
    return serialised


def dumps(value: Any, indent: int = 0) -> str:
    """JSON with one line per paragraph or simple cell: the goldens' diffs show what changed."""
    flat = json.dumps(value, ensure_ascii=False)
    nested = isinstance(value, dict | list) and any(
        isinstance(v, dict) or (isinstance(v, list) and any(isinstance(w, dict | list) for w in v))
        for v in (value.values() if isinstance(value, dict) else value))
    if not nested:
        return flat
    pad = " " * (indent + 1)
    if isinstance(value, dict):
        inner = [f"{pad}{json.dumps(k)}: {dumps(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(inner) + "\n" + " " * indent + "}"
    inner = [pad + dumps(v, indent + 1) for v in value]
    return "[\n" + ",\n".join(inner) + "\n" + " " * indent + "]"


def _label(value: Any, key: str | int) -> str:
    """A path step, with the kind and page of a block so the reader can find it in the file."""
    if isinstance(value, dict) and "kind" in value:
        return f"{key} ({value['kind']}, page {value.get('page')})"
    return str(key)


def first_difference(expected: Any, actual: Any, path: str = "document") -> str | None:
    """The path of the first place where two serialised documents differ, and how."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in [*expected, *(k for k in actual if k not in expected)]:
            if key not in actual:
                return f"{path}.{key}: missing (expected {expected[key]!r})"
            if key not in expected:
                return f"{path}.{key}: unexpected {actual[key]!r}"
            found = first_difference(expected[key], actual[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        for index, (e, a) in enumerate(zip(expected, actual)):
            found = first_difference(e, a, f"{path}[{_label(e, index)}]")
            if found:
                return found
        if len(expected) != len(actual):
            return f"{path}: {len(actual)} entries, expected {len(expected)}"
        return None
    if expected != actual:
        return f"{path}: got {actual!r}, expected {expected!r}"
    return None


@pytest.mark.parametrize("document", fixtures(), ids=lambda p: p.name)
def test_reader_output_matches_its_golden(document: Path) -> None:
    golden = expected_path(document)
    assert golden.exists(), f"no {golden.name}: run python tests/test_readers.py --regenerate"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    actual = read(document)
    difference = first_difference(expected, actual)
    assert difference is None, f"{document.name}: {difference}"


def test_serialisation_round_trips() -> None:
    for document in fixtures():
        data = json.loads(expected_path(document).read_text(encoding="utf-8"))
        assert Document.from_dict(data).to_dict() == data


def test_every_built_in_format_has_its_reader() -> None:
    assert set(registered_formats()) >= {"pdf", "docx", "doc", "txt", "xlsx"}
    for formato in ("pdf", "docx", "doc", "txt", "xlsx"):
        assert formato in reader_for(formato).formats


def test_a_registered_reader_serves_its_formats(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_readers", {})

    class Upper:
        formats: tuple[str, ...] = ("xyz",)

        def read(self, data: bytes, options: ReadOptions) -> Document:
            return Document(formato="xyz", blocks=[Paragraph(text=data.decode().upper())])

    register(Upper())
    assert "xyz" in registered_formats()
    document = read_document(b"hola", "xyz")
    assert isinstance(document.blocks[0], Paragraph) and document.blocks[0].text == "HOLA"


def test_a_format_without_reader_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormatError):
        read_document(b"PK", "odt")


def regenerate() -> None:
    """Rewrite every expected document from what the readers produce now."""
    for document in fixtures():
        expected_path(document).write_text(dumps(read(document)) + "\n", encoding="utf-8")
        print(f"wrote {expected_path(document).relative_to(FOLDER.parent.parent)}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--regenerate"]:
        sys.exit("usage: python tests/test_readers.py --regenerate")
    regenerate()
