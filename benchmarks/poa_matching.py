"""Precision and recall of linking functions to the operations of a unit POA.

    python benchmarks/poa_matching.py              # measures, prints, updates BENCHMARKS.md
    python benchmarks/poa_matching.py --sin-escribir

Two corpora: the external corpus (POAIs made outside the project, read against
``poa_unidad.xlsx`` and ``poa_unidad.csv``; truth in ``expected/matches.json``) and the sample
POAIs (truth in ``samples/poa/etiquetas_poa.json``) against the sample POA and the shapes of it
in ``samples/poa/formas`` that carry its operations (activities included). A function is
linked right when its operation is one of the acceptable ones, or when it gets none and none
fits. The section of BENCHMARKS.md between the markers below is replaced.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import extractor  # noqa: E402
from extractor.poa.loader import load_poa  # noqa: E402
from extractor.poa.matching import Matcher  # noqa: E402

EXTERNAL = ROOT.parent / "shared" / "corpus" / "external"
SAMPLES = ROOT / "samples"
SAMPLE_POAS = ["poa/poa_unidad_2023.xlsx", "poa/formas/columnas_pares.xlsx", "poa/formas/columnas_pares.pdf",
               "poa/formas/filas_codigos.pdf"]
START, END = "<!-- poa-vinculacion:inicio -->", "<!-- poa-vinculacion:fin -->"


@dataclass
class Score:
    """Counts of one corpus × POA."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    right: int = 0
    total: int = 0

    def add(self, predicted: str | None, acceptable: list[str]) -> None:
        """One judged function."""
        self.total += 1
        self.right += (predicted in acceptable) if acceptable else predicted is None
        self.tp += predicted is not None and predicted in acceptable
        self.fp += predicted is not None and predicted not in acceptable
        self.fn += bool(acceptable) and predicted not in acceptable

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def _external_cases() -> list[tuple[dict[str, Any], dict[str, list[str]]]]:
    index = json.loads((EXTERNAL / "expected" / "index.json").read_text(encoding="utf-8"))
    truth = json.loads((EXTERNAL / "expected" / "matches.json").read_text(encoding="utf-8"))["truth"]
    cases = []
    for name, record_id in sorted(index.items()):
        if record_id in truth:
            cases.append((extractor.extract(EXTERNAL / name), truth[record_id]))
    return cases


def _sample_cases() -> list[tuple[dict[str, Any], dict[str, list[str]]]]:
    labels = json.loads((SAMPLES / "poa" / "etiquetas_poa.json").read_text(encoding="utf-8"))
    cases = []
    for sample, truth in labels.items():
        wanted = {f"{t['tipo']}:{t['n']}": [t["operacion"]] if t["operacion"] else [] for t in truth}
        for kind in ("word.docx", "directo.pdf", "libreoffice.pdf"):
            path = SAMPLES / "poai" / f"poai_{sample}_{kind}"
            if path.exists():
                cases.append((extractor.extract(path), wanted))
    return cases


def score(poa: Path, cases: list[tuple[dict[str, Any], dict[str, list[str]]]]) -> Score:
    """Link every case's functions to ``poa`` and count."""
    matcher = Matcher(load_poa(poa))
    result = Score()
    for record, truth in cases:
        functions = record.get("funciones") or []
        for function, match in zip(functions, matcher.match(functions)):
            key = f"{function['tipo']}:{function['n']}"
            if key in truth:
                result.add(match.codigo, truth[key])
    return result


def measure() -> list[tuple[str, str, Score]]:
    """(corpus, POA, score) rows."""
    rows = []
    if EXTERNAL.exists():
        external = _external_cases()
        for name in ("poa_unidad.xlsx", "poa_unidad.csv"):
            rows.append(("externo", name, score(EXTERNAL / name, external)))
    samples = _sample_cases()
    for poa in SAMPLE_POAS:
        rows.append(("muestras", poa, score(SAMPLES / poa, samples)))
    return rows


def _pct(value: float) -> str:
    return f"{100 * value:.1f} %".replace(".", ",")


def section(rows: list[tuple[str, str, Score]]) -> str:
    """The Spanish section of BENCHMARKS.md."""
    lines = [START, "## Vinculación de funciones con el POA de la unidad", "",
             "Cada función se vincula con la operación que mejor le corresponde (o con ninguna); "
             "una función que nombra una actividad se vincula con la operación de esa actividad. "
             "«Bien vinculadas»: la operación es una de las aceptables, o ninguna cuando ninguna corresponde. "
             "Medido con `python benchmarks/poa_matching.py` (no depende de la velocidad de la máquina).", "",
             "| corpus | POA | funciones | bien vinculadas | precisión | exhaustividad |",
             "| --- | --- | ---: | ---: | ---: | ---: |"]
    for corpus, poa, result in rows:
        lines.append(f"| {corpus} | {poa} | {result.total} | {_pct(result.accuracy)} | {_pct(result.precision)} "
                     f"| {_pct(result.recall)} |")
    lines += ["", END]
    return "\n".join(lines)


def write(text: str, path: Path) -> None:
    """Replace (or append) the section in BENCHMARKS.md."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks de poai\n"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1]
        current = before + text + after
    else:
        current = current.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(current, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precisión y exhaustividad de la vinculación con el POA.")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--sin-escribir", action="store_true", help="solo muestra los resultados")
    args = parser.parse_args(argv)
    text = section(measure())
    print(text)
    if not args.sin_escribir:
        write(text, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
