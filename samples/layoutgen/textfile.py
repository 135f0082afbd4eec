"""Write a composed document as a text dump in the seed's conventions (see extractor/readers/text.py).

``**…**`` bold lines, ``#`` headings for headings set in a bigger font, ``<b>`` bold labels, a tab
between cells, ``<br>`` between the lines of one cell, and blank lines where a page broke, with
the running header and footer lines a PDF dump would show there.
"""

from __future__ import annotations

import random
from pathlib import Path

from layoutgen.compose import Composed
from layoutgen.layout import Layout
from layoutgen.model import BULLETS, Cell, PageBreak, Table, Text, table_parts

_TXT_BULLETS = dict(BULLETS, wingdings="\uf0a7")


def _bullet(key: str) -> str:
    glyph = _TXT_BULLETS[key]
    return f"{glyph} " if glyph else ""


class _Writer:
    def __init__(self, doc: Composed, lay: Layout, pages: int) -> None:
        self.doc, self.lay, self.pages = doc, lay, pages
        self.lines: list[str] = []
        self.page = 1
        self.rng = random.Random(len(doc.elements))

    def page_break(self) -> None:
        footer = self.doc.footer_text.format(n=self.page, m=self.pages) if self.doc.footer_text else ""
        self.page += 1
        self.lines += (
            ["", ""]
            + ([footer, ""] if footer else [])
            + ([self.doc.header_text, ""] if self.doc.header_text else [])
            + [""]
        )

    def heading(self, text: str, level: int) -> None:
        style = self.lay.heading_style
        if style == "bold":
            line = f"**{text}**" if level == 1 or self.rng.random() < 0.5 else f"### {text}"
        elif style == "size":
            line = f"{'#' * (level + 1)} {text}"
        else:
            line = text
        self.lines += [line, ""]

    def text(self, element: Text) -> None:
        if element.kind == "title":
            self.lines += [f"**{element.text}**", ""]
        elif element.kind in {"h1", "h2"}:
            self.heading(element.text, 1 if element.kind == "h1" else 2)
        elif element.label:
            label = f"<b>{element.label}</b>" if self.lay.label_bold else element.label
            self.lines.append(f"{label} {element.text}".rstrip())
        elif element.kind == "label":
            self.lines.append(f"<b>{element.text}</b>" if self.lay.label_bold else f"<i>{element.text}</i>")
        elif element.kind == "note":
            self.lines += [f"<i>{element.text}</i>", ""]
        else:
            self.lines.append(_bullet(element.bullet) + element.text)

    def table(self, table: Table) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        for index, (rows, header) in enumerate(table_parts(table)):
            if index:
                self.page_break()
            for r, row in enumerate(rows):
                cells = []
                for value in row:
                    if not isinstance(value, Cell) or not value.lines:
                        cells.append("")
                        continue
                    text = "<br>".join(_bullet(value.bullet) + line for line in value.lines)
                    cells.append(f"<b>{text}</b>" if value.bold or r < header else text)
                self.lines.append("\t".join(cells))
        self.lines.append("")


def render_txt(doc: Composed, lay: Layout, path: Path) -> int:
    """Write ``doc`` as a text dump at ``path``; returns the number of (simulated) pages."""
    breaks = sum(isinstance(e, PageBreak) for e in doc.elements)
    breaks += sum(len(e.breaks) for e in doc.elements if isinstance(e, Table))
    writer = _Writer(doc, lay, breaks + 1)
    writer.lines += ["", ""] + ([doc.header_text, ""] if doc.header_text else [])
    for element in doc.elements:
        if isinstance(element, PageBreak):
            writer.page_break()
        elif isinstance(element, Text):
            writer.text(element)
        else:
            writer.table(element)
    if doc.footer_text:
        writer.lines += ["", doc.footer_text.format(n=writer.page, m=writer.pages)]
    path.write_text("\n".join(writer.lines) + "\n", encoding="utf-8")
    return writer.pages
