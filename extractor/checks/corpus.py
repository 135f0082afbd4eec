"""Corpus rules: checks across the documents of one run, reported on every document involved.

Offices keep many POAIs twice: the Word file and its PDF export, or a text dump. The same POAI
in two files (same post, item, person and functions, compared normalised) is one POAI: each
file gets ``documento_repetido`` (info), and twins count as one for the other rules, so they
never give ``item_duplicado`` or ``ocupante_duplicado`` between themselves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from extractor.checks.rules import Rules
from extractor.model.record import Finding, Record
from extractor.textnorm import fold, strip_parenthetical

# What makes two files the same POAI: gestión, post, item, person and every function, normalised.
Signature = tuple[object, ...]

# The rules this module applies (they depend on the run, not on one document).
CORPUS_RULES = ("documento_repetido", "item_duplicado", "ocupante_duplicado", "superior_desconocido")

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
    signature: Signature = ()

    @classmethod
    def of(cls, record: Record) -> CorpusKey | None:
        """The key of a readable record (None for an unreadable one)."""
        if not record.readable:
            return None
        puesto = record.puesto
        return cls(record.archivo, record.gestion, puesto.item, puesto.ocupante, puesto.denominacion,
                   puesto.inmediato_superior, signature(record))


def _norm(text: str | None) -> str:
    """Text compared across formats: folded, and without the spaces a narrow column or a PDF
    export may put inside or between words."""
    return fold(text).replace(" ", "")


def signature(record: Record) -> Signature:
    """What two files of the same POAI share whatever their format: gestión, post, item, person,
    and each function's kind, text and weight."""
    puesto = record.puesto
    functions = tuple((f.tipo, _norm(f.funcion), f.ponderacion) for f in record.funciones)
    return (record.gestion, _norm(puesto.denominacion), _norm(puesto.item), _norm(puesto.ocupante), functions)


def _post(key: CorpusKey) -> str:
    return key.denominacion or "(puesto sin denominación)"


Known = dict[int, CorpusKey]
Found = dict[int, list[Finding]]


def twins(keys: list[CorpusKey | None]) -> dict[int, int]:
    """For each readable record, the index of the first record of the same POAI (itself if none)."""
    first: dict[Signature, int] = {}
    same: dict[int, int] = {}
    for index, key in enumerate(keys):
        if key is None:
            continue
        _gestion, post, _item, _person, functions = key.signature or (None, "", "", "", ())
        # A read that found neither the post nor a function says too little to be anyone's twin.
        same[index] = first.setdefault(key.signature, index) if post or functions else index
    return same


def distinct_poais(keys: list[CorpusKey | None]) -> int:
    """How many different POAIs the readable records hold (twins counted once)."""
    return len(set(twins(keys).values()))


def corpus_findings(keys: list[CorpusKey | None], rules: Rules) -> Found:
    """Findings per record index for ``documento_repetido``, ``item_duplicado``, ``ocupante_duplicado``
    and ``superior_desconocido``."""
    result: Found = defaultdict(list)
    known = {i: k for i, k in enumerate(keys) if k is not None}
    same = twins(keys)
    if rules.active("documento_repetido"):
        _repeated_documents(known, same, rules, result)
    if rules.active("item_duplicado"):
        _duplicated_items(known, same, rules, result)
    if rules.active("ocupante_duplicado"):
        _duplicated_people(known, same, rules, result)
    if rules.active("superior_desconocido"):
        _unknown_superiors(known, rules, result)
    return result


def _repeated_documents(known: Known, same: dict[int, int], rules: Rules, result: Found) -> None:
    groups: dict[int, list[int]] = defaultdict(list)
    for index, first in same.items():
        groups[first].append(index)
    for indexes in groups.values():
        files = {known[i].archivo for i in indexes}
        if len(indexes) < 2:
            continue
        for index in indexes:
            others = ", ".join(dict.fromkeys(known[o].archivo for o in indexes if o != index))
            what = ("El mismo archivo se indicó más de una vez" if len(files) == 1
                    else f"El mismo POAI (puesto, ítem, ocupante y funciones) está también en: {others}")
            result[index].append(Finding("documento_repetido", rules.severity("documento_repetido"), "archivo",
                                         f"{what}; se cuenta una sola vez."))


def _duplicated_items(known: Known, same: dict[int, int], rules: Rules, result: Found) -> None:
    by_item: dict[tuple[int | None, str], list[int]] = defaultdict(list)
    for index, key in known.items():
        if key.item and fold(key.item):
            by_item[(key.gestion, fold(key.item))].append(index)
    for (gestion, _), indexes in by_item.items():
        if len({same[i] for i in indexes}) < 2:
            continue  # one POAI, in several files: documento_repetido says so
        for index in indexes:
            others = ", ".join(known[o].archivo for o in indexes if same[o] != same[index])
            when = f" (gestión {gestion})" if gestion else ""
            result[index].append(Finding("item_duplicado", rules.severity("item_duplicado"), "puesto.item",
                                         f"El ítem {known[index].item} aparece también en: {others}{when}."))


def _duplicated_people(known: Known, same: dict[int, int], rules: Rules, result: Found) -> None:
    by_person: dict[str, list[int]] = defaultdict(list)
    for index, key in known.items():
        if key.ocupante and fold(key.ocupante):
            by_person[fold(key.ocupante)].append(index)
    for indexes in by_person.values():
        posts = {(fold(known[i].denominacion), known[i].item) for i in indexes}
        if len(indexes) < 2 or len(posts) < 2:
            continue
        for index in indexes:
            mine = (fold(known[index].denominacion), known[index].item)
            others = "; ".join(f"{_post(known[o])} ({known[o].archivo})" for o in indexes
                               if (fold(known[o].denominacion), known[o].item) != mine)
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
