"""A file holding several POAIs (a bundle): where each one begins, decided from its layout.

A unit's POAIs exported as one PDF, or a Word file with several, one after another: a new
POAI begins where the identification opens again (its heading, or the post's name label) after
the sections that end a POAI were seen (``[parts]`` of the layout spec), never by counting
pages. Its title block (bold lines, or headings, right above on the same page) goes with it.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.layout.segment import PREAMBLE, heading_of_line, split_label
from extractor.layout.spec import Vocabulary
from extractor.model.document import Block, Document, Paragraph, Table


def split_parts(document: Document, vocab: Vocabulary) -> list[Document]:
    """The POAIs of ``document`` in order, each a document of its own blocks (one for a file
    of one POAI: ``document`` itself)."""
    starts = _starts(document.blocks, vocab)
    if len(starts) == 1:
        return [document]
    bounds = [*starts, len(document.blocks)]
    return [replace(document, blocks=document.blocks[a:b]) for a, b in zip(bounds, bounds[1:])]


def page_ranges(parts: list[Document], total: int | None) -> list[list[int] | None]:
    """The pages each part came from, [first, last]: from its first block's page to the page
    before the next part's (a page holding only a footer stays with the part it ends), the last
    part to the end of the file; None where the format has no pages."""
    firsts = [min((b.page for b in part.blocks if b.page is not None), default=None) for part in parts]
    if total is None or any(f is None for f in firsts):
        return [None] * len(parts)
    starts = [int(f) for f in firsts if f is not None]
    ends = [max(start, nxt - 1) for start, nxt in zip(starts, starts[1:])] + [max(starts[-1], total)]
    return [[a, b] for a, b in zip(starts, ends)]


def _starts(blocks: list[Block], vocab: Vocabulary) -> list[int]:
    """The index of the first block of each POAI."""
    starts = [0]
    seen: set[str] = set()
    section = PREAMBLE
    for index, block in enumerate(blocks):
        opened = _opened(block, vocab)
        closed = vocab.part_min_closing > 0 and len(seen & vocab.part_closing) >= vocab.part_min_closing
        if opened is not None and opened in vocab.part_opens and closed:
            starts.append(_title_start(blocks, index, starts[-1]))
            seen = set()
        section = opened or section
        seen.add(section)
        seen.update(_sections_inside(block, vocab))
    return starts


def _opened(block: Block, vocab: Vocabulary) -> str | None:
    """The section a block opens: a heading line, a table whose first cell names one, or a row
    or line labelled with a field that opens a POAI's identification."""
    if isinstance(block, Paragraph):
        key, _rest = heading_of_line(block, vocab)
        if key:
            return key
        label, value = split_label(block.text)  # "Denominación del puesto: TÉCNICO …"
    else:
        first = next((row for row in block.rows if any(not c.empty for c in row.cells)), None)
        if first is None:
            return None
        filled = [c for c in first.cells if not c.empty]
        key = vocab.section_of(split_label(filled[0].text)[0])
        if key:
            return key
        label, value = split_label(filled[0].text)
        value = value or (filled[1].text if len(filled) > 1 else "")  # "Denominación del puesto | TÉCNICO …"
    if value and vocab.part_opening_fields and vocab.match(label, vocab.part_opening_fields):
        return next(iter(sorted(vocab.part_opens)), None)
    return None


def _sections_inside(block: Block, vocab: Vocabulary) -> set[str]:
    """Sections a table's rows name in their first cell ("FUNCIONES RUTINARIAS" across the table)."""
    if not isinstance(block, Table):
        return set()
    found = set()
    for row in block.rows[1:]:
        filled = [c for c in row.cells if not c.empty]
        if filled:
            key = vocab.section_of(split_label(filled[0].text)[0])
            if key:
                found.add(key)
    return found


def _title_start(blocks: list[Block], index: int, floor: int) -> int:
    """Where the POAI whose identification opens at ``index`` begins: its title block, the bold
    or heading lines right above it (on its page, where the format has pages)."""
    start = index
    page = blocks[index].page
    while start - 1 > floor:
        previous = blocks[start - 1]
        if not isinstance(previous, Paragraph) or not (previous.bold or previous.heading) \
                or (page is not None and previous.page != page):
            break
        start -= 1
    return start
