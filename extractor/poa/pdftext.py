"""A POA printed to PDF without ruling lines (Excel with no borders): rows and columns from word positions.

Words on the same baseline make a line; words close together make a chunk (a cell's text, since
inside a cell words are one space apart and between cells the gap is wider). The columns start
where chunks of several lines start; each chunk goes to the column whose start is at or left of
it. A cell that wraps gives a second line with blanks where the other cells ended; the tree
reads it as the continuation of the text above.
"""

from __future__ import annotations

from typing import Any

from extractor.poa.sources import Cell
from extractor.textnorm import clean_ws

_LINE_TOLERANCE = 2.0  # points between the tops of words on one line
_GAP = 0.45  # a gap wider than this many font sizes separates two cells
_ALIGN = 3.0  # chunks starting within this many points start the same column


def _lines(page: Any) -> list[list[tuple[float, str]]]:
    """A page's lines of chunks (x where the chunk starts, its text), top to bottom."""
    words = sorted(page.extract_words(keep_blank_chars=False), key=lambda w: (round(w["top"]), w["x0"]))
    lines: list[list[dict[str, Any]]] = []
    for word in words:
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= _LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    result = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        chunks: list[tuple[float, str]] = []
        end = None
        for word in line:
            size = max(word["bottom"] - word["top"], 1.0)
            if end is not None and word["x0"] - end <= _GAP * size:
                chunks[-1] = (chunks[-1][0], f"{chunks[-1][1]} {word['text']}")
            else:
                chunks.append((word["x0"], word["text"]))
            end = word["x1"]
        result.append(chunks)
    return result


def _starts(pages: list[list[list[tuple[float, str]]]]) -> list[float]:
    """Column starts: x positions where chunks of at least two lines begin."""
    xs = sorted(x for lines in pages for line in lines for x, _ in line)
    groups: list[list[float]] = []
    for x in xs:
        if groups and x - groups[-1][-1] <= _ALIGN:
            groups[-1].append(x)
        else:
            groups.append([x])
    return [group[0] for group in groups if len(group) >= 2]


def text_rows(pdf_pages: list[Any]) -> list[tuple[int, list[Cell]]]:
    """The rows of an unruled PDF (page number, cells), every row with the same columns."""
    pages = [_lines(page) for page in pdf_pages]
    starts = _starts(pages) or [0.0]
    rows = []
    for number, lines in enumerate(pages, 1):
        for line in lines:
            texts = [""] * len(starts)
            for x, text in line:
                column = max((i for i, s in enumerate(starts) if s <= x + _ALIGN), default=0)
                texts[column] = clean_ws(f"{texts[column]} {text}")
            rows.append((number, [Cell(t) for t in texts]))
    return rows
