"""Document elements that every renderer (PDF, DOCX, text dump) knows how to draw."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

LEFT = "<"  # a grid position merged into the cell on its left
UP = "^"  # a grid position merged into the cell above

BULLETS = {"bullet": "•", "endash": "–", "hyphen": "-", "wingdings": "\uf0a7", "none": ""}


@dataclass
class Text:
    """A paragraph: a title, a heading, body text, a bulleted list line or a "Label: value" line."""

    text: str
    kind: str = "body"  # title | h1 | h2 | body | label | note
    label: str = ""  # printed before ``text`` (a "Label:" of a label/value line)
    bullet: str = "none"  # key of BULLETS


@dataclass
class Cell:
    """A table cell: one paragraph per line (list items), optionally bold, bulleted, or a nested table."""

    lines: list[str] = field(default_factory=list)
    bold: bool = False
    bullet: str = "none"
    align: str = "left"
    nested: Table | None = None
    soft: bool = False  # a code ("EXCLUYENTE") that may break mid-word in a narrow column


GridCell = Cell | str  # str is LEFT or UP


@dataclass
class Table:
    """A grid of cells; ``breaks`` are forced page breaks before a row (``cut``: the row before is split)."""

    rows: Sequence[Sequence[GridCell]]
    widths: list[float]  # fractions of the text width, adding up to 1
    header_rows: int = 0
    ruled: bool = True
    repeat_header: bool = False
    breaks: list[int] = field(default_factory=list)
    cut: bool = False  # a forced break cuts the row before it in two (its words shared out)
    fixed_widths: bool = False  # list cells were ordered for these widths: keep them


@dataclass
class PageBreak:
    """A forced page break between elements."""


Element = Text | Table | PageBreak


def cell(text: str | list[str] | None, bold: bool = False, bullet: str = "none", align: str = "left",
         soft: bool = False) -> Cell:
    """A cell from a text, a list of lines, or nothing."""
    if text is None:
        return Cell([], bold, bullet, align, soft=soft)
    lines = [text] if isinstance(text, str) else list(text)
    return Cell([x for x in lines if x != ""], bold, bullet, align, soft=soft)


def cell_text(value: GridCell) -> str:
    """The plain text of a grid position (merged positions are blank)."""
    if isinstance(value, str):
        return ""
    return " ".join(value.lines)


def _split_cell(value: GridCell) -> tuple[GridCell, GridCell]:
    """A cell cut by a page break: the first half of its words, then the rest (numbers stay on top)."""
    if isinstance(value, str) or value.nested is not None or value.align == "center":
        return value, Cell([], value.bold if isinstance(value, Cell) else False)
    if len(value.lines) > 1:
        half = (len(value.lines) + 1) // 2
        return (
            Cell(value.lines[:half], value.bold, value.bullet, value.align),
            Cell(value.lines[half:], value.bold, value.bullet, value.align),
        )
    words = " ".join(value.lines).split()
    if len(words) < 2:
        return value, Cell([], value.bold)
    half = (len(words) + 1) // 2
    return (
        Cell([" ".join(words[:half])], value.bold, value.bullet, value.align),
        Cell([" ".join(words[half:])], value.bold, "none", value.align),
    )


def cuttable(row: Sequence[GridCell]) -> bool:
    """A row a page break may cut: no merged positions, and some cell long enough to share out."""
    if any(isinstance(v, str) for v in row):
        return False
    return any(len(" ".join(v.lines).split()) >= 6 for v in row if isinstance(v, Cell) and v.align != "center")


def table_parts(table: Table, allow_cut: bool = True) -> list[tuple[list[list[GridCell]], int]]:
    """The pieces of a table between its forced page breaks: (rows, header rows of the piece).

    ``allow_cut`` false: a Word table row is one row even across pages, so no row is shared out.
    """
    parts: list[tuple[list[list[GridCell]], int]] = []
    start = 0
    carry: list[GridCell] | None = None
    header = table.rows[: table.header_rows]
    for index, at in enumerate(sorted(table.breaks) + [len(table.rows)]):
        rows = [list(r) for r in table.rows[start:at]]
        last = index == len(table.breaks)
        if not last and table.cut and allow_cut and rows and cuttable(rows[-1]):
            pieces = [_split_cell(v) for v in rows[-1]]
            rows[-1] = [a for a, _ in pieces]
            next_carry: list[GridCell] | None = [b for _, b in pieces]
        else:
            next_carry = None
        head = 0
        if start == 0:
            head = table.header_rows
        elif table.repeat_header:
            rows = [list(r) for r in header] + rows
            head = table.header_rows
        if carry is not None:
            rows.insert(head, carry)
        parts.append((rows, head))
        carry = next_carry
        start = at
    return parts
