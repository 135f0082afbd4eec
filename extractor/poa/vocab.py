"""The words of a unit POA (``poa.toml``): header synonyms, level names, row kinds — validated on load."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from extractor.errors import LayoutSpecError
from extractor.textnorm import fold

ATTRIBUTES = ("producto", "indicador", "linea_base", "meta", "medio_verificacion", "responsable", "ponderacion",
              "presupuesto")
_COLUMN_KEYS = {"codigo", "descripcion", "numero", "nivel", "unidad", "fechas", "cronograma", *ATTRIBUTES}
_ROW_KEYS = {"unidad", "total", "firma"}
_NUMBERING = re.compile(r"(?:\s+\d{1,2})+$")


def header_form(text: str | None) -> str:
    """A header cell folded for comparison: "Código POA (5)" → "codigo poa", "cod_operacion" → "cod operacion"."""
    folded = fold((text or "").replace("_", " ").replace("º", "o").replace("°", "o"))
    return _NUMBERING.sub("", folded).strip()


@dataclass(frozen=True)
class Role:
    """What a header cell names: ``kind`` (codigo, texto, an attribute …) and, for codes and texts, a level."""

    kind: str
    level: str | None = None


@dataclass(frozen=True)
class PoaWords:
    """The validated content of ``poa.toml``."""

    levels: tuple[str, ...]
    link: str
    names: dict[str, str]
    plurals: dict[str, str]
    level_synonyms: dict[str, tuple[str, ...]]
    columns: dict[str, tuple[str, ...]]
    rows: dict[str, tuple[str, ...]]
    header_cell: int
    header_rows: int

    def level_of(self, text: str) -> str | None:
        """The level a text names exactly ("Operación" → operacion)."""
        form = header_form(text)
        return next((level for level in self.levels if form in self.level_synonyms[level]), None)

    def role(self, text: str) -> Role | None:
        """What a header cell names, or None."""
        form = header_form(text)
        if not form or len(text) > self.header_cell:
            return None
        level = self.level_of(form)
        if level is not None:
            return Role("texto", level)
        exact = next((k for k, words in self.columns.items() if form in words), None)
        if exact == "codigo":
            return Role("codigo")
        code = self._code_role(form)
        if code is not None:
            return code
        if exact is not None:
            return Role(exact)
        return self._prefix_role(form)

    def _code_role(self, form: str) -> Role | None:
        first, _, rest = form.partition(" ")
        if first not in ("codigo", "cod", "cd", "codigos"):
            return None
        rest = re.sub(r"^(?:de la|del|de|la)\s+", "", rest).strip()
        if not rest:
            return Role("codigo")
        level = self.level_of(rest) or self._prefix_level(rest)
        return Role("codigo", level)

    def _prefix_level(self, form: str) -> str | None:
        best = max(((len(s), level) for level in self.levels for s in self.level_synonyms[level]
                    if form.startswith(s + " ")), default=None)
        return best[1] if best else None

    def _prefix_role(self, form: str) -> Role | None:
        """The longest synonym a cell begins with ("Acción de Corto Plazo Gestión 2024" → acp)."""
        levels = [(len(s), 1, Role("texto", level)) for level in self.levels for s in self.level_synonyms[level]
                  if form.startswith(s + " ")]
        columns = [(len(s), 0, Role(key)) for key, words in self.columns.items() for s in words
                   if len(s) > 2 and form.startswith(s + " ")]
        best = max(levels + columns, key=lambda c: (c[0], c[1]), default=None)
        return best[2] if best else None

    def row_kind(self, text: str) -> tuple[str, str] | None:
        """("unidad" | "total" | "firma" | a level, the rest of the text) where a row's first text says
        what the row is: "Unidad: DIRECCIÓN …", "TOTAL OPERACIÓN", "ELABORADO POR", "ACP: 1.1 …"."""
        raw = text.strip()
        head, colon, tail = raw.partition(":")
        form = header_form(head)
        if colon and form in self.rows["unidad"]:
            return "unidad", tail.strip()
        if colon and self.level_of(head) is not None:
            return str(self.level_of(head)), tail.strip()
        whole = header_form(raw)
        for kind in ("total", "firma"):
            if any(whole == w or whole.startswith(w + " ") for w in self.rows[kind]):
                return kind, raw
        return None


def _strings(data: Any, where: str) -> tuple[str, ...]:
    if not isinstance(data, list) or not all(isinstance(s, str) and s.strip() for s in data):
        raise LayoutSpecError(f"poa.toml: «{where}» debe ser una lista de textos.", clave=where)
    return tuple(header_form(s) if s != "#" else "#" for s in data)


def _table(data: Any, where: str, keys: set[str]) -> dict[str, tuple[str, ...]]:
    if not isinstance(data, dict) or set(data) != keys:
        raise LayoutSpecError(f"poa.toml: «{where}» debe tener exactamente {', '.join(sorted(keys))}.", clave=where)
    return {key: _strings(value, f"{where}.{key}") for key, value in data.items()}


def parse_words(data: dict[str, Any]) -> PoaWords:
    """Validate the content of ``poa.toml``."""
    levels_table = data.get("levels")
    if not isinstance(levels_table, dict):
        raise LayoutSpecError("poa.toml: falta la tabla «levels».", clave="levels")
    order = levels_table.get("order")
    if not isinstance(order, list) or not order or not all(isinstance(x, str) for x in order):
        raise LayoutSpecError("poa.toml: «levels.order» debe ser una lista de niveles.", clave="levels.order")
    levels = set(order)
    link = levels_table.get("link")
    if link not in levels:
        raise LayoutSpecError("poa.toml: «levels.link» debe ser uno de los niveles.", clave="levels.link")
    names, plurals = levels_table.get("names"), levels_table.get("plurals")
    for where, table in (("levels.names", names), ("levels.plurals", plurals)):
        if not isinstance(table, dict) or set(table) != levels or not all(isinstance(v, str) for v in table.values()):
            raise LayoutSpecError(f"poa.toml: «{where}» debe nombrar cada nivel.", clave=where)
    assert isinstance(names, dict) and isinstance(plurals, dict)
    limits = data.get("limits", {})
    if not all(isinstance(limits.get(k), int) and limits[k] > 0 for k in ("header_cell", "header_rows")):
        raise LayoutSpecError("poa.toml: «limits» debe dar header_cell y header_rows (enteros).", clave="limits")
    return PoaWords(levels=tuple(order), link=str(link), names=dict(names), plurals=dict(plurals),
                    level_synonyms=_table(levels_table.get("synonyms"), "levels.synonyms", levels),
                    columns=_table(data.get("columns"), "columns", _COLUMN_KEYS),
                    rows=_table(data.get("rows"), "rows", _ROW_KEYS),
                    header_cell=limits["header_cell"], header_rows=limits["header_rows"])


@lru_cache(maxsize=1)
def poa_words() -> PoaWords:
    """The words of ``poa.toml`` beside this module."""
    text = resources.files("extractor.poa").joinpath("poa.toml").read_text(encoding="utf-8")
    return parse_words(tomllib.loads(text))
