"""The "Por unidad" sheet: per Dependencia, its posts, their mean completeness, their findings
by rule and (with the unit's POA) the specific functions that serve no operation.

Documents spell one unit in several ways ("DIRECCIÓN …", "DIRECCION …"): they are grouped by
the folded name (case, accents and punctuation aside) and shown with the commonest spelling.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from extractor.checks.rules import RULE_NAMES, RULES
from extractor.model.record import Record
from extractor.textnorm import fold
from extractor.writers.rows import Column

NO_UNIT = "(sin dependencia)"
SIN_POA = "funcion_sin_poa"


@dataclass
class _Unit:
    spellings: Counter[str] = field(default_factory=Counter)
    posts: int = 0
    functions: int = 0
    completeness: list[float] = field(default_factory=list)
    findings: Counter[str] = field(default_factory=Counter)


class UnitSummary:
    """Accumulates readable records by unit; :meth:`columns` and :meth:`rows` lay the sheet out."""

    def __init__(self, with_poa: bool) -> None:
        self.with_poa = with_poa
        self.units: dict[str, _Unit] = defaultdict(_Unit)

    def add(self, record: Record) -> None:
        """Count one record (an unreadable file has no unit: it is in "Errores")."""
        if not record.readable:
            return
        name = (record.puesto.dependencia or "").strip()
        unit = self.units[fold(name) or NO_UNIT]
        unit.spellings[name or NO_UNIT] += 1
        unit.posts += 1
        unit.functions += len(record.funciones)
        if record.completitud is not None:
            unit.completeness.append(record.completitud)
        unit.findings.update(f.regla for f in record.auditoria)

    def rule_codes(self) -> list[str]:
        """The rules with findings, in the project's order (other codes after, by name)."""
        present = {code for unit in self.units.values() for code in unit.findings}
        if self.with_poa:
            present.discard(SIN_POA)  # it has its own column
        known = [code for code in RULES if code in present]
        return known + sorted(present - set(known))

    def columns(self) -> list[Column]:
        """The sheet's columns: fixed ones, then one per rule with findings."""
        columns = [Column("Dependencia", "text", 42), Column("Puestos", "int", 9), Column("N° funciones", "int", 10),
                   Column("Completitud media (%)", "float", 12), Column("N° observaciones", "int", 13)]
        if self.with_poa:
            columns.append(Column(f"Funciones sin operación del POA ({SIN_POA})", "int", 16))
        columns += [Column(rule_header(code), "int", 14) for code in self.rule_codes()]
        return columns

    def rows(self) -> list[dict[str, Any]]:
        """One row per unit (by name), then the total."""
        codes = self.rule_codes()
        rows = [self._row(unit.spellings.most_common(1)[0][0], [unit], codes)
                for unit in self.units.values()]
        rows.sort(key=lambda row: (row["Dependencia"] == NO_UNIT, fold(row["Dependencia"])))
        if rows:
            rows.append(self._row("Total", list(self.units.values()), codes))
        return rows

    def _row(self, name: str, units: list[_Unit], codes: list[str]) -> dict[str, Any]:
        findings: Counter[str] = Counter()
        completeness: list[float] = []
        for unit in units:
            findings.update(unit.findings)
            completeness += unit.completeness
        row: dict[str, Any] = {
            "Dependencia": name, "Puestos": sum(u.posts for u in units),
            "N° funciones": sum(u.functions for u in units),
            "Completitud media (%)": round(sum(completeness) / len(completeness), 1) if completeness else None,
            "N° observaciones": sum(findings.values()),
        }
        if self.with_poa:
            row[f"Funciones sin operación del POA ({SIN_POA})"] = findings[SIN_POA]
        row.update({rule_header(code): findings[code] for code in codes})
        return row


def rule_header(code: str) -> str:
    """A rule's column heading: its Spanish name and its code."""
    return f"{RULE_NAMES.get(code, code)} ({code})"
