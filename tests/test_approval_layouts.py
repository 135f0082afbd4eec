"""Approval layouts (signature lines, signature boxes, dates) read from the neutral document.

Each test builds the document model a reader hands over and runs segmentation and the section
readers on it, one test per class of layout the random-layout generator draws and that was once
read wrong: the section's one-word heading printed plain in capitals, …
"""

from __future__ import annotations

from extractor.layout.segment import segment
from extractor.layout.spec import vocabulary
from extractor.model.document import Cell, Document, Paragraph, Row, Table
from extractor.model.record import Aprobacion, Record
from extractor.sections.approval import ApprovalReader
from extractor.sections.base import Context
from extractor.sections.text import ListReader

Grid = list[list[str | Cell]]
LINE = "______________________"


def _row(cells: list[str | Cell]) -> Row:
    return Row([c if isinstance(c, Cell) else Cell(items=[c] if c else []) for c in cells], page=1)


def _table(rows: Grid) -> Table:
    return Table([_row(r) for r in rows], page=1)


def _read(*blocks: Paragraph | Table) -> Record:
    spec = vocabulary()
    context = Context(segment(Document("pdf", list(blocks), 1), spec), spec)
    record = Record(archivo="", sha256="", plantilla="A")
    for reader in (ListReader("normas"), ListReader("cualidades"), ApprovalReader()):
        reader.read(context, record)
    return record


QUALITIES = (Paragraph("CUALIDADES PERSONALES", bold=True), Paragraph("– Liderazgo"), Paragraph("– Puntualidad"))


def _names(a: Aprobacion) -> tuple[str | None, str | None]:
    return a.elaborado_por, a.aprobado_por


def test_a_one_word_heading_in_plain_capitals_starts_the_approval_section() -> None:
    for heading in ("APROBACIÓN", "CONFORMIDAD", "FIRMAS"):
        record = _read(*QUALITIES, Paragraph(heading), _table([
            ["Elaborado", "Inmediato superior"],
            ["CARMEN ORTIZ AÑEZ", "VERÓNICA MENACHO LAURA"],
            [LINE, LINE],
        ]))
        assert _names(record.aprobacion) == ("CARMEN ORTIZ AÑEZ", "VERÓNICA MENACHO LAURA"), heading
        assert record.cualidades == ["Liderazgo", "Puntualidad"], heading
