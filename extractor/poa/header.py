"""Finding the header of a POA grid: one or two rows (merged cells), and what each column holds."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.poa.codes import is_code
from extractor.poa.sources import Cell, Grid
from extractor.poa.vocab import PoaWords, Role

_STRUCTURE = {"texto", "descripcion", "codigo"}


@dataclass
class Header:
    """Where the header is and the role of each column."""

    start: int
    height: int
    roles: dict[int, Role]
    labels: dict[int, str]  # the header text of each column ("Acción de Corto Plazo > Código")
    cells: list[str] = field(default_factory=list)  # every header cell as printed, once

    @property
    def end(self) -> int:
        """The first row after the header."""
        return self.start + self.height

    def levels(self, order: tuple[str, ...]) -> list[str]:
        """The levels that have a column of their own, top first."""
        named = {r.level for r in self.roles.values() if r.kind == "texto" and r.level}
        return [level for level in order if level in named]

    def column(self, kind: str) -> int | None:
        """The first column of a kind."""
        return next((c for c, r in sorted(self.roles.items()) if r.kind == kind), None)

    def is_repeat(self, texts: list[str]) -> bool:
        """Whether a data row is the header printed again (a PDF's next page)."""
        return sum(1 for c, label in self.labels.items() if c < len(texts) and texts[c]
                   and texts[c] in label) >= max(2, len(self.labels) // 2)


def _roles(cells: list[Cell], words: PoaWords) -> dict[int, Role]:
    roles = {}
    for index, cell in enumerate(cells):
        role = words.role(cell.text) if cell.text else None
        if role is not None:
            roles[index] = role
    return roles


def _is_header_row(cells: list[Cell], words: PoaWords) -> bool:
    texts = [c.text for c in cells if c.text]
    if len(texts) < 2 or any(len(t) > words.header_cell for t in texts):
        return False
    roles = _roles(cells, words)
    kinds = {r.kind for r in roles.values()}
    return len({cells[i].text for i in roles}) >= 2 and bool(kinds & _STRUCTURE) and (
        "texto" in kinds or "descripcion" in kinds or any(r.level for r in roles.values()))


def _is_second_row(cells: list[Cell], words: PoaWords) -> bool:
    texts = [c.text for c in cells if c.text and not c.merged]
    if not texts or any(len(t) > words.header_cell for t in texts):
        return False
    if any(words.row_kind(t) is not None and (words.row_kind(t) or ("", ""))[1] for t in texts):
        return False  # a group row ("ACP: Administrar …"), a unit, a total: data, not a header
    roles = [words.role(t) for t in texts]
    if any(role is None and is_code(t) for role, t in zip(roles, texts)):
        return False
    return sum(1 for r in roles if r is not None) >= max(1, (len(texts) + 1) // 2)


def _spread(cells: list[Cell], from_left: bool, above: list[Cell] | None = None) -> list[str]:
    """Header texts with a merged cell's blanks filled: from the left in the top row, from above below."""
    texts: list[str] = []
    for index, cell in enumerate(cells):
        text = cell.text
        if not text and cell.merged:
            if from_left and texts:
                text = texts[-1]
            elif above is not None and index < len(above):
                text = above[index].text
        texts.append(text)
    return texts


def _combine(top: Role | None, below: Role | None) -> Role | None:
    if top is None or below is None:
        return below or top
    if top.kind == "texto" and below.kind in ("codigo", "descripcion") and below.level is None:
        return Role("codigo" if below.kind == "codigo" else "texto", top.level)
    if top.kind in ("cronograma", "fechas"):
        return top
    return below


def find_header(grid: Grid, words: PoaWords) -> Header | None:
    """The header of a grid (None where there is none)."""
    for index in range(min(len(grid.rows), words.header_rows)):
        cells = grid.rows[index]
        if not _is_header_row(cells, words):
            continue
        top = _spread(cells, from_left=True)
        height = 1
        bottom: list[str] = []
        if index + 1 < len(grid.rows) and _is_second_row(grid.rows[index + 1], words):
            height = 2
            bottom = _spread(grid.rows[index + 1], from_left=False, above=cells)
        roles: dict[int, Role] = {}
        labels: dict[int, str] = {}
        for column in range(max(len(top), len(bottom))):
            upper = top[column] if column < len(top) else ""
            lower = bottom[column] if column < len(bottom) else ""
            above = words.role(upper) if upper else None
            role = _combine(above, words.role(lower) if lower and lower != upper else None)
            if lower and upper and lower != upper and not _is_group(top, column) and (
                    above is None or above.kind != "texto"):
                joined = words.role(f"{upper} {lower}")  # one label wrapped onto two rows ("Código" / "ACP")
                role = joined or role
            label = " > ".join(t for t in dict.fromkeys((upper, lower)) if t)
            if label:
                labels[column] = label
            if role is not None:
                roles[column] = role
        _assign_code_levels(roles)
        seen = list(dict.fromkeys(t for t in [*top, *bottom] if t))
        return Header(index, height, roles, labels, seen)
    return None


def _is_group(top: list[str], column: int) -> bool:
    """Whether a top header cell spans its neighbours (a group over several columns)."""
    return any(0 <= other < len(top) and top[other] == top[column] for other in (column - 1, column + 1))


def _assign_code_levels(roles: dict[int, Role]) -> None:
    """A code column of no named level belongs to the text column at its right."""
    columns = sorted(roles)
    for position, column in enumerate(columns):
        role = roles[column]
        if role.kind != "codigo" or role.level is not None:
            continue
        for right in columns[position + 1:]:
            other = roles[right]
            if other.kind == "codigo":
                break
            if other.kind == "texto":
                roles[column] = Role("codigo", other.level)
                break
