"""Characters → words → lines, and lines → the items of a cell or paragraph.

Inside a cell or paragraph, a line break is kept as the start of a new item only when the
next line's first word would have fitted on the line before (the author pressed Enter);
otherwise the lines are one wrapped item.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, TypedDict, cast

from pdfplumber.utils.geometry import objects_to_bbox

from extractor.textnorm import clean_ws

# A gap wider than this many font sizes separates two columns of text.
COLUMN_GAP_EM = 1.5
# A gap wider than this many font sizes separates two words.
WORD_GAP_EM = 0.15
_BULLETS = "•·▪►■◦●-–*"
# A glyph without a Unicode mapping ("(cid:127)") is nearly always a list bullet.
_CID = re.compile(r"^\(cid:\d+\)$")
# Typographic ligatures are one glyph for several letters: the text is the letters.
_LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


class PdfChar(TypedDict):
    """The keys poai reads of a pdfplumber character (``page.chars``; pdfplumber has more)."""

    text: str
    fontname: str
    size: float
    x0: float
    x1: float
    top: float
    bottom: float
    upright: bool


# A word: its text and horizontal extent (text, x0, x1).
Word = tuple[str, float, float]


@dataclass
class Line:
    """A line of text: its words with their extents."""

    words: list[Word]
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def x0(self) -> float:
        """Left edge."""
        return self.words[0][1]

    @property
    def x1(self) -> float:
        """Right edge."""
        return self.words[-1][2]

    @property
    def text(self) -> str:
        """The words, one space apart."""
        return " ".join(w[0] for w in self.words)

    def segments(self, starts: list[float] | None = None) -> list[Line]:
        """The line cut where a gap is wide enough to separate columns, or, when the column
        ``starts`` of a table are known, wherever a word begins a column after a space."""
        parts: list[list[Word]] = [[self.words[0]]]
        for word in self.words[1:]:
            gap = word[1] - parts[-1][-1][2]
            at_column = starts is not None and gap > 0.4 * self.size and any(
                abs(word[1] - x) <= 2.5 for x in starts) and word[1] > parts[-1][0][1] + 2.5
            if gap > COLUMN_GAP_EM * self.size or at_column:
                parts.append([word])
            else:
                parts[-1].append(word)
        return [Line(p, self.top, self.bottom, self.size, self.bold) for p in parts]


def group_lines(chars: list[PdfChar]) -> list[Line]:
    """Group characters into lines (by vertical position) and words (by gaps)."""
    return [_line(group) for group in _line_groups(chars)]


def _line_groups(chars: list[PdfChar]) -> list[list[PdfChar]]:
    # Not pdfplumber's cluster_objects: it takes one tolerance for every line and chains (tops
    # a, a+4, a+8 become one cluster at tolerance 5). Here a character joins a line when its
    # top is within half the font size of the line's first character: a big initial beside
    # small text on one baseline stays one line, and staggered tops never weld several lines.
    groups: list[list[PdfChar]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if groups:
            ref = groups[-1][0]
            if abs(char["top"] - ref["top"]) <= 0.5 * max(ref["size"], 1.0):
                groups[-1].append(char)
                continue
        groups.append([char])
    return groups


def _line(group: list[PdfChar]) -> Line:
    group.sort(key=lambda c: c["x0"])
    size = Counter(round(c["size"], 1) for c in group).most_common(1)[0][0]
    words: list[Word] = []
    current = [group[0]]
    for char in group[1:]:
        # Gaps are measured from the previous character's end, so a word is a run of close glyphs.
        if char["x0"] - current[-1]["x1"] > WORD_GAP_EM * size:
            words.append(_word(current))
            current = [char]
        else:
            current.append(char)
    words.append(_word(current))
    _x0, top, _x1, bottom = _bbox(group)
    bold = all(_is_bold(c["fontname"]) for c in group)
    return Line(words, top, bottom, size, bold)


def _word(chars: list[PdfChar]) -> Word:
    text = "".join("•" if _CID.match(c["text"]) else c["text"] for c in chars).translate(_LIGATURES)
    x0, _top, x1, _bottom = _bbox(chars)
    return text, x0, x1


def _bbox(chars: list[PdfChar]) -> tuple[float, float, float, float]:
    # pdfplumber types its objects as plain dicts, which a PdfChar is at run time.
    return objects_to_bbox(cast(list[dict[str, Any]], chars))


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return "bold" in name or "black" in name or name.endswith((",b", "-b", ".b")) or "heavy" in name


def fits(previous: Line, line: Line, limit: float) -> bool:
    """Would the first word of ``line`` have fitted at the end of ``previous`` (right edge ``limit``)?"""
    word = line.words[0]
    space = 0.28 * previous.size
    return previous.x1 + space + (word[2] - word[1]) <= limit + 0.5


def new_item(previous: Line, line: Line, limit: float) -> bool:
    """Does ``line`` start a new item after ``previous`` (spacing, a bullet, or Enter pressed)?"""
    if line.top - previous.bottom > 0.6 * line.size:
        return True  # paragraph spacing
    if line.text[:1] in _BULLETS and len(line.words[0][0]) <= 1 or line.words[0][0] in {"•", "▪", "-", "–"}:
        return True
    return fits(previous, line, limit)


def items(lines: list[Line], limit: float) -> list[str]:
    """The items of a cell or paragraph whose lines end at most at ``limit``."""
    result: list[str] = []
    previous: Line | None = None
    for line in lines:
        if previous is None or new_item(previous, line, limit):
            result.append(line.text)
        else:
            # A word a narrow column broke without a hyphen cannot be told from two words
            # ("Anteproyecto" may fill a line exactly); such cells are codes, compared without spaces.
            result[-1] += " " + line.text
        previous = line
    return [clean_ws(item) for item in result if clean_ws(item)]
