"""The neutral document model every reader produces.

Readers turn a file into a :class:`Document`: an ordered list of blocks (headings,
paragraphs, tables whose cells may hold items and nested tables), each with the page it
starts on. Nothing here knows about POAIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Geometry is written with one decimal: enough to see a change that matters, and stable
# against the last bits of floating point a refactor may move.
_DECIMALS = 1


# Geometry is first rounded to this many decimals: the last bits of a value differ between PDF
# engines (pdfium computes positions in single precision, pdfminer in double), and a value that
# is a tie at one decimal (4.15, read 4.150000000000001 or 4.1499999999999995) must be written
# alike by both.
_NOISE_DECIMALS = 6


def _rounded(value: float | None) -> float | None:
    if value is None:
        return None
    return round(round(value, _NOISE_DECIMALS), _DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0


@dataclass
class Cell:
    """One grid position of a table.

    ``items`` are the cell's paragraphs (one per line the author started), ``tables`` the
    tables nested in it. A position covered by a merged cell is an empty cell.
    """

    items: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    bold: bool = False
    # Where the format has geometry (PDF): the free space left at the end of the cell's last
    # line and the mean width of its characters, in points. Tells a wrapped line from a
    # finished paragraph.
    room: float | None = None
    char_width: float | None = None
    # How many grid columns the cell covers (a merged cell covers several).
    span: int = 1

    @property
    def text(self) -> str:
        """The cell's text, its items joined by one space."""
        return " ".join(i for i in self.items if i)

    @property
    def empty(self) -> bool:
        """True when the cell holds neither text nor a nested table."""
        return not self.text and not self.tables

    def to_dict(self) -> dict[str, Any]:
        """The cell as JSON-ready data; fields holding their default are left out (an empty cell is ``{}``)."""
        data: dict[str, Any] = {}
        if self.items:
            data["items"] = list(self.items)
        if self.bold:
            data["bold"] = True
        if self.span != 1:
            data["span"] = self.span
        if self.room is not None:
            data["room"] = _rounded(self.room)
        if self.char_width is not None:
            data["char_width"] = _rounded(self.char_width)
        if self.tables:
            data["tables"] = [table.to_dict() for table in self.tables]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cell:
        """The cell written by :meth:`to_dict`."""
        return cls(items=list(data.get("items", [])), tables=[Table.from_dict(t) for t in data.get("tables", [])],
                   bold=bool(data.get("bold", False)), room=data.get("room"), char_width=data.get("char_width"),
                   span=int(data.get("span", 1)))


@dataclass
class Row:
    """A table row: its cells (one per grid column) and the page it starts on."""

    cells: list[Cell]
    page: int | None = None

    @property
    def texts(self) -> list[str]:
        """The text of each cell."""
        return [c.text for c in self.cells]

    @property
    def filled(self) -> list[Cell]:
        """The non-empty cells."""
        return [c for c in self.cells if not c.empty]

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON-ready data."""
        return {"page": self.page, "cells": [cell.to_dict() for cell in self.cells]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Row:
        """The row written by :meth:`to_dict`."""
        return cls(cells=[Cell.from_dict(c) for c in data["cells"]], page=data.get("page"))


@dataclass
class Table:
    """A table. ``col_edges`` are the x positions of its column borders where known (PDF)."""

    rows: list[Row]
    page: int | None = None
    col_edges: list[float] | None = None
    # False for a table seen only in the alignment of its text: its right edge is where its
    # longest text ends, not a drawn border.
    ruled: bool = True
    # A table seen in the alignment of its text with a two-row header: the columns its second
    # row names under a merged parent (how the reader cut the header; not serialised).
    header_under: frozenset[int] = frozenset()

    @property
    def ncols(self) -> int:
        """Number of grid columns."""
        return max((len(r.cells) for r in self.rows), default=0)

    def to_dict(self) -> dict[str, Any]:
        """The table as JSON-ready data (``kind: "table"``)."""
        edges = None if self.col_edges is None else [_rounded(x) for x in self.col_edges]
        return {"kind": "table", "page": self.page, "ruled": self.ruled, "col_edges": edges,
                "rows": [row.to_dict() for row in self.rows]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Table:
        """The table written by :meth:`to_dict`."""
        return cls(rows=[Row.from_dict(r) for r in data["rows"]], page=data.get("page"),
                   col_edges=data.get("col_edges"), ruled=bool(data.get("ruled", True)))


@dataclass
class Paragraph:
    """A paragraph of running text; ``heading`` when the source marks it as a heading."""

    text: str
    page: int | None = None
    bold: bool = False
    heading: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The paragraph as JSON-ready data (``kind: "paragraph"``)."""
        return {"kind": "paragraph", "page": self.page, "text": self.text, "bold": self.bold, "heading": self.heading}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paragraph:
        """The paragraph written by :meth:`to_dict`."""
        return cls(text=data["text"], page=data.get("page"), bold=bool(data.get("bold", False)),
                   heading=bool(data.get("heading", False)))


Block = Paragraph | Table


@dataclass
class Document:
    """A whole file, read: its format, page count (``None`` where there are no pages), blocks."""

    formato: str
    blocks: list[Block]
    paginas: int | None = None
    # Pages read by OCR: the record's ``ocr`` object (engine, mean confidence, pages); None otherwise.
    ocr: dict[str, Any] | None = None
    # Words OCR read with little confidence: a value holding one is doubtful.
    ocr_doubtful: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The document as JSON-ready data, stable across runs: blocks in order, each with its
        ``kind``; geometry rounded to one decimal, so two reads of one file compare equal."""
        data: dict[str, Any] = {"formato": self.formato, "paginas": self.paginas,
                                "blocks": [block.to_dict() for block in self.blocks]}
        if self.ocr is not None:
            data["ocr"] = dict(self.ocr)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """The document written by :meth:`to_dict` (geometry keeps its rounding)."""
        blocks: list[Block] = [Table.from_dict(b) if b["kind"] == "table" else Paragraph.from_dict(b)
                               for b in data["blocks"]]
        return cls(formato=data["formato"], blocks=blocks, paginas=data.get("paginas"))
