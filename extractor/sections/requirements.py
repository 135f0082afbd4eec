"""Requirements: formation, experience and knowledge, as matrices, tables or free text."""

from __future__ import annotations

import re
from typing import Any

from extractor.layout.segment import Item
from extractor.layout.spec import Vocabulary, best_key
from extractor.sections.fieldtext import cell_value, strip_bullet
from extractor.sections.values import grade_code, is_mark, parse_years, priority_code
from extractor.textnorm import clean_ws, fold


def read_formation(items: list[Item], vocab: Vocabulary) -> list[dict[str, Any]]:
    """Formation entries: an X-matrix of grades, a table with a grade column, or free text."""
    entries: list[dict[str, Any]] = []
    grade_columns: dict[int, str] = {}
    priority_column: int | None = None
    grade_text_column: int | None = None
    area_column = 0
    table: int | None = None
    for item in items:
        if not item.is_row:
            if not vocab.is_instruction(item.text):
                entries.append(_formation_from_text(item.text))
            continue
        grades = {i: g for i, c in item.filled if len(c.text) < 60 and (g := grade_code(c.text))}
        columns = {i: best_key(c.text, vocab.columns["formacion"])[0] for i, c in item.filled}
        if len(grades) >= 3:
            grade_columns, table = grades, item.table
            for i, key in columns.items():
                if key == "prioridad":
                    priority_column = i
            continue
        if set(columns.values()) & {"prioridad", "grado", "area"} and all(
                len(c.text) < 60 for _, c in item.filled):
            table = item.table
            for i, key in columns.items():
                if key == "prioridad":
                    priority_column = i
                elif key == "grado":
                    grade_text_column = i
                elif key == "area":
                    area_column = i
            continue
        if table is None or item.table != table:
            texts = [c.text for _, c in item.filled]
            if texts:
                entries.append(_formation_from_text(" ".join(texts)))
            continue
        area = cell_value(item.cells[area_column]) if area_column < len(item.cells) else None
        grade = None
        for index, code in sorted(grade_columns.items()):
            if index < len(item.cells) and is_mark(item.cells[index].text):
                grade = code
                break
        if grade is None and grade_text_column is not None and grade_text_column < len(item.cells):
            grade = grade_code(item.cells[grade_text_column].text)
        priority = None
        if priority_column is not None and priority_column < len(item.cells):
            priority = priority_code(item.cells[priority_column].text)
        if area is None and grade is None and priority is None:
            continue
        entries.append({"area": area, "grado_minimo": grade, "prioridad": priority})
    return entries

def read_experience(items: list[Item], vocab: Vocabulary) -> dict[str, Any]:
    """Years of general, professional and public-sector experience, from rows or sentences."""
    result: dict[str, Any] = {"general": None, "profesional": None, "sector_publico": None}
    order = ["sector_publico", "profesional", "general"]
    for item in items:
        if item.is_row:
            cells = [c.text for _, c in item.filled]
            if not cells:
                continue
            label, value = cells[0], " ".join(cells[1:]) or cells[0]
        else:
            if vocab.is_instruction(item.text):
                continue
            label = value = item.text
        folded = fold(label)
        for key in order:
            if any(fold(s) in folded for s in vocab.experiencia[key]):
                years = parse_years(value)
                if years is not None and result[key] is None:
                    result[key] = years
                break
    return result

def read_knowledge(items: list[Item], vocab: Vocabulary) -> list[dict[str, Any]]:
    """Knowledge entries with their character, from an X-matrix, a "carácter" column or text."""
    entries: list[dict[str, Any]] = []
    columns: dict[int, str] = {}
    table: int | None = None
    for item in items:
        if not item.is_row:
            if not vocab.is_instruction(item.text):
                entries.append(_knowledge_from_text(item.text))
            continue
        mapped = {i: best_key(c.text, vocab.columns["conocimientos"])[0] for i, c in item.filled}
        if set(mapped.values()) & {"excluyente", "deseable", "caracter"} and all(mapped.values()):
            columns = {i: k for i, k in mapped.items() if k}
            table = item.table
            continue
        if table is None or item.table != table:
            for _, cell in item.filled:
                entries.extend(_knowledge_from_text(e) for e in cell.items)
            continue
        name_index = next((i for i, k in columns.items() if k == "conocimiento"), 0)
        name = cell_value(item.cells[name_index]) if name_index < len(item.cells) else None
        caracter = None
        for index, key in columns.items():
            if index >= len(item.cells):
                continue
            cell_text = item.cells[index].text
            if key in {"excluyente", "deseable"} and is_mark(cell_text):
                caracter = key
                break
            if key == "caracter" and cell_text.strip():
                caracter = priority_code(cell_text)
        if name is None and caracter is None:
            continue
        entries.append({"conocimiento": name, "caracter": caracter})
    return [e for e in entries if e["conocimiento"]]


_PRIORITY_NOTE = re.compile(r"[\(\[\-–—,;:]?\s*\b(excluyente|deseable)\b\s*[\)\]]?", re.IGNORECASE)


def _priority_in_text(text: str) -> tuple[str, str | None]:
    """Split "Ley 1178 (excluyente)" into ("Ley 1178", "excluyente")."""
    match = _PRIORITY_NOTE.search(text)
    if not match:
        return clean_ws(text), None
    stripped = clean_ws(text[: match.start()] + " " + text[match.end():]).strip(" ,;:-")
    return stripped, priority_code(match.group(1))


_DEGREE_PREFIX = re.compile(
    r"^.*?\b(?:licenciatura|licenciado|licenciada|tecnico superior|tecnico medio|tecnico|tecnica|"
    r"egresado|egresada|bachiller|maestria|diplomado|doctorado|post\s*grado|postgrado|posgrado|"
    r"titulo(?: profesional)?(?: en provision nacional)?)\b(?:\s+\w+){0,3}?\s+(?:en|de)\s+",
)


def _formation_from_text(text: str) -> dict[str, Any]:
    """A free-text formation requirement ("Licenciatura en Derecho (excluyente)")."""
    body, priority = _priority_in_text(strip_bullet(text))
    grade = grade_code(body)
    area = body
    folded = fold(body)
    match = _DEGREE_PREFIX.match(folded)
    if match and grade:
        # Keep the document's own spelling: cut the same number of words from the original.
        words_cut = len(match.group(0).split())
        original_words = body.split()
        if words_cut < len(original_words):
            area = " ".join(original_words[words_cut:])
    return {"area": area or None, "grado_minimo": grade, "prioridad": priority}


def _knowledge_from_text(text: str) -> dict[str, Any]:
    body, priority = _priority_in_text(strip_bullet(text))
    return {"conocimiento": body or None, "caracter": priority}
