"""Coverage of the unit POA: which functions, documents and posts serve each operation."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from extractor.model.record import Record
from extractor.poa.matching import Matcher


@dataclass
class Coverage:
    """Which functions, documents and posts serve each operation of the POA."""

    matcher: Matcher
    functions: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    documents: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    posts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, record: Record) -> None:
        """Count a matched record."""
        if not record.readable:
            return
        post = record.puesto.denominacion or record.archivo
        for function in record.funciones:
            if function.poa is None:
                continue
            code = function.poa.codigo
            self.functions[code] += 1
            self.documents[code].add(record.archivo)
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
