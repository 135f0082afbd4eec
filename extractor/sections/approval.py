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

_ROLES = {"elaborado_por", "aprobado_por"}


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
            for neighbour in items[position + 1:position + 2] + items[max(position - 1, 0):position]:
                if _names_under(neighbour, item, roles, result):
                    context.take(neighbour)
                    break
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


def _names_under(neighbour: Item, item: Item, roles: dict[int, str | None], result: Aprobacion) -> bool:
    """Take the names a row beside the box's labels holds; whether it held any."""
    if not neighbour.is_row or neighbour.table != item.table:
        return False
    names = {i: cell_value(neighbour.cells[i]) for i in roles if i < len(neighbour.cells)}
    if not any(names.values()):
        return False
    for index, key in roles.items():
        if key and names.get(index) and getattr(result, key) is None:
            setattr(result, key, names[index])
    return True
