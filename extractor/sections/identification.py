"""The post's identification (label/value pairs) and its relations (a two-column table or labels)."""

from __future__ import annotations

from extractor.layout.segment import PREAMBLE, Item
from extractor.layout.spec import Vocabulary
from extractor.model.document import Cell
from extractor.model.record import Puesto, Record
from extractor.sections.base import Context
from extractor.sections.fieldtext import SIGNATURE_FILLER, cell_value, strip_bullet
from extractor.sections.labels import label_values
from extractor.sections.scan import scan
from extractor.sections.values import clean_item
from extractor.textnorm import fold

_SECTIONS = (PREAMBLE, "identificacion", "relaciones")
_RELATIONS = ("intrainstitucionales", "interinstitucionales")


class RelationsReader:
    """Relations from a table headed by the intra- and inter-institutional columns."""

    def read(self, context: Context, record: Record) -> None:
        """Fill ``relaciones`` from such a table, taking its rows."""
        spec = context.spec
        keys = {k: spec.puesto[k] for k in _RELATIONS}

        def header_of(item: Item, _current: dict[int, str] | None) -> dict[int, str] | None:
            mapped = {i: spec.match(c.text, keys) for i, c in item.filled}
            named = {i: k for i, k in mapped.items() if k}
            return named if len(set(named.values())) == 2 else None

        for scanned in scan(context.section(*_SECTIONS), header_of):
            if scanned.header is None:
                continue
            context.take(scanned.item)
            if scanned.is_header:
                continue
            for index, key in scanned.header.items():
                if index < len(scanned.item.cells):
                    entries = [strip_bullet(e) for e in scanned.item.cells[index].items]
                    getattr(record.relaciones, key).extend(e for e in entries if e)


class IdentificationReader:
    """The post's identification, and relations printed as labels where no table gave them."""

    def read(self, context: Context, record: Record) -> None:
        """Fill ``puesto`` (and empty ``relaciones`` lists) and the labels the document prints."""
        spec = context.spec
        found = label_values(context.section(*_SECTIONS), spec.puesto, spec)
        context.labels_found = set(found)
        # A field the layout does not print takes the value of another it does ([fields.puesto_fallback]).
        for key, sources in spec.puesto_fallback.items():
            source = next((s for s in sources if s in found), None)
            if key not in found and source is not None:
                found[key] = found[source]
                context.labels_found.add(key)

        def text(key: str) -> str | None:
            cells = found.get(key) or []
            return cell_value(cells[0]) if cells else None

        record.puesto = Puesto(denominacion=text("denominacion"), item=clean_item(text("item"), spec),
                               dependencia=text("dependencia"), inmediato_superior=text("inmediato_superior"),
                               ocupante=text("ocupante"),
                               cargos_supervisados=_listed(found.get("cargos_supervisados"), spec))
        for key in _RELATIONS:
            if key in found and not getattr(record.relaciones, key):
                setattr(record.relaciones, key, _listed(found[key], spec))


def _listed(cells: list[Cell] | None, spec: Vocabulary) -> list[str]:
    """The entries of a list field: one per line, without bullets, "nobody" or blank signature lines."""
    values = []
    for cell in cells or []:
        for entry in cell.items:
            entry = strip_bullet(entry)
            if entry and fold(entry) not in spec.values.nobody and not SIGNATURE_FILLER.match(entry):
                values.append(entry)
    return values
