"""Layouts the sample generator does not make: the reader must handle the family, not the samples.

Each test builds a document in another style (one big Word table with section titles as
merged rows, labels with colons, other synonyms and numbering) and checks the record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest

import extractor

SPAN = None  # a cell merged into the one on its left


def big_table_docx(path: Path, rows: list[list[Any]], width: int) -> None:
    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        cells = row + [SPAN] * (width - len(row))
        for c, value in enumerate(cells):
            if value is SPAN:
                continue
            items = value if isinstance(value, list) else [value]
            target = table.cell(r, c)
            target.paragraphs[0].add_run(items[0]).bold = r == 0
            for item in items[1:]:
                target.add_paragraph(item)
        c = 0
        while c < width:
            end = c
            while end + 1 < width and cells[end + 1] is SPAN:
                end += 1
            if end > c:
                table.cell(r, c).merge(table.cell(r, end))
            c = end + 1
    document.save(str(path))


def test_one_big_word_table_with_merged_section_rows(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["PROGRAMACIÓN OPERATIVA ANUAL INDIVIDUAL - GESTIÓN 2024"],
        ["I. IDENTIFICACIÓN DEL PUESTO"],
        ["Nombre del Puesto:", "ANALISTA DE PRESUPUESTOS"],
        ["Nº de Ítem:", "45", "Nivel:", "PROFESIONAL II"],
        ["Unidad Organizacional:", "UNIDAD FINANCIERA"],
        ["Jefe Inmediato Superior:", "JEFE DE LA UNIDAD FINANCIERA"],
        ["Ocupante del puesto:", "CARLA VIDAURRE ROCA"],
        ["Personal a su cargo:", "Ninguno"],
        ["II. RELACIONES DE COORDINACIÓN"],
        ["Relaciones Internas", SPAN, "Relaciones Externas"],
        [["Unidad Administrativa", "Unidad de Planificación"], SPAN, ["Ministerio de Economía"]],
        ["III. OBJETIVO DEL PUESTO"],
        ["Formular y hacer seguimiento al presupuesto institucional."],
        ["IV. FUNCIONES ESPECÍFICAS"],
        ["N°", "Función", "Resultado esperado", "Medio de verificación", "Ponderación (%)"],
        ["1", "Elaborar el anteproyecto de presupuesto", "Anteproyecto aprobado", "Resolución", "40%"],
        ["2", "Registrar modificaciones presupuestarias", "Modificaciones registradas", "Reportes SIGEP", "30%"],
        ["V. FUNCIONES CONTINUAS"],
        ["N°", "Función", "Resultado esperado", "Medio de verificación", "Ponderación (%)"],
        ["1", "Atender consultas de las unidades", "Consultas atendidas", "", "30%"],
        ["VI. NORMAS A CUMPLIR"],
        [["Ley 1178", "Ley 2042 de Administración Presupuestaria"]],
        ["VII. REQUISITOS DEL PUESTO"],
        ["Formación académica"],
        ["Área de formación", "Grado académico", SPAN, "Prioridad"],
        ["Economía o Contaduría Pública", "Licenciatura", SPAN, "Excluyente"],
        ["Experiencia"],
        ["Experiencia general", "4 años"],
        ["Experiencia específica", "2 años"],
        ["Experiencia en el sector público", "1 año"],
        ["Cualidades personales"],
        [["Responsabilidad", "Trabajo en equipo"]],
        ["VIII. APROBACIÓN"],
        ["Elaborado por: CARLA VIDAURRE ROCA", SPAN, "Aprobado por: LUIS ARANA PAZ"],
        ["Fecha: 12 de enero de 2024", SPAN, "Fecha de aprobación: 15/01/2024"],
    ]
    path = tmp_path / "variante.docx"
    big_table_docx(path, rows, 5)
    record = extractor.extract(path)
    assert record["estado"] == "parcial"  # it has no "Conocimientos" section
    assert record["gestion"] == 2024
    assert record["puesto"] == {
        "denominacion": "ANALISTA DE PRESUPUESTOS", "item": "45", "dependencia": "UNIDAD FINANCIERA",
        "inmediato_superior": "JEFE DE LA UNIDAD FINANCIERA", "ocupante": "CARLA VIDAURRE ROCA",
        "cargos_supervisados": []}
    assert record["relaciones"] == {"intrainstitucionales": ["Unidad Administrativa", "Unidad de Planificación"],
                                    "interinstitucionales": ["Ministerio de Economía"]}
    assert record["objetivo"] == "Formular y hacer seguimiento al presupuesto institucional."
    summary = [(f["tipo"], f["n"], f["funcion"], f["fuente_verificacion"], f["ponderacion"])
               for f in record["funciones"]]
    assert summary == [
        ("especifica", 1, "Elaborar el anteproyecto de presupuesto", "Resolución", 40.0),
        ("especifica", 2, "Registrar modificaciones presupuestarias", "Reportes SIGEP", 30.0),
        ("rutinaria", 1, "Atender consultas de las unidades", None, 30.0),
    ]
    assert record["normas"] == ["Ley 1178", "Ley 2042 de Administración Presupuestaria"]
    assert record["formacion"] == [{"area": "Economía o Contaduría Pública", "grado_minimo": "licenciatura",
                                    "prioridad": "excluyente"}]
    assert record["experiencia"] == {"general": 4, "profesional": 2, "sector_publico": 1}
    assert record["cualidades"] == ["Responsabilidad", "Trabajo en equipo"]
    assert record["aprobacion"] == {"elaborado_por": "CARLA VIDAURRE ROCA", "aprobado_por": "LUIS ARANA PAZ",
                                    "ciudadania_digital": False, "fecha_elaboracion": "2024-01-12",
                                    "fecha_aprobacion": "2024-01-15"}


SEED = Path(__file__).parent / "fixtures" / "000_bb97881b95efc531.txt"


@pytest.mark.parametrize(("old", "new"), [
    ("**1.- IDENTIFICACIÓN DEL PUESTO**", "**I. IDENTIFICACION DEL PUESTO**"),
    ("**2.- RELACIONAMIENTO**", "**2. RELACIONAMIENTO:**"),
    ("### 3.2 Funciones Específicas", "### 3.2. FUNCIONES ESPECIFICAS"),
    ("<b>Nro Item</b>", "<b>Nº Ítem</b>"),
    ("<b>Denominación del Puesto</b>", "<b>Denominacion del Puesto:</b>"),
])
def test_seed_with_other_numbering_accents_and_labels(tmp_path: Path, old: str, new: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "variante.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    expected = extractor.extract(SEED)
    record = extractor.extract(path)
    for key in ("puesto", "relaciones", "objetivo", "funciones", "normas", "formacion", "experiencia",
                "conocimientos", "cualidades", "aprobacion", "auditoria"):
        assert record[key] == expected[key], key


def test_weights_as_fractions_and_percent_signs(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    fractions = text.replace("\t10,00\n", "\t0,10\n")
    path = tmp_path / "fracciones.txt"
    path.write_text(fractions, encoding="utf-8")
    assert [f["ponderacion"] for f in extractor.extract(path)["funciones"]] == [10.0] * 10
    percent = text.replace("\t10,00\n", "\t10 %\n")
    path.write_text(percent, encoding="utf-8")
    assert [f["ponderacion"] for f in extractor.extract(path)["funciones"]] == [10.0] * 10


def test_supervised_posts_as_a_list_in_one_cell(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "<b>Cargos Supervisados</b>\t", "<b>Cargos Supervisados</b>\tTécnico Legal I<br>Asistente Administrativo")
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    assert extractor.extract(path)["puesto"]["cargos_supervisados"] == ["Técnico Legal I", "Asistente Administrativo"]


def test_family_b_values_continued_on_rows_below_their_label(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parent.parent / "samples" / "poai" / "poai_b01_texto.txt"
    text = sample.read_text(encoding="utf-8")
    functional = "Funcional: DIRECCIÓN GENERAL DE SISTEMAS DE INFORMACIÓN TERRITORIAL"
    assert f"{functional}<br>Lineal:" in text
    text = text.replace(f"{functional}<br>Lineal:", f"{functional}\n\tLineal:")
    label = "<b>Relaciones Internas</b>\t"
    start = text.index(label) + len(label)
    end = text.index("\n", start)
    relations = text[start:end].split("<br>")
    text = text[:start] + "\n\t".join(relations) + text[end:]
    path = tmp_path / "b.txt"
    path.write_text(text, encoding="utf-8")
    record, expected = extractor.extract(path), extractor.extract(sample)
    assert record["puesto"]["dependencia"] == expected["puesto"]["dependencia"]
    assert record["relaciones"] == expected["relaciones"]
    assert len(record["relaciones"]["intrainstitucionales"]) == len(relations)


@pytest.mark.parametrize(("line", "section"), [
    ("FORMACION", "formacion"), ("CUALIDADES", "cualidades"), ("Cualidades", None), ("COMPROMISO", None),
    ("Normas a Cumplir", "normas"), ("INICIATIVA PROPIA", None),
])
def test_plain_heading_lines(line: str, section: str | None) -> None:
    from extractor.layout.segment import PREAMBLE, segment
    from extractor.layout.spec import vocabulary
    from extractor.model.document import Document, Paragraph

    items = segment(Document("txt", [Paragraph(text=line), Paragraph(text="Texto cualquiera")]), vocabulary())
    assert items[-1].section == (section or PREAMBLE)


def test_unruled_pdf_table_with_wrapped_labels_and_values(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    styles = getSampleStyleSheet()
    body, bold = styles["Normal"], styles["Heading4"]
    text = SEED.read_text(encoding="utf-8")
    label_rows = [("Denominación del Puesto", "RESPONSABLE DE TRATA Y TRAFICO"), ("Nro Item", "161"),
                  ("Dependencia", "DIRECCIÓN GENERAL DE JUSTICIA Y DERECHOS FUNDAMENTALES"),
                  ("Inmediato Superior", "DIRECTOR (A) GENERAL DE ACCESO A LA JUSTICIA Y DERECHOS FUNDAMENTALES "
                                         "DEL MINISTERIO DE JUSTICIA Y TRANSPARENCIA INSTITUCIONAL"),
                  ("Nombre del Ocupante", "LUZ MARIA CALDERON ARANCIBIA"), ("Cargos Supervisados", "")]
    assert all(value in text for _, value in label_rows[:3])
    story = [Paragraph("PLAN OPERATIVO ANUAL INDIVIDUAL - GESTIÓN 2023", bold),
             Paragraph("1.- IDENTIFICACIÓN DEL PUESTO", bold),
             Table([[Paragraph(f"<b>{label}</b>", body), Paragraph(value, body)] for label, value in label_rows],
                   colWidths=[95, 330], hAlign="LEFT", style=[("VALIGN", (0, 0), (-1, -1), "TOP")]),
             Paragraph("2.- RELACIONAMIENTO", bold), Paragraph("3.- DESCRIPCIÓN DE FUNCIONES", bold),
             Paragraph("3.1 Objetivo del Puesto", bold), Paragraph("Prestar apoyo al Consejo.", body),
             Paragraph("4.4 Cualidades Personales", bold), Paragraph("INICIATIVA PROPIA", body)]
    path = tmp_path / "sin_bordes.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    puesto = extractor.extract(path)["puesto"]
    assert puesto == {"denominacion": "RESPONSABLE DE TRATA Y TRAFICO", "item": "161",
                      "dependencia": "DIRECCIÓN GENERAL DE JUSTICIA Y DERECHOS FUNDAMENTALES",
                      "inmediato_superior": label_rows[3][1], "ocupante": "LUZ MARIA CALDERON ARANCIBIA",
                      "cargos_supervisados": []}


def test_total_row_is_not_a_function(tmp_path: Path) -> None:
    last = "EMISIÓN DE NOTAS INTERNAS Y NOTAS EXTERNAS\tREQUERIMIENTO ATENDIDO\tDOCUMENTO\t10,00\n"
    text = SEED.read_text(encoding="utf-8").replace(last, last + "<b>TOTAL</b>\t\t\t100 %\n")
    path = tmp_path / "total.txt"
    path.write_text(text, encoding="utf-8")
    record = extractor.extract(path)
    assert len(record["funciones"]) == 10
    assert record["auditoria"] == []


def test_two_row_function_header_and_checkbox_marks(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    header = "<i>Fuente de Verificación</i>\t<i>Ponderación</i>\n"
    assert header in text
    text = text.replace(header, header + "\t\t\t<i>(%)</i>\n", 1)
    text = text.replace("\t\t\tX\t\t\tEXCLUYENTE", "\t☐\t☐\t☒\t☐\t☐\tEXCLUYENTE")
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    record, expected = extractor.extract(path), extractor.extract(SEED)
    assert record["funciones"] == expected["funciones"]
    assert record["formacion"] == expected["formacion"]


def test_relations_listed_as_lines_under_their_labels(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    start = text.index("<b>Relaciones Intrainstitucionales</b>")
    end = text.index("**3.- DESCRIPCIÓN DE FUNCIONES**")
    expected = extractor.extract(SEED)["relaciones"]
    lines = ["Relaciones Intrainstitucionales:", *[f"• {r}" for r in expected["intrainstitucionales"]],
             "Relaciones Interinstitucionales:", *[f"• {r}" for r in expected["interinstitucionales"]]]
    path = tmp_path / "x.txt"
    path.write_text(text[:start] + "\n".join(lines) + "\n\n" + text[end:], encoding="utf-8")
    assert extractor.extract(path)["relaciones"] == expected


def test_unruled_pdf_functions_table_with_narrow_gutters(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    styles = getSampleStyleSheet()
    body, bold = styles["Normal"], styles["Heading4"]
    seed = extractor.extract(SEED)
    header = ["Funciones Específicas", "Resultados", "Fuente de Verificación", "Ponderación"]
    rows = [[Paragraph(f"<b>{h}</b>", body) for h in header]]
    for f in seed["funciones"][:7]:
        rows.append([Paragraph(f["funcion"], body), Paragraph(f["resultado"], body),
                     Paragraph(f["fuente_verificacion"], body), Paragraph("10,00", body)])
    story = [Paragraph("PLAN OPERATIVO ANUAL INDIVIDUAL - GESTIÓN 2023", bold),
             Paragraph("1.- IDENTIFICACIÓN DEL PUESTO", bold), Paragraph("Denominación del Puesto: ANALISTA", body),
             Paragraph("2.- RELACIONAMIENTO", bold), Paragraph("3.- DESCRIPCIÓN DE FUNCIONES", bold),
             Paragraph("3.2 Funciones Específicas", bold),
             # No ruling lines and 12 pt between columns: columns come from the text's alignment.
             Table(rows, colWidths=[170, 150, 100, 60], hAlign="LEFT", style=[("VALIGN", (0, 0), (-1, -1), "TOP")]),
             Paragraph("4.4 Cualidades Personales", bold), Paragraph("INICIATIVA PROPIA", body)]
    path = tmp_path / "funciones_sin_bordes.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    record = extractor.extract(path)
    got = [(f["funcion"], f["resultado"], f["fuente_verificacion"], f["ponderacion"]) for f in record["funciones"]]
    assert got == [(f["funcion"], f["resultado"], f["fuente_verificacion"], 10.0) for f in seed["funciones"][:7]]


def test_family_c_text_dump_with_activities_spread_over_columns(tmp_path: Path) -> None:
    lines = [
        "**UNIVERSIDAD PÚBLICA DE LOS VALLES**", "", "**FORM 001**", "", "**GESTIÓN 2024**", "",
        "**1 - IDENTIFICACION**", "",
        "<b>CARGO</b>\tTÉCNICO EN ARCHIVO", "<b>UNIDAD O AREA</b>\tSECRETARÍA GENERAL",
        "<b>SUPERVISION</b>\tNinguna", "<b>PUESTO DE INMEDIATO SUPERIOR</b>\tSECRETARIO GENERAL", "",
        "**2 - OBJETIVOS, RESULTADOS Y FUNCIONES DEL CARGO**", "",
        "<b>OBJETIVO DE CARGO</b>\tOrganizar el archivo central de la universidad.", "",
        "**RESULTADOS ESPECIFICOS (PROFESIONALES Y TECNICOS)**", "",
        "<b>#</b>\t<b>RESULTADOS ESPECIFICOS</b>\t<b>PONDERACION</b>\t<b>INDICADORES</b>\t<b>ACTIVIDADES</b>\t\t",
        "\t\t\t\t<b>ACTIVIDAD</b>\t<b>MEDIO DE VERIFICACION</b>\t<b>% DE EJECUCION</b>",
        "1\tArchivo central organizado\t60 %\t100 % de cajas rotuladas\tInventariar las cajas\tInventario\t40 %",
        "\t\t\t\tRotular las cajas\tActa de entrega\t60 %",
        "2\tExpedientes digitalizados\t20 %\t500 expedientes\tEscanear expedientes\tReporte del sistema\t100 %",
        "", "**RESULTADOS CONTINUOS O FUNCIONES**", "",
        "<b>#</b>\t<b>RESULTADO CONTINUO</b>\t<b>PONDERACION</b>", "1\tAtender préstamos de documentos\t20 %", "",
        "**3 - REQUISITOS DEL PUESTO**", "", "**FORMACION**", "", "Técnico Superior en Archivística", "",
        "**EXPERIENCIA**", "", "Dos (2) años de experiencia general", "",
        "**4 - COMPROMISO**", "", "<b>FECHA ELABORACION</b>\t10/01/2024", "",
        "<b>JEFE INMEDIATO SUPERIOR</b>\t<b>SERVIDOR PUBLICO</b>", "ANA ROJAS\tLUIS PAZ",
    ]
    path = tmp_path / "c.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    record = extractor.extract(path)
    assert record["plantilla"] == "C"
    first, second, routine = record["funciones"]
    assert first["actividades"] == [
        {"actividad": "Inventariar las cajas", "medio_verificacion": "Inventario", "porcentaje": 40.0},
        {"actividad": "Rotular las cajas", "medio_verificacion": "Acta de entrega", "porcentaje": 60.0}]
    assert first["fuente_verificacion"] == "Inventario; Acta de entrega"
    assert (first["ponderacion"], first["indicador"]) == (60.0, "100 % de cajas rotuladas")
    assert second["actividades"] == [{"actividad": "Escanear expedientes", "medio_verificacion": "Reporte del sistema",
                                      "porcentaje": 100.0}]
    assert (routine["tipo"], routine["funcion"], routine["ponderacion"]) == (
        "rutinaria", "Atender préstamos de documentos", 20.0)
    assert record["formacion"] == [
        {"area": "Técnico Superior en Archivística", "grado_minimo": "tecnico", "prioridad": None}]
    assert record["aprobacion"]["elaborado_por"] == "LUIS PAZ"
    assert record["aprobacion"]["aprobado_por"] == "ANA ROJAS"
    assert record["aprobacion"]["fecha_elaboracion"] == "2024-01-10"
