"""A spreadsheet cell's value as the sheet prints it.

A number goes through its number format ("0.00" → "10.00", "0%" → "15%", "#,##0" → "1,500"),
an integer typed in a General cell prints without decimals (an Item 214 is "214", never
"214.0"), a date cell is an ISO date ("2024-01-15"), a boolean is what a Spanish Excel shows
("VERDADERO", "FALSO"). Formulas arrive as their cached value (the workbook is loaded with
``data_only``). The decimal separator is the format's own ".": the section parsers read
both "10.00" and "10,00".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_BRACKETS = re.compile(r"\[[^\]]*\]")  # colours, conditions, locales: [Red], [>=100], [$-400A]
_PLACEHOLDERS = set("0#?")


def cell_text(value: Any, number_format: str | None) -> str:
    """The printed text of a cell holding ``value`` with ``number_format`` ("" for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VERDADERO" if value else "FALSO"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, int | float):
        return number_text(value, number_format or "General")
    return str(value)


def general(value: float | int) -> str:
    """A number as Excel's General format shows it: no trailing ".0", at most 10 significant digits."""
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):  # NaN, infinities: not a cell value
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.10g}"
    return text


def _section(number_format: str, value: float) -> tuple[str, bool]:
    """The section of a format that applies to ``value``; True when it prints the sign itself."""
    sections = _split_sections(number_format)
    if value < 0 and len(sections) >= 2 and sections[1].strip():
        return sections[1], True
    if value == 0 and len(sections) >= 3 and sections[2].strip():
        return sections[2], False
    return sections[0], False


def _split_sections(number_format: str) -> list[str]:
    sections, current, quoted, escaped = [], [], False, False
    for char in number_format:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == '"':
            current.append(char)
            quoted = not quoted
        elif char == ";" and not quoted:
            sections.append("".join(current))
            current = []
        else:
            current.append(char)
    sections.append("".join(current))
    return sections


def _tokens(section: str) -> list[tuple[str, str]]:
    """The format as (kind, text) tokens: "lit" for literal text, "code" for format characters."""
    tokens: list[tuple[str, str]] = []
    index = 0
    section = _BRACKETS.sub("", section)
    while index < len(section):
        char = section[index]
        if char == '"':
            end = section.find('"', index + 1)
            end = len(section) if end < 0 else end
            tokens.append(("lit", section[index + 1:end]))
            index = end + 1
        elif char == "\\" and index + 1 < len(section):
            tokens.append(("lit", section[index + 1]))
            index += 2
        elif char in "_*" and index + 1 < len(section):  # padding to a character's width, fill: print nothing
            tokens.append(("lit", " " if char == "_" else ""))
            index += 2
        elif char in _PLACEHOLDERS or char in ".,%Ee+-":
            tokens.append(("code", char))
            index += 1
        else:
            tokens.append(("lit", char))
            index += 1
    return tokens


def number_text(value: float | int, number_format: str) -> str:
    """A number printed through an Excel number format (the common codes; others as General)."""
    if number_format.strip().lower() in {"general", "@", ""}:
        return general(value)
    section, signed = _section(number_format, float(value))
    tokens = _tokens(section)
    codes = "".join(text for kind, text in tokens if kind == "code")
    if not any(c in _PLACEHOLDERS for c in codes):
        # A section of text only ("-" for zero, say) prints its text.
        literal = "".join(text for kind, text in tokens if kind == "lit").strip()
        return literal or general(value)
    if "E" in codes.upper() and re.search(r"[0#?][Ee][+-]", codes):
        mantissa = codes.upper().split("E")[0]
        decimals = mantissa.split(".")[1].count("0") if "." in mantissa else 0
        return f"{value:.{decimals}E}"
    number = abs(float(value)) if signed else float(value)
    if "%" in codes:
        number *= 100
    body = re.sub(r"[%Ee+\-]", "", codes)
    integer_part, _, decimal_part = body.partition(".")
    decimals = sum(1 for c in decimal_part if c in _PLACEHOLDERS)
    optional = sum(1 for c in decimal_part if c == "#")
    grouped = "," in integer_part.strip(",")
    text = f"{number:,.{decimals}f}" if grouped else f"{number:.{decimals}f}"
    if optional and "." in text:
        keep = decimals - optional
        while text.endswith("0") and len(text.split(".")[1]) > keep:
            text = text[:-1]
        text = text.rstrip(".")
    if not integer_part.strip(",").count("0") and text.startswith(("0.", "-0.")) and decimals:
        text = text.replace("0.", ".", 1)  # "#.00" prints 0.5 as ".50"
    return _with_literals(tokens, text)


def _with_literals(tokens: list[tuple[str, str]], number: str) -> str:
    """The number placed among the format's literal text (a prefix "N° ", a suffix " %")."""
    first = next(i for i, (kind, text) in enumerate(tokens) if kind == "code" and text in _PLACEHOLDERS | {"."})
    last = max(i for i, (kind, text) in enumerate(tokens) if kind == "code" and text in _PLACEHOLDERS | {"."})
    before = "".join(text for kind, text in tokens[:first] if kind == "lit" or text == "%")
    after = "".join(text for kind, text in tokens[last + 1:] if kind == "lit" or text == "%")
    return (before + number + after).strip()
