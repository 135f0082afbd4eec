"""From the document model to a stream of items grouped by the POAI section they belong to.

Tables are flattened into rows so that a form drawn as one big table (section titles as
merged rows) and a form of headings and small tables look the same to the parsers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.layout.spec import Vocabulary
from extractor.model.document import Cell, Document, Paragraph, Table
from extractor.textnorm import clean_ws, fold, strip_numbering

PREAMBLE = "preambulo"


@dataclass
class Item:
    """A paragraph line or a table row, with the section it falls in."""

    page: int | None
    section: str = PREAMBLE
    text: str = ""
    cells: list[Cell] = field(default_factory=list)
    table: int | None = None  # id of the table a row belongs to
    position: int = -1  # index in the document's item stream (set by segment)
    instruction: bool = False  # a line of the form's own instructions (never data)

    @property
    def is_row(self) -> bool:
        """True for a table row."""
        return self.table is not None

    @property
    def filled(self) -> list[tuple[int, Cell]]:
        """The non-empty cells of a row with their column index."""
        return [(i, c) for i, c in enumerate(self.cells) if not c.empty]

    @property
    def all_text(self) -> str:
        """Everything the item says, as one string."""
        if self.is_row:
            return " ".join(c.text for c in self.cells if c.text)
        return self.text


def split_label(text: str) -> tuple[str, str]:
    """``"LABEL: value"`` → (``"LABEL"``, ``"value"``); no colon → (text, "")."""
    if ":" in text:
        left, right = text.split(":", 1)
        return left.strip(), clean_ws(right)
    return text, ""


def segment(document: Document, vocab: Vocabulary) -> list[Item]:
    """Flatten the document and tag every item with its section."""
    items: list[Item] = []
    section = PREAMBLE
    table_id = 0
    for block in document.blocks:
        if isinstance(block, Paragraph):
            key, rest = heading_of_line(block, vocab)
            if key:
                section = key
                if rest:
                    items.append(Item(page=block.page, section=section, text=rest))
                continue
            previous = items[-1] if items else None
            items.append(Item(page=block.page, section=section, text=block.text,
                              instruction=_is_instruction(block.text, previous, section, vocab)))
            continue
        assert isinstance(block, Table)
        table_id += 1
        for row in block.rows:
            filled = [c for c in row.cells if not c.empty]
            if not filled:
                continue
            distinct = {fold(c.text) for c in filled}
            if len(distinct) == 1 and not filled[0].tables:
                left, rest = split_label(filled[0].text)
                key = vocab.section_of(left)
                if key:
                    section = key
                    if rest:
                        items.append(Item(page=row.page, section=section, text=rest))
                    continue
            else:
                left, _rest = split_label(filled[0].text)
                key = vocab.section_of(left)
                # A table's first cell names a section ("Funciones Específicas | Resultado …"), but
                # a grouping heading there ("Funciones", "Descripción de la función") is a column
                # name, not a section.
                if key and key not in vocab.grouping_sections:
                    section = key
            items.append(Item(page=row.page, section=section, cells=row.cells, table=table_id))
    items = _late_headings(items, vocab)
    for position, item in enumerate(items):
        item.position = position
    return items


# How many items after a lone capitals word ("COMPROMISO") may show that it was a heading.
_LATE_HEADING_REACH = 6


def _late_headings(items: list[Item], vocab: Vocabulary) -> list[Item]:
    """A plain line that is only a one-word heading ("COMPROMISO", also a personal quality; "Aceptación"
    not in capitals) is the heading of its section after all when one of the next few items of its run opens that
    section's fields ("APROBADO POR | SERVIDOR PÚBLICO", "Fecha de elaboración: …"): the line is
    dropped and the rest of its run of items moves to that section."""
    out: list[Item] = []
    moved: tuple[str, str] | None = None  # (from section, to section) while moving a run
    for index, item in enumerate(items):
        if moved and item.section == moved[0]:
            item.section = moved[1]
            out.append(item)
            continue
        moved = None
        key = _lone_word_section(item, vocab)
        following = items[index + 1:index + 1 + _LATE_HEADING_REACH]
        if key and key != item.section and any(
                _opens_fields(i, vocab.aprobacion, vocab) for i in following if i.section == item.section):
            moved = (item.section, key)
            continue
        out.append(item)
    return out


def _lone_word_section(item: Item, vocab: Vocabulary) -> str | None:
    """The section a one-word heading names when printed plain on a line of its own, in any case
    ("Aceptación", "COMPROMISO"): only the approval section, whose fields can show it was one
    ([fields.aprobacion])."""
    folded = fold(item.text)
    if item.is_row or " " in folded or folded not in {fold(s) for s in vocab.sections["aprobacion"]}:
        return None
    return "aprobacion"


def _opens_fields(item: Item, fields: dict[str, list[str]], vocab: Vocabulary) -> bool:
    """Whether an item is a row of field labels (a box's caption may come with the name it
    captions, before or after it) or a "Label: value" line of ``fields``."""
    if item.is_row:
        texts = [c.text for c in item.cells if not c.empty]
        return bool(texts) and all(_captioned(t, fields, vocab) for t in texts)
    left, rest = split_label(item.text)
    return bool(rest) and vocab.match(left, fields) is not None


# The most words a box's caption has ("FIRMA DEL JEFE INMEDIATO SUPERIOR").
_CAPTION_WORDS = 6


def _captioned(text: str, fields: dict[str, list[str]], vocab: Vocabulary) -> bool:
    """Is ``text`` a label of ``fields``, or does it begin or end with one ("NAME Servidor Público")?"""
    if vocab.match(text, fields):
        return True
    words = text.split()
    return any(vocab.match(" ".join(part), fields) for size in range(1, min(len(words) - 1, _CAPTION_WORDS) + 1)
               for part in (words[:size], words[-size:]))


# A line that ends with one of these has finished its sentence: the next line is not its rest.
_SENTENCE_END = (".", ":", ";", "!", "?")


def _is_instruction(text: str, previous: Item | None, section: str, vocab: Vocabulary) -> bool:
    """Whether a paragraph line is the form's instruction: it begins like one ([instructions]),
    or it is the rest of one that wrapped onto a line of its own (the instruction just before
    it stopped mid-sentence and this line goes on in lower case)."""
    if vocab.is_instruction(text):
        return True
    if previous is None or not previous.instruction or previous.is_row or previous.section != section:
        return False
    first = text.lstrip()[:1]
    return first.isalpha() and first.islower() and not previous.text.rstrip().endswith(_SENTENCE_END)


def heading_of_line(block: Paragraph, vocab: Vocabulary) -> tuple[str | None, str]:
    text = block.text
    left, rest = split_label(text)
    numbered = strip_numbering(left) != left.strip()
    emphasised = block.bold or block.heading or numbered or text.rstrip().endswith(":")
    if emphasised:
        key = vocab.section_of(left)
        if key:
            return key, rest
        return None, ""
    # A plain line is a heading only when it is exactly one heading: several words, or one
    # word in capitals ("FORMACION") for the sections the layout spec allows ([headings]
    # one_word), never a word of [headings] not_alone ("Compromiso" is also a personal quality).
    folded = fold(left)
    if rest:
        # "Objetivo del Puesto: text" on one plain line: exactly a heading, then its content.
        exact = next((key for key, synonyms in vocab.sections.items() if folded in (fold(s) for s in synonyms)), None)
        return (exact, rest) if exact and rest.strip() else (None, "")
    capitals = left.strip().isupper() and len(folded.split()) <= 3 and folded not in vocab.not_alone_headings
    for key, synonyms in vocab.sections.items():
        if folded in (fold(s) for s in synonyms) and (" " in folded or (capitals and key in vocab.one_word_sections)):
            return key, ""
    # A plain line of a few words in capitals is a heading when it names a section closely
    # (a variant of a synonym: "FUNCIONES RUTINARIAS Y/O CONTINUAS").
    if left.strip().isupper() and 2 <= len(folded.split()) <= 6:
        return vocab.section_of(left), ""
    return None, ""
