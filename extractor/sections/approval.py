"""Approval: who made and approved the POAI, when, and whether with Ciudadanía Digital."""

from __future__ import annotations

import re

from extractor.layout.segment import Item
from extractor.layout.spec import Vocabulary, label_forms
from extractor.model.record import Aprobacion, Record
from extractor.sections.base import Context
from extractor.sections.fieldtext import SIGNATURE_FILLER, cell_value
from extractor.sections.labels import label_values, split_label
from extractor.sections.values import parse_date
from extractor.textnorm import fold

_ROLES = ("elaborado_por", "aprobado_por")
_DATES = ("fecha_elaboracion", "fecha_aprobacion")
# What a box's caption may name: a role, a date of the record, or a date the record does not keep.
_CAPTIONS = (*_ROLES, *_DATES, "fecha_inicio")

Captions = dict[int, tuple[str, str | None]]  # column → (what its caption names, other text in its box)


class ApprovalReader:
    """Signature boxes (role captions with the names in the row below or above, or in the same box),
    date boxes, "Label: value" lines and a "Place, date" line."""

    def read(self, context: Context, record: Record) -> None:
        """Fill ``aprobacion``."""
        spec = context.spec
        phrases = spec.digital_signature  # [fields.aprobacion] ciudadania_digital, anywhere in the document
        result = Aprobacion(ciudadania_digital=any(p in fold(i.all_text) for i in context.items for p in phrases))
        items = context.section("aprobacion", include_taken=True)
        for position, item in enumerate(items):
            captions = _captions(item, spec)
            if captions is None:
                continue
            inside = {i: rest for i, (_key, rest) in captions.items() if rest}
            if inside and all(_is_name(rest, spec) for rest in inside.values()):
                context.take(item)  # each box holds its caption and its name
                _fill(result, {captions[i][0]: rest for i, rest in inside.items()}, spec)
                continue
            if not inside:
                context.take(item)  # else the captions ran into other text, left to the labels below
            values = _values_row(items, position, captions, spec)
            if values is not None:
                context.take(values)
                _fill(result, {key: cell_value(values.cells[i]) for i, (key, _rest) in captions.items()
                               if i < len(values.cells)}, spec)
        rest = [i for i in items if i.position not in context.taken]
        found = label_values(_after_instructions(rest), spec.aprobacion, spec)
        for key in _ROLES:
            if getattr(result, key) is None and found.get(key):
                setattr(result, key, cell_value(found[key][0]))
        for key in _DATES:
            if found.get(key):
                setattr(result, key, parse_date(found[key][0].text, spec))
        if result.fecha_elaboracion is None:
            result.fecha_elaboracion = _place_and_date(_after_instructions(items), spec)
        record.aprobacion = result


def _fill(result: Aprobacion, values: dict[str, str | None], spec: Vocabulary) -> None:
    """Set the names and dates of ``values`` that are still unknown (other keys are not kept)."""
    for key, text in values.items():
        value = parse_date(text, spec) if key in _DATES else text
        if key in (*_ROLES, *_DATES) and value and getattr(result, key) is None:
            setattr(result, key, value)


def _after_instructions(items: list[Item]) -> list[Item]:
    """The items, each instruction line that goes on after its last sentence ("… con todo su
    contenido. Cochabamba, 9 de enero de 2025": a line the reader ran into it) followed by that rest."""
    out: list[Item] = []
    for item in items:
        out.append(item)
        if item.instruction and not item.is_row and ". " in item.text:
            tail = item.text.rsplit(". ", 1)[1].strip()
            if tail:
                out.append(Item(page=item.page, section=item.section, text=tail, position=item.position))
    return out


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


def _captions(item: Item, spec: Vocabulary) -> Captions | None:
    """A row of box captions ("SERVIDOR PÚBLICO | JEFE …", "Fecha de elaboración | Fecha de
    aprobación"): what each filled cell's caption names, with the other text its box holds
    (a name over or under the caption), or None when some filled cell has no caption."""
    if not item.is_row:
        return None
    filled = [(i, c.text) for i, c in item.filled if cell_value(c) is not None]
    if len(filled) < 2 or any(split_label(text)[1].strip() for _, text in filled):
        return None  # "Elaborado por: NAME" cells are label/value pairs, not boxes
    captions: Captions = {}
    for index, text in filled:
        found = _caption_and_rest(text, spec)
        if found is None:
            key = spec.match(text, spec.aprobacion)
            found = (key, None) if key in _CAPTIONS else None
        if found is None:
            return None
        captions[index] = found
    return captions


# The most words a caption has ("FIRMA DEL JEFE INMEDIATO SUPERIOR").
_CAPTION_WORDS = 6


def _caption_and_rest(text: str, spec: Vocabulary) -> tuple[str, str | None] | None:
    """The key of the caption that a box's text begins or ends with, exactly, and the rest of the
    text (None when the box is only the caption), or None."""
    words = [w for w in text.split() if not SIGNATURE_FILLER.match(w)]
    for size in range(min(len(words), _CAPTION_WORDS), 0, -1):
        for caption, rest in ((words[:size], words[size:]), (words[-size:], words[:-size])):
            # "Servidor(a) Público(a)" is the caption "servidor publico" ([fields.aprobacion]).
            forms = label_forms(" ".join(caption))
            key = next((k for k in _CAPTIONS if any(fold(s) in forms for s in spec.aprobacion[k])), None)
            if key:
                return key, " ".join(rest) or None
    return None


def _is_name(text: str | None, spec: Vocabulary) -> bool:
    """Whether a box's text can be a person's name: not a caption, a label or a date ("FIRMA DEL
    SERVIDOR PÚBLICO" names a role, never a person)."""
    if not text:
        return False
    return not (spec.match(text, spec.aprobacion) or split_label(text)[1].strip() or parse_date(text, spec))


# How many items may stand between a row of captions and its row of values: a signature-line row,
# and the page's footer and header lines when the boxes run over a page break.
_GAP = 4


def _values_row(items: list[Item], position: int, captions: Captions, spec: Vocabulary) -> Item | None:
    """The row of names (or dates) of the boxes whose captions are ``items[position]``: the nearest
    row above or below them (the caption names the role from under or over the name) that holds
    fitting values in the captions' columns, whether or not the reader kept both rows in one table."""
    best: tuple[int, Item] | None = None
    for step in (1, -1):
        index = position + step
        while 0 <= index < len(items) and abs(index - position) <= _GAP:
            candidate = items[index]
            index += step
            if not candidate.is_row or all(cell_value(c) is None for c in candidate.cells):
                continue  # a paragraph line, or the row of signature lines
            distance = abs(index - position)
            if _holds_values(candidate, items[position], captions, spec) and (best is None or distance < best[0]):
                best = (distance, candidate)
            break  # any other row ends the search that way
    return best[1] if best else None


def _holds_values(row: Item, caption_row: Item, captions: Captions, spec: Vocabulary) -> bool:
    """Whether a row holds values under (or over) the captions: as many columns as the captions'
    row, text only where a caption is, names under the roles and dates under the dates."""
    if row.table != caption_row.table and len(row.cells) != len(caption_row.cells):
        return False
    filled = [(i, c.text) for i, c in row.filled if cell_value(c) is not None]
    if not filled or any(i not in captions for i, _ in filled):
        return False
    return all(parse_date(text, spec) is not None if captions[i][0] not in _ROLES else _is_name(text, spec)
               for i, text in filled)
