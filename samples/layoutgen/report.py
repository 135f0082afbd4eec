"""Aggregate document scores: fields exact overall, per field kind, per layout feature and per synonym."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from layoutgen.score import DocResult, group_of, word_kinds


@dataclass
class Tally:
    """Exact fields out of compared fields."""

    exact: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        """Count one field."""
        self.exact += ok
        self.total += 1

    @property
    def share(self) -> float:
        """Percent exact (100 for nothing compared)."""
        return 100.0 * self.exact / self.total if self.total else 100.0


@dataclass
class Summary:
    """Every tally the report prints."""

    overall: Tally = field(default_factory=Tally)
    kinds: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    groups: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    features: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_format: dict[tuple[str, str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    formats: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    words: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    docs: list[DocResult] = field(default_factory=list)
    perfect: int = 0
    errors: int = 0


def summarise(results: Iterable[DocResult]) -> Summary:
    """Tally the results (a generator is consumed once)."""
    s = Summary()
    for doc in results:
        s.docs.append(doc)
        s.perfect += doc.exact == len(doc.fields)
        s.errors += doc.error is not None
        for f in doc.fields:
            s.overall.add(f.ok)
            s.kinds[f.kind].add(f.ok)
            s.groups[group_of(f.kind)].add(f.ok)
        s.formats[doc.formato].exact += doc.exact
        s.formats[doc.formato].total += len(doc.fields)
        for name, value in doc.features.items():
            for tally in (s.features[(name, str(value))], s.by_format[(name, str(value), doc.formato)]):
                tally.exact += doc.exact
                tally.total += len(doc.fields)
        for key, word in doc.words.items():
            kinds = word_kinds(key)
            related = [
                f
                for f in doc.fields
                if any(f.kind == k or (k.endswith("*") and f.kind.startswith(k[:-1])) for k in kinds)
            ]
            tally = s.words[(key, word)]
            for f in related:
                tally.add(f.ok)
    return s


def _pct(t: Tally) -> str:
    return f"{t.share:6.2f} %"


def kind_table(s: Summary) -> list[str]:
    """Fields exact per section and per field kind."""
    lines = [f"{'campo':38} {'exactos':>9} {'de':>7} {'%':>8}"]
    for group in sorted(s.groups, key=lambda g: s.groups[g].share):
        t = s.groups[group]
        lines.append(f"{group:38} {t.exact:9d} {t.total:7d} {_pct(t)}")
    lines.append("")
    for kind in sorted(s.kinds):
        t = s.kinds[kind]
        lines.append(f"  {kind:36} {t.exact:9d} {t.total:7d} {_pct(t)}")
    return lines


def feature_table(s: Summary) -> list[str]:
    """Fields exact per value of every layout feature, overall and per format.

    A failure class shows as one low line: "<<" marks a value more than a point below the overall
    figure, "*" a format's figure more than three points below that format's own.
    """
    formats = sorted(s.formats)
    lines = [f"{'rasgo = valor':40} {'docs':>6} {'todos':>8}" + "".join(f" {f:>8}" for f in formats)]
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for doc in s.docs:
        for name, value in doc.features.items():
            counts[(name, str(value))] += 1
    current = ""
    for (name, value), t in sorted(s.features.items()):
        if name != current:
            current = name
            lines.append("")
        cells = []
        for f in formats:
            ft = s.by_format.get((name, value, f))
            if ft is None or not ft.total:
                cells.append(f" {'-':>8}")
                continue
            mark = "*" if ft.share < s.formats[f].share - 3.0 else " "
            cells.append(f" {ft.share:7.1f}{mark}")
        flag = "  <<" if t.share < s.overall.share - 1.0 else ""
        lines.append(f"{name + ' = ' + value:40} {counts[(name, value)]:6d} {t.share:7.2f} " + "".join(cells) + flag)
    return lines


def word_table(s: Summary, limit: int = 25, minimum: int = 5) -> list[str]:
    """The synonyms whose fields are read worst."""
    rows = [(t.share, key, word, t) for (key, word), t in s.words.items() if t.total >= minimum]
    rows.sort(key=lambda r: (r[0], r[1]))
    lines = [f"{'sinónimo (clave = palabra)':60} {'campos':>7} {'%':>8}"]
    for _share, key, word, t in rows[:limit]:
        lines.append(f"{key + ' = ' + repr(word):60} {t.total:7d} {_pct(t)}")
    return lines


def worst_docs(s: Summary, limit: int = 20, fields_shown: int = 6) -> list[str]:
    """The documents with the fewest exact fields: (seed, index), layout, first differing fields."""
    lines: list[str] = []
    ranked = sorted(s.docs, key=lambda d: (d.accuracy, d.seed, d.index))[:limit]
    for doc in ranked:
        if doc.accuracy == 1.0:
            break
        lines.append(
            f"(seed={doc.seed}, index={doc.index}) {doc.formato} {100 * doc.accuracy:.1f} % "
            f"{doc.exact}/{len(doc.fields)}  {doc.path}"
        )
        if doc.error:
            lines.append(f"    ERROR: {doc.error.splitlines()[0]}")
        lines.append(f"    diseño: {doc.layout[:900]}")
        for f in doc.failures()[:fields_shown]:
            lines.append(f"    - {f.path}: esperado {_short(f.expected)} | leído {_short(f.actual)}")
    return lines


def _short(value: object, width: int = 150) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def full_report(s: Summary, worst: int = 20) -> str:
    """The whole printed report."""
    n = len(s.docs)
    head = [
        f"Documentos: {n}; campos exactos: {s.overall.exact}/{s.overall.total} = {_pct(s.overall).strip()}; "
        f"documentos perfectos: {s.perfect} ({100 * s.perfect / max(n, 1):.1f} %); errores de lectura: {s.errors}",
        "",
    ]
    head += [f"  formato {k:5} {_pct(t)}  ({t.total} campos)" for k, t in sorted(s.formats.items())] + [""]
    parts = [
        *head,
        "== Por campo ==",
        *kind_table(s),
        "",
        "== Por rasgo del diseño ==",
        *feature_table(s),
        "",
        "== Sinónimos peor leídos ==",
        *word_table(s),
        "",
        f"== Los {worst} peores documentos ==",
        *worst_docs(s, worst),
    ]
    return "\n".join(parts)
