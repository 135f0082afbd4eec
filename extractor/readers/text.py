"""Text dumps (.txt, .md) written like the seed: bold headings, tab-separated cells.

Conventions: ``**…**`` or ``#`` lines are headings; ``<b>``/``<i>`` mark labels; a tab
separates cells; ``<br>`` breaks a line inside a cell; blank lines between rows of a table
are where a page broke it (the tables are stitched back by :mod:`extractor.layout.stitching`).
"""

from __future__ import annotations

import re

from extractor.model.document import Block, Cell, Document, Paragraph, Row, Table
from extractor.readers.furniture import is_page_number
from extractor.readers.registry import ReadOptions
from extractor.textnorm import clean_ws

_TAG = re.compile(r"</?(?:b|i|u|strong|em|span)(?:\s[^>]*)?>", re.IGNORECASE)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HEADING = re.compile(r"^\s*(#{1,6}\s+|\*{2,3}(?=\S))")


def _cell(raw: str) -> Cell:
    bold = bool(re.search(r"<(b|strong)>", raw, re.IGNORECASE)) or raw.strip().startswith("**")
    text = _TAG.sub("", raw).replace("**", "")
    items = [clean_ws(part) for part in _BR.split(text)]
    return Cell(items=[i for i in items if i], bold=bold)


def _paragraph(line: str) -> Paragraph:
    heading = bool(_HEADING.match(line))
    stripped = re.sub(r"^\s*#{1,6}\s+", "", line)
    # Bold or italic labels are emphasised lines: candidates for headings.
    bold = heading or bool(re.match(r"\s*<(b|strong|i|em)>", stripped, re.IGNORECASE))
    text = clean_ws(_BR.sub(" ", _TAG.sub("", stripped)).replace("*", " ") if stripped.strip().startswith("*")
                    else _BR.sub(" ", _TAG.sub("", stripped)).replace("**", ""))
    return Paragraph(text=text, bold=bold, heading=heading)


def _plain(line: str) -> str:
    """A line's text without markup."""
    return _TAG.sub("", line).replace("*", "").strip()


class TextReader:
    """The reader of text dumps."""

    formats: tuple[str, ...] = ("txt",)

    def read(self, data: bytes, options: ReadOptions) -> Document:
        """The document of a text dump."""
        return read_text(data)


def read_text(data: bytes) -> Document:
    """Read a text dump's bytes (UTF-8, else Windows-1252) into a Document."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    blocks: list[Block] = []
    table: Table | None = None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((_plain(line) for line in lines if line.strip()), "")
    after_break = False
    for line in lines:
        if not line.strip() or is_page_number(_plain(line), bare=False):
            # A blank line ends a table; page breaks are stitched later. A page number printed
            # at the break is furniture, not text: the table on both sides of it is one table.
            after_break = after_break or bool(line.strip())
            table = None
            continue
        if after_break and _plain(line) == first:
            after_break = False
            continue  # the page's running header: the dump's first line again, after a break
        after_break = False
        if "\t" in line:
            row = Row(cells=[_cell(part) for part in line.split("\t")])
            if table is None:
                table = Table(rows=[])
                blocks.append(table)
            table.rows.append(row)
            continue
        table = None
        # A "<br>" outside a table breaks the line: each part is a line of its own (one
        # entry of a list written in one cell of the original, say).
        for part in _BR.split(line):
            paragraph = _paragraph(part)
            if paragraph.text:
                blocks.append(paragraph)
    for block in blocks:
        if isinstance(block, Table):
            width = block.ncols
            for row in block.rows:
                row.cells.extend(Cell() for _ in range(width - len(row.cells)))
    return Document(formato="txt", blocks=blocks, paginas=None)
