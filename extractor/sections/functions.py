"""Functions tables: a header row names the columns, the rows below are the functions.

Family A/B tables (Función | Resultado | Fuente | Ponderación), family C results with an
ACTIVIDADES column holding a nested table, total rows, rows cut in two. Weights written as
fractions become percentages when all of them are fractions.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.layout.segment import PREAMBLE, Item
from extractor.layout.spec import Vocabulary, best_key
from extractor.model.document import Cell, Row, Table
from extractor.sections.fieldtext import cell_value, strip_bullet
from extractor.sections.values import parse_weight, scale_fractions
from extractor.textnorm import clean_ws, fold

# Sections in which function tables are read (forms put them under any of these headings).
FUNCTION_SECTIONS = {PREAMBLE, "descripcion", "objetivo", "especificas", "rutinarias"}


def _header(item: Item, vocab: Vocabulary) -> dict[int, str] | None:
    if not item.is_row:
        return None
    mapped: dict[int, str] = {}
    for index, cell in item.filled:
        if len(cell.text) > 140:
            return None
        key, _ = best_key(cell.text, vocab.columns["funciones"])
        if key and key not in mapped.values():
            mapped[index] = key
    keys = set(mapped.values())
    if "funcion" in keys and keys & {"resultado", "fuente_verificacion", "ponderacion", "indicador",
                                      "actividades"}:
        return mapped
    return None

def _tipo(header_text: str, section: str, vocab: Vocabulary) -> str:
    folded = fold(header_text)
    for tipo, words in vocab.tipos.items():
        if any(re.search(r"\b" + w + r"\b", folded) for w in words):
            return tipo
    if section == "rutinarias":
        return "rutinaria"
    return "especifica"

def read_functions(items: list[Item], vocab: Vocabulary, used: set[int]
                   ) -> tuple[list[dict[str, Any]], list[set[str]]]:
    """The functions of every functions table, and the columns of the table each came from.

    Rows read here are added to ``used`` so that no other parser takes them.
    """
    columns: list[set[str]] = []
    functions: list[dict[str, Any]] = []
    header: dict[int, str] | None = None
    table: int | None = None
    tipo = "especifica"
    header_section = PREAMBLE
    counters = {"especifica": 0, "rutinaria": 0}
    last: dict[str, Any] | None = None
    raw_weights: list[float | None] = []
    for item in items:
        if item.section not in FUNCTION_SECTIONS:
            header = None  # a function table ends where another section begins
            continue
        if not item.is_row:
            continue
        mapped = _header(item, vocab)
        if mapped:
            header, table = mapped, item.table
            function_cell = next(item.cells[i].text for i, k in mapped.items() if k == "funcion")
            tipo = _tipo(function_cell, item.section, vocab)
            header_section = item.section
            used.add(id(item))
            last = None
            continue
        if header is None or item.table != table:
            header = None
            continue
        if item.section != header_section and item.section in {"especificas", "rutinarias"}:
            tipo = "rutinaria" if item.section == "rutinarias" else "especifica"
            header_section = item.section
        used.add(id(item))
        values = {key: item.cells[i] if i < len(item.cells) else Cell() for i, key in header.items()}
        _flattened_activities(item, header, values)
        if all(c.empty for c in values.values()):
            continue
        if _is_total_row(item):
            continue  # "TOTAL … 100 %": the table's sum, not a function
        if values.get("funcion", Cell()).empty:
            if last is not None:
                _extend_function(last, values, vocab)
            continue  # before any function: the second row of a two-row header ("%", "Nro")
        counters[tipo] += 1
        number = None
        if "n" in values:
            match = re.match(r"\s*(\d{1,3})\b", values["n"].text)
            number = int(match.group(1)) if match else None
        activities = _activities(values.get("actividades"), vocab)
        fuente = cell_value(values.get("fuente_verificacion"))
        if fuente is None and activities:
            media = [a["medio_verificacion"] for a in activities if a["medio_verificacion"]]
            fuente = "; ".join(dict.fromkeys(media)) or None
        last = {
            "tipo": tipo,
            "n": number or counters[tipo],
            "funcion": cell_value(values.get("funcion")),
            "resultado": cell_value(values.get("resultado")),
            "fuente_verificacion": fuente,
            "ponderacion": None,
            "indicador": cell_value(values.get("indicador")),
            "actividades": activities,
            "pagina": item.page,
        }
        raw_weights.append(parse_weight(values["ponderacion"].text) if "ponderacion" in values else None)
        functions.append(last)
        columns.append(set(header.values()))
    for function, weight in zip(functions, scale_fractions(raw_weights)):
        function["ponderacion"] = weight
    return functions, columns


def _flattened_activities(item: Item, header: dict[int, str], values: dict[str, Cell]) -> None:
    """A nested ACTIVIDADES table spread over the columns right of its own (a text dump, or a
    grid that welded the nested table's lines into the outer table's) becomes nested again."""
    start = next((i for i, key in header.items() if key == "actividades"), None)
    if start is None or any(i > start for i in header) or values["actividades"].tables:
        return
    spread = item.cells[start:]
    if len(spread) > 1 and any(not c.empty for c in spread[1:]):
        values["actividades"] = Cell(tables=[Table(rows=[Row(cells=list(spread), page=item.page)])])


_TOTAL_WORDS = {"total", "totales", "suma", "total ponderacion", "total general", "sumatoria"}


def _is_total_row(item: Item) -> bool:
    texts = [fold(c.text) for _, c in item.filled]
    words = [t for t in texts if not re.fullmatch(r"[\d\s.,%]*", t)]
    return bool(words) and all(t in _TOTAL_WORDS for t in words)


def _extend_function(function: dict[str, Any], values: dict[str, Cell], vocab: Vocabulary) -> None:
    """A row with no function text continues the previous function (a row cut in two)."""
    for key in ("resultado", "indicador"):
        extra = cell_value(values.get(key))
        if extra:
            function[key] = clean_ws(f"{function[key] or ''} {extra}")
    extra = cell_value(values.get("fuente_verificacion"))
    if extra:
        function["fuente_verificacion"] = clean_ws(f"{function['fuente_verificacion'] or ''} {extra}")
    activities = _activities(values.get("actividades"), vocab)
    if activities:
        function["actividades"].extend(activities)
        media = [a["medio_verificacion"] for a in function["actividades"] if a["medio_verificacion"]]
        function["fuente_verificacion"] = "; ".join(dict.fromkeys(media)) or function["fuente_verificacion"]


def _activities(cell: Cell | None, vocab: Vocabulary) -> list[dict[str, Any]]:
    if cell is None or cell.empty:
        return []
    activities: list[dict[str, Any]] = []
    for table in cell.tables:
        activities.extend(_activity_rows(table, vocab))
    if not cell.tables:
        activities = [{"actividad": strip_bullet(e), "medio_verificacion": None, "porcentaje": None}
                      for e in cell.items if strip_bullet(e)]
    return activities


def _activity_rows(table: Table, vocab: Vocabulary) -> list[dict[str, Any]]:
    columns: dict[int, str] = {0: "actividad", 1: "medio_verificacion", 2: "porcentaje"}
    rows = table.rows
    if rows:
        mapped = {i: best_key(c.text, vocab.columns["actividades"])[0] for i, c in enumerate(rows[0].cells)
                  if not c.empty}
        if sum(1 for k in mapped.values() if k) >= 2:
            columns = {i: k for i, k in mapped.items() if k}
            # A header cell a narrow column mangled takes the key its position leaves over.
            spare = [k for k in ("actividad", "medio_verificacion", "porcentaje") if k not in columns.values()]
            for i in range(len(rows[0].cells)):
                if i not in columns and spare:
                    columns[i] = spare.pop(0)
            rows = rows[1:]
    result = []
    for row in rows:
        entry: dict[str, Any] = {"actividad": None, "medio_verificacion": None, "porcentaje": None}
        for index, key in columns.items():
            if index < len(row.cells):
                text = cell_value(row.cells[index])
                entry[key] = parse_weight(text) if key == "porcentaje" else text
        if any(v is not None for v in entry.values()):
            result.append(entry)
    return result
