"""Section parsers: from the sectioned item stream to the fields of a record.

Nothing here knows which file format the document came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from .audit import AuditFacts
from .document import Cell, Document, Table
from .errors import NotPoaiError
from .sections import PREAMBLE, Item, segment
from .textnorm import clean_ws, fold, strip_parenthetical
from .values import (
    clean_item,
    grade_code,
    is_mark,
    parse_date,
    parse_weight,
    parse_year,
    parse_years,
    priority_code,
    scale_fractions,
)
from .vocabulary import Family, Vocabulary, best_key, vocabulary

_BULLET = re.compile(r"^\s*(?:[•·▪►■◦●*\-–—]|\(?[a-z]\))\s+")
_NOBODY = {"ninguno", "ninguna", "no", "n a", "na", "no aplica", "sin personal", "ningun", "ningun cargo",
           "ninguno a", "nadie"}
_SIGNATURE_FILLER = re.compile(r"^[\s_.\-–—]*$")
# Sections in which function tables are read (forms put them under any of these headings).
_FUNCTION_SECTIONS = {PREAMBLE, "descripcion", "objetivo", "especificas", "rutinarias"}


@dataclass
class Parsed:
    """What the parsers found, with the facts the audit needs about the layout."""

    fields: dict[str, Any]
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
            "El documento no parece un POAI: no se encontraron las secciones de un formato conocido."
        )
    facts = AuditFacts(
        family_labels=list(family.labels), family_sections=list(family.sections),
        labels_found=sorted(parser.labels_found), sections_found=sorted(sections_found),
        function_columns=[sorted(c) for c in parser.function_columns],
    )
    return Parsed(fields=fields, family=family, facts=facts)


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


def _strip_bullet(text: str) -> str:
    return clean_ws(_BULLET.sub("", text))


def _cell_value(cell: Cell | None) -> str | None:
    if cell is None:
        return None
    text = clean_ws(cell.text)
    if not text or _SIGNATURE_FILLER.match(text):
        return None
    return text


class _Parser:
    def __init__(self, items: list[Item], vocab: Vocabulary) -> None:
        self.items = items
        self.vocab = vocab
        self.labels_found: set[str] = set()
        self.function_columns: list[set[str]] = []
        self.used: set[int] = set()  # ids of items consumed by a table parser

    def section(self, *keys: str) -> list[Item]:
        return [i for i in self.items if i.section in keys]

    # -- the whole record ----------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        funciones = self.functions()
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
            "formacion": self.formation(),
            "experiencia": self.experience(),
            "conocimientos": self.knowledge(),
            "cualidades": self.plain_list("cualidades"),
            "aprobacion": self.approval(),
        }

    # -- gestión --------------------------------------------------------------------------
    def gestion(self) -> int | None:
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
        items = self.section(PREAMBLE, "identificacion", "relaciones")
        found = self.label_values(items, self.vocab.puesto)
        self.labels_found = set(found)
        if "denominacion" not in found and "nivel" in found:
            found["denominacion"] = found["nivel"]
            self.labels_found.add("denominacion")

        def text(key: str) -> str | None:
            cells = found.get(key) or []
            return _cell_value(cells[0]) if cells else None

        def listed(key: str) -> list[str]:
            values = []
            for cell in found.get(key) or []:
                for entry in cell.items:
                    entry = _strip_bullet(entry)
                    if entry and fold(entry) not in _NOBODY and not _SIGNATURE_FILLER.match(entry):
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
                        entry = _strip_bullet(entry)
                        if entry:
                            result[key].append(entry)
        return result

    # -- objective ----------------------------------------------------------------------------
    def objective(self) -> str | None:
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

    # -- functions ----------------------------------------------------------------------------
    def _header(self, item: Item) -> dict[int, str] | None:
        if not item.is_row:
            return None
        mapped: dict[int, str] = {}
        for index, cell in item.filled:
            if len(cell.text) > 140:
                return None
            key, _ = best_key(cell.text, self.vocab.columns["funciones"])
            if key and key not in mapped.values():
                mapped[index] = key
        keys = set(mapped.values())
        if "funcion" in keys and keys & {"resultado", "fuente_verificacion", "ponderacion", "indicador",
                                          "actividades"}:
            return mapped
        return None

    def _tipo(self, header_text: str, section: str) -> str:
        folded = fold(header_text)
        for tipo, words in self.vocab.tipos.items():
            if any(re.search(r"\b" + w + r"\b", folded) for w in words):
                return tipo
        if section == "rutinarias":
            return "rutinaria"
        return "especifica"

    def functions(self) -> list[dict[str, Any]]:
        functions: list[dict[str, Any]] = []
        header: dict[int, str] | None = None
        table: int | None = None
        tipo = "especifica"
        header_section = PREAMBLE
        counters = {"especifica": 0, "rutinaria": 0}
        last: dict[str, Any] | None = None
        raw_weights: list[float | None] = []
        for item in self.items:
            if item.section not in _FUNCTION_SECTIONS:
                header = None  # a function table ends where another section begins
                continue
            if not item.is_row:
                continue
            mapped = self._header(item)
            if mapped:
                header, table = mapped, item.table
                function_cell = next(item.cells[i].text for i, k in mapped.items() if k == "funcion")
                tipo = self._tipo(function_cell, item.section)
                header_section = item.section
                self.used.add(id(item))
                last = None
                continue
            if header is None or item.table != table:
                header = None
                continue
            if item.section != header_section and item.section in {"especificas", "rutinarias"}:
                tipo = "rutinaria" if item.section == "rutinarias" else "especifica"
                header_section = item.section
            self.used.add(id(item))
            values = {key: item.cells[i] if i < len(item.cells) else Cell() for i, key in header.items()}
            if all(c.empty for c in values.values()):
                continue
            if _is_total_row(item):
                continue  # "TOTAL … 100 %": the table's sum, not a function
            if values.get("funcion", Cell()).empty and last is not None:
                _extend_function(last, values, self.vocab)
                continue
            counters[tipo] += 1
            number = None
            if "n" in values:
                match = re.match(r"\s*(\d{1,3})\b", values["n"].text)
                number = int(match.group(1)) if match else None
            activities = _activities(values.get("actividades"), self.vocab)
            fuente = _cell_value(values.get("fuente_verificacion"))
            if fuente is None and activities:
                media = [a["medio_verificacion"] for a in activities if a["medio_verificacion"]]
                fuente = "; ".join(dict.fromkeys(media)) or None
            last = {
                "tipo": tipo,
                "n": number or counters[tipo],
                "funcion": _cell_value(values.get("funcion")),
                "resultado": _cell_value(values.get("resultado")),
                "fuente_verificacion": fuente,
                "ponderacion": None,
                "indicador": _cell_value(values.get("indicador")),
                "actividades": activities,
                "pagina": item.page,
            }
            raw_weights.append(parse_weight(values["ponderacion"].text) if "ponderacion" in values else None)
            functions.append(last)
            self.function_columns.append(set(header.values()))
        for function, weight in zip(functions, scale_fractions(raw_weights)):
            function["ponderacion"] = weight
        return functions

    # -- plain lists (normas, cualidades) ---------------------------------------------------
    def plain_list(self, section: str) -> list[str]:
        values: list[str] = []
        for item in self.section(section):
            if id(item) in self.used:
                continue
            if item.is_row:
                for _, cell in item.filled:
                    if self.vocab.section_of(cell.text) == section:
                        continue
                    values.extend(_strip_bullet(e) for e in cell.items)
            elif not self.vocab.is_instruction(item.text):
                values.append(_strip_bullet(item.text))
        return [v for v in values if v]

    # -- formation -----------------------------------------------------------------------------
    def formation(self) -> list[dict[str, Any]]:
        items = [i for i in self.section("formacion") if id(i) not in self.used]
        entries: list[dict[str, Any]] = []
        grade_columns: dict[int, str] = {}
        priority_column: int | None = None
        grade_text_column: int | None = None
        area_column = 0
        table: int | None = None
        for item in items:
            if not item.is_row:
                if not self.vocab.is_instruction(item.text):
                    entries.append(_formation_from_text(item.text))
                continue
            grades = {i: g for i, c in item.filled if len(c.text) < 60 and (g := grade_code(c.text))}
            columns = {i: best_key(c.text, self.vocab.columns["formacion"])[0] for i, c in item.filled}
            if len(grades) >= 3:
                grade_columns, table = grades, item.table
                for i, key in columns.items():
                    if key == "prioridad":
                        priority_column = i
                continue
            if set(columns.values()) & {"prioridad", "grado", "area"} and all(
                    len(c.text) < 60 for _, c in item.filled):
                table = item.table
                for i, key in columns.items():
                    if key == "prioridad":
                        priority_column = i
                    elif key == "grado":
                        grade_text_column = i
                    elif key == "area":
                        area_column = i
                continue
            if table is None or item.table != table:
                texts = [c.text for _, c in item.filled]
                if texts:
                    entries.append(_formation_from_text(" ".join(texts)))
                continue
            area = _cell_value(item.cells[area_column]) if area_column < len(item.cells) else None
            grade = None
            for index, code in sorted(grade_columns.items()):
                if index < len(item.cells) and is_mark(item.cells[index].text):
                    grade = code
                    break
            if grade is None and grade_text_column is not None and grade_text_column < len(item.cells):
                grade = grade_code(item.cells[grade_text_column].text)
            priority = None
            if priority_column is not None and priority_column < len(item.cells):
                priority = priority_code(item.cells[priority_column].text)
            if area is None and grade is None and priority is None:
                continue
            entries.append({"area": area, "grado_minimo": grade, "prioridad": priority})
        return entries

    # -- experience ----------------------------------------------------------------------------
    def experience(self) -> dict[str, Any]:
        result: dict[str, Any] = {"general": None, "profesional": None, "sector_publico": None}
        order = ["sector_publico", "profesional", "general"]
        for item in self.section("experiencia"):
            if item.is_row:
                cells = [c.text for _, c in item.filled]
                if not cells:
                    continue
                label, value = cells[0], " ".join(cells[1:]) or cells[0]
            else:
                if self.vocab.is_instruction(item.text):
                    continue
                label = value = item.text
            folded = fold(label)
            for key in order:
                if any(fold(s) in folded for s in self.vocab.experiencia[key]):
                    years = parse_years(value)
                    if years is not None and result[key] is None:
                        result[key] = years
                    break
        return result

    # -- knowledge ------------------------------------------------------------------------------
    def knowledge(self) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = []
        columns: dict[int, str] = {}
        table: int | None = None
        for item in self.section("conocimientos"):
            if not item.is_row:
                if not self.vocab.is_instruction(item.text):
                    entries.append(_knowledge_from_text(item.text))
                continue
            mapped = {i: best_key(c.text, self.vocab.columns["conocimientos"])[0] for i, c in item.filled}
            if set(mapped.values()) & {"excluyente", "deseable", "caracter"} and all(mapped.values()):
                columns = {i: k for i, k in mapped.items() if k}
                table = item.table
                continue
            if table is None or item.table != table:
                for _, cell in item.filled:
                    entries.extend(_knowledge_from_text(e) for e in cell.items)
                continue
            name_index = next((i for i, k in columns.items() if k == "conocimiento"), 0)
            name = _cell_value(item.cells[name_index]) if name_index < len(item.cells) else None
            caracter = None
            for index, key in columns.items():
                if index >= len(item.cells):
                    continue
                cell_text = item.cells[index].text
                if key in {"excluyente", "deseable"} and is_mark(cell_text):
                    caracter = key
                    break
                if key == "caracter" and cell_text.strip():
                    caracter = priority_code(cell_text)
            if name is None and caracter is None:
                continue
            entries.append({"conocimiento": name, "caracter": caracter})
        return [e for e in entries if e["conocimiento"]]

    # -- approval -------------------------------------------------------------------------------
    def approval(self) -> dict[str, Any]:
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
                names = {i: _cell_value(neighbour.cells[i]) for i in roles if i < len(neighbour.cells)}
                if any(names.values()):
                    for index, key in roles.items():
                        if key and names.get(index) and result[key] is None:
                            result[key] = names[index]
                    self.used.add(id(neighbour))
                    break
        found = self.label_values(items, table)
        for key in ("elaborado_por", "aprobado_por"):
            if result[key] is None and found.get(key):
                result[key] = _cell_value(found[key][0])
        for key in ("fecha_elaboracion", "fecha_aprobacion"):
            if found.get(key):
                result[key] = parse_date(found[key][0].text)
        return result


_TOTAL_WORDS = {"total", "totales", "suma", "total ponderacion", "total general", "sumatoria"}


def _is_total_row(item: Item) -> bool:
    texts = [fold(c.text) for _, c in item.filled]
    words = [t for t in texts if not re.fullmatch(r"[\d\s.,%]*", t)]
    return bool(words) and all(t in _TOTAL_WORDS for t in words)


def _extend_function(function: dict[str, Any], values: dict[str, Cell], vocab: Vocabulary) -> None:
    """A row with no function text continues the previous function (a row cut in two)."""
    for key in ("resultado", "indicador"):
        extra = _cell_value(values.get(key))
        if extra:
            function[key] = clean_ws(f"{function[key] or ''} {extra}")
    extra = _cell_value(values.get("fuente_verificacion"))
    if extra:
        function["fuente_verificacion"] = clean_ws(f"{function['fuente_verificacion'] or ''} {extra}")
    activities = _activities(values.get("actividades"), vocab)
    if activities:
        function["actividades"].extend(activities)
        media = [a["medio_verificacion"] for a in function["actividades"] if a["medio_verificacion"]]
        function["fuente_verificacion"] = "; ".join(dict.fromkeys(media)) or function["fuente_verificacion"]


def _activities(cell: Cell | None, vocab: Vocabulary) -> list[dict[str, Any]]:
    if cell is None or cell.empty:
        return []
    activities: list[dict[str, Any]] = []
    for table in cell.tables:
        activities.extend(_activity_rows(table, vocab))
    if not cell.tables:
        activities = [{"actividad": _strip_bullet(e), "medio_verificacion": None, "porcentaje": None}
                      for e in cell.items if _strip_bullet(e)]
    return activities


def _activity_rows(table: Table, vocab: Vocabulary) -> list[dict[str, Any]]:
    columns: dict[int, str] = {0: "actividad", 1: "medio_verificacion", 2: "porcentaje"}
    rows = table.rows
    if rows:
        mapped = {i: best_key(c.text, vocab.columns["actividades"])[0] for i, c in enumerate(rows[0].cells)
                  if not c.empty}
        if sum(1 for k in mapped.values() if k) >= 2:
            columns = {i: k for i, k in mapped.items() if k}
            # A header cell a narrow column mangled takes the key its position leaves over.
            spare = [k for k in ("actividad", "medio_verificacion", "porcentaje") if k not in columns.values()]
            for i in range(len(rows[0].cells)):
                if i not in columns and spare:
                    columns[i] = spare.pop(0)
            rows = rows[1:]
    result = []
    for row in rows:
        entry: dict[str, Any] = {"actividad": None, "medio_verificacion": None, "porcentaje": None}
        for index, key in columns.items():
            if index < len(row.cells):
                text = _cell_value(row.cells[index])
                entry[key] = parse_weight(text) if key == "porcentaje" else text
        if any(v is not None for v in entry.values()):
            result.append(entry)
    return result


_PRIORITY_NOTE = re.compile(r"[\(\[\-–—,;:]?\s*\b(excluyente|deseable)\b\s*[\)\]]?", re.IGNORECASE)


def _priority_in_text(text: str) -> tuple[str, str | None]:
    """Split "Ley 1178 (excluyente)" into ("Ley 1178", "excluyente")."""
    match = _PRIORITY_NOTE.search(text)
    if not match:
        return clean_ws(text), None
    stripped = clean_ws(text[: match.start()] + " " + text[match.end():]).strip(" ,;:-")
    return stripped, priority_code(match.group(1))


_DEGREE_PREFIX = re.compile(
    r"^.*?\b(?:licenciatura|licenciado|licenciada|tecnico superior|tecnico medio|tecnico|tecnica|"
    r"egresado|egresada|bachiller|maestria|diplomado|doctorado|post\s*grado|postgrado|posgrado|"
    r"titulo(?: profesional)?(?: en provision nacional)?)\b(?:\s+\w+){0,3}?\s+(?:en|de)\s+",
)


def _formation_from_text(text: str) -> dict[str, Any]:
    """A free-text formation requirement ("Licenciatura en Derecho (excluyente)")."""
    body, priority = _priority_in_text(_strip_bullet(text))
    grade = grade_code(body)
    area = body
    folded = fold(body)
    match = _DEGREE_PREFIX.match(folded)
    if match and grade:
        # Keep the document's own spelling: cut the same number of words from the original.
        words_cut = len(match.group(0).split())
        original_words = body.split()
        if words_cut < len(original_words):
            area = " ".join(original_words[words_cut:])
    return {"area": area or None, "grado_minimo": grade, "prioridad": priority}


def _knowledge_from_text(text: str) -> dict[str, Any]:
    body, priority = _priority_in_text(_strip_bullet(text))
    return {"conocimiento": body or None, "caracter": priority}
