"""Document text is data, never a formula: neutralising values for spreadsheets and CSV."""

from __future__ import annotations

import re

# Characters XML 1.0 forbids; openpyxl refuses them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def xml_safe(text: str) -> str:
    """Text without the control characters an .xlsx file cannot hold."""
    return _ILLEGAL.sub("", text)


def csv_safe(text: str) -> str:
    """Text that a spreadsheet opening the CSV will not run as a formula (leading apostrophe)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
