"""The one interface of every section reader, and what they share while reading a document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from extractor.layout.segment import Item
from extractor.layout.spec import Vocabulary
from extractor.model.record import Record


@dataclass
class Context:
    """One document's item stream while its sections are read.

    A table reader *takes* the rows it reads (a functions table, a relations table, a
    signature box) so that no other reader reads them as labels or list entries; readers
    run in a fixed order (see :data:`extractor.sections.parse.READERS`).
    """

    items: list[Item]
    spec: Vocabulary
    taken: set[int] = field(default_factory=set)  # positions of the items a table reader took
    labels_found: set[str] = field(default_factory=set)  # puesto labels the document prints
    function_columns: list[set[str]] = field(default_factory=list)  # per function, its table's columns

    def section(self, *keys: str, include_taken: bool = False) -> list[Item]:
        """The items of the given sections, in document order (without the taken ones)."""
        return [i for i in self.items if i.section in keys and (include_taken or i.position not in self.taken)]

    def take(self, item: Item) -> None:
        """Mark a row as read by a table reader."""
        self.taken.add(item.position)


class SectionReader(Protocol):
    """Reads one part of the record from the item stream, format-neutral."""

    def read(self, context: Context, record: Record) -> None:
        """Fill the reader's fields of ``record`` from ``context``."""
