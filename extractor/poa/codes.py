"""Codes of a unit POA, kept as printed: "1.10" is not "1.1", "340  0 099" keeps its parts.

A code is short text made of numbers (and letters, as in "EM-DJR-01") joined by dots,
hyphens or spaces, with at least one digit. What is printed is kept, white space collapsed
and a trailing dot dropped; :func:`code_key` gives the segments used to compare codes and to
tell whether one code is the parent of another.
"""

from __future__ import annotations

import re

from extractor.textnorm import clean_ws

_MAX_LEN = 32
_CODE = re.compile(r"^[0-9A-Za-z]+(?:\s*[.\-/]\s*[0-9A-Za-z]+|\s+[0-9]+)*$")
_SEGMENT = re.compile(r"[0-9A-Za-z]+")


def printed_code(text: str | None) -> str:
    """The code as printed: white space collapsed, a trailing dot (or hyphen) removed."""
    value = clean_ws(text)
    while value and value[-1] in ".-":
        value = value[:-1].rstrip()
    return value


def is_code(text: str | None) -> bool:
    """Whether a cell holds a code (not a word, a number with a unit, or a sentence)."""
    value = printed_code(text)
    if not value or len(value) > _MAX_LEN or not any(c.isdigit() for c in value):
        return False
    if not _CODE.match(value):
        return False
    # Words with a digit are not codes ("2do", "T1" are; "Trimestre1" is not): letters come in short runs.
    return all(len(part) <= 6 or part.isdigit() for part in _SEGMENT.findall(value))


def code_key(text: str | None) -> tuple[str, ...]:
    """The segments of a code, upper-cased: "520.1702.112" → ("520", "1702", "112")."""
    return tuple(s.upper() for s in _SEGMENT.findall(printed_code(text)))


def is_parent(parent: str | None, child: str | None) -> bool:
    """Whether ``child``'s code continues ``parent``'s ("1.1" → "1.1.10", never "1.10")."""
    above, below = code_key(parent), code_key(child)
    return 0 < len(above) < len(below) and below[: len(above)] == above


def split_code(text: str) -> tuple[str | None, str]:
    """A leading code and the rest of a cell: "1.1.2 Digitalizar trámites" → ("1.1.2", "Digitalizar …")."""
    value = clean_ws(text)
    match = re.match(r"^([0-9][0-9A-Za-z]*(?:\s*[.\-]\s*[0-9A-Za-z]+)*)(\.-|[.\-:)])?\s+(\S.*)$", value)
    if match and is_code(match.group(1)):
        return printed_code(match.group(1)), match.group(3).strip()
    return None, value


def split_numbering(text: str) -> tuple[str | None, str]:
    """A cell that begins with its own code or letter, in a column of no codes: "1.1.- Fortalecer …" →
    ("1.1", "Fortalecer …"), "a) Relevar …" → ("a", "Relevar …"). A lone number needs its delimiter
    ("3. Elaborar …"), so that "5 municipios capacitados" keeps its number."""
    value = clean_ws(text)
    letter = _LETTERED.match(value)
    if letter:
        return letter.group(1), letter.group(2).strip()
    code, rest = split_code(value)
    if code is None or len(code_key(code)) > 1 or _DELIMITED.match(value):
        return code, rest
    return None, value


_LETTERED = re.compile(r"^([a-zA-Z])(?:\)|\.-)\s+(\S.*)$")
_DELIMITED = re.compile(r"^[0-9]+(?:\.-|[.:)])\s")
