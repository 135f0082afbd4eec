"""Lay a content out in a layout: the list of elements the renderers draw.

Composing may change the content where a layout would make it unrecoverable (list orders, see
``wrapcheck``) or prints it otherwise (typed without accents); the expected record is built from
the content *after* composing, never from the rendered file.
"""

from __future__ import annotations

import random
import re
from copy import deepcopy
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from layoutgen import geometry, sections_req, sections_sign
from layoutgen.layout import Layout
from layoutgen.model import LEFT, UP, Element, Table, Text, cell
from layoutgen.vocab import cased, styled, unaccent
from layoutgen.wrapcheck import unambiguous

MARGIN = 56.69  # 2 cm, the margin of every renderer
PAPERS = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
_CODES = {"tipo", "grado_minimo", "prioridad", "caracter"}
# Words a form may print as the first part of a hyphenated compound (``Layout.compounds``).
_COMPOUNDS = {"técnico": "técnico-jurídico", "técnicos": "técnico-jurídicos",
              "administrativa": "técnico-administrativa", "administrativos": "técnico-administrativos",
              "institucional": "político-institucional", "económico": "económico-financiero"}
_COMPOUND_WORD = re.compile(r"\b(" + "|".join(_COMPOUNDS) + r")\b", re.IGNORECASE)
_FUNCTION_TEXTS = ("funcion", "resultado", "fuente_verificacion", "indicador")


@dataclass
class Composed:
    """A document ready to render: elements, page furniture, and the content as printed."""

    elements: list[Element]
    content: dict[str, Any]
    header_text: str = ""
    footer_text: str = ""
    used: set[str] = field(default_factory=set)  # the synonyms printed (folded)
    overflow: bool = False  # some value's word is wider than its column: draw it in a smaller font


def page_size(lay: Layout) -> tuple[float, float]:
    """Page width and height in points."""
    width, height = PAPERS[lay.paper]
    return (height, width) if lay.landscape else (width, height)


def text_width(lay: Layout) -> float:
    """Width between the margins, in points."""
    return page_size(lay)[0] - 2 * MARGIN


def _compound(text: str | None) -> str | None:
    """``text`` with its compound-able words printed as compounds, in their case."""
    if not text:
        return text

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        compound = _COMPOUNDS[word.lower()]
        if word.isupper():
            return compound.upper()
        return compound[0].upper() + compound[1:] if word[0].isupper() else compound

    return _COMPOUND_WORD.sub(swap, text)


def _with_compounds(content: dict[str, Any]) -> None:
    """Hyphenated compounds in the objective and the function texts: a narrow column breaks them after the hyphen."""
    content["objetivo"] = _compound(content["objetivo"])
    for function in content["funciones"]:
        for key in _FUNCTION_TEXTS:
            function[key] = _compound(function.get(key))


def _strip_accents(value: Any, key: str = "") -> Any:
    if isinstance(value, str):
        return value if key in _CODES else unaccent(value)
    if isinstance(value, list):
        return [_strip_accents(v, key) for v in value]
    if isinstance(value, dict):
        return {k: _strip_accents(v, k) for k, v in value.items()}
    return value


class Composer:
    """Builds the elements section by section (one method per section)."""

    def __init__(self, content: dict[str, Any], lay: Layout, rng: random.Random) -> None:
        self.c = deepcopy(content)
        if lay.compounds:
            _with_compounds(self.c)
        if not lay.content_accents:
            self.c = _strip_accents(self.c)
        self.lay = lay
        self.rng = rng
        self.out: list[Element] = []
        self.section = 0
        self.sub = 0
        self.avail = text_width(lay)
        self.used: set[str] = set()
        self.overflow = False  # a value's word does not fit its column (see geometry.fit_columns)

    # -- words ---------------------------------------------------------------------------------
    def label(self, folded: str, colon: bool | None = None) -> str:
        """A field label as this layout prints it."""
        lay = self.lay
        self.used.add(folded)
        return styled(folded, self.rng, lay.label_case, lay.accents, lay.label_colon if colon is None else colon)

    def words(self, text: str, case: str | None = None) -> str:
        """Fixed form wording (titles, notes) with this layout's accents."""
        text = cased(text, case) if case else text
        return text if self.lay.accents else unaccent(text)

    def heading(self, section: str, level: int = 1, folded: str | None = None) -> None:
        """A section (level 1) or subsection (level 2) heading, numbered as the layout numbers."""
        lay = self.lay
        case = "upper" if lay.heading_style == "caps" else lay.heading_case
        self.used.add(folded or lay.headings[section])
        text = styled(folded or lay.headings[section], self.rng, case, lay.accents, lay.heading_colon)
        if level == 1:
            self.section += 1
            self.sub = 0
            prefix = self._number(self.section)
        else:
            self.sub += 1
            prefix = f"{self.section}.{self.sub} " if lay.subnumbering else ""
        self.out.append(Text(prefix + text, kind="h1" if level == 1 else "h2"))

    def _number(self, n: int) -> str:
        style = self.lay.numbering
        if style == "none":
            return ""
        if style == "A.":
            return f"{chr(64 + n)}. "
        if style == "I.":
            return f"{_ROMAN[n - 1]}. "
        return {"1.-": f"{n}.- ", "1 -": f"{n} - ", "1.": f"{n}. "}[style]

    def ruled(self, kind: str) -> bool:
        """Whether tables of ``kind`` (functions or other) have rules."""
        return self.lay.ruled == "all" or (self.lay.ruled == "mixed" and kind != "functions")

    def instruction(self, text: str) -> None:
        """A line of the form's own instructions (not data), where the layout prints them."""
        if self.lay.instructions:
            lines = typed_over_two_lines(self.words(text)) if self.lay.instruction_wrap else [self.words(text)]
            self.out += [Text(line, kind="note") for line in lines]

    # -- lists -----------------------------------------------------------------------------------
    def fit(self, items: list[str], width_fraction: float | None) -> list[str]:
        """Order ``items`` so that a cell or block holding them as lines stays recoverable."""
        if self.lay.bullet != "none" or len(items) < 2:
            return items
        pad = [12.0, 10.8] if width_fraction is not None else [0.0]
        width = self.avail * (width_fraction or 1.0)
        # Wrap spaces tell the items apart where a reader knows the line's right limit: in a ruled
        # cell or between the page margins, not in a column without rules.
        spaced = self.lay.lists_tight and (width_fraction is None or self.ruled("other"))
        return unambiguous(items, [width - p for p in pad], self.lay.font, self.lay.size, spaced)

    def list_block(self, items: list[str], header: str | None = None) -> list[str]:
        """A list as rows, as lines in one cell, or as lines under the heading; returns the items printed."""
        lay = self.lay
        if lay.list_style == "rows":
            items = self.fit(items, 1.0)  # without rules, rows read like the lines of one cell
            rows = [[cell(header, bold=True)]] if header else []
            rows += [[cell(i, bullet=lay.bullet)] for i in items]
            self.out.append(Table(rows, [1.0], header_rows=1 if header else 0, ruled=self.ruled("other")))
            return items
        if lay.list_style == "one_cell":
            items = self.fit(items, 1.0)
            rows = ([[cell(header, bold=True)]] if header else []) + [[cell(items, bullet=lay.bullet)]]
            self.out.append(Table(rows, [1.0], header_rows=1 if header else 0, ruled=self.ruled("other")))
            return items
        items = self.fit(items, None)
        if header:
            self.out.append(Text(header, kind="label"))
        self.out += [Text(i, bullet=lay.bullet) for i in items]
        return items

    # -- sections ----------------------------------------------------------------------------------
    def title(self) -> None:
        rng, c = self.rng, self.c
        self.out.append(
            Text(c["extra"]["entity"] if self.lay.content_accents else unaccent(c["extra"]["entity"]), kind="title")
        )
        name = rng.choice(
            [
                "PLAN OPERATIVO ANUAL INDIVIDUAL",
                "PROGRAMACIÓN OPERATIVA ANUAL INDIVIDUAL",
                "PROGRAMACIÓN OPERATIVA ANUAL INDIVIDUAL (POAI)",
                "POAI",
            ]
        )
        year = self.words(rng.choice(["GESTIÓN {y}", "Gestión {y}", "GESTIÓN: {y}"]).format(y=c["gestion"]))
        if rng.random() < 0.5:
            self.out.append(Text(self.words(f"{name} - {year}"), kind="title"))
        else:
            self.out += [Text(self.words(name), kind="title"), Text(year, kind="title")]
        if rng.random() < 0.3:
            self.out.append(Text(rng.choice(["FORM 001", "P.O.A.I.", "Formulario RRHH-POAI-01 (v.3)"]), kind="title"))

    def identification(self) -> None:
        lay = self.lay
        self.heading("identificacion")
        labelled = [
            (self.label(lay.labels[k], colon=True if lay.ident_style == "lines" else None), k, v)
            for k, v in self._ident_pairs()
        ]
        if lay.ident_style == "lines":
            self._ident_lines(labelled)
        else:
            self._ident_table(labelled)

    def _ident_pairs(self) -> list[tuple[str, Any]]:
        """The identification's (label key, value) pairs the layout prints, in order."""
        lay, c, rng = self.lay, self.c, self.rng
        p = c["puesto"]
        pairs: list[tuple[str, Any]] = [("denominacion", p["denominacion"])]
        if lay.print_item:
            # Family B writes "N° 147"; the record keeps the number ("147"), as the external corpus does.
            pairs.append(("item", f"N° {p['item']}" if lay.item_prefix else p["item"]))
        if lay.print_nivel:
            pairs.append(("nivel", c["extra"]["nivel"]))
        pairs += [("dependencia", p["dependencia"]), ("inmediato_superior", p["inmediato_superior"])]
        if lay.print_ocupante:
            pairs.append(("ocupante", p["ocupante"]))
        if lay.print_lugar:
            pairs.append(("lugar_trabajo", c["extra"]["lugar"]))
        if lay.print_supervised:
            nobody = rng.choice(["NINGUNO", "Ninguno", "Ninguna", "", "NINGUNO"])
            pairs.append(("cargos_supervisados", list(p["cargos_supervisados"]) or nobody))
        if lay.relations_style == "in_ident" and lay.print_relations:
            pairs += [(k, list(c["relaciones"][k])) for k in ("intrainstitucionales", "interinstitucionales")]
        return pairs

    def _ident_lines(self, labelled: list[tuple[str, str, Any]]) -> None:
        """The identification as "Label: value" lines, lists as bullets under their label."""
        lay = self.lay
        for text, key, value in labelled:
            if isinstance(value, list):
                value = self.fit(value, None)
                self._store(key, value)
                self.out.append(Text("", kind="label", label=text))
                self.out += [Text(i, bullet=lay.bullet) for i in value]
            else:
                self.out.append(Text(value, kind="label", label=text))

    def _ident_table(self, labelled: list[tuple[str, str, Any]]) -> None:
        """The identification as a label/value table, two or four columns wide."""
        lay = self.lay
        four = lay.ident_style == "four_col"
        widths = [0.18, 0.32, 0.18, 0.32] if four else [0.32, 0.68]
        value_share = 0.82 if four else 0.68
        rows: list[list[Any]] = []
        pending: list[Any] = []
        for text, key, value in labelled:
            if isinstance(value, list):
                value = self.fit(value, value_share)
                if lay.list_style == "rows" and len(value) > 1:
                    first = [cell(text, bold=lay.label_bold), cell(value[0], bullet=lay.bullet)]
                    rows.append(first + ([LEFT, LEFT] if four else []))
                    rows += [[UP, cell(v, bullet=lay.bullet)] + ([LEFT, LEFT] if four else []) for v in value[1:]]
                else:
                    rows.append(
                        [cell(text, bold=lay.label_bold), cell(value, bullet=lay.bullet)]
                        + ([LEFT, LEFT] if four else [])
                    )
                self._store(key, value)
                continue
            pair = [cell(text, bold=lay.label_bold), cell(value)]
            if not four:
                rows.append(pair)
            elif pending:
                rows.append(pending + pair)
                pending = []
            else:
                pending = pair
        if pending:
            rows.append(pending + [cell(""), cell("")])
        self.out.append(Table(rows, widths, ruled=self.ruled("other"), fixed_widths=True))

    def _store(self, key: str, value: list[str]) -> None:
        """Keep a reordered list in the content (the printed order is the expected order)."""
        if key == "cargos_supervisados":
            self.c["puesto"][key] = value
        else:
            self.c["relaciones"][key] = value

    def relations(self) -> None:
        lay, c = self.lay, self.c
        if not lay.print_relations:
            c["relaciones"] = {"intrainstitucionales": [], "interinstitucionales": []}
            return
        if lay.relations_style == "in_ident":
            return
        self.heading("relaciones")
        keys = ["intrainstitucionales", "interinstitucionales"]
        if self.rng.random() < 0.3:
            keys.reverse()
        if lay.relations_style == "lines":
            for key in keys:
                self.out.append(Text("", kind="label", label=self.label(lay.labels[key], colon=True)))
                items = self.fit(c["relaciones"][key], None)
                self._store(key, items)
                self.out += [Text(i, bullet=lay.bullet) for i in items]
            return
        header = [cell(self.label(lay.labels[k]), bold=True) for k in keys]
        lists = [self.fit(c["relaciones"][k], 0.5) for k in keys]
        for key, items in zip(keys, lists):
            self._store(key, items)
        if lay.list_style == "rows":
            body = [[cell(a or ""), cell(b or "")] for a, b in zip_longest(*lists)]
        else:
            body = [[cell(lists[0], bullet=lay.bullet), cell(lists[1], bullet=lay.bullet)]]
        self.out.append(Table([header, *body], [0.5, 0.5], header_rows=1, ruled=self.ruled("other")))

    def objective(self) -> None:
        lay, c = self.lay, self.c
        if lay.objective_style == "para":
            self.heading("objetivo", 2)
            if lay.instructions:
                self.out.append(
                    Text(
                        self.words(self.label(lay.headings["objetivo"], colon=False) + " (razón de ser del puesto)"),
                        kind="label",
                    )
                )
            self.out.append(Text(c["objetivo"]))
        elif lay.objective_style == "row":
            self.out.append(
                Table(
                    [[cell(self.label(lay.headings["objetivo"]), bold=lay.label_bold), cell(c["objetivo"])]],
                    [0.25, 0.75],
                    ruled=self.ruled("other"),
                )
            )
        else:
            self.out.append(Text(c["objetivo"], kind="label", label=self.label(lay.headings["objetivo"], colon=True)))

    def norms(self, level: int) -> None:
        if not self.lay.print_normas:
            self.c["normas"] = []
            return
        self.heading("normas", level)
        self.c["normas"] = self.list_block(self.c["normas"])

    def qualities(self) -> None:
        if not self.c["cualidades"]:
            return
        self.heading("cualidades", 2)
        self.instruction(
            "Se debe registrar el tipo de cualidades personales, valores y principios deseables para el cargo."
        )
        self.c["cualidades"] = self.list_block(self.c["cualidades"])


def typed_over_two_lines(text: str) -> list[str]:
    """An instruction whose author pressed Enter mid-sentence: cut at the word boundary nearest the
    middle where the sentence has not ended and the next word is in lower case."""
    words = text.split(" ")
    cuts = [i for i in range(1, len(words))
            if words[i][:1].islower() and not words[i - 1].endswith((".", ":", ";", "!", "?"))]
    if not cuts:
        return [text]
    cut = min(cuts, key=lambda i: abs(2 * i - len(words)))
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def compose(content: dict[str, Any], lay: Layout, rng: random.Random) -> Composed:
    """The elements of one document (see the module docstring)."""
    comp = Composer(content, lay, rng)
    comp.title()
    comp.identification()
    comp.relations()
    comp.heading("descripcion")
    comp.objective()
    sections_req.functions(comp)
    if lay.normas_place == "descripcion":
        comp.norms(2)
    if lay.normas_place == "own":
        comp.norms(1)
    comp.heading("requisitos")
    sections_req.formation(comp)
    sections_req.experience(comp)
    sections_req.knowledge(comp)
    comp.qualities()
    if lay.normas_place == "requisitos":
        comp.norms(2)
    sections_sign.approval(comp)
    for element in comp.out:
        if isinstance(element, Table):
            geometry.fit_columns(element, comp)
    geometry.page_breaks(comp)
    entity = comp.c["extra"]["entity"]
    header = {"none": "", "page": "", "page_of": "", "entity": entity}[lay.header_footer]
    footer = {
        "none": "",
        "page": "Página {n}",
        "page_of": "Página {n} de {m}",
        "entity": "Formulario RRHH-POAI-01 (v.3) - Página {n} de {m}",
    }[lay.header_footer]
    return Composed(comp.out, comp.c, header_text=header, footer_text=comp.words(footer), used=comp.used,
                    overflow=comp.overflow)
