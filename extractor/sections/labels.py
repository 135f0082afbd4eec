"""Label/value pairs: "Label | value" cells, "Label: value" lines, values under their label.

The same mechanism reads the post's identification and the signature lines: a label is a
text that matches a key of a synonym table; its value is the text after its colon, the next
cell of its row, the line below it, or (a list field) every line below it until the next label.
A row of labels alone ("FECHA ELABORACION | FECHA DE APROBACION") has its values in the row
below, each under its label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.layout.segment import Item
from extractor.layout.spec import Vocabulary, best_key
from extractor.model.document import Cell
from extractor.textnorm import clean_ws


def split_label(text: str) -> tuple[str, str]:
    """``"LABEL: value"`` → ("LABEL", " value"); no colon → (text, "")."""
    if ":" in text:
        left, right = text.split(":", 1)
        return left, right
    return text, ""


@dataclass
class _Reading:
    """The state of one pass over the items: what was found and what a next item may continue."""

    spec: Vocabulary
    table: dict[str, list[str]]
    found: dict[str, list[Cell]] = field(default_factory=dict)
    pending: str | None = None  # a label line whose value may be on the lines below
    last_key: str | None = None  # the label of the last label/value row, and its table
    last_table: int | None = None
    above: dict[int, str] | None = None  # a row of labels alone: the label over each column
    above_table: int | None = None

    def label(self, text: str) -> str | None:
        return self.spec.match(split_label(text)[0], self.table)

    def line(self, text: str) -> None:
        """A paragraph line: a label (with its value after the colon), or a value under one."""
        left, right = split_label(text)
        key = self.spec.match(left, self.table)
        cut = self._next_label(right) if key else None
        if cut is not None:
            # A value that filled its line ran into the next "Label:", wrapped onto it.
            self.line(f"{left}:{right[:cut]}")
            self.line(right[cut:])
            return
        if key and (right.strip() or ":" in text or len(text) < 60):
            self.found.setdefault(key, [])
            if right.strip():
                self.found[key] = [Cell(items=[clean_ws(right)])]
                self.pending = None
            else:
                self.pending = key
            return
        if self.pending and text and not self.spec.section_of(text):
            if self.pending in self.spec.list_fields:
                # A list under its label, one entry per line, until the next label.
                self.found[self.pending] = [Cell(items=self._items(self.pending) + [text])]
                return
            self.found[self.pending] = [Cell(items=[text])]
        self.pending = None

    def _next_label(self, value: str) -> int | None:
        """Where the next "Label:" of the table begins inside ``value``, if it holds one: the
        words just before a colon that name a label best (the longest of equals)."""
        colon = value.find(":")
        if colon < 0:
            return None
        words = list(re.finditer(r"\S+", value[:colon]))
        best: tuple[float, int | None] = (0.0, None)
        # The first word is the value's own: a value is never empty.
        for first in range(len(words) - 1, max(len(words) - 7, 0), -1):
            _key, score = best_key(value[words[first].start():colon], self.table)
            if score > 0 and score >= best[0]:
                best = (score, words[first].start())
        return best[1]

    def _items(self, key: str) -> list[str]:
        return [i for c in self.found.get(key, []) for i in c.items]

    def row(self, item: Item) -> None:
        """A table row: label cells and the value cells beside them, or the values under a row of labels."""
        self.pending = None
        cells = item.filled
        above, self.above = self.above, None
        if above is not None and self.above_table == item.table and all(self.label(c.text) is None for _, c in cells):
            for index, key in above.items():
                if index < len(item.cells) and not item.cells[index].empty:
                    self.found[key] = [item.cells[index]]
            return
        labels = {i: self.label(c.text) for i, c in cells}
        if len(cells) > 1 and all(labels.values()) and not any(split_label(c.text)[1].strip() for _, c in cells):
            self.above, self.above_table = {i: k for i, k in labels.items() if k}, item.table
            for key in self.above.values():
                self.found.setdefault(key, [])
            return
        # A row whose label cell is blank continues the value of the row above ("Funcional: …"
        # then "Lineal: …" under one label merged down, or one relation per row).
        if item.cells and item.cells[0].empty and cells and self.last_key is not None \
                and self.last_table == item.table and all(self.label(c.text) is None for _, c in cells):
            self.found[self.last_key] = [Cell(items=self._items(self.last_key)
                                              + [i for _, c in cells for i in c.items])]
            return
        self.last_key = None
        index = 0
        while index < len(cells):
            index = self._cell(item, cells, index)

    def _cell(self, item: Item, cells: list[tuple[int, Cell]], index: int) -> int:
        """Read the cell at ``index`` (and the value beside it); the index of the next cell to read."""
        cell = cells[index][1]
        left, right = split_label(cell.text)
        key = self.spec.match(left, self.table) if len(left) < 80 else None
        if key is None:
            return index + 1
        if right.strip() or (":" in cell.text and len(cell.items) > 1):
            rest = [clean_ws(right)] if right.strip() else []
            self.found[key] = [Cell(items=rest + cell.items[1:])]
            return index + 1
        self.found.setdefault(key, [])
        step = 1
        following = cells[index + 1][1] if index + 1 < len(cells) else None
        if following is not None and self.label(following.text) is None:
            self.found[key] = [following]
            step = 2
        self.last_key, self.last_table = key, item.table
        return index + step


def label_values(items: list[Item], table: dict[str, list[str]], spec: Vocabulary) -> dict[str, list[Cell]]:
    """Values of the labels of ``table`` printed in ``items`` (label → cells; [] when blank)."""
    reading = _Reading(spec, table)
    for item in items:
        if item.is_row:
            reading.row(item)
        else:
            reading.line(item.text)
    return reading.found
