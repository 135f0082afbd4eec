"""The two PDF engines give the same neutral documents (issue 18).

pdfium (:mod:`extractor.readers.pdf.pdfium`) reads PDFs; pdfplumber is the reference it is held
to, and the reader of files pdfium cannot open. Both engines' documents are compared on every
text PDF of ``samples/`` (the scans of ``samples/escaneos`` are read by OCR whatever the engine),
every PDF of the external corpus and a seeded set of random layouts drawn with reportlab: they
must be identical, but for the classes of differences :data:`EXPLAINED` lists, each with its cause.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from extractor.errors import PoaiError
from extractor.readers.pdf import read_pdf

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = ROOT.parent / "shared" / "corpus" / "external"
# Scanned samples: read by OCR, whatever reads the text layer (they have none).
OCR_FOLDERS = ("escaneos",)
# pdfium gives coordinates in single precision: positions, rooms and widths agree to this (points).
TOLERANCE = 0.01


@dataclass(frozen=True)
class Explained:
    """A class of differences between the engines' documents: the fields it moves, by how much
    at most, in which files, and why."""

    fields: tuple[str, ...]
    limit: float
    marker: bytes  # the files it can happen in hold these bytes
    why: str

    def covers(self, data: bytes, found: tuple[str, Any, Any]) -> bool:
        """Does this class explain the difference ``found`` in the PDF ``data``?"""
        path, reference, other = found
        field = re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1]
        return self.marker in data and field in self.fields and isinstance(reference, int | float) \
            and isinstance(other, int | float) and abs(reference - other) <= self.limit


# Every class of differences between the engines' documents found on the compared files.
EXPLAINED = (
    Explained(
        fields=("room", "char_width", "col_edges"), limit=1.0, marker=b"/ZapfDingbats",
        why="The standard ZapfDingbats font is not embedded: each engine takes its widths from "
            "its own metrics, and they disagree (the square bullet reportlab draws, code 'n': "
            "694 units in pdfminer's table, 761 in pdfium's, which draws the page with them). "
            "After such a bullet the rest of its line sits up to half a point apart, so a cell's "
            "room and width per character, or an unruled table's column edge, move by as much."),
)
# Differences of the characters that no compared document shows in its blocks (each is undone,
# or has no effect on the layout):
# - pdfium names fonts without their subset prefix ("ABCDEF+"): the descriptor's name is looked
#   up again (pdfium_fonts); bold is told by the name either way.
# - WinAnsi codes a font does not define (127) read as "•" in pdfium, "(cid:127)" in pdfminer:
#   both are a bullet to the layout (lines._glyph).
# - A run of spaces at the very start of a text object reads as one space in pdfium (the
#   object's own text has one too): its other space glyphs are missing. Runs elsewhere are
#   printed again in full (pdfium_chars._respaced).

SEED = 2024
COUNT = 24


def _sample_pdfs() -> list[Path]:
    return sorted(p for p in (ROOT / "samples").rglob("*.pdf")
                  if not any(part in OCR_FOLDERS for part in p.relative_to(ROOT / "samples").parts))


def _external_pdfs() -> list[Path]:
    return sorted(EXTERNAL.glob("*.pdf")) if EXTERNAL.is_dir() else []


def differences(reference: Any, other: Any, path: str = "") -> list[tuple[str, Any, Any]]:
    """Where two documents (as plain data) differ: the field's path and both values; numbers
    within :data:`TOLERANCE` are equal."""
    if isinstance(reference, bool) or isinstance(other, bool):
        return [] if reference == other else [(path, reference, other)]
    if isinstance(reference, int | float) and isinstance(other, int | float):
        return [] if abs(reference - other) <= TOLERANCE else [(path, reference, other)]
    if isinstance(reference, dict) and isinstance(other, dict):
        found: list[tuple[str, Any, Any]] = []
        for key in sorted(reference.keys() | other.keys(), key=str):
            found += differences(reference.get(key), other.get(key), f"{path}.{key}")
        return found
    if isinstance(reference, list | tuple) and isinstance(other, list | tuple):
        found = [] if len(reference) == len(other) else [(f"{path}#", len(reference), len(other))]
        for index, (a, b) in enumerate(zip(reference, other)):
            found += differences(a, b, f"{path}[{index}]")
        return found
    return [] if reference == other else [(path, reference, other)]


def unexplained(data: bytes) -> list[tuple[str, Any, Any]]:
    """The differences between pdfplumber's and pdfium's documents of a PDF that
    :data:`EXPLAINED` does not explain."""
    reference, other = (_outcome(data, engine) for engine in ("pdfplumber", "pdfium"))
    return [found for found in differences(reference, other)
            if not any(known.covers(data, found) for known in EXPLAINED)]


def _outcome(data: bytes, engine: str) -> Any:
    """What an engine makes of a PDF: its document as plain data, or the error it raises."""
    try:
        return dataclasses.asdict(read_pdf(data, ocr="nunca", engine=engine))
    except PoaiError as error:
        return {"error": type(error).__name__, "message": str(error)}


def test_the_comparison_sees_a_difference() -> None:
    """The comparison itself: a moved cell, a changed text, a missing block are differences."""
    document = {"blocks": [{"text": "Objetivo", "x": 10.0}, {"rows": [[1.0, 2.0]]}]}
    assert differences(document, document) == []
    assert differences(document, {"blocks": [{"text": "Objetivo", "x": 10.005}, {"rows": [[1.0, 2.0]]}]}) == []
    assert differences(document, {"blocks": [{"text": "Objetivo", "x": 10.5}, {"rows": [[1.0, 2.0]]}]})
    assert differences(document, {"blocks": [{"text": "Objetivos", "x": 10.0}, {"rows": [[1.0, 2.0]]}]})
    assert differences(document, {"blocks": [{"text": "Objetivo", "x": 10.0}]})


def test_an_explained_class_covers_only_its_own() -> None:
    zapf = EXPLAINED[0]
    assert zapf.covers(b"/ZapfDingbats", (".blocks[4].rows[6].cells[1].room", 261.83, 261.30))
    assert zapf.covers(b"/ZapfDingbats", (".blocks[5].col_edges[2]", 574.8, 574.4))
    assert not zapf.covers(b"/Helvetica", (".blocks[4].rows[6].cells[1].room", 261.83, 261.30))
    assert not zapf.covers(b"/ZapfDingbats", (".blocks[4].rows[6].cells[1].room", 261.83, 259.0))
    assert not zapf.covers(b"/ZapfDingbats", (".blocks[4].rows[6].cells[1].items[0]", "a", "b"))


@pytest.mark.parametrize("path", _sample_pdfs(), ids=lambda p: str(p.relative_to(ROOT / "samples")))
def test_samples_read_alike(path: Path) -> None:
    assert unexplained(path.read_bytes()) == []


@pytest.mark.skipif(not _external_pdfs(), reason="the external corpus is not at ../shared")
@pytest.mark.parametrize("path", _external_pdfs(), ids=lambda p: p.name)
def test_external_corpus_reads_alike(path: Path) -> None:
    assert unexplained(path.read_bytes()) == []


def test_random_layouts_read_alike(tmp_path: Path) -> None:
    """A seeded set of random layouts drawn with reportlab (LibreOffice's renderings need the
    program, which these tests do not install)."""
    pytest.importorskip("reportlab")
    sys.path.insert(0, str(ROOT / "samples"))
    from layoutgen.corpus import generate

    made = generate(SEED, range(COUNT), tmp_path, ["pdf"], workers=1, sidecars=False)
    pdfs = [item.path for item in made if item.path.suffix == ".pdf"]
    assert len(pdfs) == COUNT
    failing = {path.name: found[:3] for path in pdfs if (found := unexplained(path.read_bytes()))}
    assert failing == {}


def test_pdfium_reads_without_pdfplumber_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfium is the engine that reads: pdfplumber is not opened for a file pdfium can open."""
    import pdfplumber

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("pdfplumber opened a file pdfium reads")

    monkeypatch.setattr(pdfplumber, "open", refuse)
    document = read_pdf((ROOT / "samples" / "poai" / "poai_a01_directo.pdf").read_bytes())
    assert document.blocks


def test_pdfplumber_reads_what_pdfium_cannot_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file pdfium refuses is read by pdfplumber, to the same document."""
    import pypdfium2

    from extractor.readers.pdf import pdfium

    data = (ROOT / "samples" / "poai" / "poai_a01_libreoffice.pdf").read_bytes()
    expected = read_pdf(data)

    class Refusing:
        def __init__(self, *_args: Any, **_kwargs: Any) -> None:
            raise pypdfium2.PdfiumError("refused")

    monkeypatch.setattr(pdfium.pypdfium2, "PdfDocument", Refusing)
    assert differences(dataclasses.asdict(read_pdf(data)), dataclasses.asdict(expected)) == []


def _turned(data: bytes, rotation: int, shift: float) -> bytes:
    """``data`` with every page turned by ``rotation`` degrees (/Rotate) and its MediaBox moved
    ``shift`` points up and right (the content moved with it)."""
    import io

    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    for index in range(len(pdf)):
        page = pdf[index]
        left, bottom, right, top = page.get_mediabox()
        page.set_mediabox(left + shift, bottom + shift, right + shift, top + shift)
        if shift:
            import pypdfium2.raw as pdfium_c

            matrix = pdfium_c.FS_MATRIX(1, 0, 0, 1, shift, shift)
            pdfium_c.FPDFPage_TransFormWithClip(page.raw, matrix, None)
        page.set_rotation(rotation)
        page.close()
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


@pytest.mark.parametrize(("rotation", "shift"), [(0, 36.0), (90, 0.0), (180, 0.0), (270, 18.0)])
def test_turned_and_shifted_pages_read_alike(rotation: int, shift: float) -> None:
    """Coordinates follow pdfplumber's through a page's /Rotate and a MediaBox that does not
    start at (0, 0). (A page turned a quarter has all its text turned: both engines drop it as
    text on a slant, see watermark.content_chars, and find no text layer.)"""
    data = _turned((ROOT / "samples" / "poai" / "poai_a02_libreoffice.pdf").read_bytes(), rotation, shift)
    assert unexplained(data) == []
