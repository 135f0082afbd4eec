"""Corpus rules: checks across the documents of one run, reported on every document involved."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from extractor.checks.rules import Rules
from extractor.model.record import Finding, Record
from extractor.textnorm import fold, strip_parenthetical

# How close a superior's post must be to a post held in the run (rapidfuzz token_sort_ratio).
SUPERIOR_THRESHOLD = 90.0


@dataclass(frozen=True)
class CorpusKey:
    """The few fields of a record the corpus rules look at (kept while records stream)."""

    archivo: str
    gestion: int | None
    item: str | None
    ocupante: str | None
    denominacion: str | None
    superior: str | None

    @classmethod
    def of(cls, record: Record) -> CorpusKey | None:
        """The key of a readable record (None for an unreadable one)."""
        if not record.readable:
            return None
        puesto = record.puesto
        return cls(record.archivo, record.gestion, puesto.item, puesto.ocupante, puesto.denominacion,
                   puesto.inmediato_superior)


def _post(key: CorpusKey) -> str:
    return key.denominacion or "(puesto sin denominación)"


Known = dict[int, CorpusKey]
Found = dict[int, list[Finding]]


def corpus_findings(keys: list[CorpusKey | None], rules: Rules) -> Found:
    """Findings per record index for ``item_duplicado``, ``ocupante_duplicado``, ``superior_desconocido``."""
    result: Found = defaultdict(list)
    known = {i: k for i, k in enumerate(keys) if k is not None}
    if rules.active("item_duplicado"):
        _duplicated_items(known, rules, result)
    if rules.active("ocupante_duplicado"):
        _duplicated_people(known, rules, result)
    if rules.active("superior_desconocido"):
        _unknown_superiors(known, rules, result)
    return result


def _duplicated_items(known: Known, rules: Rules, result: Found) -> None:
    by_item: dict[tuple[int | None, str], list[int]] = defaultdict(list)
    for index, key in known.items():
        if key.item and fold(key.item):
            by_item[(key.gestion, fold(key.item))].append(index)
    for (gestion, _), indexes in by_item.items():
        if len(indexes) < 2:
            continue
        for index in indexes:
            others = ", ".join(known[o].archivo for o in indexes if o != index)
            when = f" (gestión {gestion})" if gestion else ""
            result[index].append(Finding("item_duplicado", rules.severity("item_duplicado"), "puesto.item",
                                         f"El ítem {known[index].item} aparece también en: {others}{when}."))


def _duplicated_people(known: Known, rules: Rules, result: Found) -> None:
    by_person: dict[str, list[int]] = defaultdict(list)
    for index, key in known.items():
        if key.ocupante and fold(key.ocupante):
            by_person[fold(key.ocupante)].append(index)
    for indexes in by_person.values():
        posts = {(fold(known[i].denominacion), known[i].item) for i in indexes}
        if len(indexes) < 2 or len(posts) < 2:
            continue
        for index in indexes:
            others = "; ".join(f"{_post(known[o])} ({known[o].archivo})" for o in indexes if o != index)
            result[index].append(Finding("ocupante_duplicado", rules.severity("ocupante_duplicado"),
                                         "puesto.ocupante", f"{known[index].ocupante} ocupa también: {others}."))


def _unknown_superiors(known: Known, rules: Rules, result: Found) -> None:
    held = sorted({fold(strip_parenthetical(k.denominacion)) for k in known.values() if k.denominacion})
    asking = [(i, k) for i, k in known.items() if k.superior and fold(k.superior)]
    if not asking:
        return
    queries = [fold(strip_parenthetical(k.superior or "")) for _, k in asking]
    best = (process.cdist(queries, held, scorer=fuzz.token_sort_ratio).max(axis=1) if held
            else [0.0] * len(queries))
    for (index, key), score in zip(asking, best):
        if score < SUPERIOR_THRESHOLD:
            result[index].append(Finding(
                "superior_desconocido", rules.severity("superior_desconocido"), "puesto.inmediato_superior",
                f"Ningún POAI de este lote corresponde al puesto del inmediato superior ({key.superior})."))
