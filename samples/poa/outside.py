"""Generate the outside POA corpus: POAs laid out as planning offices make them, not as the loader expects.

    python samples/poa/outside.py         # writes samples/poa/afuera/*

Each file's tree (``x.ext`` → ``x.ext.expected.json``) is written from the hand-written content
in outside_content.py, never by reading the file back. Shapes the generated corpus (formas/)
does not have: a cover sheet before the POA and a table starting at column C; header cells with
line breaks and three header rows; parent cells merged down with the code and the text in one
cell; activities lettered "a)"; codes typed as numbers (the number format gives "1.10") and
built by formulas; a hidden column; a unit label in one cell and its name in the next; group
rows without a code; an ACP text that wraps onto a second row; a system export with a level
column; a CSV with title lines and quoted line breaks; a PDF without ruling lines (also with header
cells wrapped onto two lines); a ruled PDF whose merged cells centre their text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import freeze_zip  # noqa: E402
from outside_content import (  # noqa: E402
    ACP_TEXT,
    AUDIT,
    AUDIT_TREE,
    DAF,
    ENTITY,
    JUR_TREE,
    JURIDICA,
    LETTERS,
    OPS,
    RESULTS,
    RRHH,
    RRHH_TREE,
    audit_tree,
    daf_tree,
    expected,
    jur_tree,
    n,
    rrhh_tree,
)

OUT = HERE / "afuera"
SIGNERS = [("Elaborado por:", "Lic. María Choque Apaza", "TÉCNICO DE PLANIFICACIÓN"),
           ("Revisado por:", "Ing. Jorge Villca Mamani", "JEFE DE UNIDAD"),
           ("Aprobado por:", "Dr. Ramiro Gutiérrez Flores", "DIRECTOR GENERAL")]


def _book() -> Any:
    from openpyxl import Workbook

    return Workbook()


def _save(book: Any, path: Path, cached: dict[str, str] | None = None) -> None:
    import datetime as dt

    book.properties.created = book.properties.modified = dt.datetime(2024, 1, 1)
    book.save(path)
    _cache_formulas(path, cached or {})
    freeze_zip(path)


def _cache_formulas(path: Path, cached: dict[str, str]) -> None:
    """Give formula cells the value Excel would have saved beside them (openpyxl saves none)."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", data)
            if info.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                for ref, value in cached.items():
                    kind = "" if value.isdigit() else ' t="str"'
                    text = re.sub(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                                  rf'<c r="{ref}"\1{kind}><f>\2</f><v>{value}</v>', text)
                data = text.encode("utf-8")
            target.writestr(info, data)


def _write_json(path: Path, tree: dict[str, Any]) -> None:
    path.with_name(path.name + ".expected.json").write_text(
        json.dumps(tree, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _signatures(ws: Any, row: int, columns: tuple[int, int, int]) -> None:
    for (label, name, post), column in zip(SIGNERS, columns, strict=True):
        ws.cell(row, column, label)
        ws.cell(row + 3, column, name)
        ws.cell(row + 4, column, post)


# -- xlsx -------------------------------------------------------------------------------------------------


def write_cover_column_c(path: Path) -> dict[str, Any]:
    """An instructions sheet first; the POA sheet starts at column C, the unit name in the cell after its
    label, header cells with line breaks, ACP cells merged down, quarters marked "X", a TOTAL GENERAL row
    and signatures."""
    from openpyxl.styles import Alignment, Font

    book = _book()
    cover = book.active
    cover.title = "Instrucciones"
    cover["B2"] = "INSTRUCTIVO PARA EL LLENADO DEL FORMULARIO POA"
    cover["B4"] = "1. Registre el código y la descripción de la Acción de Corto Plazo articulada al PEI."
    cover["B5"] = "2. Desagregue cada Acción de Corto Plazo en operaciones con su resultado esperado."
    cover["B6"] = "3. Marque con X los trimestres en los que se ejecutará cada operación."
    cover["B8"], cover["C8"] = "Columna", "Contenido"
    cover["B9"], cover["C9"] = "Código Operación", "Código correlativo de la operación (ej. 1.1.1)"
    cover["B10"], cover["C10"] = "Operación", "Descripción de la operación"
    ws = book.create_sheet("POA 2024")
    ws.column_dimensions["A"].width = ws.column_dimensions["B"].width = 2
    ws["C2"] = ENTITY
    ws["C3"] = "PROGRAMA DE OPERACIONES ANUAL GESTIÓN 2024"
    ws["C4"], ws["D4"] = "UNIDAD ORGANIZACIONAL:", DAF
    for ref in ("C2", "C3", "C4"):
        ws[ref].font = Font(bold=True)
    heads = ["Código\nACP", "Acción de Corto Plazo\n(ACP)", "Código\nOperación", "Operación", "Resultado\nEsperado",
             "Presupuesto\n(Bs)"]
    for column, text in enumerate(heads, 3):
        ws.cell(6, column, text).alignment = Alignment(wrap_text=True)
        ws.merge_cells(start_row=6, start_column=column, end_row=7, end_column=column)
    ws.cell(6, 9, "CRONOGRAMA DE EJECUCIÓN")
    ws.merge_cells(start_row=6, start_column=9, end_row=6, end_column=12)
    for column, text in enumerate(["1er\nTrim.", "2do\nTrim.", "3er\nTrim.", "4to\nTrim."], 9):
        ws.cell(7, column, text).alignment = Alignment(wrap_text=True)
    row = 8
    total = 0
    for acp in ("1.1", "1.2", "1.3"):
        first = row
        for index, (code, text) in enumerate(OPS[acp]):
            if index == 0:
                ws.cell(row, 3, acp)
                ws.cell(row, 4, ACP_TEXT[acp]).alignment = Alignment(wrap_text=True, vertical="center")
            ws.cell(row, 5, code)
            ws.cell(row, 6, text)
            ws.cell(row, 7, RESULTS[code])
            ws.cell(row, 8, 15000 + 2500 * index)
            total += 15000 + 2500 * index
            for quarter in range(4):
                if (quarter + index) % 3 != 2:
                    ws.cell(row, 9 + quarter, "X")
            row += 1
        if row - first > 1:
            ws.merge_cells(start_row=first, start_column=3, end_row=row - 1, end_column=3)
            ws.merge_cells(start_row=first, start_column=4, end_row=row - 1, end_column=4)
    ws.cell(row, 3, "TOTAL GENERAL").font = Font(bold=True)
    ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=7)
    ws.cell(row, 8, total)
    _signatures(ws, row + 3, (3, 6, 9))
    book.active = 1
    _save(book, path)
    return expected((DAF, daf_tree(["1.1", "1.2", "1.3"])))


def write_numeric_codes(path: Path) -> dict[str, Any]:
    """ACP codes typed as numbers (1.1; 1.10 kept by a "0.00" format), operation codes built by formulas
    with their saved values, a hidden column of last year's codes, a formula numbering column."""
    from openpyxl.styles import Font

    book = _book()
    ws = book.active
    ws.title = "POA"
    ws["A1"] = ENTITY
    ws["A2"] = "PROGRAMA DE OPERACIONES ANUAL - GESTIÓN 2024"
    ws["A3"] = f"Unidad Organizacional: {DAF}"
    ws["A1"].font = ws["A2"].font = Font(bold=True)
    ws.append([])
    ws.append(["Nº", "Cód. ACP", "Acción de Corto Plazo", "Cód. 2023", "Cód. Operación", "Operación",
               "Ponderación", "Meta"])
    ws.column_dimensions["D"].hidden = True
    cached: dict[str, str] = {}
    row = 6
    for acp in ("1.1", "1.2", "1.3", "1.10"):
        for index, (code, text) in enumerate(OPS[acp], 1):
            ws.cell(row, 1, 1 if row == 6 else f"=A{row - 1}+1")
            if row > 6:
                cached[f"A{row}"] = str(row - 5)
            number = ws.cell(row, 2, float(acp))
            if acp == "1.10":
                number.number_format = "0.00"
            ws.cell(row, 3, ACP_TEXT[acp])
            ws.cell(row, 4, f"2.{acp[2:]}.{index}")
            if acp == "1.10":
                ws.cell(row, 5, code)
            else:
                ws.cell(row, 5, f'=B{row}&".{index}"')
                cached[f"E{row}"] = code
            ws.cell(row, 6, text)
            ws.cell(row, 7, 0.125).number_format = "0%"
            ws.cell(row, 8, 1)
            row += 1
    _save(book, path, cached)
    return expected((DAF, daf_tree(["1.1", "1.2", "1.3", "1.10"])))


def write_code_in_cell(path: Path) -> dict[str, Any]:
    """Code and text in one cell ("1.1.- Fortalecer …"), ACP and operation cells merged down over their
    activities, activities lettered "a)", months as single letters under a merged header."""
    from openpyxl.styles import Alignment

    book = _book()
    ws = book.active
    ws.title = "POA RRHH"
    ws["A1"] = "PROGRAMA DE OPERACIONES ANUAL 2024"
    ws["A2"] = f"UNIDAD ORGANIZACIONAL: {RRHH}"
    heads = ["ACCIÓN DE CORTO PLAZO", "OPERACIÓN", "ACTIVIDADES", "MEDIO DE VERIFICACIÓN", "RESPONSABLE"]
    for column, text in enumerate(heads, 1):
        ws.cell(4, column, text)
        ws.merge_cells(start_row=4, start_column=column, end_row=5, end_column=column)
    ws.cell(4, 6, "PROGRAMACIÓN MENSUAL")
    ws.merge_cells(start_row=4, start_column=6, end_row=4, end_column=17)
    for column, letter in enumerate("EFMAMJJASOND", 6):
        ws.cell(5, column, letter)
    row = 6
    middle = Alignment(vertical="center", wrap_text=True)
    for acp, acp_text, ops in RRHH_TREE:
        acp_first = row
        ws.cell(row, 1, f"{acp}.- {acp_text}").alignment = middle
        for op, op_text, acts in ops:
            op_first = row
            ws.cell(row, 2, f"{op} {op_text}").alignment = middle
            for index, act in enumerate(acts):
                ws.cell(row, 3, f"{LETTERS[index]}) {act}")
                ws.cell(row, 4, "Informe")
                ws.cell(row, 5, "Jefe de RRHH")
                for month in range(12):
                    if (month + index) % 4 == 0:
                        ws.cell(row, 6 + month, 1)
                row += 1
            if row - op_first > 1:
                ws.merge_cells(start_row=op_first, start_column=2, end_row=row - 1, end_column=2)
        ws.merge_cells(start_row=acp_first, start_column=1, end_row=row - 1, end_column=1)
    _save(book, path)
    return expected((RRHH, rrhh_tree()))


def write_bold_groups(path: Path) -> dict[str, Any]:
    """Bold "ACP:" group rows with no code anywhere, operations with unit codes, a TOTAL row."""
    from openpyxl.styles import Font, PatternFill

    book = _book()
    ws = book.active
    ws["B1"] = "FORMULARIO POA-2"
    ws["B2"] = "PROGRAMACIÓN DE OPERACIONES 2024"
    ws["B3"] = f"Unidad Organizacional: {DAF}"
    ws.append([])
    ws.append([None, "Cód.", "Operación", "Producto", "Indicador", "Meta", "Responsable", "Presupuesto (Bs)"])
    fill = PatternFill("solid", fgColor="D9E1F2")
    tree = []
    number = 0
    for acp in ("1.1", "1.2", "1.3"):
        ws.append([None, f"ACP: {ACP_TEXT[acp]}"])
        ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=8)
        ws.cell(ws.max_row, 2).font = Font(bold=True)
        ws.cell(ws.max_row, 2).fill = fill
        ops = []
        for code, text in OPS[acp]:
            number += 1
            unit_code = f"DGAA-{number:02d}"
            ws.append([None, unit_code, text, RESULTS[code], "Nº de informes", 4, "Jefatura", 20000])
            ops.append(n("operacion", unit_code, text))
        tree.append(n("acp", None, ACP_TEXT[acp], *ops))
    ws.append([None, "TOTAL", None, None, None, None, None, 20000 * number])
    ws.cell(ws.max_row, 2).font = Font(bold=True)
    _signatures(ws, ws.max_row + 3, (2, 4, 6))
    _save(book, path)
    return expected((DAF, tree))


def write_three_header_rows(path: Path) -> dict[str, Any]:
    """Three header rows (group → Código/Descripción → quarters I–IV), PEI articulation, parents blank
    below their first row, and an ACP text that wraps onto the next row."""
    book = _book()
    ws = book.active
    ws["A1"] = ENTITY
    ws["A2"] = "POA 2024 - PROGRAMACIÓN DE OPERACIONES"
    ws["A3"] = "Unidad Organizacional:"
    ws["C3"] = JURIDICA
    groups = [(1, 2, "ARTICULACIÓN PEI"), (3, 4, "ACCIÓN DE CORTO PLAZO"), (5, 6, "OPERACIÓN"),
              (7, 7, "RESULTADO ESPERADO"), (8, 11, "PROGRAMACIÓN FÍSICA")]
    for first, last, text in groups:
        ws.cell(5, first, text)
        ws.merge_cells(start_row=5, start_column=first, end_row=5 if last > first else 7, end_column=last)
    for column in range(1, 7):
        ws.cell(6, column, "Código" if column % 2 else "Descripción")
        ws.merge_cells(start_row=6, start_column=column, end_row=7, end_column=column)
    ws.cell(6, 8, "TRIMESTRE")
    ws.merge_cells(start_row=6, start_column=8, end_row=6, end_column=11)
    for column, text in enumerate(["I", "II", "III", "IV"], 8):
        ws.cell(7, column, text)
    row = 8
    for pei, pei_text, acps in JUR_TREE:
        ws.cell(row, 1, pei)
        ws.cell(row, 2, pei_text)
        for acp, acp_text, ops in acps:
            ws.cell(row, 3, acp)
            if len(acp_text) > 70:
                cut = acp_text.rfind(" ", 0, 60)
                ws.cell(row, 4, acp_text[:cut])
                ws.cell(row + 1, 4, acp_text[cut + 1:])
            else:
                ws.cell(row, 4, acp_text)
            for op, op_text in ops:
                ws.cell(row, 5, op)
                ws.cell(row, 6, op_text)
                ws.cell(row, 7, "Documentos emitidos")
                for column in range(8, 12):
                    ws.cell(row, column, 25)
                row += 1
    _save(book, path)
    return expected((JURIDICA, jur_tree()))


def write_system_levels(path: Path) -> dict[str, Any]:
    """A planning system's export: a level column ("ACP", "OPERACIÓN", "ACTIVIDAD"), programmatic codes,
    dates, the unit as "Unidad Ejecutora:" in the report heading."""
    import datetime as dt

    book = _book()
    ws = book.active
    ws.title = "Reporte"
    ws["A1"] = "SISTEMA DE PLANIFICACIÓN INSTITUCIONAL - SPI"
    ws["A2"] = "REPORTE: PROGRAMA DE OPERACIONES ANUAL POR UNIDAD"
    ws["A3"] = f"Unidad Ejecutora: {AUDIT}"
    ws["A4"] = "Gestión: 2024"
    ws["F4"] = "Fecha de impresión: 15/01/2024 09:42"
    ws.append([])
    ws.append(["Nivel", "Código", "Descripción", "Responsable", "Fecha Inicio", "Fecha Fin", "Ponderación"])
    start, end = dt.datetime(2024, 1, 2), dt.datetime(2024, 12, 31)
    for acp, acp_text, ops in AUDIT_TREE:
        ws.append(["ACP", acp, acp_text, "Jefe de Auditoría Interna", start, end, 50])
        for op, op_text, acts in ops:
            ws.append(["OPERACIÓN", op, op_text, "Supervisor de Auditoría", start, end, 25])
            for act, act_text in acts:
                ws.append(["ACTIVIDAD", act, act_text, "Auditor", start, end, 10])
    for row in ws.iter_rows(min_row=7, min_col=5, max_col=6):
        for cell in row:
            cell.number_format = "dd/mm/yyyy"
    _save(book, path)
    return expected((AUDIT, audit_tree()))


# -- CSV --------------------------------------------------------------------------------------------------


def write_csv_titles(path: Path) -> dict[str, Any]:
    """Excel's "CSV (delimitado por comas)" in a Spanish locale: semicolons, Windows-1252, title lines,
    header cells with line breaks (quoted), merged parents exported blank, decimal commas, TOTAL GENERAL."""
    width = 7
    rows: list[list[str]] = [[ENTITY] + [""] * (width - 1),
                             ["PROGRAMA DE OPERACIONES ANUAL GESTIÓN 2024"] + [""] * (width - 1),
                             [f"Unidad Organizacional: {DAF}"] + [""] * (width - 1), [""] * width,
                             ["Código\nACP", "Acción de Corto Plazo", "Código\nOperación", "Operación",
                              "Resultado\nEsperado", "Presupuesto\n(Bs)", "Responsable"]]
    for acp in ("1.1", "1.2", "1.3", "1.10"):
        for index, (code, text) in enumerate(OPS[acp]):
            rows.append([acp if index == 0 else "", ACP_TEXT[acp] if index == 0 else "", code, text, RESULTS[code],
                         "12.500,00", "Jefatura Administrativa"])
    rows += [[""] * width, ["TOTAL GENERAL", "", "", "", "", "100.000,00", ""], [""] * width,
             ["Elaborado por:", "", "Revisado por:", "", "Aprobado por:", "", ""]]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return expected((DAF, daf_tree(["1.1", "1.2", "1.3", "1.10"])))


# -- PDF --------------------------------------------------------------------------------------------------


def write_pdf_unruled_two_line_header(path: Path) -> dict[str, Any]:
    """The same print with header cells wrapped onto two lines ("Código" over "ACP")."""
    return write_pdf_unruled(path, two_lines=True)


def write_pdf_unruled(path: Path, two_lines: bool = False) -> dict[str, Any]:
    """A PDF printed from Excel without borders: text only, wrapped cells, the header repeated on the
    second page, a page number at the foot."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    page_w, page_h = landscape(A4)
    columns = [(36, 70, "Cód. ACP"), (110, 170, "Acción de Corto Plazo"), (290, 90, "Cód. Operación"),
               (385, 200, "Operación"), (595, 130, "Producto esperado"), (735, 70, "Responsable")]
    rows: list[list[str]] = []
    for acp, acp_text, ops in AUDIT_TREE:
        for index, (op, op_text, _acts) in enumerate(ops):
            rows.append([acp if index == 0 else "", acp_text if index == 0 else "", op, op_text,
                         "Informe de auditoría emitido", "Auditor"])
    pdf = canvas.Canvas(str(path), pagesize=(page_w, page_h), invariant=1)
    font, size, lead = "Helvetica", 8, 10

    def header(y: float) -> float:
        pdf.setFont("Helvetica-Bold", size)
        for x, _w, text in columns:
            if two_lines and " " in text:
                first, second = text.replace("Cód.", "Código").split(" ", 1)
                pdf.drawString(x, y, first)
                pdf.drawString(x, y - lead, second)
            else:
                pdf.drawString(x, y, text)
        return y - 18 - (lead if two_lines else 0)

    def title() -> float:
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawCentredString(page_w / 2, page_h - 40, "PROGRAMA DE OPERACIONES ANUAL - GESTIÓN 2024")
        pdf.setFont(font, 9)
        pdf.drawString(36, page_h - 60, f"Unidad Organizacional: {AUDIT}")
        return page_h - 90

    y = header(title())
    page = 1
    for data in rows:
        lines = [simpleSplit(text, font, size, width) for (_x, width, _h), text in zip(columns, data, strict=True)]
        height = max(len(c) for c in lines) * lead + 6
        if y - height < 60 or (page == 1 and data is rows[2]):
            pdf.setFont(font, 7)
            pdf.drawRightString(page_w - 36, 30, f"Página {page} de 2")
            pdf.showPage()
            page += 1
            y = header(page_h - 50)
        pdf.setFont(font, size)
        for (x, _w, _h), cell in zip(columns, lines, strict=True):
            for k, line in enumerate(cell):
                pdf.drawString(x, y - k * lead, line)
        y -= height
    pdf.setFont(font, 8)
    for (label, name, post), x in zip(SIGNERS, (80, 360, 620), strict=True):
        pdf.drawString(x, y - 60, name)
        pdf.drawString(x, y - 70, post)
        pdf.drawString(x, y - 20, label)
    pdf.setFont(font, 7)
    pdf.drawRightString(page_w - 36, 30, f"Página {page} de 2")
    pdf.save()
    tree = [n("acp", a, at, *[n("operacion", o, ot) for o, ot, _ in ops]) for a, at, ops in AUDIT_TREE]
    return expected((AUDIT, tree))


def write_pdf_centred_merges(path: Path) -> dict[str, Any]:
    """A ruled PDF whose merged parent cells centre their text vertically (not on their first row)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    style = getSampleStyleSheet()
    small = style["BodyText"].clone("small", fontSize=7, leading=8)
    data: list[list[Any]] = [["Código", "Acción de Corto Plazo", "Código", "Operación", "Actividad",
                              "Medio de Verificación"]]
    spans: list[Any] = []
    for acp, acp_text, ops in RRHH_TREE:
        acp_first = len(data)
        for op, op_text, acts in ops:
            op_first = len(data)
            for index, act in enumerate(acts):
                data.append([acp, acp_text, op, op_text, f"{LETTERS[index]}) {act}", "Informe"])
            if len(data) - op_first > 1:
                spans += [("SPAN", (c, op_first), (c, len(data) - 1)) for c in (2, 3)]
        spans += [("SPAN", (c, acp_first), (c, len(data) - 1)) for c in (0, 1)]
    cells = [[Paragraph(str(v), small) for v in row] for row in data]
    table = Table(cells, colWidths=[50, 150, 50, 170, 220, 90], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               *spans]))
    story = [Paragraph("PROGRAMA DE OPERACIONES ANUAL – GESTIÓN 2024", style["Title"]),
             Paragraph(f"Unidad Organizacional: {RRHH}", style["Normal"]), Spacer(1, 8), table]
    SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1).build(story)
    return expected((RRHH, rrhh_tree()))


WRITERS = {
    "caratula_columna_c.xlsx": write_cover_column_c,
    "codigos_numericos.xlsx": write_numeric_codes,
    "codigo_en_celda.xlsx": write_code_in_cell,
    "grupos_sin_codigo.xlsx": write_bold_groups,
    "tres_filas_encabezado.xlsx": write_three_header_rows,
    "sistema_niveles.xlsx": write_system_levels,
    "titulo_punto_coma.csv": write_csv_titles,
    "sin_lineas.pdf": write_pdf_unruled,
    "sin_lineas_encabezado_partido.pdf": write_pdf_unruled_two_line_header,
    "celdas_centradas.pdf": write_pdf_centred_merges,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, writer in WRITERS.items():
        path = OUT / name
        _write_json(path, writer(path))
        print(path.relative_to(HERE.parent.parent))


if __name__ == "__main__":
    main()
