"""Building the tree of a POA grid below its header.

Two shapes. **Columns**: each level has its own column (or code + description pair); a parent
cell is merged, repeated or left blank below its first row. **Rows**: one code column and one
description column, each level on its own row; the level comes from a "Nivel" column, a group
row ("ACP: 1.1 …"), the indentation, the codes themselves ("1.1" → "1.1.1"), the fill colour or
the number of code segments, in that order. Totals, signature rows, repeated headers and unit
rows ("Unidad: …") are not nodes; each skipped row is recorded with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.poa.codes import code_key, is_code, is_parent, printed_code, split_code, split_numbering
from extractor.poa.header import Header
from extractor.poa.model import Node, Skipped, Unit
from extractor.poa.sources import Cell, Grid
from extractor.poa.vocab import ATTRIBUTES, PoaWords


@dataclass
class Units:
    """The units read so far, the current one first to receive nodes."""

    default: str | None
    units: list[Unit] = field(default_factory=list)
    current: Unit | None = None

    def switch(self, name: str | None) -> None:
        """Continue the unit of that name (a new one the first time)."""
        if self.current is not None and self.current.nombre == name:
            return
        self.current = next((u for u in self.units if u.nombre == name), None)
        if self.current is None:
            self.current = Unit(name)
            self.units.append(self.current)

    def add_root(self, node: Node) -> None:
        """A node with no parent."""
        if self.current is None:
            self.switch(self.default)
        assert self.current is not None
        self.current.raices.append(node)


@dataclass
class Row:
    """A data row reduced to what the tree needs."""

    index: int
    cells: list[Cell]
    texts: list[str]
    unit: Unit

    def get(self, column: int | None) -> str:
        """A cell's text."""
        return self.texts[column] if column is not None and column < len(self.texts) else ""

    def cell(self, column: int | None) -> Cell:
        """A cell."""
        return self.cells[column] if column is not None and column < len(self.cells) else Cell()


def _first_text(texts: list[str]) -> str:
    return next((t for t in texts if t), "")


def unit_named(texts: list[str], words: PoaWords) -> str | None:
    """The unit a row names: "Unidad: DIRECCIÓN …", or the label in one cell and the name in the next."""
    filled = [t for t in texts if t]
    kind = words.row_kind(filled[0]) if filled else None
    if kind is None or kind[0] != "unidad":
        return None
    return kind[1] or (filled[1] if len(filled) > 1 else None)


def data_rows(grid: Grid, header: Header, words: PoaWords, units: Units,
              skipped: list[Skipped]) -> list[Row]:
    """The rows below the header that may be nodes; units switched, the others recorded as skipped."""
    rows: list[Row] = []
    unit_column = header.column("unidad")
    for index in range(header.end, len(grid.rows)):
        texts = grid.texts(index)
        first = _first_text(texts)
        if not first:
            continue
        if header.is_repeat(texts):
            skipped.append(Skipped(grid.place(index), "encabezado repetido"))
            continue
        kind = words.row_kind(first)
        if kind is not None and kind[0] == "firma":
            skipped.append(Skipped(grid.place(index), "firmas al pie: fin de la tabla"))
            break
        if kind is not None and kind[0] == "total":
            skipped.append(Skipped(grid.place(index), f"fila de totales («{first[:40]}»)"))
            continue
        if kind is not None and kind[0] == "unidad":
            name = unit_named(texts, words)
            units.switch(name)
            skipped.append(Skipped(grid.place(index), f"unidad: {name or ''}"))
            continue
        if unit_column is not None and unit_column < len(texts) and texts[unit_column]:
            units.switch(texts[unit_column])
        if units.current is None:
            units.switch(units.default)
        assert units.current is not None
        rows.append(Row(index, grid.rows[index], texts, units.current))
    return rows


def _attributes(row: Row, header: Header) -> dict[str, str]:
    values = {}
    for column, role in header.roles.items():
        if role.kind in ATTRIBUTES and row.get(column) and role.kind not in values:
            values[role.kind] = row.get(column)
    return values


# -- columns: a column (or a pair) per level ------------------------------------------------------------


def build_columns(rows: list[Row], header: Header, words: PoaWords, grid: Grid, skipped: list[Skipped]) -> None:
    """A tree whose levels are columns."""
    levels = header.levels(words.levels)
    text_of = {lv: next(c for c, r in sorted(header.roles.items()) if r.kind == "texto" and r.level == lv)
               for lv in levels}
    code_of = {lv: next((c for c, r in sorted(header.roles.items()) if r.kind == "codigo" and r.level == lv), None)
               for lv in levels}
    current: dict[str, Node] = {}
    touched: dict[str, Node] = {}  # the nodes the previous row created or continued
    last_unit: Unit | None = None
    for row in rows:
        unit = row.unit
        if unit is not last_unit:
            current, last_unit = {}, unit
        deepest = None
        previous, touched = touched, {}
        for depth, level in enumerate(levels):
            raw_code = row.get(code_of[level])
            code = printed_code(raw_code) if is_code(raw_code) else None
            text = row.get(text_of[level])
            if code_of[level] is None and text and not row.cell(text_of[level]).merged:
                code, text = split_numbering(text)  # "1.1.- Fortalecer …", "a) Relevar …" in one cell
            if not code and not text:
                continue
            node = current.get(level)
            if node is not None and ((code and code == node.codigo) or (not code and text == node.texto)
                                     or row.cell(text_of[level]).merged):
                deepest = node
                continue
            if node is not None and not code and node.codigo and previous.get(level) is node:
                node.texto = f"{node.texto} {text}"  # a text wrapped onto the next row (no code of its own)
                touched[level] = deepest = node
                continue
            node = Node(level, code, text, grid.place(row.index))
            parent = next((current[p] for p in reversed(levels[:depth]) if p in current), None)
            (parent.hijos if parent is not None else unit.raices).append(node)
            current[level] = node
            for lower in levels[depth + 1:]:
                current.pop(lower, None)
            touched[level] = deepest = node
        if deepest is None:
            skipped.append(Skipped(grid.place(row.index), "sin código ni descripción de un nivel"))
            continue
        for key, value in _attributes(row, header).items():
            deepest.campos.setdefault(key, value)


# -- rows: a level per row ------------------------------------------------------------------------------


@dataclass
class Entry:
    """A row of the rows shape: its code, text and the signs of its level."""

    row: Row
    code: str | None
    text: str
    level: str | None  # said by the row itself ("Nivel" column, "ACP: …")
    indent: int
    fill: str | None
    depth: int = 0


def _entry(row: Row, header: Header, words: PoaWords) -> Entry | None:
    code_column = header.column("codigo")
    text_column = next((c for c, r in sorted(header.roles.items()) if r.kind in ("texto", "descripcion")), None)
    raw_code = row.get(code_column)
    text = row.get(text_column)
    level = words.level_of(row.get(header.column("nivel"))) if header.column("nivel") is not None else None
    first = _first_text(row.texts)
    kind = words.row_kind(first)
    if kind is not None and kind[0] in words.levels:
        level = kind[0]
        group_code, text = split_code(kind[1])
        raw_code = group_code or (raw_code if is_code(raw_code) else "")
    code = printed_code(raw_code) if is_code(raw_code) else None
    if code is None and text:
        code, text = split_code(text) if text_column is not None and code_column is None else (None, text)
    if not code and not text:
        return None
    cell = row.cell(text_column)
    return Entry(row, code, text, level, cell.indent, cell.fill)


def _ranks(values: list[int]) -> list[int]:
    order = sorted(set(values))
    return [order.index(v) for v in values]


def _code_depths(entries: list[Entry]) -> list[int] | None:
    """Depths from codes that continue their parent's ("1.1" → "1.1.1"); None where no code does."""
    coded = [e.code for e in entries if e.code]
    if not any(is_parent(a, b) for a, b in zip(coded, coded[1:])):
        return None
    stack: list[str] = []
    depths = []
    for entry in entries:
        if entry.code:
            while stack and not is_parent(stack[-1], entry.code):
                stack.pop()
            depths.append(len(stack))
            stack.append(entry.code)
        else:
            depths.append(len(stack))
    return _ranks(depths)


def _depths(entries: list[Entry]) -> list[int]:
    indents = [e.indent for e in entries]
    if len(set(indents)) > 1:
        return _ranks(indents)
    by_code = _code_depths(entries)
    if by_code is not None:
        return by_code
    fills = [e.fill for e in entries]
    if len(set(fills)) > 1:
        order = list(dict.fromkeys(fills))
        return [order.index(f) for f in fills]
    return _ranks([len(code_key(e.code)) for e in entries])


def _ladder(depths: int, words: PoaWords, header_level: str | None, below: str | None) -> list[str]:
    """The level of each depth: below an explicit group level, or the usual ACP → operation → activity."""
    order = list(words.levels)
    if below is not None:
        return order[order.index(below) + 1:][:depths] or [order[-1]]
    if depths == 1:
        return [header_level or words.link]
    start = 0 if depths >= len(order) else 1
    return order[start:start + depths]


def build_rows(rows: list[Row], header: Header, words: PoaWords, grid: Grid, skipped: list[Skipped]) -> None:
    """A tree whose levels are rows."""
    entries = []
    for row in rows:
        entry = _entry(row, header, words)
        if entry is None:
            skipped.append(Skipped(grid.place(row.index), "sin código ni descripción"))
        else:
            entries.append(entry)
    free = [e for e in entries if e.level is None]
    for entry, depth in zip(free, _depths(free) if free else []):
        entry.depth = depth
    explicit = [e.level for e in entries if e.level]
    deepest = max(explicit, key=words.levels.index) if explicit else None
    text_column = next((r for r in header.roles.values() if r.kind == "texto"), None)
    ladder = _ladder(max((e.depth for e in free), default=0) + 1, words,
                     text_column.level if text_column else None, deepest)
    stacks: dict[int, list[Node]] = {}
    for entry in entries:
        level = entry.level or ladder[min(entry.depth, len(ladder) - 1)]
        node = Node(level, entry.code, entry.text, grid.place(entry.row.index), _attributes(entry.row, header))
        unit = entry.row.unit
        stack = stacks.setdefault(id(unit), [])
        rank = words.levels.index(level)
        while stack and words.levels.index(stack[-1].nivel) >= rank:
            stack.pop()
        (stack[-1].hijos if stack else unit.raices).append(node)
        stack.append(node)
