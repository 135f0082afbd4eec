"""The neutral document model every reader produces.

Readers turn a file into a :class:`Document`: an ordered list of blocks (headings,
paragraphs, tables whose cells may hold items and nested tables), each with the page it
starts on. Nothing here knows about POAIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass
class Table:
    """A table. ``col_edges`` are the x positions of its column borders where known (PDF)."""

    rows: list[Row]
    page: int | None = None
    col_edges: list[float] | None = None
    # False for a table seen only in the alignment of its text: its right edge is where its
    # longest text ends, not a drawn border.
    ruled: bool = True

    @property
    def ncols(self) -> int:
        """Number of grid columns."""
        return max((len(r.cells) for r in self.rows), default=0)


@dataclass
class Paragraph:
    """A paragraph of running text; ``heading`` when the source marks it as a heading."""

    text: str
    page: int | None = None
    bold: bool = False
    heading: bool = False


Block = Paragraph | Table


@dataclass
class Document:
    """A whole file, read: its format, page count (``None`` where there are no pages), blocks."""

    formato: str
    blocks: list[Block]
    paginas: int | None = None
