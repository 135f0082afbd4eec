"""Generate the corpus of unit POA shapes: one file per shape, each with its expected tree.

    python samples/poa/generate_shapes.py         # writes samples/poa/formas/*

The tree of each file (``x.ext`` → ``x.expected.json``) is written from the content below,
never by reading the file back. Shapes (shared/TEMPLATES.md, "The unit POA"): column pairs
under a merged two-row header, PEI articulation and monthly columns with numbered header
cells, one level per row (indented, filled, "ACP: …" group rows, totals, signatures, parent
codes not repeated), several units per sheet or a sheet per unit, CSV exports (UTF-8, BOM,
Windows-1252; comma, semicolon, tab; snake_case headers), PDF tables across pages.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from content import POA_OPERATIONS  # noqa: E402
from generate import freeze_zip  # noqa: E402
from shapes_content import (  # noqa: E402
    ACPS,
    MONTHS,
    QUARTERS,
    UNITS,
    Tree,
    expected,
    flat,
    node,
    pair_rows,
    paths,
    programmatic_tree,
    standard_tree,
)

# -- workbooks --------------------------------------------------------------------------------------


def _book() -> Any:
    from openpyxl import Workbook

    return Workbook()


def _titles(ws: Any, unit: str | None, gestion: str = "2024") -> int:
    ws.append(["MINISTERIO DE PLANIFICACIÓN TERRITORIAL"])
    ws.append([f"PROGRAMA DE OPERACIONES ANUAL – GESTIÓN {gestion}"])
    if unit:
        ws.append([f"Unidad Organizacional: {unit}"])
    ws.append([])
    return int(ws.max_row) + 1


def _signatures(ws: Any) -> None:
    ws.append([])
    ws.append(["ELABORADO POR:", None, "REVISADO POR:", None, "APROBADO POR:"])
    ws.append(["Lic. Ana Quispe", None, "Ing. Luis Mamani", None, "Dr. Carlos Rojas"])


def _pair_sheet(ws: Any, tree: Tree, unit: str | None, merge_parents: bool, unit_rows: list[tuple[str, Tree]]
                | None = None) -> None:
    """Column pairs (Código | Descripción) under merged level names; quarters; signatures."""
    start = _titles(ws, unit)
    groups = ["Acción de Corto Plazo", "Operación", "Actividad"]
    for i, title in enumerate(groups):
        ws.cell(start, 1 + 2 * i, title)
        ws.merge_cells(start_row=start, start_column=1 + 2 * i, end_row=start, end_column=2 + 2 * i)
        ws.cell(start + 1, 1 + 2 * i, "Código")
        ws.cell(start + 1, 2 + 2 * i, "Descripción")
    ws.cell(start, 7, "Producto esperado")
    ws.merge_cells(start_row=start, start_column=7, end_row=start + 1, end_column=7)
    ws.cell(start, 8, "PROGRAMACIÓN TRIMESTRAL")
    ws.merge_cells(start_row=start, start_column=8, end_row=start, end_column=11)
    for q, quarter in enumerate(QUARTERS):
        ws.cell(start + 1, 8 + q, quarter)
    blocks = unit_rows or [(None, tree)]
    for name, block in blocks:
        if name:
            ws.append([f"Unidad: {name}"])
        for chain, values in pair_rows(block):
            ws.append([*values, chain[1]["_campos"].get("producto"), "X", None, "X", "X"])
        if merge_parents:
            _merge_blanks(ws, start + 2, columns=(1, 2, 3, 4))
    _signatures(ws)


def _merge_blanks(ws: Any, first: int, columns: tuple[int, ...]) -> None:
    """Merge a parent cell with the blank cells below it (as planning offices draw them)."""
    last = int(ws.max_row)
    for column in columns:
        top = None
        for row in range(first, last + 2):
            value = ws.cell(row, column).value if row <= last else "end"
            below_text = ws.cell(row, column + (1 if column % 2 else 0)).value if row <= last else "end"
            if value is not None or below_text is not None or row > last:
                if top is not None and row - 1 > top:
                    ws.merge_cells(start_row=top, start_column=column, end_row=row - 1, end_column=column)
                top = row if value is not None else None


def write_xlsx_pairs(path: Path) -> dict[str, Any]:
    book = _book()
    tree = standard_tree()
    _pair_sheet(book.active, tree, UNITS[0], merge_parents=True)
    book.active.title = "POA 2024"
    _save(book, path)
    return expected([(UNITS[0], tree)])


def write_xlsx_pei_monthly(path: Path) -> dict[str, Any]:
    book = _book()
    ws = book.active
    tree = programmatic_tree()
    start = _titles(ws, None)
    headers = ["Código PEI (1)", "Acción Institucional Específica (2)", "Código ACP (3)",
               "Acción de Corto Plazo Gestión 2024 (4)", "Código POA (5)", "Operación (6)", "Resultado Esperado (7)"]
    for col, text in enumerate(headers, 1):
        ws.cell(start, col, text)
        ws.merge_cells(start_row=start, start_column=col, end_row=start + 1, end_column=col)
    ws.cell(start, 8, "PROGRAMACIÓN MENSUAL")
    ws.merge_cells(start_row=start, start_column=8, end_row=start, end_column=19)
    for m, month in enumerate(MONTHS):
        ws.cell(start + 1, 8 + m, month)
    for chain, values in pair_rows(tree):
        ws.append([*values, chain[-1]["_campos"].get("producto"), *(["1"] * 12)])
    for row in ws.iter_rows(min_row=start + 2, max_col=5):
        for cell in row:
            cell.number_format = "@"
    _signatures(ws)
    _save(book, path)
    return expected([(None, tree)])


def _row_sheet(ws: Any, tree: Tree, indent: bool, fills: bool, totals: bool, code_of: Any = None) -> None:
    from openpyxl.styles import Alignment, PatternFill

    colours = ["FFD9E1F2", "FFE2EFDA", "FFFFF2CC", "FFFCE4D6", "FFEDEDED"]
    start = _titles(ws, UNITS[0])
    ws.append(["Código", "Descripción", "Producto / Resultado esperado", "Ponderación", "Presupuesto (Bs)"])
    assert start
    pending: list[tuple[int, str]] = []
    for depth, item in flat(tree):
        while pending and pending[-1][0] >= depth:
            level_depth, label = pending.pop()
            if totals:
                ws.append([None, label, None, None, 1000])
        code = code_of(item) if code_of else item["codigo"]
        ws.append([code, item["texto"], item["_campos"].get("producto"), 10, 5000])
        row = int(ws.max_row)
        if indent:
            ws.cell(row, 2).alignment = Alignment(indent=depth * 2)
        if fills:
            for col in (1, 2, 3):
                ws.cell(row, col).fill = PatternFill("solid", fgColor=colours[depth])
        if item["hijos"] and item["nivel"] in ("acp", "operacion"):
            label = "TOTAL OPERACIÓN" if item["nivel"] == "operacion" else "TOTAL ACCIÓN ESPECÍFICA DE CORTO PLAZO"
            pending.append((depth, label))
    while pending and totals:
        ws.append([None, pending.pop()[1], None, None, 1000])
    _signatures(ws)


def write_xlsx_rows_indented(path: Path) -> dict[str, Any]:
    book = _book()
    tree = standard_tree(activities=2, tasks=True, acps=["1.1", "1.10"])
    _row_sheet(book.active, tree, indent=True, fills=True, totals=True)
    _save(book, path)
    return expected([(UNITS[0], tree)])


def write_xlsx_rows_local_codes(path: Path) -> dict[str, Any]:
    """Parent codes not repeated: an operation "01" under its ACP, told by the fill colour."""
    book = _book()
    tree = standard_tree(activities=2, acps=["1.2", "1.3"])

    def local(nodes: Tree) -> None:
        for n, item in enumerate(nodes, 1):
            if item["nivel"] != "acp":
                item["codigo"] = f"{n:02d}"
            local(item["hijos"])
    local(tree)
    _row_sheet(book.active, tree, indent=False, fills=True, totals=False)
    _save(book, path)
    return expected([(UNITS[0], tree)])


def write_xlsx_group_rows(path: Path) -> dict[str, Any]:
    """"ACP: 1.1 …" group rows over "Nº | Código | Operación | Pond. | Indicador | Línea Base | Meta"."""
    book = _book()
    ws = book.active
    tree = standard_tree(activities=0)
    _titles(ws, UNITS[0])
    ws.append(["Nº", "Código", "Operación", "Pond.", "Indicador", "Línea Base", "Meta"])
    number = 0
    for acp in tree:
        ws.append([f"ACP: {acp['codigo']} {acp['texto']}"])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=7)
        for op in acp["hijos"]:
            number += 1
            ws.append([number, op["codigo"], op["texto"], 10, "% de avance", 0, 100])
    _signatures(ws)
    _save(book, path)
    return expected([(UNITS[0], tree)])


def _unit_trees() -> list[tuple[str, Tree]]:
    return [(UNITS[0], standard_tree(activities=1, acps=["1.1", "1.2"])),
            (UNITS[1], standard_tree(activities=1, acps=["1.3", "1.10"]))]


def write_xlsx_units_in_sheet(path: Path) -> dict[str, Any]:
    book = _book()
    units = _unit_trees()
    _pair_sheet(book.active, [], None, merge_parents=False, unit_rows=units)
    _save(book, path)
    return expected(list(units))


def write_xlsx_sheet_per_unit(path: Path) -> dict[str, Any]:
    book = _book()
    book.active.title = "Instrucciones"
    book.active.append(["Llene una hoja por unidad organizacional."])
    units = _unit_trees()
    for name, tree in units:
        _pair_sheet(book.create_sheet(name[:28]), tree, name, merge_parents=True)
    _save(book, path)
    return expected(list(units))


def _save(book: Any, path: Path) -> None:
    import datetime as dt

    fixed = dt.datetime(2024, 1, 1)
    book.properties.created = book.properties.modified = fixed
    book.save(path)
    freeze_zip(path)


# -- CSV and PDF ----------------------------------------------------------------------------------------


def _csv(rows: list[list[Any]], path: Path, delimiter: str, encoding: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_csv_unit_column(path: Path) -> dict[str, Any]:
    """Windows-1252, semicolons, a Unidad column, every parent repeated."""
    units = [(n, standard_tree(activities=0, acps=t)) for n, t in ((UNITS[0], ["1.1", "1.10"]), (UNITS[1], ["1.3"]))]
    rows: list[list[Any]] = [["Unidad", "Código ACP", "Acción de Corto Plazo", "Código Operación", "Operación",
                              "Producto", "Meta"]]
    for name, tree in units:
        for acp, op in paths(tree):
            rows.append([name, acp["codigo"], acp["texto"], op["codigo"], op["texto"], op["_campos"]["producto"],
                         "100%"])
    _csv(rows, path, ";", "cp1252")
    return expected(list(units))


def write_csv_snake_bom(path: Path) -> dict[str, Any]:
    """UTF-8 with BOM, tabs, snake_case headers, three levels of code pairs."""
    tree = standard_tree(activities=2, acps=["1.1", "1.2"])
    rows: list[list[Any]] = [["cod_acp", "accion_corto_plazo", "cod_operacion", "operacion", "cod_actividad",
                              "actividad", "meta", "responsable"]]
    for acp, op, act in paths(tree):
        rows.append([acp["codigo"], acp["texto"], op["codigo"], op["texto"], act["codigo"], act["texto"], "1",
                     "DGSIT"])
    _csv(rows, path, "\t", "utf-8-sig")
    return expected([(None, tree)])


def write_csv_irregular_codes(path: Path) -> dict[str, Any]:
    """Programmatic categories with irregular spaces ("340  0 099") and unit codes ("EM-DJR-01")."""
    tree = []
    for index, (acp_code, acp_name) in enumerate(ACPS.items()):
        ops = [o for o in POA_OPERATIONS if o[3] == acp_code]
        category = f"340  {index} 0{99 - index}"
        tree.append(node("acp", f"340 {index} 0{99 - index}", acp_name,
                         [node("operacion", f"EM-DJR-{i + 10 * index:02d}", o[1], _raw=category) for i, o in
                          enumerate(ops, 1)], _raw=category))
    rows: list[list[Any]] = [["Categoría programática", "Acción de corto plazo", "Código", "Operación",
                              "Presupuesto"]]
    for acp, op in paths(tree):
        rows.append([acp["_campos"]["_raw"], acp["texto"], op["codigo"], op["texto"], "12000"])
    _csv(rows, path, ",", "utf-8")
    return expected([(None, tree)])


def _pdf(path: Path, data: list[list[Any]], spans: list[Any], header_rows: int) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    style = getSampleStyleSheet()
    small = style["BodyText"].clone("small", fontSize=7, leading=8)
    cells = [[Paragraph(str(v), small) if v not in (None, "") else "" for v in row] for row in data]
    table = Table(cells, repeatRows=header_rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               *spans]))
    story = [Paragraph("PROGRAMA DE OPERACIONES ANUAL – GESTIÓN 2024", style["Title"]),
             Paragraph(f"Unidad Organizacional: {UNITS[0]}", style["Normal"]), Spacer(1, 8), table,
             Spacer(1, 20), Paragraph("ELABORADO POR: Unidad de Planificación", style["Normal"])]
    SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1).build(story)


def write_pdf_pairs(path: Path) -> dict[str, Any]:
    """A PDF export: merged two-row header repeated on every page, parents blank below their first row."""
    tree = standard_tree(activities=3)
    data: list[list[Any]] = [["Acción de Corto Plazo", None, "Operación", None, "Actividad", None, "Producto"],
                             ["Código", "Descripción", "Código", "Descripción", "Código", "Descripción", None]]
    for chain, values in pair_rows(tree):
        data.append([*values, chain[1]["_campos"]["producto"]])
    spans = [("SPAN", (0, 0), (1, 0)), ("SPAN", (2, 0), (3, 0)), ("SPAN", (4, 0), (5, 0)), ("SPAN", (6, 0), (6, 1))]
    _pdf(path, data, spans, 2)
    return expected([(UNITS[0], tree)])


def write_pdf_rows(path: Path) -> dict[str, Any]:
    """A PDF export of a tree by rows: codes tell the levels, totals between."""
    tree = standard_tree(activities=2)
    data: list[list[Any]] = [["Código", "Descripción", "Producto"]]
    for depth, item in flat(tree):
        data.append([item["codigo"], item["texto"], item["_campos"].get("producto", "")])
        if item["nivel"] == "acp" and depth == 0:
            pass
    data.append(["", "TOTAL GENERAL", ""])
    _pdf(path, data, [], 1)
    return expected([(UNITS[0], tree)])


SHAPES = {
    "columnas_pares.xlsx": write_xlsx_pairs,
    "columnas_pei_mensual.xlsx": write_xlsx_pei_monthly,
    "filas_sangria_totales.xlsx": write_xlsx_rows_indented,
    "filas_codigos_locales.xlsx": write_xlsx_rows_local_codes,
    "filas_grupos_acp.xlsx": write_xlsx_group_rows,
    "unidades_en_filas.xlsx": write_xlsx_units_in_sheet,
    "hoja_por_unidad.xlsx": write_xlsx_sheet_per_unit,
    "columna_unidad_cp1252.csv": write_csv_unit_column,
    "snake_bom_tab.csv": write_csv_snake_bom,
    "codigos_irregulares.csv": write_csv_irregular_codes,
    "columnas_pares.pdf": write_pdf_pairs,
    "filas_codigos.pdf": write_pdf_rows,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Genera el corpus de formas de POA de la unidad.")
    parser.add_argument("--salida", type=Path, default=HERE / "formas")
    args = parser.parse_args(argv)
    args.salida.mkdir(parents=True, exist_ok=True)
    for name, write in SHAPES.items():
        path = args.salida / name
        tree = write(path)
        path.with_name(path.name.rsplit(".", 1)[0] + "." + path.suffix[1:] + ".expected.json").write_text(
            json.dumps(tree, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(SHAPES)} formas escritas en {args.salida}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
