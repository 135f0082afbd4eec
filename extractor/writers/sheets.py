"""How a streamed sheet shows on screen and on paper: print settings, wrapped text, row heights,
and the cells Excel must not flag.

openpyxl neither measures text (no autofit) nor writes ``<ignoredErrors>``; this module does
both: the lines a text takes in a column are estimated from Calibri's character widths, and
the ignored-errors element is written by openpyxl's own serialiser at its place in the sheet.
"""

from __future__ import annotations

import math
from typing import Any

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.descriptors import Convertible
from openpyxl.packaging.relationship import Relationship
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.errors import IgnoredError, IgnoredErrors
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.xml.constants import REL_NS
from openpyxl.xml.functions import Element, SubElement

LINE_HEIGHT = 15.0  # points per line of Calibri 11 (Excel's default row height)
MAX_HEIGHT = 409.0  # the tallest row Excel allows
# Widths in widths of a "0", measured with Carlito (Calibri's metrics) over the sample POAIs' text:
# capitals 1.01, small letters and signs 0.85, spaces 0.45; a little margin on top. A text all in
# capitals is measured with the first, any other with the second.
_SPACE = 0.45
_UPPER = 1.02
_LOWER = 0.87
_BOLD = 1.06
# The room for text in a column w wide (measured in LibreOffice with Carlito: a line of 47.4
# "0" fits a column 50 wide, the next word would not): Excel, with whole-pixel glyphs, fits more.
_ROOM = 0.95


def _factor(text: str) -> float:
    """The mean width of a character of ``text``: capitals are wider (names and units are often
    written in capitals; a sentence has few)."""
    return _UPPER if text.isupper() else _LOWER


def _word_width(word: str) -> float:
    return len(word) * _factor(word)


def text_lines(text: str, width: float, bold: bool = False) -> int:
    """The lines ``text`` takes when wrapped in a column ``width`` characters wide (Excel's unit:
    the width of a "0"): words are laid out greedily as Excel does; a word longer than the line
    is cut."""
    room = max(width * _ROOM, 1.0)
    char = _factor(text) * (_BOLD if bold else 1.0)
    if len(text) * char <= room and "\n" not in text:
        return 1  # the common case, without measuring each word
    lines = 0
    space = _SPACE / char  # in characters
    limit = room / char  # characters of mean width on a line
    for paragraph in text.split("\n"):
        used, count = 0.0, 1
        for word in paragraph.split():
            size = len(word)
            if used and used + space + size <= limit:
                used += space + size
                continue
            if used:
                count += 1
            extra = math.ceil(size / limit) - 1 if size > limit else 0
            count += extra
            used = size - extra * limit
        lines += count
    return lines


def fit_width(text: str, bold: bool = False) -> float:
    """The column width that shows ``text`` on one line."""
    return _word_width(text) * (_BOLD if bold else 1.0) / _ROOM + 0.5


def row_height(lines: int) -> float:
    """The height in points of a row whose tallest cell has ``lines`` lines."""
    return min(MAX_HEIGHT, lines * LINE_HEIGHT + 2.0)


def setup_print(sheet: Any, *, landscape: bool = True, one_page: bool = False, title_rows: int | None = 1) -> None:
    """Page settings of a sheet: landscape, one page wide (``one_page``: the whole sheet on one
    page), the header row repeated on every page, page numbers in the footer."""
    setup = sheet.page_setup
    setup.orientation = "landscape" if landscape else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 1 if one_page else 0  # 0: as many pages tall as it takes
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    sheet.print_options.horizontalCentered = one_page
    if title_rows:
        sheet.print_title_rows = f"1:{title_rows}"
    sheet.oddHeader.center.text = "&A"  # the sheet's name
    sheet.oddFooter.left.text = "Consolidado de POAI"
    sheet.oddFooter.right.text = "Página &P de &N"


class _IgnoredError(IgnoredError):  # type: ignore[misc]
    """openpyxl's IgnoredError, with its cell ranges written: openpyxl declares ``sqref`` as a
    bare class, not a descriptor, so it never reaches the file."""

    sqref = Convertible(expected_type=MultiCellRange)
    __attrs__ = ("sqref", *IgnoredError.__attrs__)


_NONE_IGNORED = dict.fromkeys(("evalError", "twoDigitTextYear", "formula", "formulaRange", "unlockedFormula",
                               "emptyCellReference", "listDataValidation", "calculatedColumn"))


class _Writer(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's sheet writer, plus what it does not write or writes slowly:

    - the ``<ignoredErrors>`` element (openpyxl has its class, :class:`IgnoredErrors`, but no place
      for it in the sheet); the schema puts it after the page breaks and before the drawing;
    - links to files, one per row of a record sheet: openpyxl makes an object and a relationship
      per link; here the links of one file share one relationship, and are serialised directly.
    """

    ignored: IgnoredErrors | None = None

    def __init__(self, sheet: Any) -> None:
        super().__init__(sheet)
        self.links: list[tuple[str, str]] = []  # (cell, target)

    def write_breaks(self) -> None:
        super().write_breaks()
        if self.ignored is not None:
            self.xf.send(self.ignored.to_tree())

    def write_hyperlinks(self) -> None:
        if not self.links:
            super().write_hyperlinks()
            return
        ids: dict[str, str] = {}
        element = Element("hyperlinks")
        for link in self.ws._hyperlinks:  # any made through openpyxl cells: one element holds all
            if link.target:
                relation = Relationship(type="hyperlink", TargetMode="External", Target=link.target)
                self._rels.append(relation)
                link.id = relation.Id
            element.append(link.to_tree())
        for ref, target in self.links:
            rel_id = ids.get(target)
            if rel_id is None:
                relation = Relationship(type="hyperlink", TargetMode="External", Target=target)
                self._rels.append(relation)
                rel_id = ids[target] = relation.Id
            SubElement(element, "hyperlink", {"ref": ref, f"{{{REL_NS}}}id": rel_id})
        self.xf.send(element)


def _fast_rows(sheet: Any) -> Any:
    """The row converter of a write-only sheet, without openpyxl's slow path for styled cells:
    openpyxl first tries each value as a plain value and, for a cell, formats and raises an
    error before taking it (a repr, a message and an exception per styled cell)."""

    def values_to_row(values: list[Any], row_idx: int) -> Any:
        plain = WriteOnlyCell(sheet)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                plain.value = value
                cell = plain
            cell.column = col_idx
            cell.row = row_idx
            if cell.hyperlink is not None:
                cell.hyperlink.ref = cell.coordinate
            yield cell
            if cell is plain and (cell.has_style or cell.hyperlink):
                plain = WriteOnlyCell(sheet)

    return values_to_row


def text_columns_writer(sheet: Any) -> _Writer:
    """Give a write-only sheet, before its first row, the writer that can mark columns whose
    numbers are text on purpose (see :func:`ignore_number_as_text`) and link cells to files
    (``writer.links.append((cell, target))``)."""
    writer = _Writer(sheet)
    writer.write_top()
    sheet._writer = writer  # what WriteOnlyWorksheet._get_writer() would make, without the element
    sheet._values_to_row = _fast_rows(sheet)
    return writer


def ignore_number_as_text(writer: _Writer, columns: list[int], last_row: int) -> None:
    """Tell Excel that the cells of ``columns`` (1-based, from row 2) hold numbers as text on
    purpose (an item "0123" is a code, not a number): no green triangle, no warning."""
    if not columns or last_row < 2:
        return
    ranges = " ".join(f"{get_column_letter(c)}2:{get_column_letter(c)}{last_row}" for c in columns)
    error = _IgnoredError(sqref=ranges, numberStoredAsText=True, **_NONE_IGNORED)
    writer.ignored = IgnoredErrors(ignoredError=[error])
