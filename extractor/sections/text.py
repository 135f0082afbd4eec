"""Sections that are running text: the fiscal year, the post's objective, plain lists (norms, qualities)."""

from __future__ import annotations

import re

from extractor.model.record import Record
from extractor.sections.base import Context
from extractor.sections.fieldtext import strip_bullet
from extractor.sections.labels import split_label
from extractor.sections.values import parse_year
from extractor.textnorm import clean_ws

# How many items from the start a bare year in the title block may be.
_TITLE_ITEMS = 8
_YEAR = re.compile(r"\b(20\d\d)\b")


class GestionReader:
    """The fiscal year: "GESTIÓN 2023", a year in the title, or the year of the POA the form cites."""

    def read(self, context: Context, record: Record) -> None:
        """Fill ``gestion``."""
        items = context.items
        for item in items:
            year = parse_year(item.all_text, context.spec)
            if year:
                record.gestion = year
                return
        for item in items[:_TITLE_ITEMS]:
            match = _YEAR.search(item.all_text)
            if match and not item.is_row:
                record.gestion = int(match.group(1))
                return
        # "POA-2023 de la Unidad", "(P.O.A. 2023)": the year of the plan the form refers to.
        for item in items:
            match = context.spec.values.plan_year.search(item.all_text)
            if match:
                record.gestion = int(match.group(1))
                return


class ObjectiveReader:
    """The post's objective: the text of its section, without its label or instructions."""

    def read(self, context: Context, record: Record) -> None:
        """Fill ``objetivo``."""
        spec = context.spec
        parts: list[str] = []
        for item in context.section("objetivo"):
            if item.is_row:
                cells = item.filled
                if cells and spec.section_of(split_label(cells[0][1].text)[0]) == "objetivo":
                    value = split_label(cells[0][1].text)[1]
                    if value.strip():
                        parts.append(value)
                    cells = cells[1:]
                parts.extend(c.text for _, c in cells)
            elif not item.instruction and spec.section_of(item.text) != "objetivo":
                parts.append(item.text)
        record.objetivo = clean_ws(" ".join(parts)) or None


class ListReader:
    """A section that is a list (norms, qualities): one entry per line or cell item."""

    def __init__(self, section: str) -> None:
        self.section = section

    def read(self, context: Context, record: Record) -> None:
        """Fill the record's list named like the section."""
        spec = context.spec
        values: list[str] = []
        for item in context.section(self.section):
            if item.is_row:
                for _, cell in item.filled:
                    if spec.section_of(cell.text) == self.section:
                        continue
                    values.extend(strip_bullet(e) for e in cell.items)
            elif not item.instruction:
                values.append(strip_bullet(item.text))
        setattr(record, self.section, [v for v in values if v])
