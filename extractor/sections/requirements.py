"""Requirements: experience and knowledge, as tables or free text (formation: ``formation.py``)."""

from __future__ import annotations

from extractor.layout.segment import Item
from extractor.layout.spec import Vocabulary
from extractor.model.record import Conocimiento, Experiencia, Record
from extractor.sections.base import Context
from extractor.sections.fieldtext import cell_value, strip_bullet
from extractor.sections.scan import header_map, scan
from extractor.sections.values import is_mark, parse_years, priority_code, split_priority
from extractor.textnorm import fold


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
                if item.instruction:
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
            elif not item.instruction:
                entries.append(_knowledge_from_text(item.text, spec))
        record.conocimientos = [e for e in entries if e.conocimiento]


def _knowledge_from_text(text: str, spec: Vocabulary) -> Conocimiento:
    body, priority = split_priority(strip_bullet(text), spec)
    return Conocimiento(conocimiento=body or None, caracter=priority)
