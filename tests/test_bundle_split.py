"""Files holding several POAIs (``extractor/layout/bundle.py``): where each begins, by layout.

Unit tests on the neutral document, then generated bundles: random POAIs of random layouts
(``samples/layoutgen``) printed as PDFs and joined into one file, each of which must be found
and read exactly as well as when alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from extractor.layout.bundle import split_parts
from extractor.layout.spec import vocabulary
from extractor.model.document import Cell, Document, Paragraph, Row, Table
from extractor.pipeline import audited, read_file

ROOT = Path(__file__).resolve().parent.parent


def _row(*texts: str, page: int = 1) -> Row:
    return Row([Cell(items=[t] if t else []) for t in texts], page=page)


def _poai(page: int, name: str, heading: bool = True) -> list[Paragraph | Table]:
    blocks: list[Paragraph | Table] = [Paragraph("GOBIERNO AUTÓNOMO MUNICIPAL", page=page, bold=True),
                                       Paragraph("PROGRAMACIÓN OPERATIVA ANUAL INDIVIDUAL", page=page, bold=True)]
    if heading:
        blocks.append(Paragraph("1. IDENTIFICACIÓN DEL PUESTO", page=page, bold=True))
    blocks += [Table([_row("Denominación del puesto", name, page=page), _row("Ítem", "12", page=page)], page=page),
               Paragraph("2. FUNCIONES ESPECÍFICAS", page=page, bold=True),
               Table([_row("N°", "Función", "Resultado", page=page), _row("1", "Elaborar", "Plan", page=page)],
                     page=page),
               Paragraph("3. REQUISITOS", page=page + 1, bold=True),
               Paragraph("4. APROBACIÓN", page=page + 1, bold=True),
               Paragraph("La Paz, 15 de enero de 2024", page=page + 1)]
    return blocks


def test_each_poai_of_a_bundle_begins_at_its_title_block() -> None:
    document = Document("pdf", [*_poai(1, "TÉCNICO"), *_poai(3, "ASESOR"), *_poai(5, "CHOFER", heading=False)], 6)
    parts = split_parts(document, vocabulary())
    assert len(parts) == 3
    for part in parts:
        assert isinstance(part.blocks[0], Paragraph) and part.blocks[0].text == "GOBIERNO AUTÓNOMO MUNICIPAL"
    assert parts[1].blocks[0].page == 3 and parts[2].blocks[-1].text == "La Paz, 15 de enero de 2024"


def test_one_poai_is_one_part_whatever_it_repeats() -> None:
    # A second identification table before any closing section (the form's page 2 repeating
    # the post's name in its header) is no new POAI.
    blocks = _poai(1, "TÉCNICO")
    blocks.insert(5, Table([_row("Denominación del puesto", "TÉCNICO", page=2)], page=2))
    assert len(split_parts(Document("pdf", blocks, 2), vocabulary())) == 1


pytest.importorskip("reportlab")
sys.path.insert(0, str(ROOT / "samples"))

from layoutgen.corpus import generate  # noqa: E402
from layoutgen.score import compare  # noqa: E402


@pytest.mark.parametrize("seed", [31, 32])
def test_generated_bundles_read_each_poai_as_well_as_alone(seed: int, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    made = generate(seed, range(3), tmp_path, ["pdf"], workers=1, sidecars=False)
    bundle = pdfium.PdfDocument.new()
    for doc in made:
        bundle.import_pages(pdfium.PdfDocument(str(doc.path)))
    path = tmp_path / "lote.pdf"
    bundle.save(str(path))
    parts = read_file(path).parts()
    assert len(parts) == 3
    pages = 0
    for doc, part in zip(made, parts):
        alone = read_file(doc.path).parts()
        assert len(alone) == 1
        exact_alone = sum(f.ok for f in compare(doc.expected, audited(alone[0]).to_dict()))
        exact_in_bundle = sum(f.ok for f in compare(doc.expected, audited(part).to_dict()))
        assert exact_in_bundle >= exact_alone
        length = len(pdfium.PdfDocument(str(doc.path)))
        assert part.record.parte == {"n": made.index(doc) + 1, "de": 3, "paginas": [pages + 1, pages + length]}
        pages += length
