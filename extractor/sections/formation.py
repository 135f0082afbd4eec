"""Formation requirements: an X-matrix of grades, a table with a grade column, or free text.

A formation table's header may take several rows: a merged "Grado mínimo de formación
aceptable" over the grade columns with the grade names in the row below, or a grade name
wrapped onto a row of its own ("Técnico o Egresado" / "Universitario"). Until the first entry,
a row under the header that holds no area and no mark is one more header row: a grade column
is named by what its header rows print together (a merged parent cell names no single column).

A table the reader cut into pieces goes on in the next table of the section when that one has
the header's columns and no header of its own; a row of a table without a header (or of a
piece with other columns) is read cell by cell. Lines after a formation table are what the
reader could not place in it (a wrapped header word, the end of a cell), never entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from extractor.layout.segment import Item
from extractor.layout.spec import Vocabulary
from extractor.model.record import Formacion, Record
from extractor.sections.base import Context
from extractor.sections.fieldtext import cell_value, strip_bullet
from extractor.sections.scan import header_map, scan
from extractor.sections.values import grade_code, is_mark, priority_code, split_priority
from extractor.textnorm import clean_ws, fold

# A header cell is short: a longer one is an area written in the table.
_HEADER_CELL = 60
_GRADE_COLUMNS = 3  # a grade matrix names at least this many grades
_NAMED = {"prioridad", "grado", "area"}


@dataclass
class _Header:
    """The columns of a formation table: grade marks, a grade written out, priority, area."""

    width: int
    names: list[str]  # per column, what its header rows print (a merged parent cell aside)
    grades: dict[int, str] = field(default_factory=dict)
    priority: int | None = None
    grade_text: int | None = None
    area: int = 0
    closed: bool = False  # an entry was read under it: no more header rows

    def add_row(self, item: Item, spec: Vocabulary) -> _Header:
        """The header with one more of its rows read into it."""
        header = replace(self, names=list(self.names), grades=dict(self.grades))
        for index, cell in enumerate(item.cells[: header.width]):
            if cell.text and cell.span == 1:
                header.names[index] = clean_ws(f"{header.names[index]} {cell.text}")
        grades = {i: g for i, name in enumerate(header.names) if (g := grade_code(name, spec))}
        if len(grades) >= _GRADE_COLUMNS:
            header.grades = grades
        for index, key in header_map(item, spec, "formacion").items():
            if key == "prioridad":
                header.priority = index
            elif key == "area":
                header.area = index
            elif key == "grado" and index not in header.grades:
                header.grade_text = index
        return header


def _header_of(item: Item, current: _Header | None, spec: Vocabulary) -> _Header | None:
    """The header a row starts, or the open header it adds a row to; None for an entry."""
    open_header = current is not None and not current.closed
    if open_header and current is not None and _adds_to_header(item, current, spec):
        return current.add_row(item, spec)
    texts = [c.text if c.span == 1 else "" for c in item.cells]
    grades = [g for t in texts if len(t) < _HEADER_CELL and (g := grade_code(t, spec))]
    named = set(header_map(item, spec, "formacion").values()) & _NAMED
    short = all(len(c.text) < _HEADER_CELL for _, c in item.filled)
    if len(grades) < _GRADE_COLUMNS and not (named and short):
        return None
    if open_header and current is not None:
        return current.add_row(item, spec)
    return _Header(len(item.cells), [""] * len(item.cells)).add_row(item, spec)


def _adds_to_header(item: Item, header: _Header, spec: Vocabulary) -> bool:
    """A row under a header, before any entry, with no area, no mark and no priority word: the
    header's next row (an entry whose area was left blank still says its priority)."""
    cells = item.cells
    if header.area < len(cells) and not cells[header.area].empty:
        return False
    if header.priority is not None and header.priority < len(cells):
        codes = {p.code for p in spec.values.priorities}
        if priority_code(cells[header.priority].text, spec) in codes:
            return False
    return not any(is_mark(c.text, spec) for _, c in item.filled)


def _entry(item: Item, header: _Header, spec: Vocabulary) -> Formacion | None:
    cells = item.cells
    area = cell_value(cells[header.area]) if header.area < len(cells) else None
    grade = next((code for index, code in sorted(header.grades.items())
                  if index < len(cells) and is_mark(cells[index].text, spec)), None)
    if grade is None and header.grade_text is not None and header.grade_text < len(cells):
        grade = grade_code(cells[header.grade_text].text, spec)
    priority = None
    if header.priority is not None and header.priority < len(cells):
        priority = priority_code(cells[header.priority].text, spec)
    if area is None and grade is None and priority is None:
        return None
    return Formacion(area=area, grado_minimo=grade, prioridad=priority)


class FormationReader:
    """Formation entries: an X-matrix of grades, a table with a grade column, or free text."""

    def read(self, context: Context, record: Record) -> None:
        """Fill ``formacion``."""
        spec = context.spec
        table_seen = False
        scanned_items = scan(context.section("formacion"), lambda i, c: _header_of(i, c, spec),
                             pieces=lambda i, h: len(i.cells) == h.width)
        for scanned in scanned_items:
            item, header = scanned.item, scanned.header
            if header is not None:
                table_seen = True
                if scanned.is_header:
                    continue
                header.closed = True
                entry = _entry(item, header, spec)
                if entry is not None:
                    record.formacion.append(entry)
            elif item.is_row:
                record.formacion.extend(_loose_row(item, spec))
            elif not item.instruction and not table_seen:
                record.formacion.append(formation_from_text(item.text, spec))


def _loose_row(item: Item, spec: Vocabulary) -> list[Formacion]:
    """A row outside any formation header: one cell of lines (an entry per line), or an entry
    read cell by cell (the first cell the requirement, then marks, a grade word, a priority)."""
    filled = [cell for _, cell in item.filled]
    if len(filled) == 1:
        return [formation_from_text(line, spec) for line in filled[0].items if line.strip()]
    entry = formation_from_text(filled[0].text, spec)
    for cell in filled[1:]:
        if is_mark(cell.text, spec):
            continue  # a mark under a grade column the reader lost: it says no grade
        grade = grade_code(cell.text, spec)
        if grade is not None:
            entry.grado_minimo = grade
        elif entry.prioridad is None:
            entry.prioridad = priority_code(cell.text, spec)
    return [entry]


def formation_from_text(text: str, spec: Vocabulary) -> Formacion:
    """A free-text formation requirement ("Licenciatura en Derecho (excluyente)").

    The area is the line's own text, degree words included (SCHEMA.md); the grade is the one
    its degree words name ([grade_area]: "Técnico Superior en Ingeniería Civil" is tecnico,
    whatever the area's words say), else any grade word in it.
    """
    body, priority = split_priority(strip_bullet(text), spec)
    grade = None
    match = spec.values.degree_prefix.match(fold(body))
    if match:
        grade = grade_code(match.group(0), spec)
    return Formacion(area=body or None, grado_minimo=grade or grade_code(body, spec), prioridad=priority)
