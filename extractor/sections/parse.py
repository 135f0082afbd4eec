"""Section parsers: from the sectioned item stream to the fields of a record.

Nothing here knows which file format the document came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from extractor.errors import NotPoaiError
from extractor.layout.segment import PREAMBLE, Item, segment
from extractor.layout.spec import Family, Vocabulary, vocabulary
from extractor.model.document import Cell, Document
from extractor.model.facts import AuditFacts
from extractor.model.record import (
    Aprobacion,
    Conocimiento,
    Experiencia,
    Formacion,
    Funcion,
    Puesto,
    Record,
    Relaciones,
)
from extractor.sections.fieldtext import NOBODY, SIGNATURE_FILLER, cell_value, strip_bullet
from extractor.sections.functions import read_functions
from extractor.sections.requirements import read_experience, read_formation, read_knowledge
from extractor.sections.values import (
    clean_item,
    parse_date,
    parse_year,
)
from extractor.textnorm import clean_ws, fold, strip_parenthetical

# Fields whose value is a list: written one entry per line under their label.
_LIST_FIELDS = {"cargos_supervisados", "intrainstitucionales", "interinstitucionales"}


@dataclass
class Parsed:
    """What the parsers found (a record without its file's details), with the facts the audit
    needs about the layout."""

    record: Record
    family: Family
    facts: AuditFacts


def parse_document(document: Document, vocab: Vocabulary | None = None) -> Parsed:
    """Read every POAI section of ``document``; raise NotPoaiError when it is not a POAI."""
    vocab = vocab or vocabulary()
    items = segment(document, vocab)
    family, hits = recognise(items, vocab)
    sections_found = {i.section for i in items} - {PREAMBLE}
    parser = _Parser(items, vocab)
    fields = parser.run()
    if fields["funciones"]:
        sections_found.add("funciones")
    if any(fields["relaciones"].values()):
        sections_found.add("relaciones")
    known = len(sections_found - {"descripcion", "requisitos", "especificas", "rutinarias"})
    if hits + known < 4 and not fields["funciones"]:
        raise NotPoaiError(
            "El documento no parece un POAI: no se encontraron las secciones de un formato conocido. "
            "Compruebe que sea un POAI; si lo es, su formato es nuevo: comuníquelo al equipo de poai."
        )
    facts = AuditFacts(
        family_labels=list(family.labels), family_sections=list(family.sections),
        labels_found=sorted(parser.labels_found), sections_found=sorted(sections_found),
        function_columns=[sorted(c) for c in parser.function_columns],
    )
    record = Record(archivo="", sha256="", plantilla=family.key, gestion=fields["gestion"],
                    puesto=Puesto.from_dict(fields["puesto"]), relaciones=Relaciones.from_dict(fields["relaciones"]),
                    objetivo=fields["objetivo"], funciones=[Funcion.from_dict(f) for f in fields["funciones"]],
                    normas=fields["normas"], formacion=[Formacion.from_dict(f) for f in fields["formacion"]],
                    experiencia=Experiencia.from_dict(fields["experiencia"]),
                    conocimientos=[Conocimiento.from_dict(c) for c in fields["conocimientos"]],
                    cualidades=fields["cualidades"], aprobacion=Aprobacion.from_dict(fields["aprobacion"]))
    return Parsed(record=record, family=family, facts=facts)


def recognise(items: list[Item], vocab: Vocabulary) -> tuple[Family, int]:
    """The known family whose signature headings and labels the document shows most."""
    texts: list[str] = []
    for item in items[:400]:
        if item.is_row:
            texts.extend(fold(strip_parenthetical(c.text.split(":")[0])) for _, c in item.filled)
        else:
            texts.append(fold(strip_parenthetical(item.text.split(":")[0])))
    texts = [t for t in texts if 3 <= len(t) <= 120]
    headings = [fold(s) for s in _section_lines(items)]
    pool = texts + headings
    best: tuple[Family, int] = (vocab.families[0], -1)
    for family in vocab.families:
        hits = sum(
            1 for phrase in family.signature
            if process.extractOne(phrase, pool, scorer=fuzz.ratio, score_cutoff=88) is not None
        )
        if hits > best[1]:
            best = (family, hits)
    return best[0], max(best[1], 0)


def _section_lines(items: list[Item]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if not seen or seen[-1] != item.section:
            seen.append(item.section)
    return seen


class _Parser:
    def __init__(self, items: list[Item], vocab: Vocabulary) -> None:
        self.items = items
        self.vocab = vocab
        self.labels_found: set[str] = set()
        self.function_columns: list[set[str]] = []
        self.used: set[int] = set()  # ids of items consumed by a table parser

    def section(self, *keys: str) -> list[Item]:
        """The items of the given sections, in document order."""
        return [i for i in self.items if i.section in keys]

    # -- the whole record ----------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        """Every field of the record that the document says."""
        funciones, self.function_columns = read_functions(self.items, self.vocab, self.used)
        relaciones = self.relations()
        puesto, relaciones_rotuladas = self.puesto()
        for key in ("intrainstitucionales", "interinstitucionales"):
            if not relaciones[key]:
                relaciones[key] = relaciones_rotuladas.get(key, [])
        return {
            "gestion": self.gestion(),
            "puesto": puesto,
            "relaciones": relaciones,
            "objetivo": self.objective(),
            "funciones": funciones,
            "normas": self.plain_list("normas"),
            "formacion": read_formation([i for i in self.section("formacion") if id(i) not in self.used],
                                        self.vocab),
            "experiencia": read_experience(self.section("experiencia"), self.vocab),
            "conocimientos": read_knowledge(self.section("conocimientos"), self.vocab),
            "cualidades": self.plain_list("cualidades"),
            "aprobacion": self.approval(),
        }

    # -- gestión --------------------------------------------------------------------------
    def gestion(self) -> int | None:
        """The fiscal year: "GESTIÓN 2023", a year in the title, or the POA year the form cites."""
        for item in self.items:
            year = parse_year(item.all_text)
            if year:
                return year
        for item in self.items[:8]:
            match = re.search(r"\b(20\d\d)\b", item.all_text)
            if match and not item.is_row:
                return int(match.group(1))
        # "POA-2023 de la Unidad", "(P.O.A. 2023)": the year of the plan the form refers to.
        for item in self.items:
            match = re.search(r"\bp\.?\s?o\.?\s?a\.?\s?i?\.?\s*[-–]?\s*(20\d\d)\b", item.all_text,
                              flags=re.IGNORECASE)
            if match:
                return int(match.group(1))
        return None

    # -- label/value pairs ---------------------------------------------------------------
    def label_values(self, items: list[Item], table: dict[str, list[str]]) -> dict[str, list[Cell]]:
        """Values of the labels of ``table`` printed in ``items`` (label → cells; [] when blank)."""
        found: dict[str, list[Cell]] = {}
        pending: str | None = None
        last_key: str | None = None  # the label of the last label/value row, and its table
        last_table: int | None = None
        for item in items:
            if id(item) in self.used:
                continue
            if not item.is_row:
                left, right = (item.text.split(":", 1) + [""])[:2] if ":" in item.text else (item.text, "")
                key = self.vocab.match(left, table)
                if key and (right.strip() or ":" in item.text or len(item.text) < 60):
                    found.setdefault(key, [])
                    if right.strip():
                        found[key] = [Cell(items=[clean_ws(right)])]
                        pending = None
                    else:
                        pending = key
                    continue
                if pending and item.text and not self.vocab.section_of(item.text):
                    if pending in _LIST_FIELDS:
                        # A list under its label, one entry per line, until the next label.
                        found[pending] = [Cell(items=[i for c in found[pending] for i in c.items] + [item.text])]
                        continue
                    found[pending] = [Cell(items=[item.text])]
                pending = None
                continue
            pending = None
            cells = item.filled
            # A row whose label cell is blank continues the value of the row above ("Funcional: …"
            # then "Lineal: …" under one label merged down, or one relation per row).
            if item.cells and item.cells[0].empty and cells and last_key is not None and last_table == item.table \
                    and all(self.vocab.match(c.text.split(":")[0], table) is None for _, c in cells):
                found[last_key] = [Cell(items=[i for c in found[last_key] for i in c.items]
                                        + [i for _, c in cells for i in c.items])]
                continue
            last_key = None
            index = 0
            while index < len(cells):
                _, cell = cells[index]
                text = cell.text
                left, right = (text.split(":", 1) + [""])[:2] if ":" in text else (text, "")
                key = self.vocab.match(left, table) if len(left) < 80 else None
                if key is None:
                    index += 1
                    continue
                if right.strip() or (":" in text and len(cell.items) > 1):
                    rest = [clean_ws(right)] if right.strip() else []
                    found[key] = [Cell(items=rest + cell.items[1:])]
                    index += 1
                    continue
                found.setdefault(key, [])
                nxt = cells[index + 1][1] if index + 1 < len(cells) else None
                if nxt is not None and self.vocab.match(nxt.text.split(":")[0], table) is None:
                    found[key] = [nxt]
                    index += 2
                else:
                    index += 1
                last_key, last_table = key, item.table
        return found

    # -- puesto -----------------------------------------------------------------------------
    def puesto(self) -> tuple[dict[str, Any], dict[str, list[str]]]:
        """The post's identification, and relations printed as labels (family B)."""
        items = self.section(PREAMBLE, "identificacion", "relaciones")
        found = self.label_values(items, self.vocab.puesto)
        self.labels_found = set(found)
        if "denominacion" not in found and "nivel" in found:
            found["denominacion"] = found["nivel"]
            self.labels_found.add("denominacion")

        def text(key: str) -> str | None:
            cells = found.get(key) or []
            return cell_value(cells[0]) if cells else None

        def listed(key: str) -> list[str]:
            values = []
            for cell in found.get(key) or []:
                for entry in cell.items:
                    entry = strip_bullet(entry)
                    if entry and fold(entry) not in NOBODY and not SIGNATURE_FILLER.match(entry):
                        values.append(entry)
            return values

        puesto: dict[str, Any] = {
            "denominacion": text("denominacion"),
            "item": clean_item(text("item")),
            "dependencia": text("dependencia"),
            "inmediato_superior": text("inmediato_superior"),
            "ocupante": text("ocupante"),
            "cargos_supervisados": listed("cargos_supervisados"),
        }
        relaciones: dict[str, list[str]] = {
            k: listed(k) for k in ("intrainstitucionales", "interinstitucionales") if k in found}
        return puesto, relaciones

    # -- relations table ------------------------------------------------------------------
    def relations(self) -> dict[str, list[str]]:
        """Relations from a table headed by the intra- and inter-institutional columns."""
        result: dict[str, list[str]] = {"intrainstitucionales": [], "interinstitucionales": []}
        columns: dict[int, str] = {}
        table: int | None = None
        keys = {k: self.vocab.puesto[k] for k in ("intrainstitucionales", "interinstitucionales")}
        for item in self.section(PREAMBLE, "identificacion", "relaciones"):
            if not item.is_row:
                continue
            mapped = {i: self.vocab.match(c.text, keys) for i, c in item.filled}
            if len({v for v in mapped.values() if v}) == 2:
                columns = {i: k for i, k in mapped.items() if k}
                table = item.table
                self.used.add(id(item))
                continue
            if table is None or item.table != table:
                continue
            self.used.add(id(item))
            for index, key in columns.items():
                if index < len(item.cells):
                    for entry in item.cells[index].items:
                        entry = strip_bullet(entry)
                        if entry:
                            result[key].append(entry)
        return result

    # -- objective ----------------------------------------------------------------------------
    def objective(self) -> str | None:
        """The post's objective: the text of its section, without its label or instructions."""
        parts: list[str] = []
        for item in self.section("objetivo"):
            if id(item) in self.used:
                continue
            if item.is_row:
                cells = item.filled
                if cells and self.vocab.section_of(cells[0][1].text.split(":")[0]) == "objetivo":
                    head = cells[0][1].text
                    if ":" in head and head.split(":", 1)[1].strip():
                        parts.append(head.split(":", 1)[1])
                    cells = cells[1:]
                parts.extend(c.text for _, c in cells)
            elif not self.vocab.is_instruction(item.text) and self.vocab.section_of(item.text) != "objetivo":
                parts.append(item.text)
        text = clean_ws(" ".join(parts))
        return text or None

    # -- plain lists (normas, cualidades) ---------------------------------------------------
    def plain_list(self, section: str) -> list[str]:
        """A section that is a list (norms, qualities): one entry per line or cell item."""
        values: list[str] = []
        for item in self.section(section):
            if id(item) in self.used:
                continue
            if item.is_row:
                for _, cell in item.filled:
                    if self.vocab.section_of(cell.text) == section:
                        continue
                    values.extend(strip_bullet(e) for e in cell.items)
            elif not self.vocab.is_instruction(item.text):
                values.append(strip_bullet(item.text))
        return [v for v in values if v]

    # -- approval -------------------------------------------------------------------------------
    def approval(self) -> dict[str, Any]:
        """Who made and approved the POAI, when, and whether with Ciudadanía Digital."""
        result: dict[str, Any] = {
            "elaborado_por": None, "aprobado_por": None, "ciudadania_digital": False,
            "fecha_elaboracion": None, "fecha_aprobacion": None,
        }
        result["ciudadania_digital"] = any("ciudadania digital" in fold(i.all_text) for i in self.items)
        items = self.section("aprobacion")
        table = self.vocab.aprobacion
        # Signature boxes: a row of role labels with the names in the row below (or above).
        for position, item in enumerate(items):
            if not item.is_row:
                continue
            roles = {i: self.vocab.match(c.text, table) for i, c in item.filled}
            if len(roles) < 2 or not all(k in {"elaborado_por", "aprobado_por"} for k in roles.values()):
                continue
            if any(":" in c.text and c.text.split(":", 1)[1].strip() for _, c in item.filled):
                continue
            self.used.add(id(item))
            for neighbour in (items[position + 1:position + 2] + items[max(position - 1, 0):position]):
                if not neighbour.is_row or neighbour.table != item.table:
                    continue
                names = {i: cell_value(neighbour.cells[i]) for i in roles if i < len(neighbour.cells)}
                if any(names.values()):
                    for index, key in roles.items():
                        if key and names.get(index) and result[key] is None:
                            result[key] = names[index]
                    self.used.add(id(neighbour))
                    break
        found = self.label_values(items, table)
        for key in ("elaborado_por", "aprobado_por"):
            if result[key] is None and found.get(key):
                result[key] = cell_value(found[key][0])
        for key in ("fecha_elaboracion", "fecha_aprobacion"):
            if found.get(key):
                result[key] = parse_date(found[key][0].text)
        return result
