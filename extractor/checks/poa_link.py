"""The POA link: each function's operation of the unit POA, and ``funcion_sin_poa``."""

from __future__ import annotations

from extractor.checks.document import number
from extractor.checks.rules import DEFAULT_RULES, TIPO_NAMES, Rules
from extractor.model.record import Finding, PoaLink, Record
from extractor.poa.matching import Matcher


def link_functions(record: Record, matcher: Matcher, rules: Rules = DEFAULT_RULES) -> None:
    """Set ``poa`` (and the runner-up ``poa_candidatos``) of every function of a readable record,
    and add a ``funcion_sin_poa`` finding for each specific function that serves no operation."""
    if not record.readable:
        return
    record.auditoria = [f for f in record.auditoria if f.regla != "funcion_sin_poa"]
    for index, (function, match) in enumerate(zip(record.funciones, matcher.match(record.funciones))):
        function.linked = True
        function.poa = (None if match.codigo is None or match.operacion is None
                        else PoaLink(match.codigo, match.operacion, match.puntaje, match.actividad))
        function.poa_candidatos = [PoaLink.from_dict(c) for c in match.candidatos]
        if function.poa is None and function.tipo == "especifica" and rules.active("funcion_sin_poa"):
            where = f"{TIPO_NAMES['especifica']} {function.n}"
            record.auditoria.append(Finding(
                "funcion_sin_poa", rules.severity("funcion_sin_poa"), f"funciones[{index}].poa",
                f"{where}: no corresponde a ninguna operación del POA de la unidad "
                f"(mejor puntaje {number(match.puntaje)})."))
