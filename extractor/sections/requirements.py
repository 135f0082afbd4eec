"""Requirements: formation, experience and knowledge, as matrices, tables or free text."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from extractor.layout.segment import Item
from extractor.layout.spec import Vocabulary
from extractor.model.record import Conocimiento, Experiencia, Formacion, Record
from extractor.sections.base import Context
from extractor.sections.fieldtext import cell_value, strip_bullet
from extractor.sections.scan import header_map, scan
from extractor.sections.values import grade_code, is_mark, parse_years, priority_code
from extractor.textnorm import clean_ws, fold

# A header cell is short: a longer one is an area written in the table.
_HEADER_CELL = 60
_GRADE_COLUMNS = 3  # a grade matrix names at least this many grades


@dataclass
class _FormationHeader:
    """The columns of a formation table: grade marks, a grade written out, priority, area."""

    grades: dict[int, str] = field(default_factory=dict)
    priority: int | None = None
    grade_text: int | None = None
    area: int = 0


def _formation_header(item: Item, current: _FormationHeader | None, spec: Vocabulary) -> _FormationHeader | None:
    """The header a row starts or refines (a second header row under a merged "Grado mínimo")."""
    grades = {i: g for i, c in item.filled if len(c.text) < _HEADER_CELL and (g := grade_code(c.text, spec))}
    columns = header_map(item, spec, "formacion")
    header = replace(current) if current is not None else _FormationHeader()
    if len(grades) >= _GRADE_COLUMNS:
        header.grades = grades
    elif set(columns.values()) & {"prioridad", "grado", "area"} and all(
            len(c.text) < _HEADER_CELL for _, c in item.filled):
        for i, key in columns.items():
            if key == "grado":
                header.grade_text = i
            elif key == "area":
                header.area = i
    else:
        return None
    for i, key in columns.items():
        if key == "prioridad":
            header.priority = i
    return header


def _formation_row(item: Item, header: _FormationHeader, spec: Vocabulary) -> Formacion | None:
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
        for scanned in scan(context.section("formacion"), lambda i, c: _formation_header(i, c, spec)):
            item = scanned.item
            if scanned.is_header:
                continue
            if scanned.header is not None:
                entry = _formation_row(item, scanned.header, spec)
                if entry is not None:
                    record.formacion.append(entry)
            elif item.is_row:
                # One cell listing several lines is several requirements; a row of cells is one.
                record.formacion.extend(_formation_from_text(line, spec) for line in _lines(item) if line)
            elif not spec.is_instruction(item.text):
                record.formacion.append(_formation_from_text(item.text, spec))


class ExperienceReader:
    """Years of general, professional and public-sector experience, from rows or sentences.

    Besides its own section, a row elsewhere among the requirements whose label names a kind
    of experience ("Experiencia General (años) | 4" under a formation heading) is experience:
    it is read and taken here, before the formation reader could read it as an area.
    """

    _ORDER = ("sector_publico", "profesional", "general")
    _ELSEWHERE = ("requisitos", "formacion", "conocimientos")

    def read(self, context: Context, record: Record) -> None:
        """Fill ``experiencia``."""
        spec = context.spec
        result = Experiencia()
        for item in context.section("experiencia", *self._ELSEWHERE):
            own = item.section == "experiencia"
            if not own and not item.is_row:
                continue
            for label, value in _labels_and_values(item):
                if own and not item.is_row and spec.is_instruction(label):
                    continue
                key = self._kind(fold(label), spec, own)
                if key is None:
                    continue
                years = parse_years(value, spec)
                if not own:
                    if years is None:
                        continue
                    context.take(item)
                if years is not None and getattr(result, key) is None:
                    setattr(result, key, years)
        record.experiencia = result

    def _kind(self, folded: str, spec: Vocabulary, own: bool) -> str | None:
        """The kind of experience a label names; outside its section, only by a label of two words
        or more ("experiencia general", never a bare "general")."""
        for key in self._ORDER:
            synonyms = [fold(s) for s in spec.experiencia[key]]
            if any(s in folded for s in synonyms if own or len(s.split()) >= 2):
                return key
        return None


def _lines(item: Item) -> list[str]:
    """A loose row's text: each line of a single cell that lists several, else the row's cells as one line."""
    cells = [c for _, c in item.filled]
    if len(cells) == 1 and len(cells[0].items) > 1:
        return [strip_bullet(line) for line in cells[0].items]
    return [" ".join(c.text for c in cells)] if cells else []


def _labels_and_values(item: Item) -> list[tuple[str, str]]:
    """The (label, value) pairs an item states: a sentence is both; a row is its first cell and
    the rest; one cell listing several lines ("• 7 años de experiencia general • …") is each line."""
    if not item.is_row:
        return [(item.text, item.text)]
    cells = [c for _, c in item.filled]
    if not cells:
        return []
    if len(cells) == 1 and len(cells[0].items) > 1:
        return [(strip_bullet(line), strip_bullet(line)) for line in cells[0].items]
    texts = [c.text for c in cells]
    return [(texts[0], " ".join(texts[1:]) or texts[0])]


def _knowledge_header(item: Item, spec: Vocabulary) -> dict[int, str] | None:
    mapped = header_map(item, spec, "conocimientos")
    if set(mapped.values()) & {"excluyente", "deseable", "caracter"} and all(mapped.values()):
        return {i: k for i, k in mapped.items() if k}
    return None


def _knowledge_row(item: Item, columns: dict[int, str], spec: Vocabulary) -> Conocimiento | None:
    cells = item.cells
    name_index = next((i for i, k in columns.items() if k == "conocimiento"), 0)
    name = cell_value(cells[name_index]) if name_index < len(cells) else None
    caracter = None
    for index, key in columns.items():
        if index >= len(cells):
            continue
        text = cells[index].text
        if key in {"excluyente", "deseable"} and is_mark(text, spec):
            caracter = key
            break
        if key == "caracter" and text.strip():
            caracter = priority_code(text, spec)
    if name is None and caracter is None:
        return None
    return Conocimiento(conocimiento=name, caracter=caracter)


class KnowledgeReader:
    """Knowledge entries with their character, from an X-matrix, a "carácter" column or text."""

    def read(self, context: Context, record: Record) -> None:
        """Fill ``conocimientos``."""
        spec = context.spec
        entries: list[Conocimiento] = []
        for scanned in scan(context.section("conocimientos"), lambda i, _c: _knowledge_header(i, spec)):
            item = scanned.item
            if scanned.is_header:
                continue
            if scanned.header is not None:
                entry = _knowledge_row(item, scanned.header, spec)
                if entry is not None:
                    entries.append(entry)
            elif item.is_row:
                entries.extend(_knowledge_from_text(e, spec) for _, cell in item.filled for e in cell.items)
            elif not spec.is_instruction(item.text):
                entries.append(_knowledge_from_text(item.text, spec))
        record.conocimientos = [e for e in entries if e.conocimiento]


def _priority_in_text(text: str, spec: Vocabulary) -> tuple[str, str | None]:
    """Split "Ley 1178 (excluyente)" into ("Ley 1178", "excluyente")."""
    match = spec.values.priority_note.search(text)
    if not match:
        return clean_ws(text), None
    stripped = clean_ws(text[: match.start()] + " " + text[match.end():]).strip(" ,;:-")
    return stripped, priority_code(match.group(1), spec)


def _formation_from_text(text: str, spec: Vocabulary) -> Formacion:
    """A free-text formation requirement ("Licenciatura en Derecho (excluyente)")."""
    body, priority = _priority_in_text(strip_bullet(text), spec)
    grade = grade_code(body, spec)
    area = body
    folded = fold(body)
    # The degree words before the area ([grade_area] in the layout spec): "Licenciatura en".
    match = spec.values.degree_prefix.match(folded)
    if match and grade:
        # Keep the document's own spelling: cut the same number of words from the original.
        words_cut = len(match.group(0).split())
        original_words = body.split()
        if words_cut < len(original_words):
            area = " ".join(original_words[words_cut:])
    return Formacion(area=area or None, grado_minimo=grade, prioridad=priority)


def _knowledge_from_text(text: str, spec: Vocabulary) -> Conocimiento:
    body, priority = _priority_in_text(strip_bullet(text), spec)
    return Conocimiento(conocimiento=body or None, caracter=priority)
