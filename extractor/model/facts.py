"""What the section readers learnt about a document's layout that its record does not say.

The audit needs it (which labels and sections the layout prints, which columns each
function's table has); the catalog keeps it beside the unaudited record, so a change of
audit rules never needs the document read again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class AuditFacts:
    """The layout facts of one document."""

    family_labels: list[str] = field(default_factory=list)  # puesto labels the layout prints
    family_sections: list[str] = field(default_factory=list)  # sections the layout has
    labels_found: list[str] = field(default_factory=list)  # puesto labels this document prints
    sections_found: list[str] = field(default_factory=list)
    function_columns: list[list[str]] = field(default_factory=list)  # per function, its table's columns
    ocr_doubtful: list[str] = field(default_factory=list)  # words OCR read with little confidence

    def as_dict(self) -> dict[str, Any]:
        """JSON-serialisable form (kept in the catalog beside the record)."""
        return {k: list(v) for k, v in self.__dict__.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AuditFacts:
        """Inverse of :meth:`as_dict`."""
        return cls(**{k: list(v) for k, v in data.items() if k in cls.__dataclass_fields__})
