"""The terminal report of ``poai audit``: a line per document, its findings, then totals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from extractor.model.record import Record

_MARK = {"error": "✖", "advertencia": "⚠", "info": "ℹ"}


class AuditReport:
    """Accumulates records and renders the report lines (the CLI prints them)."""

    def __init__(self) -> None:
        self.documents = 0
        self.unreadable = 0
        self.by_severity: Counter[str] = Counter()
        self.documents_with: Counter[str] = Counter()
        self.completeness: list[float] = []

    @property
    def failed(self) -> bool:
        """True when a finding has severity error or a document could not be read."""
        return bool(self.by_severity["error"] or self.unreadable)

    def add(self, record: Record) -> Iterator[str]:
        """The lines of one document."""
        self.documents += 1
        if record.error is not None:
            self.unreadable += 1
            yield f"✖ {record.archivo}: ilegible [{record.error.codigo}] {record.error.mensaje}"
            return
        findings = record.auditoria
        severities = Counter(f.severidad for f in findings)
        self.by_severity.update(severities)
        for severity in severities:
            self.documents_with[severity] += 1
        completeness = record.completitud or 0.0
        self.completeness.append(completeness)
        mark = "✖" if severities["error"] else ("⚠" if severities["advertencia"] else "✔")
        shown = f"{completeness:.1f}".replace(".", ",")
        yield (f"{mark} {record.archivo}: completitud {shown} %, "
               f"{_plural(len(findings), 'observación', 'observaciones')}")
        for finding in findings:
            yield f"    {_MARK.get(finding.severidad, '-')} [{finding.severidad}] {finding.mensaje}"

    def totals(self) -> Iterator[str]:
        """The closing lines."""
        read = self.documents - self.unreadable
        mean = sum(self.completeness) / len(self.completeness) if self.completeness else 0.0
        yield ""
        shown = f"{mean:.1f}".replace(".", ",")
        yield (f"Total: {_plural(self.documents, 'documento', 'documentos')}, {read} leídos, "
               f"{self.unreadable} ilegibles; completitud media {shown} %.")
        yield (f"Observaciones: {self.by_severity['error']} de severidad error "
               f"({self.documents_with['error']} documentos), {self.by_severity['advertencia']} advertencias "
               f"({self.documents_with['advertencia']} documentos), {self.by_severity['info']} informativas.")


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _cut(text: str | None, width: int) -> str:
    text = text or ""
    return text if len(text) <= width else text[: width - 1] + "…"


class MatchTable:
    """The terminal table of ``poai match``: one line per function, then the POA's coverage."""

    def __init__(self) -> None:
        self.functions = 0
        self.linked = 0
        self.specific_unlinked = 0
        self.header_shown = False

    def add(self, record: Record) -> Iterator[str]:
        """The lines of one document's functions."""
        if not record.readable:
            return
        if not self.header_shown:
            self.header_shown = True
            yield f"{'Puesto':<30} {'Función':<58} {'Código':<9} {'Puntaje':>7}"
            yield "-" * 107
        post = record.puesto.denominacion or record.archivo
        for function in record.funciones:
            self.functions += 1
            poa = function.poa
            kind = "E" if function.tipo == "especifica" else "R"
            label = f"{kind}{function.n} {function.funcion or ''}"
            if poa:
                self.linked += 1
                code, score = poa.codigo, f"{poa.puntaje:.1f}".replace(".", ",")
            else:
                self.specific_unlinked += function.tipo == "especifica"
                code, score = "—", ""
            yield f"{_cut(post, 30):<30} {_cut(label, 58):<58} {code:<9} {score:>7}"

    def coverage(self, rows: list[dict[str, object]]) -> Iterator[str]:
        """The coverage table and the totals."""
        yield ""
        yield f"{'Código':<9} {'Operación':<70} {'Funciones':>9} {'POAI':>5}"
        yield "-" * 96
        unserved = 0
        for row in rows:
            mark = "" if row["Atendida"] else "  ✖ nadie la atiende"
            unserved += not row["Atendida"]
            yield (f"{str(row['Código']):<9} {_cut(str(row['Operación']), 70):<70} {row['N° funciones']:>9} "
                   f"{row['N° POAI']:>5}{mark}")
        yield ""
        yield (f"Funciones: {self.functions}, vinculadas a una operación: {self.linked}, específicas sin operación: "
               f"{self.specific_unlinked}. Operaciones sin ninguna función: {unserved} de {len(rows)}.")
