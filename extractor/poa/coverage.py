"""Linking records to the unit POA: each function's operation, and which operations are served."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from extractor.checks.document import DEFAULT_RULES, TIPO_NAMES, Rules, finding
from extractor.model.record import Record
from extractor.poa.matching import Matcher


def apply_matches(record: Record, matcher: Matcher, rules: Rules = DEFAULT_RULES) -> None:
    """Set ``poa`` (and the runner-up ``poa_candidatos``) of every function of a readable record,
    and add a ``funcion_sin_poa`` finding for each specific function that serves no operation."""
    if record.get("estado") == "error":
        return
    functions = record["funciones"]
    record["auditoria"] = [f for f in record["auditoria"] if f["regla"] != "funcion_sin_poa"]
    for function, match in zip(functions, matcher.match(functions)):
        function["poa"] = (None if match.codigo is None else
                           {"codigo": match.codigo, "operacion": match.operacion, "puntaje": match.puntaje})
        function["poa_candidatos"] = match.candidatos
        if match.codigo is None and function["tipo"] == "especifica" and rules.active("funcion_sin_poa"):
            where = f"{TIPO_NAMES['especifica']} {function['n']}"
            record["auditoria"].append(finding(
                "funcion_sin_poa", rules.severity("funcion_sin_poa"), "funciones.poa",
                f"{where}: no corresponde a ninguna operación del POA de la unidad "
                f"(mejor puntaje {f'{match.puntaje:g}'.replace('.', ',')})."))


@dataclass
class Coverage:
    """Which functions, documents and posts serve each operation of the POA."""

    matcher: Matcher
    functions: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    documents: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    posts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, record: Record) -> None:
        """Count a matched record."""
        if record.get("estado") == "error":
            return
        post = record["puesto"]["denominacion"] or record["archivo"]
        for function in record["funciones"]:
            poa = function.get("poa")
            if not poa:
                continue
            code = poa["codigo"]
            self.functions[code] += 1
            self.documents[code].add(record["archivo"])
            if post not in self.posts[code]:
                self.posts[code].append(post)

    def rows(self) -> list[dict[str, Any]]:
        """The rows of the "Cobertura POA" sheet, one per operation, in POA order."""
        rows = []
        for operation in self.matcher.operations:
            code = operation.codigo
            acp = " ".join(p for p in (operation.acp_codigo, operation.acp) if p) or None
            rows.append({"Código": code, "Acción de corto plazo": acp, "Operación": operation.operacion,
                         "N° funciones": self.functions.get(code, 0), "N° POAI": len(self.documents.get(code, ())),
                         "Puestos": "; ".join(self.posts.get(code, [])) or None,
                         "Atendida": bool(self.functions.get(code))})
        return rows
