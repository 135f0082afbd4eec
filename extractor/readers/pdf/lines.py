"""Characters → words → lines, and lines → the items of a cell or paragraph.

Inside a cell or paragraph, a line break is kept as the start of a new item only when the
next line's first word would have fitted on the line before (the author pressed Enter);
otherwise the lines are one wrapped item. Producers that print a space glyph at the end of
each line they wrap (LibreOffice, Word) tell more: there, a line that ends without one, though
the space would have fitted, also ends where the author pressed Enter (:class:`WrapSpaces`).

Lines of one item are joined with a space, except where the break fell inside a word: before
closing punctuation ("institucionales" / ".") and after a hyphen that ends a word
("técnico-" / "jurídico" gives "técnico-jurídico"; the printed hyphen is kept, see :func:`joined`).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, NotRequired, TypedDict, cast

from pdfplumber.utils.geometry import objects_to_bbox

from extractor.textnorm import clean_ws

# A gap wider than this many font sizes separates two columns of text.
COLUMN_GAP_EM = 1.5
# In a table, a gap this wide with no space glyph in it separates two columns (see Line.segments).
BARE_GAP_EM = 0.6
# ... and where space glyphs cover part of it, this much left bare (wider: spaces stretched in
# a justified line leave some of a word gap uncovered).
BARE_SPACED_EM = 1.0
# A gap wider than this many font sizes separates two words.
WORD_GAP_EM = 0.15
# The width of a space, generously (Helvetica 0.28, Times 0.25, DejaVu 0.32 of the font size).
SPACE_EM = 0.32
_BULLETS = "•·▪►■◦●-–*"
# Glyphs that close what comes before them: never the start of a word, nor of a wrapped line.
_CLOSING = frozenset(".,;:)]}?!»”’…")
# A hyphen ending a line's last word: the word goes on after the break (U+00AD is a soft hyphen).
_HYPHENS = ("-", "\u2010", "\u00ad")
# A line ending with one of these has finished its sentence.
_SENTENCE_END = (".", ":", ";", "!", "?")
# Characters after which a line may break without a space (a break inside a word).
_BREAK_AFTER = (*_HYPHENS, "/")
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
    matrix: NotRequired[tuple[float, float, float, float, float, float]]
    non_stroking_color: NotRequired[Any]  # the fill colour: grey, RGB or CMYK components


# A word: its text and horizontal extent (text, x0, x1).
Word = tuple[str, float, float]


@dataclass
class Line:
    """A line of text: its words with their extents, and where space glyphs are printed on it."""

    words: list[Word]
    top: float
    bottom: float
    size: float
    bold: bool
    spaces: tuple[tuple[float, float], ...] = ()  # the line's space glyphs: (x0, x1) of each

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

    @property
    def spaced_end(self) -> bool:
        """Is a space glyph printed right after the last word (as producers that print one at a wrap do)?"""
        end = self.x1
        return any(end - 1.0 <= x0 <= end + 0.5 * self.size for x0, _x1 in self.spaces)

    @property
    def space_width(self) -> float:
        """The width of a space in the line's font: measured on its space glyphs, or a generous guess."""
        widths = sorted(x1 - x0 for x0, x1 in self.spaces if x1 > x0)
        return widths[len(widths) // 2] if widths else SPACE_EM * self.size

    def segments(self, starts: list[float] | None = None, bare: bool = False) -> list[Line]:
        """The line cut where a gap is wide enough to separate columns, or, when the column
        ``starts`` of a table are known, wherever a word begins a column after a space.

        ``bare`` (a line of a table whose producer prints space glyphs between words): also
        cut where a narrower gap has no space glyph in it: the producer wrote the two texts
        apart, as cells of two columns whose gutter is too narrow to see.
        """
        parts: list[list[Word]] = [[self.words[0]]]
        for word in self.words[1:]:
            gap = word[1] - parts[-1][-1][2]
            at_column = starts is not None and gap > 0.4 * self.size and any(
                abs(word[1] - x) <= 2.5 for x in starts) and word[1] > parts[-1][0][1] + 2.5
            if bare and not at_column and gap > BARE_GAP_EM * self.size:
                # A space printed after a cell's last word on a wrapped line (LibreOffice does)
                # covers a gutter only in part: the gap left bare still separates two columns.
                spaced = sum(x1 - x0 for x0, x1 in self.spaces if x0 >= parts[-1][-1][2] - 1.0 and x1 <= word[1] + 1.0)
                at_column = gap - spaced > (BARE_GAP_EM if not spaced else BARE_SPACED_EM) * self.size
            if gap > COLUMN_GAP_EM * self.size or at_column:
                parts.append([word])
            else:
                parts[-1].append(word)
        return [Line(p, self.top, self.bottom, self.size, self.bold, self.spaces) for p in parts]


def group_lines(chars: list[PdfChar]) -> list[Line]:
    """Group characters into lines (by vertical position) and words (by gaps).

    Space glyphs among ``chars`` make no line of their own: each is kept, by position, on the
    line it sits on (:attr:`Line.spaces`).
    """
    groups = _line_groups([c for c in chars if c["text"].strip()])
    spaces: list[list[tuple[float, float]]] = [[] for _ in groups]
    tops = [group[0]["top"] for group in groups]
    for char in chars:
        if not char["text"].strip() and groups:
            at = bisect.bisect(tops, char["top"])
            home = min((i for i in (at - 1, at) if 0 <= i < len(groups)), key=lambda i: abs(tops[i] - char["top"]))
            if abs(tops[home] - char["top"]) <= 0.5 * max(groups[home][0]["size"], 1.0):
                spaces[home].append((char["x0"], char["x1"]))
    return [_line(group, sorted(xs)) for group, xs in zip(groups, spaces)]


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


def _line(group: list[PdfChar], spaces: list[tuple[float, float]]) -> Line:
    group.sort(key=lambda c: c["x0"])
    size = Counter(round(c["size"], 1) for c in group).most_common(1)[0][0]
    words: list[Word] = []
    current = [group[0]]
    for char in group[1:]:
        # Gaps are measured from the previous character's end, so a word is a run of close glyphs.
        gap = char["x0"] - current[-1]["x1"]
        if gap > WORD_GAP_EM * size and not _clings(char, current[-1]["x1"], size, spaces):
            words.append(_word(current))
            current = [char]
        else:
            current.append(char)
    words.append(_word(current))
    _x0, top, _x1, bottom = _bbox(group)
    bold = all(_is_bold(c["fontname"]) for c in group)
    return Line(words, top, bottom, size, bold, tuple(spaces))


def _clings(char: PdfChar, end: float, size: float, spaces: list[tuple[float, float]]) -> bool:
    """Does a closing punctuation glyph set apart from the word before (``end``) still belong to it?

    Yes unless a space glyph is printed in the gap (the author typed "x ."), or the gap is as wide
    as a column's: a word is not followed by a loose period or comma.
    """
    if char["text"] not in _CLOSING or char["x0"] - end > COLUMN_GAP_EM * size:
        return False
    return not any(end - 0.5 <= x0 < char["x0"] for x0, _x1 in spaces)


# Symbol fonts map their glyphs onto letters ("n" is ZapfDingbats' square): a glyph drawn in one of
# them is a bullet, whatever letter the font's encoding gives it.
_SYMBOL_FONTS = ("zapfdingbats", "dingbats", "wingdings", "webdings")


def _glyph(char: PdfChar) -> str:
    if _CID.match(char["text"]) or any(name in char["fontname"].lower() for name in _SYMBOL_FONTS):
        return "•"
    return char["text"]


def _word(chars: list[PdfChar]) -> Word:
    text = "".join(_glyph(c) for c in chars).translate(_LIGATURES)
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


def _spaced_apart(previous: Line, line: Line) -> bool:
    return line.top - previous.bottom > 0.6 * line.size


def bulleted(line: Line) -> bool:
    """Does the line start with a list bullet?"""
    return line.text[:1] in _BULLETS and len(line.words[0][0]) <= 1 or line.words[0][0] in {"•", "▪", "-", "–"}


def _inside_word(previous: Line, line: Line) -> bool:
    """Did the break between the lines fall inside a word: after a hyphen or slash, before closing punctuation?"""
    last = previous.words[-1][0]
    return line.text[:1] in _CLOSING or (len(last) >= 2 and last.endswith(_BREAK_AFTER) and last[-2].isalnum())


def _bare_end(previous: Line, line: Line, limit: float) -> bool:
    """Did ``previous`` end with no space glyph where one would have fitted, at a break between words?

    The break between words is asked because a word wider than the whole line (both halves
    together) is broken wherever the line runs out, with no space to print.
    """
    if previous.spaced_end or previous.x1 + previous.space_width + 1.0 > limit:
        return False
    last, first = previous.words[-1], line.words[0]
    return (last[2] - last[1]) + (first[2] - first[1]) <= limit - previous.x0


def new_item(previous: Line, line: Line, limit: float, wrap_spaces: bool = False) -> bool:
    """Does ``line`` start a new item after ``previous`` (spacing, a bullet, or Enter pressed)?

    ``wrap_spaces``: the producer prints a space glyph at the end of the lines it wraps
    (:class:`WrapSpaces`), so a line without one, where it would have fitted, ended at an Enter.
    """
    return _spaced_apart(previous, line) or starts_item(previous, line, limit, wrap_spaces)


def goes_on(previous: Line, line: Line) -> bool:
    """Does a cell's ``line`` go on with the sentence of ``previous`` whatever its geometry? It
    starts in lower case, is no label, and ``previous`` did not end its sentence: one item typed
    over two lines (Enter pressed mid-sentence), not two items."""
    first = line.text[:1]
    return first.isalpha() and first.islower() and ":" not in line.text \
        and not previous.text.rstrip().endswith(_SENTENCE_END)


def starts_item(previous: Line, line: Line, limit: float, wrap_spaces: bool = False) -> bool:
    """:func:`new_item`, whatever the vertical space between the lines: a bullet, or Enter pressed."""
    if bulleted(line):
        return True
    if _inside_word(previous, line):
        return False
    return fits(previous, line, limit) or (wrap_spaces and _bare_end(previous, line, limit))


@dataclass
class WrapSpaces:
    """Does the document's producer print a space glyph at the end of each line it wraps?

    LibreOffice and Word do (unless the space would overflow the line); reportlab does not.
    Counted over the line breaks the geometry calls wraps (the next word would not have fitted)
    and where a space would have fitted: a producer that prints wrap spaces has most of them spaced.
    """

    spaced: int = 0
    bare: int = 0

    @property
    def seen(self) -> bool:
        """Enough spaced wraps, and more than bare ones."""
        return self.spaced >= 2 and self.spaced > self.bare

    def observe(self, lines: list[Line], limit: float) -> None:
        """Count the wraps of a cell's or paragraph's ``lines``, which end at most at ``limit``."""
        for previous, line in zip(lines, lines[1:]):
            if _spaced_apart(previous, line) or bulleted(line) or _inside_word(previous, line) \
                    or fits(previous, line, limit):
                continue
            if previous.spaced_end:
                self.spaced += 1
            elif _bare_end(previous, line, limit):
                self.bare += 1


def joined(text: str, continuation: str) -> str:
    """An item's text followed by its next line: one space between, unless the break fell inside a word.

    Before closing punctuation nothing is added. After a hyphen ending a word, the hyphen is kept and
    nothing is added: a compound ("técnico-" / "jurídico") reads as printed, and so does a word that
    typesetting hyphenated ("documen-" / "tación" gives "documen-tación"), which no rule tells from a
    compound without a dictionary; the record keeps every printed glyph and invents none. A soft
    hyphen (U+00AD), which marks a typesetting break only, is dropped.
    """
    if not text:
        return continuation
    if not continuation:
        return text
    if continuation[0] in _CLOSING:
        return text + continuation
    if len(text) >= 2 and text.endswith(_HYPHENS) and text[-2].isalnum() and continuation[0].isalnum():
        return (text[:-1] if text.endswith("\u00ad") else text) + continuation
    return text + " " + continuation


def items(lines: list[Line], limit: float, wrap_spaces: bool = False) -> list[str]:
    """The items of a cell or paragraph whose lines end at most at ``limit`` (``wrap_spaces``: see :func:`new_item`)."""
    result: list[str] = []
    previous: Line | None = None
    for line in lines:
        if previous is None or (new_item(previous, line, limit, wrap_spaces)
                                and (_spaced_apart(previous, line) or not goes_on(previous, line))):
            result.append(line.text)
        else:
            # A word a narrow column broke without a hyphen cannot be told from two words
            # ("Anteproyecto" may fill a line exactly); such cells are codes, compared without spaces.
            result[-1] = joined(result[-1], line.text)
        previous = line
    return [clean_ws(item) for item in result if clean_ws(item)]
