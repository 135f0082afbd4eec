"""Requirement and approval layouts read from the neutral document, whatever the file format.

Each test builds the document model a reader hands over (paragraphs, tables with merged cells)
and runs segmentation and the section readers on it: formation headers over several rows, a
formation table cut into pieces, instructions wrapped onto a second line, free-text areas, the
short column names of family B and dates printed under their labels.
"""

from __future__ import annotations

from extractor.layout.segment import segment
from extractor.layout.spec import vocabulary
from extractor.model.document import Cell, Document, Paragraph, Row, Table
from extractor.model.record import Record
from extractor.sections.approval import ApprovalReader
from extractor.sections.base import Context
from extractor.sections.formation import FormationReader
from extractor.sections.requirements import ExperienceReader, KnowledgeReader
from extractor.sections.text import ListReader

Grid = list[list[str | Cell]]


def _row(cells: list[str | Cell]) -> Row:
    return Row([c if isinstance(c, Cell) else Cell(items=[c] if c else []) for c in cells], page=1)


def _table(rows: Grid) -> Table:
    return Table([_row(r) for r in rows], page=1)


def _read(*blocks: Paragraph | Table) -> Record:
    spec = vocabulary()
    context = Context(segment(Document("pdf", list(blocks), 1), spec), spec)
    record = Record(archivo="", sha256="", plantilla="A")
    for reader in (ExperienceReader(), FormationReader(), KnowledgeReader(), ListReader("cualidades"),
                   ApprovalReader()):
        reader.read(context, record)
    return record


def _formation(record: Record) -> list[tuple[str | None, str | None, str | None]]:
    return [(f.area, f.grado_minimo, f.prioridad) for f in record.formacion]


FORMATION = Paragraph("4.1 Área de Formación", bold=True)
PARENT = Cell(items=["Grado mínimo de formación aceptable"], span=5)


def test_a_grade_name_wrapped_onto_a_header_row_of_its_own() -> None:
    record = _read(FORMATION, _table([
        ["Área de Formación", PARENT, "", "", "", "", "Prioridad"],
        ["", "Bachiller", "Técnico o Egresado", "Licenciatura", "Post", "Doctorado", ""],
        ["", "", "Universitario", "", "Grado", "", ""],
        ["Derecho", "", "", "", "X", "", "DESEABLE"],
        ["Auditoría", "", "X", "", "", "", "EXCLUYENTE"],
    ]))
    assert _formation(record) == [("Derecho", "postgrado", "deseable"), ("Auditoría", "tecnico", "excluyente")]


def test_a_merged_parent_names_no_grade_column() -> None:
    parent = Cell(items=["Nivel profesional"], span=3)
    record = _read(FORMATION, _table([
        ["Carrera", parent, "", "", "Carácter"],
        ["", "Bachiller", "Técnico", "Licenciatura", ""],
        ["Economía", "X", "", "", "1"],
    ]))
    assert _formation(record) == [("Economía", "bachiller", "1")]


def test_a_formation_table_cut_into_pieces() -> None:
    # What a reader gives for a table without rules: the grade names in one cell, a wrapped
    # header word and a cell's end outside the table, the entries in tables of their own.
    record = _read(
        FORMATION,
        _table([["Área de Formación", "Grado mínimo de formación aceptable", "Prioridad"],
                ["", "Bachiller Técnico o Licenciatura Post Doctorado Egresado Grado", ""]]),
        Paragraph("Universitario"),
        _table([["Derecho y Ciencias Políticas", "X", "EXCLUYE NTE"]]),
        _table([["Derechos Humanos", "X", "DESEABL"]]),
        Paragraph("E"),
        _table([["Trabajo Social", "x", "", "2"]]),
    )
    assert _formation(record) == [("Derecho y Ciencias Políticas", None, "excluyente"),
                                  ("Derechos Humanos", None, "deseable"), ("Trabajo Social", None, "2")]


def test_short_column_names_and_experience_rows_under_the_formation_table() -> None:
    record = _read(
        Paragraph("C. REQUISITOS DEL CARGO:", bold=True), Paragraph("Formación Académica", bold=True),
        _table([["FORMACIÓN ACADÉMICA", "GRADO", "PRIORIDAD"], ["Derecho", "Licenciatura", "Excluyente"],
                ["Derecho Procesal", "Maestría", "Deseable"]]),
        _table([["Experiencia General (años)", "4"], ["Experiencia en el Sector Público (años)", "1"]]),
    )
    assert _formation(record) == [("Derecho", "licenciatura", "excluyente"),
                                  ("Derecho Procesal", "postgrado", "deseable")]
    assert (record.experiencia.general, record.experiencia.sector_publico) == (4, 1)


def test_an_entry_with_a_blank_area_is_no_header_row() -> None:
    record = _read(FORMATION, _table([["Área de Formación", "Grado", "Prioridad"], ["", "Licenciatura", "Excluyente"],
                                      ["Derecho", "Maestría", "Deseable"]]))
    assert _formation(record) == [(None, "licenciatura", "excluyente"), ("Derecho", "postgrado", "deseable")]


def test_instructions_wrapped_onto_a_second_line_are_not_data() -> None:
    record = _read(
        FORMATION,
        Paragraph("Definir las áreas de formación necesarias para el desempeño del puesto. Asociar a cada una"),
        Paragraph('el grado mínimo aceptable y la prioridad marcando con una "X".'),
        _table([["Área de Formación", "Bachiller", "Licenciatura", "Post Grado", "Prioridad"],
                ["Derecho", "", "X", "", "EXCLUYENTE"]]),
        Paragraph("4.3 Otros Conocimientos", bold=True),
        Paragraph("Se debe mencionar los cursos que se requieren haber tomado para un desempeño en el"),
        Paragraph("cargo, por ejemplo: Ley 1178, informática, etc."),
        Paragraph("Ley 1178 (excluyente)"),
        Paragraph("4.4 Cualidades Personales", bold=True),
        Paragraph("Se debe registrar el tipo de cualidades"),
        Paragraph("personales, valores y principios deseables para el cargo."),
        Paragraph("Liderazgo"),
    )
    assert _formation(record) == [("Derecho", "licenciatura", "excluyente")]
    assert [(k.conocimiento, k.caracter) for k in record.conocimientos] == [("Ley 1178", "excluyente")]
    assert record.cualidades == ["Liderazgo"]


def test_a_finished_instruction_does_not_swallow_the_next_line() -> None:
    record = _read(Paragraph("4.1 Formación", bold=True), Paragraph("Registrar la formación requerida."),
                   Paragraph("licenciatura en Derecho"))
    assert _formation(record) == [("licenciatura en Derecho", "licenciatura", None)]


def test_free_text_areas_keep_their_degree_words() -> None:
    lines = ["Técnico Superior en Ingeniería Civil (deseable)",
             "Título en Provisión Nacional de Licenciatura en Derecho",
             "Bachiller en Humanidades con estudios en Ingeniería", "Diplomado en Gestión de Recursos Humanos"]
    record = _read(Paragraph("FORMACION", bold=True), _table([[Cell(items=lines)]]))
    assert _formation(record) == [
        ("Técnico Superior en Ingeniería Civil", "tecnico", "deseable"),
        ("Título en Provisión Nacional de Licenciatura en Derecho", "licenciatura", None),
        ("Bachiller en Humanidades con estudios en Ingeniería", "bachiller", None),
        ("Diplomado en Gestión de Recursos Humanos", "postgrado", None),
    ]


def test_dates_printed_under_their_labels() -> None:
    record = _read(
        Paragraph("4 - COMPROMISO", bold=True),
        _table([["FECHA ELABORACION", "FECHA INICIO DE EJECUCION", "FECHA DE APROBACION"],
                ["14/01/2022", "02/01/2022", "20/01/2022"]]),
        _table([["JEFE INMEDIATO SUPERIOR", "SERVIDOR PUBLICO"], ["ANA ROJAS", "LUIS PAZ"]]),
    )
    approval = record.aprobacion
    assert (approval.fecha_elaboracion, approval.fecha_aprobacion) == ("2022-01-14", "2022-01-20")
    assert (approval.elaborado_por, approval.aprobado_por) == ("LUIS PAZ", "ANA ROJAS")
