"""Approval layouts (signature lines, signature boxes, dates) read from the neutral document.

Each test builds the document model a reader hands over and runs segmentation and the section
readers on it, one test per class of layout the random-layout generator draws and that was once
read wrong: the section's one-word heading printed plain in capitals (also a word the data uses),
names in a table apart from their captions or beyond a page break, a box holding its caption and
its name, date boxes, blank boxes.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import pytest

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


def test_names_in_a_table_of_their_own_under_or_over_the_captions() -> None:
    # A bold caption row often comes out as a table of its own; the names stay with it.
    heading = Paragraph("APROBACIÓN", bold=True)
    captions = ["Firma del Servidor Público", "Aprobado por"]
    names = ["LUIS VILLCA CHOQUE", "ANA APAZA HUANCA"]
    above = _read(heading, _table([captions]), _table([names, [LINE, LINE]]))
    below = _read(heading, _table([[LINE, LINE], names]), _table([captions]))
    assert _names(above.aprobacion) == _names(below.aprobacion) == ("LUIS VILLCA CHOQUE", "ANA APAZA HUANCA")


def test_page_furniture_between_the_captions_and_the_names() -> None:
    record = _read(Paragraph("APROBACIÓN", bold=True), _table([["ELABORADO", "FIRMA DEL JEFE INMEDIATO SUPERIOR"]]),
                   Paragraph("Formulario RRHH-POAI-01 (v.3) - Página 2 de 3"), Paragraph("MINISTERIO DE TRABAJO"),
                   _table([["ROLANDO TICONA YUJRA", "LUIS LAURA ROCA"], [LINE, LINE]]))
    assert _names(record.aprobacion) == ("ROLANDO TICONA YUJRA", "LUIS LAURA ROCA")


def test_a_blank_box_has_no_name_and_a_caption_is_never_one() -> None:
    heading = Paragraph("APROBACIÓN", bold=True)
    one = _read(heading, _table([["APROBADO", "FIRMA DEL SERVIDOR PÚBLICO"]]), _table([["", "ANA APAZA HUANCA"],
                                                                                       [LINE, LINE]]))
    assert _names(one.aprobacion) == ("ANA APAZA HUANCA", None)
    # No names at all: the dates printed over the boxes are no names either.
    none = _read(heading, _table([["Fecha de elaboración", "Fecha de aprobación"], ["03/01/2021", "20/02/2021"]]),
                 _table([["Elaborado por", "Aprobado por"]]), _table([[LINE, LINE]]))
    assert _names(none.aprobacion) == (None, None)
    assert (none.aprobacion.fecha_elaboracion, none.aprobacion.fecha_aprobacion) == ("2021-01-03", "2021-02-20")


def test_a_box_holding_its_caption_and_its_name() -> None:
    # The caption over or under the name in the same cell, as separate lines or run together.
    heading = Paragraph("APROBACIÓN", bold=True)
    box = Cell(items=["FIRMA DEL SERVIDOR PÚBLICO", "ANA APAZA HUANCA"])
    over = _read(heading, _table([[Cell(items=["APROBADO"]), box], [LINE, LINE]]))
    assert _names(over.aprobacion) == ("ANA APAZA HUANCA", None)
    under = _read(heading, _table([[LINE, LINE], ["FERNANDO CONDORI POMA visto bueno",
                                                  "NOEMÍ CHAMBI ORTIZ firma del servidor público"]]))
    assert _names(under.aprobacion) == ("NOEMÍ CHAMBI ORTIZ", "FERNANDO CONDORI POMA")


def test_date_boxes_in_a_table_of_their_own_and_captions_run_into_the_dates() -> None:
    heading = Paragraph("APROBACIÓN", bold=True)
    apart = _read(heading, _table([["fecha", "fecha aprobación"]]), _table([["03-01-2021", "20-02-2021"]]),
                  Paragraph("elaborado: MARÍA VACA AGUILAR"), Paragraph("inmediato superior: RENÉ POMA LAURA"))
    assert apart.aprobacion.fecha_elaboracion == "2021-01-03"
    assert apart.aprobacion.fecha_aprobacion == "2021-02-20"
    assert _names(apart.aprobacion) == ("MARÍA VACA AGUILAR", "RENÉ POMA LAURA")
    # The row of role captions joined to the row of dates above it: neither is lost.
    joined = _read(heading, _table([["fecha", "fecha inicio de ejecución"],
                                    ["28/01/2026 elaborado", "2 de enero de 2026 visto bueno"],
                                    ["LIMBERTH VACA CANAZA", "RAÚL CANAZA MENACHO"], [LINE, LINE]]))
    assert _names(joined.aprobacion) == ("LIMBERTH VACA CANAZA", "RAÚL CANAZA MENACHO")
    assert joined.aprobacion.fecha_elaboracion == "2026-01-28"


def test_a_word_the_data_also_uses_is_the_heading_when_signatures_follow_it() -> None:
    # "COMPROMISO" alone is a personal quality, unless the approval's captions or labels follow it.
    boxes = _table([["APROBADO POR", "SERVIDOR(A) PÚBLICO(A)"], ["NATALIA MENACHO MOLINA", "FREDDY APAZA NINA"],
                    [LINE, LINE]])
    instruction = Paragraph("La suscripción de la Programación Operativa Anual Individual (POAI), supone conformidad.")
    record = _read(*QUALITIES, Paragraph("COMPROMISO"), instruction, boxes)
    assert _names(record.aprobacion) == ("FREDDY APAZA NINA", "NATALIA MENACHO MOLINA")
    assert record.cualidades == ["Liderazgo", "Puntualidad"]
    lines = _read(*QUALITIES, Paragraph("COMPROMISO"), Paragraph("ELABORADO: DIEGO TICONA QUISPE"),
                  Paragraph("APROBADO POR: CARMEN ORTIZ POMA"))
    assert _names(lines.aprobacion) == ("DIEGO TICONA QUISPE", "CARMEN ORTIZ POMA")
    quality = _read(*QUALITIES, Paragraph("COMPROMISO"), Paragraph("APROBACIÓN", bold=True), boxes)
    assert quality.cualidades == ["Liderazgo", "Puntualidad", "COMPROMISO"]
    assert _names(quality.aprobacion) == ("FREDDY APAZA NINA", "NATALIA MENACHO MOLINA")


def test_a_one_word_heading_in_title_case_when_the_approval_follows_it() -> None:
    record = _read(*QUALITIES, Paragraph("Aceptación"), Paragraph("La Paz, 21 de enero de 2022"),
                   _table([["elaborado", "inmediato superior"], ["VERONICA CUSI QUISPE", "SILVIA LAURA GUTIERREZ"]]))
    assert _names(record.aprobacion) == ("VERONICA CUSI QUISPE", "SILVIA LAURA GUTIERREZ")
    assert record.aprobacion.fecha_elaboracion == "2022-01-21"
    assert record.cualidades == ["Liderazgo", "Puntualidad"]


def test_boxes_holding_name_and_caption_after_a_plain_one_word_heading() -> None:
    # "ACEPTACIÓN" alone is the heading when the boxes below caption their names, and a caption
    # written with gender marks ("Servidor(a) Público(a)") is still the caption.
    boxes = _table([[LINE, LINE],
                    ["OMAR CALLE GUTIERREZ Servidor(a) Público(a)", "WILDER PEÑARANDA ARCE Aprobado por"]])
    record = _read(*QUALITIES, Paragraph("ACEPTACIÓN"), Paragraph("EL PRESENTE DOCUMENTO FUE APROBADO"), boxes)
    assert _names(record.aprobacion) == ("OMAR CALLE GUTIERREZ", "WILDER PEÑARANDA ARCE")
    assert record.cualidades == ["Liderazgo", "Puntualidad"]


def test_a_date_or_label_line_run_into_the_instruction_before_it() -> None:
    instruction = "La suscripción de la Programación Operativa Anual Individual (POAI), supone conformidad."
    heading = Paragraph("APROBACIÓN", bold=True)
    dated = _read(heading, Paragraph(f"{instruction} Cochabamba, 9 de enero de 2025"),
                  Paragraph("servidor(a) publico(a): ELENA SUÁREZ ARCE"))
    assert dated.aprobacion.fecha_elaboracion == "2025-01-09"
    labelled = _read(heading, Paragraph(f"{instruction} Elaborado: SILVIA COPA CONDORI"),
                     Paragraph("Firma del jefe inmediato superior: MARISOL ORTIZ VARGAS"))
    assert _names(labelled.aprobacion) == ("SILVIA COPA CONDORI", "MARISOL ORTIZ VARGAS")


# Generated variations: documents of the random-layout generator drawn with each signature style,
# date style and approval heading, in each format, read back whole (``extractor.extract``).
_VARIATIONS = [
    ("boxes_above", "none", "caps", "aprobacion", "pdf"), ("boxes_below", "city_line", "caps", "compromiso", "docx"),
    ("boxes_above", "labelled", "caps", "conformidad", "txt"), ("lines", "city_line", "size", "aceptacion", "docx"),
    ("boxes_below", "none", "bold", "firmas", "pdf"), ("boxes_above", "labelled", "size", "compromiso", "pdf"),
    ("lines", "labelled", "caps", "aprobacion", "txt"), ("boxes_below", "labelled", "caps", "aprobacion", "docx"),
]


@pytest.mark.parametrize(("signature", "dates", "heading", "word", "formato"), _VARIATIONS)
def test_generated_approval_variations(signature: str, dates: str, heading: str, word: str, formato: str,
                                       tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "samples"))
    from layoutgen.compose import compose
    from layoutgen.expected import expected_record
    from layoutgen.fiction import draw_content
    from layoutgen.layout import draw_layout

    import extractor

    for index in range(3):
        content = draw_content(random.Random(f"approval:{index}:content"))
        for key in ("elaborado_por", "aprobado_por"):  # a lone name's column is a PDF reader's matter
            content["aprobacion"][key] = content["aprobacion"][key] or "MARÍA QUISPE MAMANI"
        layout = draw_layout(random.Random(f"approval:{index}:layout"), formato)
        layout.signature_style, layout.date_style, layout.heading_style = signature, dates, heading
        layout.headings["aprobacion"], layout.numbering = word, "none"  # a numbered heading is always one
        composed = compose(content, layout, random.Random(f"approval:{index}:compose"))
        path = tmp_path / f"poai_{index}.{formato}"
        _render(composed, layout, path)
        expected = expected_record(composed, layout)["aprobacion"]
        assert extractor.extract(path)["aprobacion"] == expected, (index, layout.describe())


def _render(composed: Any, layout: Any, path: Path) -> None:
    from reportlab import rl_config

    rl_config.invariant = 1
    if layout.formato == "pdf":
        from layoutgen.pdffile import render_pdf

        render_pdf(composed, layout, path)
    elif layout.formato == "txt":
        from layoutgen.textfile import render_txt

        render_txt(composed, layout, path)
    else:
        from layoutgen.wordfile import render_docx

        render_docx(composed, layout, path)
