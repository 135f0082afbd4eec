"""Page geometry of a composed document: column widths that keep values whole, forced page breaks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from layoutgen.model import LEFT, UP, Cell, PageBreak, Table
from layoutgen.wrapcheck import word_width

if TYPE_CHECKING:
    from layoutgen.compose import Composer


def _column_needs(table: Table, comp: Composer, soft: bool) -> list[float]:
    """Per column, the share of the width its longest word needs (values only, or labels and codes too)."""
    lay = comp.lay
    ncols = len(table.widths)
    need = [0.0] * ncols
    for row in table.rows:
        for index, value in enumerate(row):
            if not isinstance(value, Cell) or not value.lines or (index + 1 < ncols and row[index + 1] == LEFT):
                continue  # merged across columns: no single column has to hold it
            if (value.bold or value.soft) != soft:
                continue
            words = [w for line in value.lines for w in line.split()]
            longest = max((word_width(w, lay.font, lay.size, value.bold) for w in words), default=0.0)
            need[index] = max(need[index], (longest + 14.0) / comp.avail)
    return need


def _solve(widths: list[float], need: list[float]) -> list[float] | None:
    """Widths giving every column its need, taken from the columns with room; None when impossible."""
    widths = list(widths)
    for _ in range(8):
        short = [i for i in range(len(widths)) if widths[i] < need[i] - 1e-9]
        if not short:
            return widths
        for i in short:
            widths[i] = need[i]
        slack = [i for i in range(len(widths)) if widths[i] > need[i] + 1e-9]
        excess = sum(widths) - 1.0
        room = sum(widths[i] - need[i] for i in slack)
        if room < excess:
            return None
        for i in slack:
            widths[i] -= excess * (widths[i] - need[i]) / room
    return widths


def fit_columns(table: Table, comp: Composer) -> None:
    """Widen columns whose longest word would not fit, as a form's author would.

    A value's word must never break: "Bibliotecologí a" could not be read back as the word it was,
    so when values cannot fit the document is marked ``overflow`` and drawn again in a smaller font.
    Labels, headers and codes may break (SCHEMA: "EXCLUYE" / "NTE"), and do when the layout draws
    ``narrow_columns`` or when they cannot all fit. Tables of one or two columns, and tables whose
    list cells were ordered for their widths, keep their widths.
    """
    hard = _column_needs(table, comp, soft=False)
    if len(table.widths) <= 2 or table.fixed_widths:
        if any(n > w + 1e-9 for n, w in zip(hard, table.widths)):
            comp.overflow = True
        return
    soft = _column_needs(table, comp, soft=True)
    both = [max(a, b) for a, b in zip(hard, soft)]
    widths = None if comp.lay.narrow_columns else _solve(table.widths, both)
    widths = widths or _solve(table.widths, hard)
    if widths is None:
        comp.overflow = True
        return
    total = sum(widths)
    table.widths = [w / total for w in widths]


def page_breaks(comp: Composer) -> None:
    """Forced page breaks: inside tables of at least three body rows, or between elements."""
    rng = comp.rng
    for _ in range(comp.lay.breaks):
        tables = [e for e in comp.out if isinstance(e, Table) and len(e.rows) - e.header_rows >= 3 and not e.breaks]
        if tables and rng.random() < 0.7:
            table = rng.choice(tables)
            # Never inside a cell merged over several rows: its text sits in the first of them.
            places = [r for r in range(table.header_rows + 1, len(table.rows)) if UP not in table.rows[r]]
            if not places:
                continue
            table.breaks = [rng.choice(places)]
            table.repeat_header = comp.lay.repeat_header
            table.cut = comp.lay.split_rows and rng.random() < 0.5
        else:
            index = rng.randint(4, len(comp.out) - 1)
            if not isinstance(comp.out[index - 1], PageBreak):
                comp.out.insert(index, PageBreak())
