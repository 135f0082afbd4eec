"""Draw the content of one fictional POAI: the record fields, before any layout is chosen.

The content is a dict shaped like the record (SCHEMA.md) plus a few things a form prints that
the record does not keep (entity, city, pay level, place of work, start date). Texts never hold
a colon, tab or line break: a colon would make "Label: value" lines ambiguous for a person too.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # samples/, for the fixed pools

import content as fixed  # noqa: E402  (samples/content.py)

from layoutgen import pools as P  # noqa: E402
from layoutgen.vocab import cased  # noqa: E402


def _person(rng: random.Random) -> str:
    first = rng.sample(P.FIRST_NAMES, rng.choice([1, 2, 2]))
    return " ".join(first + rng.sample(P.SURNAMES, 2))


def _topic(rng: random.Random, domain: str) -> str:
    return rng.choice(P.TOPICS[domain] + P.COMMON_TOPICS[:3])


def _weights(rng: random.Random, count: int) -> list[float]:
    """``count`` weights adding up to exactly 100, in steps of 5 or 2.5."""
    step = rng.choice([5.0, 5.0, 2.5]) if count <= 15 else 2.5
    units = int(100 / step)
    parts = [1] * count
    for _ in range(units - count):
        parts[rng.randrange(count)] += 1
    return [p * step for p in parts]


def _specific(rng: random.Random, domain: str) -> tuple[str, str, str]:
    if rng.random() < 0.25:
        function, result, source, _op = rng.choice(fixed.SPECIFIC_POOL)
        return function, result, source
    topic = _topic(rng, domain)
    obj = rng.choice(P.OBJECTS_SPECIFIC).format(t=topic)
    function = f"{rng.choice(P.VERBS_SPECIFIC)} {obj}{rng.choice(P.QUALIFIERS)}"
    result = f"{rng.choice(P.RESULT_NOUNS)} de {topic} {rng.choice(P.RESULT_STATES)}{rng.choice(P.RESULT_TIMES)}"
    sources = rng.sample(P.SOURCES, rng.choice([1, 1, 2]))
    source = sources[0] if len(sources) == 1 else f"{sources[0]} y {sources[1].lower()}"
    return function, result, source


def _routine(rng: random.Random) -> tuple[str, str, str]:
    if rng.random() < 0.25:
        return rng.choice(fixed.ROUTINE_POOL)
    function = f"{rng.choice(P.VERBS_ROUTINE)} {rng.choice(P.OBJECTS_ROUTINE)}{rng.choice(P.QUALIFIERS[:6])}"
    return function, rng.choice(P.ROUTINE_RESULTS), rng.choice(P.SOURCES)


def _unique(rng: random.Random, draw: Any, count: int) -> list[Any]:
    """``count`` draws with distinct first elements (a person would not repeat a function)."""
    out: list[Any] = []
    seen: set[str] = set()
    for _ in range(count * 20):
        if len(out) == count:
            break
        item = draw()
        if item[0] not in seen:
            seen.add(item[0])
            out.append(item)
    return out


def _functions(rng: random.Random, domain: str) -> list[dict[str, Any]]:
    n_spec, n_rout = rng.randint(2, 8), rng.randint(1, 4)
    specific = _unique(rng, lambda: _specific(rng, domain), n_spec)
    routine = _unique(rng, lambda: _routine(rng), n_rout)
    weights = _weights(rng, len(specific) + len(routine))
    out: list[dict[str, Any]] = []
    for tipo, rows in (("especifica", specific), ("rutinaria", routine)):
        for n, (function, result, source) in enumerate(rows, 1):
            indicator = rng.choice(P.INDICATORS).format(p=rng.choice([80, 90, 100]))
            out.append(
                {
                    "tipo": tipo,
                    "n": n,
                    "funcion": function,
                    "resultado": None if rng.random() < 0.04 else result,
                    "fuente_verificacion": None if rng.random() < 0.04 else source,
                    "ponderacion": weights[len(out)],
                    "indicador": indicator,
                    "actividades": [],
                }
            )
    return out


def _list(rng: random.Random, pool: list[str], low: int, high: int) -> list[str]:
    # The fixed pools and ours overlap: a form does not list the same norm twice.
    unique = list(dict.fromkeys(pool))
    return rng.sample(unique, min(len(unique), rng.randint(low, high)))


def _formation(rng: random.Random) -> list[dict[str, Any]]:
    entries = []
    areas = rng.sample(list(dict.fromkeys(P.AREAS_EXTRA + fixed.AREAS)), rng.randint(1, 3))
    for index, area in enumerate(areas):
        grade = rng.choice(["licenciatura"] * 4 + ["tecnico", "postgrado", "postgrado", "bachiller", "doctorado"])
        priority = "excluyente" if index == 0 else rng.choice(["excluyente", "deseable", "deseable"])
        entries.append({"area": area, "grado_minimo": grade, "prioridad": priority})
    return entries


def _iso(rng: random.Random, year: int, month: int = 1) -> str:
    return f"{year}-{month:02d}-{rng.randint(2, 28):02d}"


def draw_content(rng: random.Random) -> dict[str, Any]:
    """One fictional POAI's content in record shape (SCHEMA.md), plus form-only facts under ``extra``."""
    entity, city, domain = rng.choice(P.ENTITIES)
    gestion = rng.randint(2019, 2026)
    topic = _topic(rng, domain)
    post = rng.choice(P.POST_PATTERNS).format(T=topic.upper())
    if rng.random() < 0.2:
        post = rng.choice(fixed.POSTS)[0]
    unit = rng.choice(P.UNIT_PATTERNS).format(T=_topic(rng, domain).upper())
    superior = rng.choice(P.SUPERIOR_PATTERNS).format(T=_topic(rng, domain).upper())
    person = _person(rng)
    if rng.random() < 0.15:
        person = person.title()
    supervised: list[str] = []
    if rng.random() < 0.4:
        supervised = list(
            dict.fromkeys(
                rng.choice(P.POST_PATTERNS).format(T=_topic(rng, domain).upper()) for _ in range(rng.randint(1, 4))
            )
        )
    objetivo = (
        f"{rng.choice(['Contribuir al', 'Coadyuvar en el', 'Garantizar el', 'Apoyar el'])} cumplimiento de "
        f"los objetivos de la {cased(unit.lower(), 'title')} mediante la gestión de {topic}"
        f"{rng.choice(P.QUALIFIERS)}, con calidad y oportunidad."
    )
    if rng.random() < 0.3:
        objetivo = objetivo.upper()
    experience: dict[str, int | None] = {
        "general": rng.randint(1, 8), "profesional": rng.randint(0, 5), "sector_publico": rng.randint(0, 4)}
    for key in ("profesional", "sector_publico"):
        if experience[key] == 0:
            experience[key] = None  # the form leaves that row out
    signed = rng.random() < 0.92
    approver = _person(rng) if rng.random() < 0.95 else None
    month = rng.randint(1, 3)
    return {
        "gestion": gestion,
        "puesto": {
            "denominacion": post,
            "item": str(rng.randint(1, 999)),
            "dependencia": unit,
            "inmediato_superior": superior,
            "ocupante": person,
            "cargos_supervisados": supervised,
        },
        "relaciones": {
            "intrainstitucionales": _list(rng, P.INTRA_EXTRA + fixed.INTRA, 1, 6),
            "interinstitucionales": _list(rng, P.INTER_EXTRA + fixed.INTER, 1, 5),
        },
        "objetivo": objetivo,
        "funciones": _functions(rng, domain),
        "normas": _list(rng, P.NORMS_EXTRA + fixed.NORMS, 2, 6),
        "formacion": _formation(rng),
        "experiencia": experience,
        "conocimientos": [
            {"conocimiento": k, "caracter": rng.choice(["excluyente", "deseable"])}
            for k in _list(rng, P.KNOWLEDGE_EXTRA + fixed.KNOWLEDGE, 0, 6)
        ],
        "cualidades": _list(rng, P.QUALITIES_EXTRA + fixed.QUALITIES, 0, 7),
        "aprobacion": {
            "elaborado_por": person if signed else None,
            "aprobado_por": approver if signed else None,
            "ciudadania_digital": rng.random() < 0.35,
            "fecha_elaboracion": _iso(rng, gestion, month) if rng.random() < 0.6 else None,
            "fecha_aprobacion": _iso(rng, gestion, month + 1) if rng.random() < 0.4 else None,
        },
        "extra": {
            "entity": entity,
            "city": city,
            "nivel": rng.choice(P.LEVELS),
            "lugar": rng.choice(P.PLACES),
            "fecha_inicio": f"{gestion}-01-02",
        },
    }
