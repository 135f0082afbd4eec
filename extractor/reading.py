"""The Python API of an analyst: read files or folders into records and pandas tables.

    import extractor
    lectura = extractor.read(["samples/poai"], poa="samples/poa/poa_unidad_2023.xlsx")
    lectura.frames["funciones"].groupby("codigo_poa").size()

:func:`read` applies every rule the command does (document, corpus, POA) in the same single
audit pass; :func:`audit` and :func:`match` apply the corpus rules and the POA link again to
records already read (from a run, or from their JSON Lines). Tables are keyed and named in
stable snake_case (``puestos``, ``funciones`` …; ``n_funciones``, ``codigo_poa`` …), built from
the rows every writer uses; the Spanish display names stay in the workbook.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from extractor.api import Batch, Options
from extractor.checks.audit import Audit
from extractor.checks.rules import DEFAULT_RULES, Rules, load_rules
from extractor.model.record import Record
from extractor.poa.coverage import Coverage
from extractor.poa.loader import load_poa
from extractor.poa.matching import DEFAULT_THRESHOLD, Matcher
from extractor.textnorm import strip_accents
from extractor.writers.rows import SHEETS, Rows, collect_rows, frames_of

PathLike = str | os.PathLike[str]


@dataclass
class Reading:
    """What :func:`read`, :func:`audit` and :func:`match` return.

    ``records``: one :class:`~extractor.model.record.Record` per POAI (``record.to_dict()`` is its
    JSON, docs/registro.md); ``frames``: one DataFrame per table, keyed ``puestos``,
    ``funciones``, ``requisitos``, ``relaciones``, ``cualidades``, ``normas``, ``auditoria``,
    ``errores`` and ``cobertura_poa`` (empty without a POA), every column in snake_case.
    """

    records: list[Record]
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)


def snake(name: str) -> str:
    """The snake_case name of a sheet or column: "N° funciones" → "n_funciones", "Ítem" → "item",
    "Completitud (%)" → "completitud"."""
    text = strip_accents(name).lower().replace("n°", "n ").replace("%", " ")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def tables(records: list[Record], coverage: list[dict[str, Any]] | None = None) -> dict[str, pd.DataFrame]:
    """The snake_case DataFrames of ``records`` (rows built once) and the POA ``coverage``."""
    collected: Rows = dict(collect_rows(records))
    collected["Cobertura POA"] = coverage or []
    frames = frames_of(collected)
    return {snake(sheet): frame.rename(columns={c.name: snake(c.name) for c in SHEETS[sheet]})
            for sheet, frame in frames.items()}


def _rules(rules: Rules | PathLike | None) -> Rules | None:
    """Rules given as such, or as the path of an entity's rules file (TOML)."""
    if rules is None or isinstance(rules, Rules):
        return rules
    return load_rules(Path(rules))


def _paths(paths: PathLike | Iterable[PathLike]) -> list[str]:
    if isinstance(paths, str | os.PathLike):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def read(paths: PathLike | Iterable[PathLike], *, poa: PathLike | None = None,
         rules: Rules | PathLike | None = None, poa_unit: str | None = None,
         threshold: float = DEFAULT_THRESHOLD, password: str | None = None, workers: int | None = None,
         timeout: float | None = None, ocr: str = "auto", cache: PathLike | None = None) -> Reading:
    """Read every POAI of ``paths`` (files or folders, as the command takes them) with every rule
    applied: the document rules, the corpus rules across all of them and, with ``poa`` (the
    unit's POA), the link of each function to its operation.

    ``rules``: an entity's rules (:func:`extractor.checks.rules.load_rules`, or the path of its
    TOML file); ``poa_unit``: the unit to keep of a POA that holds several; ``cache``: a catalog
    file of documents already read (none by default). Raises :class:`~extractor.PoaiError` for
    inputs that do not exist or hold no document, a POA or rules file that cannot be read; a
    document that cannot be read is a record with ``estado`` "error", never an exception.
    """
    options = Options(workers=workers, cache=Path(cache) if cache is not None else None, use_cache=cache is not None,
                      timeout=timeout, password=password, rules=_rules(rules),
                      poa=Path(poa) if poa is not None else None, threshold=threshold, poa_unit=poa_unit, ocr=ocr)
    with Batch(_paths(paths), options) as batch:
        records = list(batch.records())
        coverage = batch.coverage.rows() if batch.coverage is not None else None
    return Reading(records, tables(records, coverage))


def _typed(records: Iterable[Record | Mapping[str, Any]]) -> list[Record]:
    return [r if isinstance(r, Record) else Record.from_dict(dict(r)) for r in records]


def audit(records: Iterable[Record | Mapping[str, Any]], *, rules: Rules | PathLike | None = None,
          poa: PathLike | None = None, poa_unit: str | None = None,
          threshold: float = DEFAULT_THRESHOLD) -> Reading:
    """Audit records already read (typed, or their JSON objects) again, as one run: the corpus
    rules across them (``documento_repetido``, ``item_duplicado`` …) with ``rules`` and, with
    ``poa``, the POA link and ``funcion_sin_poa``. The document findings stay as read, less those
    of rules ``rules`` switches off; their severity follows ``rules``. Typed records are
    updated in place."""
    typed = _typed(records)
    matcher = Matcher(load_poa(Path(poa), poa_unit), threshold) if poa is not None else None
    Audit(_rules(rules) or DEFAULT_RULES, matcher).again(typed)
    return Reading(typed, tables(typed, _coverage(typed, matcher)))


def match(records: Iterable[Record | Mapping[str, Any]], poa: PathLike, *, poa_unit: str | None = None,
          threshold: float = DEFAULT_THRESHOLD, rules: Rules | PathLike | None = None) -> Reading:
    """Link every function of records already read to the operation of the unit POA ``poa`` it
    serves (``funcion.poa``, and ``funcion_sin_poa`` for a specific function that serves none);
    ``frames["cobertura_poa"]`` says which functions, POAIs and posts serve each operation.
    Other findings are kept. Typed records are updated in place."""
    from extractor.checks.poa_link import link_functions

    typed = _typed(records)
    matcher = Matcher(load_poa(Path(poa), poa_unit), threshold)
    chosen = _rules(rules) or DEFAULT_RULES
    for record in typed:
        link_functions(record, matcher, chosen)
    return Reading(typed, tables(typed, _coverage(typed, matcher)))


def _coverage(records: list[Record], matcher: Matcher | None) -> list[dict[str, Any]] | None:
    if matcher is None:
        return None
    coverage = Coverage(matcher)
    for record in records:
        coverage.add(record)
    return coverage.rows()


def correct(record: Record | Mapping[str, Any], campo: str, value: Any, *, cache: PathLike) -> dict[str, Any]:
    """Correct one value of a record read earlier (``campo`` is its path: "puesto.ocupante",
    "funciones[2].ponderacion"), keeping the correction in the catalog ``cache``: every later
    read with that catalog applies it before the audit and lists it in ``correcciones``.

    Text typed as a person would (a decimal comma, one list item per line) is turned into the
    field's type. Returns the correction as the record lists it."""
    from extractor.catalog import Catalog
    from extractor.corrections import correction

    typed = record if isinstance(record, Record) else Record.from_dict(dict(record))
    item = correction(typed, campo, value, "api")
    with Catalog(Path(cache)) as catalog:
        catalog.corrections.add([item])
    return item.entry()
