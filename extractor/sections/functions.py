"""Functions tables: a header row names the columns, the rows below are the functions.

Tables of Función | Resultado | Fuente | Ponderación (in any order, with optional N°, Indicador),
result tables with an ACTIVIDADES column holding a nested table, total rows, rows cut in two,
a sub-heading row that turns the specific functions into routine ones. Weights written as
fractions become percentages when all of them are fractions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.layout.segment import PREAMBLE, Item
from extractor.layout.spec import Vocabulary, best_key
from extractor.model.document import Cell, Row, Table
from extractor.model.record import Actividad, Funcion, Record
from extractor.sections.base import Context
from extractor.sections.fieldtext import cell_value, strip_bullet
from extractor.sections.scan import header_map, scan
from extractor.sections.values import parse_weight, scale_fractions
from extractor.textnorm import clean_ws, fold

# Sections in which function tables are read (forms put them under any of these headings).
FUNCTION_SECTIONS = {PREAMBLE, "descripcion", "objetivo", "especificas", "rutinarias"}
_TYPED_SECTIONS = {"especificas": "especifica", "rutinarias": "rutinaria"}
# A header names the function column and at least one of these.
_WITH = {"resultado", "fuente_verificacion", "ponderacion", "indicador", "actividades"}


@dataclass
class _Header:
    """A functions table's columns, and the type of the functions under it (which a sub-heading
    between its rows may change)."""

    columns: dict[int, str]
    tipo: str
    section: str
    rows: int = 0  # data rows read under it (a header row after data starts a new table)


class FunctionsReader:
    """Every functions table of the document, in order."""

    def read(self, context: Context, record: Record) -> None:
        """Fill ``funciones`` (and the context's per-function table columns)."""
        spec = context.spec
        counters = {"especifica": 0, "rutinaria": 0}
        raw_weights: list[float | None] = []
        last: Funcion | None = None
        current: _Header | None = None

        def header_of(item: Item, current: _Header | None) -> _Header | None:
            return _header(item, spec) or _second_header_row(item, current, spec)

        for scanned in scan(context.items, header_of, ends=lambda i: i.section not in FUNCTION_SECTIONS):
            item, header = scanned.item, scanned.header
            if header is None or not item.is_row:
                continue
            context.take(item)
            if scanned.is_header:
                current, last = header, None
                continue
            assert current is header
            header.rows += 1
            if item.section != header.section and item.section in _TYPED_SECTIONS:
                header.tipo, header.section = _TYPED_SECTIONS[item.section], item.section
            values = {key: item.cells[i] if i < len(item.cells) else Cell() for i, key in header.columns.items()}
            _flattened_activities(item, header.columns, values)
            if all(c.empty for c in values.values()) or _is_total_row(item, spec):
                continue  # "TOTAL … 100 %": the table's sum, not a function
            if values.get("funcion", Cell()).empty or (last is not None and _rest_of_row(values)):
                if last is not None:
                    _extend(last, values, spec)
                continue  # before any function: the second row of a two-row header ("%", "Nro")
            counters[header.tipo] += 1
            last = _function(values, header.tipo, counters[header.tipo], item.page, spec)
            raw_weights.append(parse_weight(values["ponderacion"].text, spec) if "ponderacion" in values else None)
            record.funciones.append(last)
            context.function_columns.append(set(header.columns.values()))
        for function, weight in zip(record.funciones, scale_fractions(raw_weights)):
            function.ponderacion = weight


def _header(item: Item, spec: Vocabulary) -> _Header | None:
    mapped = {i: k for i, k in header_map(item, spec, "funciones", max_len=140, unique=True).items() if k}
    keys = set(mapped.values())
    if "funcion" not in keys or not keys & _WITH:
        return None
    function_cell = next(item.cells[i].text for i, k in mapped.items() if k == "funcion")
    return _Header(mapped, _tipo(function_cell, item.section, spec), item.section)


def _second_header_row(item: Item, current: _Header | None, spec: Vocabulary) -> _Header | None:
    """A row right under a header whose every cell names a column refines it: the sub-columns
    under a merged parent ("EVALUACIÓN" over "Resultado | Fuente", "Ponderación" over "%")."""
    if current is None or current.rows:
        return None
    named = header_map(item, spec, "funciones", max_len=140)
    if not named or not all(named.values()) or "funcion" in named.values():
        return None
    columns = {i: k for i, k in current.columns.items() if k not in named.values() and i not in named}
    columns.update({i: k for i, k in named.items() if k})
    return _Header(dict(sorted(columns.items())), current.tipo, current.section)


def _tipo(header_text: str, section: str, spec: Vocabulary) -> str:
    folded = fold(header_text)
    for tipo, words in spec.tipos.items():
        if any(re.search(r"\b" + w + r"\b", folded) for w in words):
            return tipo
    return "rutinaria" if section == "rutinarias" else "especifica"


def _function(values: dict[str, Cell], tipo: str, counter: int, page: int | None, spec: Vocabulary) -> Funcion:
    number = None
    if "n" in values:
        match = re.match(r"\s*(\d{1,3})\b", values["n"].text)
        number = int(match.group(1)) if match else None
    activities = _activities(values.get("actividades"), spec)
    fuente = cell_value(values.get("fuente_verificacion"))
    if fuente is None and activities:
        fuente = _media(activities)
    return Funcion(tipo=tipo, n=number or counter, funcion=cell_value(values.get("funcion")),
                   resultado=cell_value(values.get("resultado")), fuente_verificacion=fuente,
                   indicador=cell_value(values.get("indicador")), actividades=activities, pagina=page)


def _media(activities: list[Actividad]) -> str | None:
    """The verification source of a function whose activities name their own media."""
    media = [a.medio_verificacion for a in activities if a.medio_verificacion]
    return "; ".join(dict.fromkeys(media)) or None


def _flattened_activities(item: Item, columns: dict[int, str], values: dict[str, Cell]) -> None:
    """A nested ACTIVIDADES table spread over the columns right of its own (a text dump, or a
    grid that welded the nested table's lines into the outer table's) becomes nested again."""
    start = next((i for i, key in columns.items() if key == "actividades"), None)
    if start is None or any(i > start for i in columns) or values["actividades"].tables:
        return
    spread = item.cells[start:]
    if len(spread) > 1 and any(not c.empty for c in spread[1:]):
        values["actividades"] = Cell(tables=[Table(rows=[Row(cells=list(spread), page=item.page)])])


def _is_total_row(item: Item, spec: Vocabulary) -> bool:
    texts = [fold(c.text) for _, c in item.filled]
    words = [t for t in texts if not re.fullmatch(r"[\d\s.,%]*", t)]
    return bool(words) and all(t in spec.values.total_rows for t in words)


def _rest_of_row(values: dict[str, Cell]) -> bool:
    """Is a row with a function text the rest of the row above, cut in two? Its function text
    goes on in lower case, and it leaves blank the short columns (number, weight) that every
    function fills."""
    short = [key for key in ("n", "ponderacion") if key in values]
    text = values["funcion"].text
    return bool(short) and all(values[key].empty for key in short) and text[:1].isalpha() and text[:1].islower()


def _extend(function: Funcion, values: dict[str, Cell], spec: Vocabulary) -> None:
    """A row with no function text, or only the rest of one, continues the previous function
    (a row cut in two)."""
    for key in ("funcion", "resultado", "indicador", "fuente_verificacion"):
        extra = cell_value(values.get(key))
        if extra:
            setattr(function, key, clean_ws(f"{getattr(function, key) or ''} {extra}"))
    activities = _activities(values.get("actividades"), spec)
    if activities:
        function.actividades.extend(activities)
        function.fuente_verificacion = _media(function.actividades) or function.fuente_verificacion


def _activities(cell: Cell | None, spec: Vocabulary) -> list[Actividad]:
    if cell is None or cell.empty:
        return []
    if not cell.tables:
        return [Actividad(actividad=strip_bullet(e)) for e in cell.items if strip_bullet(e)]
    return [activity for table in cell.tables for activity in _activity_rows(table, spec)]


_ACTIVITY_KEYS = ("actividad", "medio_verificacion", "porcentaje")


def _activity_columns(header: Row, spec: Vocabulary) -> dict[int, str] | None:
    """The nested table's columns when its first row names at least two of them."""
    mapped = {i: best_key(c.text, spec.columns["actividades"])[0] for i, c in enumerate(header.cells) if not c.empty}
    if sum(1 for k in mapped.values() if k) < 2:
        return None
    columns = {i: k for i, k in mapped.items() if k}
    # A header cell a narrow column mangled takes the key its position leaves over.
    spare = [k for k in _ACTIVITY_KEYS if k not in columns.values()]
    for i in range(len(header.cells)):
        if i not in columns and spare:
            columns[i] = spare.pop(0)
    return columns


def _activity_rows(table: Table, spec: Vocabulary) -> list[Actividad]:
    columns: dict[int, str] = dict(enumerate(_ACTIVITY_KEYS))
    rows = table.rows
    named = _activity_columns(rows[0], spec) if rows else None
    if named is not None:
        columns, rows = named, rows[1:]
    result = []
    for row in rows:
        activity = Actividad()
        for index, key in columns.items():
            if index < len(row.cells):
                text = cell_value(row.cells[index])
                setattr(activity, key, parse_weight(text, spec) if key == "porcentaje" else text)
        if any(v is not None for v in (activity.actividad, activity.medio_verificacion, activity.porcentaje)):
            result.append(activity)
    return result
