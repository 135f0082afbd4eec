"""Excel workbooks (.xlsx) with openpyxl: each visible sheet's cells as paragraphs and tables.

A sheet is read as the officer sees it:

- Hidden sheets, rows and columns are left out. Values are printed as the sheet shows them
  (:mod:`.xlsx_values`): numbers through their number format, dates as ISO dates, formulas
  by their cached value.
- A merged cell is one cell: its ``span`` counts the grid columns it covers; the rows below a
  vertical merge get an empty cell (its value is read once, like a Word merge).
- Tables are runs of rows limited by blank rows and by borders: bordered rows make a ruled
  table, a run of unbordered rows with two or more filled cells an unruled one. A row whose
  only filled cell is merged across the form (from its first column over at least three
  quarters of its width: a title bar, a long text in a merged block),
  or a lone filled cell outside any bordered row, is a paragraph. Columns no row of a table
  starts a cell in (covered by merges everywhere, or empty everywhere) are not columns of it.
- Bold comes from the cell's font; a paragraph set in a font clearly bigger than the sheet's
  usual size is a heading.
- Sheets of instructions are left out, by layout: when some sheet of the workbook has a
  bordered table (a form), a sheet with none (prose, notes, an unruled list of steps) is not
  read. When no sheet has a bordered table, the sheets with tables are read; when none has a
  table, every sheet is.

Each block's ``page`` is its sheet's position among the workbook's visible sheets (the tab
the officer sees); ``paginas`` is the number of sheets read. The reader knows no POAI: a
workbook that holds none (a unit POA, say) is told by the later stages (:mod:`extractor.pipeline`).
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from extractor.errors import REEXPORT, DamagedFileError
from extractor.model.document import Block, Cell, Document, Paragraph, Row, Table
from extractor.readers import package
from extractor.readers.registry import ReadOptions
from extractor.readers.xlsx_values import cell_text
from extractor.textnorm import clean_ws

# A paragraph set this much bigger than the sheet's usual font size is a heading (as in Word).
_HEADING_RATIO = 1.15
# A lone cell merged from the form's first column over this share of its width spans the form.
_FULL_SHARE = 0.75


class XlsxReader:
    """The reader of Excel workbooks (.xlsx)."""

    formats: tuple[str, ...] = ("xlsx",)

    def read(self, data: bytes, options: ReadOptions) -> Document:
        """The document of a workbook (format detection has checked its zip-bomb limits)."""
        return read_xlsx(data)


# The parts a workbook cannot be read without.
_NEEDED = ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels")


def _open(data: bytes) -> Any:
    """The workbook opened by openpyxl; a damaged one raises DamagedFileError naming the part
    that is damaged (:mod:`extractor.readers.package`)."""
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except package.PACKAGE_ERRORS as exc:
        what = package.explain(data, exc, _NEEDED)
        raise DamagedFileError(f"El libro Excel está dañado: {what}; {REEXPORT}.") from exc


def read_xlsx(data: bytes) -> Document:
    """Read an .xlsx file's bytes into a Document."""
    book = _open(data)
    visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
    sheets = [(number, _Sheet.of(sheet)) for number, sheet in enumerate(visible, 1)]
    blocks_by_sheet = [(number, sheet.blocks(number)) for number, sheet in sheets]
    chosen = _form_sheets(blocks_by_sheet)
    blocks: list[Block] = [block for _, sheet_blocks in chosen for block in sheet_blocks]
    return Document(formato="xlsx", blocks=blocks, paginas=len(chosen))


def _form_sheets(sheets: list[tuple[int, list[Block]]]) -> list[tuple[int, list[Block]]]:
    """The sheets that hold the form: instruction sheets left out by layout (see the module doc)."""
    ruled = [s for s in sheets if any(isinstance(b, Table) and b.ruled for b in s[1])]
    if ruled:
        return ruled
    tabled = [s for s in sheets if any(isinstance(b, Table) for b in s[1])]
    return tabled or [s for s in sheets if s[1]]


@dataclass
class _Slot:
    """One visible grid position: its text and font, and how merges cover it."""

    items: list[str] = field(default_factory=list)
    bold: bool = False
    size: float | None = None
    bordered: bool = False
    anchor_of: tuple[int, int] | None = None  # a merge's first visible position: (last row index, last col index)
    covered_by: tuple[int, int] | None = None  # covered by the merge anchored at (row index, col index)

    @property
    def text(self) -> str:
        return " ".join(self.items)


def _visible_indices(count_from: int, count_to: int, hidden: set[int]) -> list[int]:
    return [i for i in range(count_from, count_to + 1) if i not in hidden]


def _hidden_columns(sheet: Any) -> set[int]:
    hidden: set[int] = set()
    for dimension in sheet.column_dimensions.values():
        if dimension.hidden or (dimension.customWidth and dimension.width == 0):
            low, high = dimension.min or 0, dimension.max or dimension.min or 0
            hidden.update(range(low, high + 1))
    return hidden


def _hidden_rows(sheet: Any) -> set[int]:
    return {index for index, dimension in sheet.row_dimensions.items()
            if dimension.hidden or (dimension.customHeight and dimension.ht == 0)}


def _has_border(cell: Any) -> bool:
    border = getattr(cell, "border", None)
    if border is None:
        return False
    return any(getattr(side, "style", None) for side in (border.left, border.right, border.top, border.bottom))


def _lines(text: str) -> list[str]:
    return [line for line in (clean_ws(part) for part in text.replace("\r", "\n").split("\n")) if line]


def _merges(sheet: Any, slots: list[list[_Slot]], row_at: dict[int, int],
            col_at: dict[int, int]) -> dict[tuple[int, int], tuple[int, int]]:
    """Mark the slots merges cover; returns where each merge's value (sheet row, col) is shown."""
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        inside_rows = [row_at[r] for r in range(merged.min_row, merged.max_row + 1) if r in row_at]
        inside_cols = [col_at[c] for c in range(merged.min_col, merged.max_col + 1) if c in col_at]
        if not inside_rows or not inside_cols:
            continue
        top, left = inside_rows[0], inside_cols[0]
        slots[top][left].anchor_of = (inside_rows[-1], inside_cols[-1])
        anchors[(merged.min_row, merged.min_col)] = (top, left)
        bordered = any(_has_border(sheet.cell(r, c)) for r in (merged.min_row, merged.max_row)
                       for c in range(merged.min_col, merged.max_col + 1))
        for i in inside_rows:
            for j in inside_cols:
                slots[i][j].bordered = bordered
                if (i, j) != (top, left):
                    slots[i][j].covered_by = (top, left)
    return anchors


def _fill_slot(slot: _Slot, cell: Any, sizes: Counter[float]) -> None:
    """Give a slot the printed text and font of ``cell``; count the text's font size."""
    text = cell_text(cell.value, cell.number_format)
    if not text:
        return
    slot.items = _lines(text)
    font = cell.font
    slot.bold = bool(font is not None and font.b)
    slot.size = float(font.sz) if font is not None and font.sz else None
    if slot.size is not None:
        sizes[slot.size] += len(text)


@dataclass
class _Sheet:
    """A sheet's visible grid."""

    slots: list[list[_Slot]]
    body_size: float | None

    @classmethod
    def of(cls, sheet: Any) -> _Sheet:
        hidden_rows, hidden_cols = _hidden_rows(sheet), _hidden_columns(sheet)
        rows = _visible_indices(sheet.min_row, sheet.max_row, hidden_rows)
        cols = _visible_indices(sheet.min_column, sheet.max_column, hidden_cols)
        slots = [[_Slot() for _ in cols] for _ in rows]
        anchors = _merges(sheet, slots, {r: i for i, r in enumerate(rows)}, {c: j for j, c in enumerate(cols)})
        sizes: Counter[float] = Counter()
        for i, r in enumerate(rows):
            for j, c in enumerate(cols):
                if slots[i][j].covered_by is None:
                    cell = sheet.cell(r, c)
                    slots[i][j].bordered = slots[i][j].bordered or _has_border(cell)
                    where = anchors.pop((r, c), (i, j))
                    _fill_slot(slots[where[0]][where[1]], cell, sizes)
        # A merge whose value sits in a hidden row or column still shows it in its visible part.
        for (r, c), (i, j) in anchors.items():
            _fill_slot(slots[i][j], sheet.cell(r, c), sizes)
        body = max(sizes, key=lambda s: sizes[s]) if sizes else None
        return cls(slots, body)

    def _extent(self) -> tuple[int, int]:
        """The first and last column of the form: those of rows of several cells and of merges (a stray
        note beside the form does not widen it); of any text when there is neither."""
        used: list[int] = []
        for row in self.slots:
            filled = [(j, s.anchor_of[1] if s.anchor_of else j) for j, s in enumerate(row) if s.items]
            if len(filled) > 1:
                used += [filled[0][0], max(last for _, last in filled)]
            used += [k for j, last in filled if last > j for k in (j, last)]
        if not used:
            used = [j for row in self.slots for j, s in enumerate(row) if s.items]
        return (min(used), max(used)) if used else (0, -1)

    def _row_kind(self, i: int, width: tuple[int, int]) -> str:
        """"blank", "paragraph" (one filled cell across the width, or alone without borders) or "row"."""
        row = self.slots[i]
        filled = [j for j, s in enumerate(row) if s.items]
        if not filled:
            covered = any(s.covered_by is not None and self.slots[s.covered_by[0]][s.covered_by[1]].items
                          for s in row)
            return "row" if covered and any(s.bordered for s in row) else "blank"
        if len(filled) > 1:
            return "row"
        j = filled[0]
        slot = row[j]
        last = slot.anchor_of[1] if slot.anchor_of else j
        vertical = slot.anchor_of is not None and slot.anchor_of[0] > i
        # Across the form: from its first column over most of its width (a bar merged a column short).
        full = j <= width[0] and last > j and last - j + 1 >= _FULL_SHARE * (width[1] - width[0] + 1)
        if full and not vertical or not any(s.bordered for s in row[width[0]:width[1] + 1]):
            return "paragraph"
        return "row"

    def blocks(self, page: int) -> list[Block]:
        """The sheet's paragraphs and tables in reading order."""
        width = self._extent()
        blocks: list[Block] = []
        run: list[int] = []
        ruled = False

        def flush() -> None:
            if run:
                blocks.append(self._table(run, page, ruled))
                run.clear()

        for i in range(len(self.slots)):
            kind = self._row_kind(i, width)
            if kind == "blank":
                flush()
            elif kind == "paragraph":
                flush()
                blocks.extend(self._paragraphs(i, page))
            else:
                bordered = any(s.bordered for s in self.slots[i] if s.items or s.covered_by)
                if run and bordered != ruled:
                    flush()
                ruled = bordered
                run.append(i)
        flush()
        return blocks

    def _paragraphs(self, i: int, page: int) -> list[Paragraph]:
        slot = next(s for s in self.slots[i] if s.items)
        heading = (slot.size is not None and self.body_size is not None
                   and slot.size >= _HEADING_RATIO * self.body_size)
        return [Paragraph(text=line, page=page, bold=slot.bold, heading=heading) for line in slot.items]

    def _table(self, run: list[int], page: int, ruled: bool) -> Table:
        starts = sorted({j for i in run for j, s in enumerate(self.slots[i])
                         if s.covered_by is None and (s.items or s.anchor_of)})
        rows: list[Row] = []
        for i in run:
            cells: list[Cell] = []
            for j in starts:
                slot = self.slots[i][j]
                if slot.covered_by is not None:
                    cells.append(Cell())
                    continue
                last = slot.anchor_of[1] if slot.anchor_of else j
                span = sum(1 for k in starts if j <= k <= last)
                cells.append(Cell(items=list(slot.items), bold=slot.bold and bool(slot.items), span=span))
            rows.append(Row(cells=cells, page=page))
        return Table(rows=rows, page=page, ruled=ruled)
