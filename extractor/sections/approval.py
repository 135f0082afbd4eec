"""Approval: who made and approved the POAI, when, and whether with Ciudadanía Digital."""

from __future__ import annotations

import re

from extractor.layout.segment import Item
from extractor.layout.spec import Vocabulary
from extractor.model.record import Aprobacion, Record
from extractor.sections.base import Context
from extractor.sections.fieldtext import cell_value
from extractor.sections.labels import label_values, split_label
from extractor.sections.values import parse_date
from extractor.textnorm import fold

_ROLES = ("elaborado_por", "aprobado_por")


class ApprovalReader:
    """Signature boxes (role labels with the names in the row below or above) and signature lines."""

    def read(self, context: Context, record: Record) -> None:
        """Fill ``aprobacion``."""
        spec = context.spec
        phrases = spec.digital_signature  # [fields.aprobacion] ciudadania_digital, anywhere in the document
        result = Aprobacion(ciudadania_digital=any(p in fold(i.all_text) for i in context.items for p in phrases))
        items = context.section("aprobacion", include_taken=True)
        for position, item in enumerate(items):
            roles = _roles(item, spec)
            if roles is None:
                continue
            context.take(item)
            names = _names_row(items, position, spec)
            if names is not None:
                context.take(names)
                _take_names(names, roles, result)
        found = label_values([i for i in items if i.position not in context.taken], spec.aprobacion, spec)
        for key in ("elaborado_por", "aprobado_por"):
            if getattr(result, key) is None and found.get(key):
                setattr(result, key, cell_value(found[key][0]))
        for key in ("fecha_elaboracion", "fecha_aprobacion"):
            if found.get(key):
                setattr(result, key, parse_date(found[key][0].text, spec))
        if result.fecha_elaboracion is None:
            result.fecha_elaboracion = _place_and_date(items, spec)
        record.aprobacion = result


# "El Alto, 15 de enero de 2024": a place (a few words, no digits) and a date after its comma.
_PLACE_DATE = re.compile(r"^\s*([^\W\d_][^\d,:]{1,40}),\s*(.*\d.*)$")


def _place_and_date(items: list[Item], spec: Vocabulary) -> str | None:
    """The date of a "Place, date" line near the signatures: when the form was made and signed."""
    for item in items:
        texts = [c.text for _, c in item.filled] if item.is_row else [item.text]
        for text in texts:
            match = _PLACE_DATE.match(text)
            if match and len(match.group(1).split()) <= 5:
                date = parse_date(match.group(2), spec)
                if date is not None:
                    return date
    return None


def _roles(item: Item, spec: Vocabulary) -> dict[int, str | None] | None:
    """The role of each cell of a row of signature-box labels ("SERVIDOR PÚBLICO | JEFE …"), or None."""
    if not item.is_row:
        return None
    roles = {i: spec.match(c.text, spec.aprobacion) for i, c in item.filled}
    if len(roles) < 2 or not all(k in _ROLES for k in roles.values()):
        return None
    if any(split_label(c.text)[1].strip() for _, c in item.filled):
        return None  # "Elaborado por: NAME" cells are label/value pairs, not a box
    return roles


# How many items may stand between a row of role captions and its row of names: a signature-line
# row, and the page's footer and header lines when the boxes run over a page break.
_GAP = 4


def _names_row(items: list[Item], position: int, spec: Vocabulary) -> Item | None:
    """The row of names of the boxes whose role captions are ``items[position]``: the nearest row
    above or below them (the caption names the role from under or over the name) that holds
    names in the captions' columns, whether or not the reader kept both rows in one table."""
    captions = items[position]
    best: tuple[int, Item] | None = None
    for step in (1, -1):
        index = position + step
        while 0 <= index < len(items) and abs(index - position) <= _GAP:
            candidate = items[index]
            index += step
            if not candidate.is_row or _is_signature_lines(candidate):
                continue
            if _holds_names(candidate, captions, spec) and (best is None or abs(index - position) < best[0]):
                best = (abs(index - position), candidate)
            break  # any other row ends the search that way
    return best[1] if best else None


def _is_signature_lines(item: Item) -> bool:
    """A row of blank signature lines ("____ | ____")."""
    return all(cell_value(c) is None for c in item.cells)


def _holds_names(row: Item, captions: Item, spec: Vocabulary) -> bool:
    """Whether a row holds names under (or over) the captions' columns: as many columns as the
    captions' row, text only where a caption is, and no text that is itself a caption, a label
    or a date ("FIRMA DEL SERVIDOR PÚBLICO" names a role, never a person)."""
    if row.table != captions.table and len(row.cells) != len(captions.cells):
        return False
    columns = {i for i, _ in captions.filled}
    filled = [(i, c.text) for i, c in row.filled if cell_value(c) is not None]
    if not filled or any(i not in columns for i, _ in filled):
        return False
    return not any(spec.match(text, spec.aprobacion) or split_label(text)[1].strip() or parse_date(text, spec)
                   for _, text in filled)


def _take_names(row: Item, roles: dict[int, str | None], result: Aprobacion) -> None:
    """Each caption's role gets the name in its column."""
    for index, key in roles.items():
        name = cell_value(row.cells[index]) if index < len(row.cells) else None
        if key and name and getattr(result, key) is None:
            setattr(result, key, name)
